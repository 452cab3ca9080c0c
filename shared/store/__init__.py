"""The durable, per-player store of the skill model."""

from shared.store.progress import ScenarioProgress
from shared.store.store import Store

__all__ = ["ScenarioProgress", "Store"]
