"""Workshops: the counsellor creates one and gets a short code to give the players.

Codes avoid letters and digits that look alike (0/O, 1/I/L), so a young person can copy
one from a whiteboard without a mistake.
"""

import secrets
from datetime import date

from shared.errors import StoreError
from shared.player import Workshop
from shared.store import Store
from skillmap.common import ActionError

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
ATTEMPTS = 20


def new_code(length: int = CODE_LENGTH) -> str:
    """A random code from the unambiguous alphabet (31**6: about 900 million codes)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def _check_date(text: str) -> str:
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise ActionError("error.invalid_date", date=text) from None


def create_workshop(
    store: Store, structure: str, counsellor: str, when: str | None = None
) -> Workshop:
    """Create and save a workshop with a fresh code (today if no date is given)."""
    if not structure.strip():
        raise ActionError("error.workshop_structure")
    if not counsellor.strip():
        raise ActionError("error.workshop_counsellor")
    day = _check_date(when) if when else date.today().isoformat()
    used = {w.code for w in store.workshops()}
    for _ in range(ATTEMPTS):
        code = new_code()
        if code in used:
            continue
        workshop = Workshop(
            code=code, structure=structure.strip(), counsellor=counsellor.strip(), date=day
        )
        try:
            return store.add_workshop(workshop)
        except StoreError:  # another counsellor took the same code a moment ago
            used.add(code)
    raise ActionError("error.workshop_code")


def list_workshops(store: Store, structure: str | None = None) -> list[Workshop]:
    """Workshops, most recent first, optionally of one structure."""
    wanted = (structure or "").strip().casefold()
    found = [w for w in store.workshops() if not wanted or w.structure.casefold() == wanted]
    return sorted(found, key=lambda w: (w.date, w.created), reverse=True)


def players_per_workshop(store: Store) -> dict[str, int]:
    """How many players joined each workshop (from the index)."""
    counts: dict[str, int] = {}
    for row in store.players():
        for code in row.get("workshops", []):
            counts[code] = counts.get(code, 0) + 1
    return counts
