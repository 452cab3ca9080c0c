"""The review queue: who has drafts waiting, per workshop, oldest first, with the counts a
counsellor plans the day with (« Lina : 2 à revoir, depuis le 12 nov. »)."""

from dataclasses import dataclass
from datetime import datetime

from shared.errors import DivaError
from shared.ledger import structure_key
from shared.player import workshop_code
from shared.store import Store


@dataclass
class Waiting:
    """One young person with drafts waiting."""

    player_id: str
    pseudonym: str
    structure: str
    workshop: str  # the latest workshop they joined ("" if none)
    drafts: int
    oldest: datetime
    oldest_title: str


def waiting(
    store: Store, workshop: str | None = None, structure: str | None = None
) -> list[Waiting]:
    """Everyone with drafts to review, grouped by workshop, the longest waiting first; a file
    that cannot be read is left out (the players list names it)."""
    code = workshop_code(workshop) if workshop else ""
    wanted = structure_key(structure or "")
    found: list[Waiting] = []
    for row in store.players():
        codes = row.get("workshops") or []
        if (
            code
            and code not in codes
            or wanted
            and structure_key(row.get("structure") or "") != wanted
        ):
            continue
        try:
            drafts = [e for e in store.experiences(row["id"]) if e.status in ("draft", "submitted")]
        except DivaError:
            continue
        if not drafts:
            continue
        first = min(drafts, key=lambda e: e.created)
        found.append(
            Waiting(row["id"], row["pseudonym"], row.get("structure") or "",
                    code or (codes[-1] if codes else ""), len(drafts), first.created, first.title)
        )  # fmt: skip
    return sorted(found, key=lambda w: (w.workshop == "", w.workshop, w.oldest))


def next_waiting(store: Store, after: str = "", workshop: str | None = None) -> Waiting | None:
    """Who to review next: the queue's first young person other than ``after``."""
    return next((w for w in waiting(store, workshop) if w.player_id != after), None)
