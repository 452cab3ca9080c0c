"""Every text the skill map shows is in both catalogues (French first, English second)."""

import json
import re
from pathlib import Path
from typing import get_args

from shared.badge import BadgeStatus
from shared.experience import ExperienceKind, ExperienceSource, ExperienceStatus
from skillmap.stats import METRICS

ROOT = Path(__file__).resolve().parents[2] / "skillmap"
MODULES = sorted(p for p in ROOT.glob("*.py"))
LITERAL = re.compile(r'(?:\bt|catalogue\(\w+\)|ActionError|NeedsConfirmation)\(\s*"([a-z0-9_.]+)"')


def _catalogue(lang: str) -> dict[str, str]:
    return json.loads((ROOT / "locales" / f"{lang}.json").read_text(encoding="utf-8"))


def _used_keys() -> set[str]:
    keys = set()
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        keys |= set(LITERAL.findall(text))
        keys |= set(re.findall(r'^\s+"((?:error|portfolio|badge|review|confirm)\.[a-z0-9_.]+)",$',
                               text, re.M))  # fmt: skip
    keys |= {f"kind.{k}" for k in get_args(ExperienceKind)}
    keys |= {f"status.experience.{s}" for s in get_args(ExperienceStatus)}
    keys |= {f"status.competency.{s}" for s in ("proposed", "confirmed", "rejected")}
    keys |= {f"status.badge.{s}" for s in get_args(BadgeStatus)}
    keys |= {f"source.{s}" for s in get_args(ExperienceSource)}
    keys |= {f"month.{m}" for m in range(1, 13)}
    keys |= {f"stats.{m}" for m in METRICS}
    keys |= {f"review.done.{a}" for a in ("confirm", "reject", "adjust", "reopen")}
    keys |= {f"cli.help.review.{a}" for a in ("confirm", "reject", "adjust", "reopen")}
    commands = ("players", "profile", "review", "experience", "badge", "export", "erase")
    keys |= {f"cli.help.{c}" for c in (*commands, "workshop", "stats")}
    return keys


def test_every_used_key_is_in_both_catalogues() -> None:
    used = _used_keys()
    assert len(used) > 150
    for lang in ("fr", "en"):
        missing = sorted(used - set(_catalogue(lang)))
        assert not missing, f"{lang}.json lacks {missing}"


def test_same_keys_and_placeholders_in_both() -> None:
    fr, en = _catalogue("fr"), _catalogue("en")
    assert set(fr) == set(en)
    for key, text in fr.items():
        wanted = set(re.findall(r"\{(\w+)\}", text))
        assert set(re.findall(r"\{(\w+)\}", en[key])) == wanted, key
