"""Statistics for the structure and its funders: counts only, never a name or an id.

People reached, scenarios played and finished, experiences confirmed, badge requests and
badges issued, per structure and per competency (the way the pilot reported: 586 people,
8 structures, 235 badges). Records are read raw, without building models, so a data folder
of 600 players and 50,000 evidence is counted in about a second.
"""

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from shared import SCHEMA_VERSION
from shared.errors import StoreError
from shared.hygiene import csv_cell
from shared.i18n import Catalogue
from shared.ledger import structure_key
from shared.player import workshop_code
from shared.store import Store
from skillmap.common import competency_name, framework

METRICS = (
    "people",
    "scenarios_played",
    "scenarios_finished",
    "experiences_confirmed",
    "badge_requests",
    "badges_issued",
)


@dataclass
class Period:
    """Inclusive ISO dates (YYYY-MM-DD); empty means open-ended."""

    start: str = ""
    end: str = ""

    def holds(self, stamp: str) -> bool:
        day = stamp[:10]
        return (not self.start or day >= self.start) and (not self.end or day <= self.end)


@dataclass
class Stats:
    totals: Counter[str] = field(default_factory=Counter)
    structures: dict[str, Counter[str]] = field(default_factory=dict)
    competencies: dict[str, Counter[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # damaged or newer files, named

    def as_dict(self) -> dict[str, Any]:
        def full(c: Counter[str]) -> dict[str, int]:
            return {m: c.get(m, 0) for m in METRICS}

        return {
            "totals": {**full(self.totals), "structures": len(self.structures)},
            "structures": {k: full(v) for k, v in sorted(self.structures.items())},
            "competencies": {k: full(v) for k, v in self.competencies.items()},
        }


def _check_versions(tables: dict[str, list[dict[str, Any]]], path: object) -> None:
    """A record a newer DIVA wrote may mean other things: named and skipped, not guessed."""
    for rows in tables.values():
        for row in rows:
            version = row.get("schema_version", SCHEMA_VERSION)
            if isinstance(version, int) and version > SCHEMA_VERSION:
                raise StoreError(f"{path}: written by a newer DIVA (v{version})", "store.newer",
                                 path=f"{path} (v{version})")  # fmt: skip


def _confirmed_at(experience: dict[str, Any]) -> str:
    """When the experience was (last) confirmed, from its history."""
    stamps = [h["at"] for h in experience.get("history", []) if h["action"] == "status:confirmed"]
    return max(stamps) if stamps else str(experience.get("created", ""))


def _count_player(tables: dict[str, list[dict[str, Any]]], period: Period) -> tuple[Counter, dict]:
    """One player's counts, and per competency, within the period."""
    mine: Counter[str] = Counter()
    per: dict[str, Counter[str]] = {}
    for progress in tables["progress"]:
        if period.holds(str(progress.get("updated", ""))):
            mine["scenarios_played"] += 1
            mine["scenarios_finished"] += progress.get("status") == "done"
    for exp in tables["experiences"]:
        if exp.get("status") == "confirmed" and period.holds(_confirmed_at(exp)):
            mine["experiences_confirmed"] += 1
            for rated in exp.get("competencies", []):
                if rated.get("status") == "confirmed":
                    per.setdefault(rated["competency"], Counter())["experiences_confirmed"] += 1
    for request in tables["badge_requests"]:
        if request.get("status") != "draft" and period.holds(str(request.get("created", ""))):
            issued = int(request.get("status") == "issued")
            mine["badge_requests"] += 1
            mine["badges_issued"] += issued
            counter = per.setdefault(request["competency"], Counter())
            counter["badge_requests"] += 1
            counter["badges_issued"] += issued
    return mine, per


def _reached(tables: dict[str, list[dict[str, Any]]], counts: Counter, period: Period) -> bool:
    """Reached in the period: joined then, or did anything that is counted then."""
    created = str(tables["player"][0].get("created", "")) if tables["player"] else ""
    return period.holds(created) or any(counts.values())


def compute(
    store: Store,
    structure: str | None = None,
    period: Period | None = None,
    workshop: str | None = None,
) -> Stats:
    """Counts for every player (or one structure's, or one workshop's) within the period.

    Structures are grouped by ``shared.ledger.structure_key`` (« Mission Locale » and
    « mission locale » are one), shown with their commonest spelling. A damaged player file,
    or one a newer DIVA wrote, is named in ``skipped`` and left out: the others are counted."""
    period = period or Period()
    wanted = structure_key(structure or "")
    code = workshop_code(workshop) if workshop else ""
    stats = Stats(competencies={c.id: Counter() for c in framework().competencies})
    spellings: dict[str, Counter[str]] = {}
    for row in store.players():
        key = structure_key(str(row.get("structure") or ""))
        if wanted and key != wanted or code and code not in (row.get("workshops") or []):
            continue
        file = store.player_file(row["id"])
        names = ("player", "progress", "experiences", "badge_requests")
        try:
            with file.session() as db:
                tables = {name: [dict(r) for r in db.table(name).all()] for name in names}
            _check_versions(tables, file.path)
            counts, per = _count_player(tables, period)
            reached = _reached(tables, counts, period)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            stats.skipped.append(f"{file.path}: {type(exc).__name__}")
            continue
        except StoreError as exc:
            stats.skipped.append(str(exc.values.get("path") or file.path))
            continue
        if not reached:
            continue
        counts["people"] = 1
        stats.totals.update(counts)
        spellings.setdefault(key, Counter())[str(row.get("structure") or "").strip()] += 1
        stats.structures.setdefault(key, Counter()).update(counts)
        for competency_id, counter in per.items():
            target = stats.competencies.setdefault(competency_id, Counter())
            target.update(counter)
            target["people"] += 1
    stats.structures = {
        spellings[key].most_common(1)[0][0] if key in spellings else "": counts
        for key, counts in stats.structures.items()
    }
    return stats


class FrenchSpreadsheet(csv.excel):
    """What a French Excel or LibreOffice opens with a double click: ``;`` between cells
    (the comma is the decimal mark), one line per row."""

    delimiter = ";"
    lineterminator = "\n"


BOM = "\ufeff"  # tells Excel the file is UTF-8 (« Mission Locale de Lens », not « Ã© »)


def to_csv(stats: Stats, t: Catalogue) -> str:
    """One table: a total line, one line per structure, one per competency.

    A structure's name is typed by a person: a name such as ``=HYPERLINK(...)`` or
    ``=cmd|' /C calc'!A0`` is written with a leading apostrophe, so the spreadsheet shows it
    and never runs it (``shared.hygiene.csv_cell``).
    """
    out = io.StringIO()
    writer = csv.writer(out, dialect=FrenchSpreadsheet)

    def row(cells: Sequence[object]) -> None:
        writer.writerow([csv_cell(c) for c in cells])

    row([t("stats.col.scope"), t("stats.col.name")] + [t(f"stats.{m}") for m in METRICS])
    data = stats.as_dict()
    row([t("stats.scope.total"), ""] + [data["totals"][m] for m in METRICS])
    for name, counts in data["structures"].items():
        label = name or t("stats.no_structure")
        row([t("stats.scope.structure"), label] + [counts[m] for m in METRICS])
    for competency_id, counts in data["competencies"].items():
        label = competency_name(competency_id, t.lang)
        row([t("stats.scope.competency"), label] + [counts[m] for m in METRICS])
    return BOM + out.getvalue()


def to_text(stats: Stats, t: Catalogue) -> str:
    """The same figures for a person to read."""
    data = stats.as_dict()
    lines = [t("stats.title")]
    totals = data["totals"]
    lines.append(t("stats.structures", n=totals["structures"]))
    lines += [f"  {t(f'stats.{m}')} : {totals[m]}" for m in METRICS]
    for name, row in data["structures"].items():
        lines.append("")
        lines.append(t("stats.structure_title", name=name or t("stats.no_structure")))
        lines += [f"  {t(f'stats.{m}')} : {row[m]}" for m in METRICS]
    lines.append("")
    lines.append(t("stats.competency_title"))
    for competency_id, row in data["competencies"].items():
        figures = ", ".join(f"{t(f'stats.{m}')} {row[m]}" for m in METRICS[3:])
        lines.append(f"  {competency_name(competency_id, t.lang)} : {figures}")
    return "\n".join(lines) + "\n"
