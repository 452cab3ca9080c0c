"""One workshop on a page: who played, what waits for review, what was confirmed, and the
group's map (how many young people have each competency confirmed, at which best level).
As text for the terminal and as a printable HTML page (0600, no e-mail, no note)."""

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from shared.errors import DivaError
from shared.i18n import Catalogue
from shared.player import Workshop
from shared.store import Store
from shared.store.storage import write_atomically
from skillmap.common import ActionError, competency_name, framework


@dataclass
class Member:
    pseudonym: str
    short_id: str
    drafts: int
    confirmed: int
    player_id: str = ""
    oldest_draft: str = ""  # ISO time of the oldest draft waiting ("" when none): the app sorts


@dataclass
class WorkshopPage:
    workshop: Workshop
    members: list[Member] = field(default_factory=list)
    group: dict[str, list[int]] = field(default_factory=dict)  # competency -> best levels
    skipped: list[str] = field(default_factory=list)


def gather(store: Store, code: str) -> WorkshopPage:
    """The workshop's young people (from the index) and their experiences."""
    try:
        workshop = store.workshop(code)
    except DivaError as error:
        raise ActionError("error.workshop_unknown", code=code.strip().upper()) from error
    page = WorkshopPage(workshop)
    for row in sorted(store.players(), key=lambda r: r["pseudonym"].casefold()):
        if workshop.code not in (row.get("workshops") or []):
            continue
        try:
            experiences = store.experiences(row["id"])
        except DivaError:
            page.skipped.append(row["id"])
            continue
        waiting = [e.created for e in experiences if e.status in ("draft", "submitted")]
        confirmed = [e for e in experiences if e.status == "confirmed"]
        oldest = min(waiting).isoformat() if waiting else ""
        page.members.append(
            Member(row["pseudonym"], row["id"][:6], len(waiting), len(confirmed), row["id"], oldest)
        )
        best: dict[str, int] = {}
        for experience in confirmed:
            for rated in experience.competencies:
                if rated.status == "confirmed":
                    best[rated.competency] = max(best.get(rated.competency, 0), rated.level)
        for competency_id, level in best.items():
            page.group.setdefault(competency_id, []).append(level)
    return page


def to_text(page: WorkshopPage, t: Catalogue) -> str:
    w = page.workshop
    lines = [t("workshop.page_title", code=w.code, structure=w.structure, date=w.date)]
    waiting = sum(m.drafts for m in page.members)
    lines.append(t("workshop.page_summary", n=len(page.members), waiting=waiting))
    for m in page.members:
        lines.append("  " + t("workshop.page_member", pseudonym=m.pseudonym, id=m.short_id,
                              drafts=m.drafts, confirmed=m.confirmed))  # fmt: skip
    lines += ["", t("workshop.page_group")]
    for competency in framework().competencies:
        levels = page.group.get(competency.id, [])
        name = competency_name(competency.id, t.lang)
        best = max(levels) if levels else 0
        lines.append(
            "  " + t("workshop.page_group_line", name=name, n=len(levels), best=best or "—")
        )
    return "\n".join(lines) + "\n"


def to_html(page: WorkshopPage, t: Catalogue) -> str:
    """A page to print (A4) for the group: bars for the map, no personal detail beyond the
    pseudonyms the young people chose."""
    w = page.workshop
    size = max(1, len(page.members))
    rows = []
    for competency in framework().competencies:
        levels = page.group.get(competency.id, [])
        share = round(100 * len(levels) / size)
        name = escape(competency_name(competency.id, t.lang))
        label = escape(t("workshop.page_bar", n=len(levels), total=len(page.members)))
        rows.append(
            f'<tr><th scope="row">{name}</th><td><span class="track">'
            f'<span class="bar" style="width:{share}%"></span></span> {label}</td></tr>'
        )
    members = "".join(
        f"<tr><td>{escape(m.pseudonym)}</td><td>{m.drafts}</td><td>{m.confirmed}</td></tr>"
        for m in page.members
    )
    title = escape(t("workshop.page_title", code=w.code, structure=w.structure, date=w.date))
    head = [
        escape(t(k)) for k in ("workshop.col_who", "workshop.col_waiting", "workshop.col_confirmed")
    ]
    return f"""<!doctype html>
<html lang="{t.lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }}
th, td {{ text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ccc; }}
th[scope="row"] {{ width: 45%; }}
.track {{ display: inline-block; width: 60%; height: .9rem; background: #e6ebf5;
  vertical-align: middle; }}
.bar {{ display: block; height: 100%; background: #2458d6;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
@page {{ size: A4; margin: 1.5cm; }}
</style></head><body>
<h1>{title}</h1>
<h2>{escape(t("workshop.page_group"))}</h2>
<table>{"".join(rows)}</table>
<h2>{escape(t("workshop.page_who"))}</h2>
<table><tr><th>{head[0]}</th><th>{head[1]}</th><th>{head[2]}</th></tr>{members}</table>
</body></html>
"""


def write_html(page: WorkshopPage, t: Catalogue, out: Path) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, to_html(page, t).encode("utf-8"))
    except OSError as exc:
        raise ActionError("error.write", path=str(out), detail=exc.strerror or "") from exc
    return out
