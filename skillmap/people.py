"""Finding players: resolve PLAYER (id or unique pseudonym), list and filter, load a page.

Everything here reads the store's light index first: listing 600 players must not open
600 player files. "New" means the game wrote something since a counsellor last reviewed
that player; the review marks are kept by the store (``reviews.json``), erased with the player.
"""

from dataclasses import dataclass, field
from typing import Any

from shared.badge import BadgeRequest
from shared.evidence import Evidence
from shared.experience import Experience
from shared.player import Player
from shared.profile import SkillProfile
from shared.store import ScenarioProgress, Store
from skillmap.common import ActionError, framework


def resolve(store: Store, text: str) -> dict[str, Any]:
    """The index row of PLAYER, given as an id or a pseudonym (case-insensitive).

    Raises ActionError when nobody matches, or when a pseudonym is shared (the message lists
    the ids, so the counsellor can pick one).
    """
    wanted = text.strip()
    if not wanted:
        raise ActionError("error.player_empty")
    rows = store.find_players(wanted)
    if not rows and len(wanted) >= 4:  # the start of an id, as the ambiguity message shows it
        rows = [r for r in store.players() if r["id"].startswith(wanted.lower())]
    if not rows:
        raise ActionError("error.player_unknown", player=wanted)
    if len(rows) > 1:
        size = short_id_length([r["id"] for r in store.players()])
        choices = ", ".join(f"{r['id'][:size]} ({r['structure'] or '-'})" for r in rows)
        raise ActionError("error.player_ambiguous", player=wanted, choices=choices)
    return rows[0]


def short_id_length(ids: list[str], least: int = 6) -> int:
    """How many first characters of an id tell every player of the folder apart (6 at least):
    « 3f2a91 », not a 32-character id, to tell two Lina apart."""
    size = least
    while size < 32 and len({i[:size] for i in ids}) < len(set(ids)):
        size += 1
    return size


def resolve_id(store: Store, text: str) -> str:
    return resolve(store, text)["id"]


def review_marks(store: Store, by: str = "") -> dict[str, str]:
    """When each player was last reviewed by ``by`` (ISO time), by player id."""
    return store.review_marks(by)


def mark_reviewed(store: Store, player_id: str, by: str) -> None:
    """Remember that counsellor ``by`` just reviewed this player (acted on it: opening a page
    is not reviewing). Without a name nothing is marked: a mark without « by » counts for every
    counsellor (as older versions wrote it), so an unnamed actor would clear everyone's
    « nouveau »."""
    if by.strip():
        store.mark_reviewed(player_id, by.strip())


def list_players(
    store: Store,
    structure: str | None = None,
    workshop: str | None = None,
    search: str | None = None,
    only_new: bool = False,
    counsellor: str = "",
) -> list[dict[str, Any]]:
    """Index rows, filtered, each with ``reviewed`` (ISO time or "") and ``new`` (bool), new
    for ``counsellor``: what changed since they last reviewed it."""
    marks = review_marks(store, counsellor)
    wanted_structure = (structure or "").strip().casefold()
    wanted_workshop = (workshop or "").strip().upper()
    wanted_text = (search or "").strip().casefold()
    rows = []
    for row in store.players():
        if wanted_structure and row.get("structure", "").casefold() != wanted_structure:
            continue
        if wanted_workshop and wanted_workshop not in row.get("workshops", []):
            continue
        if wanted_text and wanted_text not in row["pseudonym"].casefold():
            continue
        reviewed = marks.get(row["id"], "")
        new = not reviewed or row.get("updated", "") > reviewed
        if only_new and not new:
            continue
        rows.append({**row, "reviewed": reviewed, "new": new})
    return rows


def damaged_rows(store: Store) -> list[dict[str, Any]]:
    """Player files that cannot be read, so the list names them (« fichier abîmé »).

    The store finds them when it opens (files the index does not hold yet); a damaged file
    must not hide behind the list: the counsellor is told which file to restore.
    """
    return [{"id": p.stem, "damaged": True, "file": str(p)} for p in store.damaged_players()]


def structures(store: Store) -> list[str]:
    """Every structure named in the index, for the app's filter."""
    return sorted({r["structure"] for r in store.players() if r.get("structure")})


@dataclass
class PlayerPage:
    """Everything the player's page shows, read in one go."""

    player: Player
    profile: SkillProfile
    evidence: list[Evidence]
    experiences: list[Experience]
    badge_requests: list[BadgeRequest] = field(default_factory=list)
    progress: dict[str, ScenarioProgress] = field(default_factory=dict)

    def drafts(self) -> list[Experience]:
        return [e for e in self.experiences if e.status in ("draft", "submitted")]


def player_page(store: Store, player_id: str) -> PlayerPage:
    """The player, their profile, game evidence, experiences, badge requests and progress."""
    ids = [c.id for c in framework().competencies]
    return PlayerPage(
        player=store.player(player_id),
        profile=store.profile(player_id, ids),
        evidence=store.evidence(player_id),
        experiences=store.experiences(player_id),
        badge_requests=store.badge_requests(player_id),
        progress=store.progress(player_id),
    )
