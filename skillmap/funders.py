"""The figures a funder asks for, from the anonymous record (``shared.ledger``): people
reached, workshops, experiences confirmed, badges issued and endorsed, in all and by month,
per structure (case, spaces and accents do not split one) and per workshop.

The record is only ever added to, and holds no pseudonym nor id: erasing young people does
not change the past figures. The skill map adds its events where they happen (``note``);
the game's (a person reached, a workshop joined) are added by the store.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shared import ledger
from shared.errors import DivaError
from shared.hygiene import csv_cell
from shared.i18n import Catalogue
from shared.player import workshop_code
from shared.store import Store
from skillmap.stats import BOM, FrenchSpreadsheet, Period

METRICS = ("people", "workshops", "experiences_confirmed", "badges_issued", "badges_endorsed")
EVENT_METRIC = {
    "person_reached": "people",
    "experience_confirmed": "experiences_confirmed",
    "badge_issued": "badges_issued",
    "badge_endorsed": "badges_endorsed",
}


def _where(store: Store, player_id: str) -> tuple[str, str]:
    """(structure, last workshop) of a player, from the index (no personal field kept)."""
    row = next((r for r in store.players() if r["id"] == player_id), {})
    codes = row.get("workshops") or []
    return str(row.get("structure") or ""), str(codes[-1] if codes else "")


def note(store: Store, kind: str, player_id: str, competency: str = "", level: int = 0) -> None:
    """Add one event for this player's structure and workshop; the person is not named."""
    structure, workshop = _where(store, player_id)
    ledger.append(store.root, [ledger.event(kind, structure, workshop, competency, level)])


def note_badges(store: Store, kind: str, player_id: str, badges: list[tuple[str, int]]) -> None:
    """One event per (competency, level) of this player, in one append (one lock, one fsync)."""
    if not badges:
        return
    structure, workshop = _where(store, player_id)
    events = [ledger.event(kind, structure, workshop, c, level) for c, level in badges]
    ledger.append(store.root, events)


def _seed_lines(store: Store) -> tuple[list[dict[str, Any]], list[str]]:
    """What the folder holds, as events (the record's start on a folder counted before it)."""
    lines: list[dict[str, Any]] = []
    skipped: list[str] = []
    for row in store.players():
        try:
            player = store.player(row["id"])
            experiences = store.experiences(row["id"])
            requests = store.badge_requests(row["id"])
            endorsements = store.endorsements(row["id"])
        except DivaError as error:
            skipped.append(str(error.values.get("path") or store.player_file(row["id"]).path))
            continue
        first = player.workshops[0] if player.workshops else ""
        lines.append(ledger.event("person_reached", player.structure, first, at=player.created))
        for code in player.workshops:
            lines.append(ledger.event("workshop_joined", player.structure, code, at=player.created))
        for experience in experiences:
            if experience.status == "confirmed":
                stamps = [h.at for h in experience.history if h.action == "status:confirmed"]
                at = max(stamps) if stamps else experience.created
                lines.append(ledger.event("experience_confirmed", player.structure, first, at=at))
        for request in requests:
            if request.status == "issued":
                issued = ledger.event(
                    "badge_issued", player.structure, first, request.competency, request.level,
                    at=request.created,
                )  # fmt: skip
                lines.append(issued)
        for endorsement in endorsements:
            if endorsement.status == "given" and endorsement.subject_kind == "badge":
                given = ledger.event(
                    "badge_endorsed", player.structure, first, at=endorsement.created
                )
                lines.append(given)
    return lines, skipped


@dataclass
class Figures:
    totals: Counter[str] = field(default_factory=Counter)
    months: dict[str, Counter[str]] = field(default_factory=dict)
    structures: dict[str, Counter[str]] = field(default_factory=dict)
    workshops: dict[str, Counter[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def full(c: Counter[str]) -> dict[str, int]:
            return {m: c.get(m, 0) for m in METRICS}

        return {
            "totals": full(self.totals),
            "months": {k: full(v) for k, v in sorted(self.months.items())},
            "structures": {k: full(v) for k, v in sorted(self.structures.items())},
            "workshops": {k: full(v) for k, v in sorted(self.workshops.items())},
            "skipped": self.skipped,
        }


def figures(
    store: Store,
    structure: str | None = None,
    workshop: str | None = None,
    period: Period | None = None,
) -> Figures:
    """The counts, from the record (written first from the folder if it never was)."""
    reading = ledger.read(store.root)
    skipped: list[str] = []
    if not reading.seeded:
        lines, skipped = _seed_lines(store)
        ledger.seed(store.root, lines)
        reading = ledger.read(store.root)
    period = period or Period()
    wanted_structure = ledger.structure_key(structure or "")
    wanted_workshop = workshop_code(workshop) if workshop else ""
    result = Figures(skipped=[*skipped, *reading.skipped])
    names: dict[str, Counter[str]] = {}  # key -> the spellings seen, the commonest shown
    seen_workshops: set[str] = set()
    for line in reading.events:
        key = ledger.structure_key(str(line.get("structure", "")))
        code = str(line.get("workshop", ""))
        if wanted_structure and key != wanted_structure:
            continue
        if wanted_workshop and code != wanted_workshop:
            continue
        if not period.holds(line["at"]):
            continue
        names.setdefault(key, Counter())[str(line.get("structure", "")).strip()] += 1
        metric = EVENT_METRIC.get(line["event"])
        bumps = Counter({metric: 1} if metric else {})
        if line["event"] == "workshop_joined" and code and code not in seen_workshops:
            seen_workshops.add(code)
            bumps["workshops"] = 1
        result.totals.update(bumps)
        result.months.setdefault(line["at"][:7], Counter()).update(bumps)
        result.structures.setdefault(key, Counter()).update(bumps)
        if code:
            result.workshops.setdefault(code, Counter()).update(bumps)
    result.structures = {
        names[key].most_common(1)[0][0] if names.get(key) else "": counts
        for key, counts in result.structures.items()
    }
    return result


def to_csv(result: Figures, t: Catalogue) -> str:
    """One table for a French spreadsheet: total, each month, each structure, each workshop."""
    out = io.StringIO()
    writer = csv.writer(out, dialect=FrenchSpreadsheet)

    def row(cells: Sequence[object]) -> None:
        writer.writerow([csv_cell(c) for c in cells])

    row([t("stats.col.scope"), t("stats.col.name")] + [t(f"funders.{m}") for m in METRICS])
    data = result.as_dict()
    row([t("stats.scope.total"), ""] + [data["totals"][m] for m in METRICS])
    for scope, key in (("month", "months"), ("structure", "structures"), ("workshop", "workshops")):
        for name, counts in data[key].items():
            label = name or t("stats.no_structure")
            row([t(f"funders.scope.{scope}"), label] + [counts[m] for m in METRICS])
    return BOM + out.getvalue()


def to_text(result: Figures, t: Catalogue) -> str:
    data = result.as_dict()
    lines = [t("funders.title")]
    lines += [f"  {t(f'funders.{m}')} : {data['totals'][m]}" for m in METRICS]
    if data["months"]:
        lines += ["", t("funders.by_month")]
        for month, counts in data["months"].items():
            figures_ = ", ".join(f"{t(f'funders.{m}')} {counts[m]}" for m in METRICS)
            lines.append(f"  {month} : {figures_}")
    if data["structures"]:
        lines += ["", t("funders.by_structure")]
        for name, counts in data["structures"].items():
            figures_ = ", ".join(f"{t(f'funders.{m}')} {counts[m]}" for m in METRICS)
            lines.append(f"  {name or t('stats.no_structure')} : {figures_}")
    return "\n".join(lines) + "\n"
