"""The player's portfolio: one self-contained HTML file (and a PNG of the map).

Only what the player agreed to share goes in: confirmed experiences in their own words,
confirmed competencies with level words, badge requests (with the verification link once
issued). Never the e-mail, a real name, the counsellor's notes, drafts or game evidence.
The HTML has no outside resource: it opens offline, prints on A4 and reads on a phone.
"""

import base64
import contextlib
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from importlib import resources
from pathlib import Path
from string import Template

from shared.badge import BadgeRequest, Endorsement
from shared.experience import Experience
from shared.hygiene import for_html
from shared.i18n import Catalogue
from shared.player import Player
from shared.profile import CompetencyProfile
from shared.store import Store
from shared.store.storage import write_atomically
from shared.text import localize
from skillmap.common import ActionError, catalogue, framework
from skillmap.look import (
    AVATAR_CROP,
    ICON_GRID,
    avatar_svg,
    badge_svg,
    competency_colors,
    icon_body,
    palette,
)
from skillmap.map_png import write_map_png
from skillmap.map_svg import map_svg

PENDING = ("queued", "sent", "failed")


@dataclass
class Portfolio:
    """What the portfolio shows, already filtered to what may be shared."""

    player: Player
    rows: list[CompetencyProfile]
    experiences: list[Experience]
    badges: list[BadgeRequest]
    exported: datetime
    images: dict[str, str] = field(default_factory=dict)  # request id -> the issuer's PNG, data URI
    # subject id (badge request or experience) -> the endorsements given for it (issue 9)
    endorsed: dict[str, list[Endorsement]] = field(default_factory=dict)


def gather(store: Store, player_id: str, consent: bool = False) -> Portfolio:
    """Read what may be shared; without the player's agreement, refuse (ActionError).

    ``consent=True`` records that the player has just agreed to share their portfolio.
    """
    player = store.player(player_id)
    if not player.consent.share_portfolio:
        if not consent:
            raise ActionError("error.portfolio_consent")
        player = store.give_consent(player_id, "share_portfolio")
    ids = [c.id for c in framework().competencies]
    profile = store.profile(player_id, ids)
    experiences = [e for e in store.experiences(player_id) if e.status == "confirmed"]
    badges = [b for b in store.badge_requests(player_id) if b.status in (*PENDING, "issued")]
    return Portfolio(
        player=player,
        rows=profile.competencies,
        experiences=sorted(experiences, key=lambda e: e.created),
        badges=badges,
        exported=datetime.now(UTC),
        images=_issued_images(store.root, badges),
        endorsed=_endorsed(store, player_id),
    )


def _endorsed(store: Store, player_id: str) -> dict[str, list[Endorsement]]:
    """Endorsements given (and not withdrawn), by what they endorse."""
    found: dict[str, list[Endorsement]] = {}
    for endorsement in store.endorsements(player_id):
        if endorsement.status == "given":
            found.setdefault(endorsement.subject_id, []).append(endorsement)
    return found


def _endorsements(given: list[Endorsement], t: Catalogue) -> str:
    """« Recommandé par Claire Martin — Tutrice, Boulangerie Martin » and their words."""
    parts = []
    for e in given:
        who = ", ".join(p for p in (e.endorser.role, e.endorser.organisation) if p.strip())
        line = t("portfolio.endorsed_by", name=e.endorser.name) + (f" — {who}" if who else "")
        quote = f"<blockquote>{escape(e.comment)}</blockquote>" if e.comment.strip() else ""
        parts.append(f'<div class="endorsed"><p><b>{escape(line)}</b></p>{quote}</div>')
    return "".join(parts)


def _issued_images(root: Path, badges: list[BadgeRequest]) -> dict[str, str]:
    """The baked images the issuer gave (saved by ``badge send``), inlined: the page stays
    one offline file. A missing or unreadable file falls back to DIVA's emblem."""
    images = {}
    for badge in badges:
        path = badge.answer.image_path if badge.answer else ""
        if badge.status != "issued" or not path.endswith(".png"):
            continue
        try:
            data = (root / path).read_bytes()
        except OSError:
            continue
        if data.startswith(b"\x89PNG"):
            images[badge.id] = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return images


def _icon(name: str, css: str = "ico") -> str:
    return (
        f'<svg class="{css}" viewBox="0 0 {ICON_GRID} {ICON_GRID}" aria-hidden="true" '
        f'focusable="false">{icon_body(name)}</svg>'
    )


def _dots(level: int | None, color: str, t: Catalogue) -> str:
    label = t("portfolio.dots", level=level or 0)
    marks = "".join(f'<i class="{"on" if level and k <= level else ""}"></i>' for k in (1, 2, 3, 4))
    return f'<span class="dots" style="--c:{color}" role="img" aria-label="{label}">{marks}</span>'


def _name(competency_id: str, lang: str) -> str:
    return localize(framework().competency(competency_id).name, lang)


def _count(n: int, t: Catalogue) -> str:
    return _plural("portfolio.experiences", n, t)


def _legend(rows: list[CompetencyProfile], t: Catalogue) -> str:
    colors = competency_colors()
    items = []
    for row in rows:
        level = row.confirmed_level
        word = framework().level_word(level, t.lang) if level else t("portfolio.not_yet")
        extra = f" · {_count(row.confirmed_experiences, t)}" if level else ""
        items.append(
            f'<li class="{"on" if level else "off"}">{_icon(row.competency)}'
            f'<span class="name">{escape(_name(row.competency, t.lang))}</span>'
            f"{_dots(level, colors.get(row.competency, '#888'), t)}"
            f'<span class="word">{escape(word)}{escape(extra)}</span></li>'
        )
    return "\n".join(items)


def _experience(
    experience: Experience, t: Catalogue, endorsed: dict[str, list[Endorsement]] | None = None
) -> str:
    colors = competency_colors()
    context = (experience.where, experience.with_whom, experience.when)  # où, avec qui, quand
    meta = " · ".join(escape(p) for p in context if p.strip())
    words = experience.own_words.strip()
    quote = f"<blockquote>{escape(words)}</blockquote>" if words else ""
    activities = "".join(f"<li>{escape(a)}</li>" for a in experience.activities if a.strip())
    skills = "".join(
        f'<li style="--c:{colors.get(c.competency, "#888")}">{_icon(c.competency, "ico small")}'
        f"<span><b>{escape(_name(c.competency, t.lang))}</b> · "
        f"{escape(framework().level_word(c.level, t.lang))}</span></li>"
        for c in experience.competencies
        if c.status == "confirmed"
    )
    return (
        f'<article class="card"><span class="chip">{escape(t(f"kind.{experience.kind}"))}</span>'
        f"<h3>{escape(experience.title)}</h3>"
        + (f'<p class="meta">{meta}</p>' if meta else "")
        + quote
        + (f'<ul class="activities">{activities}</ul>' if activities else "")
        + (
            f'<ul class="skills" aria-label="{t("portfolio.skills_of")}">{skills}</ul>'
            if skills
            else ""
        )
        + _endorsements((endorsed or {}).get(experience.id, []), t)
        + "</article>"
    )


def _recognised(rows: list[CompetencyProfile], t: Catalogue) -> str:
    colors = competency_colors()
    items = []
    for row in rows:
        if not row.confirmed_level:
            continue
        comp = framework().competency(row.competency)
        items.append(
            f'<li style="--c:{colors.get(row.competency, "#888")}">{_icon(row.competency)}'
            f"<h3>{escape(localize(comp.name, t.lang))}</h3>"
            f'<p class="level">{escape(framework().level_word(row.confirmed_level, t.lang))}'
            f" · {escape(_count(row.confirmed_experiences, t))}</p>"
            f'<p class="what">{escape(comp.descriptor(row.confirmed_level, t.lang))}</p></li>'
        )
    if not items:
        return f'<p class="empty">{escape(t("portfolio.skills_empty"))}</p>'
    return '<ul class="recognised">' + "".join(items) + "</ul>"


def _unique_ids(svg: str, suffix: str) -> str:
    """Several inline SVGs in one page must not share gradient ids."""
    for name in set(re.findall(r'id="([^"]+)"', svg)):
        svg = svg.replace(f'id="{name}"', f'id="{name}-{suffix}"')
        svg = svg.replace(f"url(#{name})", f"url(#{name}-{suffix})")
    return svg


def _emblem(competency_id: str, level: int, css: str, suffix: str) -> str:
    """DIVA's badge emblem, or the competency's icon for a competency it cannot draw."""
    try:
        svg = badge_svg(competency_id, level)
    except (ValueError, OSError):
        return _icon(competency_id, css)
    svg = svg.replace("<svg ", f'<svg class="{css}" aria-hidden="true" focusable="false" ', 1)
    return _unique_ids(svg, suffix)


def _avatar(player: Player) -> str:
    """The avatar the player made in the game (a drawing, not a photo), or a star."""
    try:
        svg = avatar_svg(player.avatar, "happy")
    except (ValueError, KeyError, OSError):
        return _icon("star", "emblem")
    size = re.compile(r'viewBox="[^"]*" width="\d+" height="\d+"')
    svg = size.sub(f'viewBox="{AVATAR_CROP}"', svg, count=1)
    svg = svg.replace("<svg ", '<svg class="avatar" aria-hidden="true" focusable="false" ', 1)
    return '<div class="avatar-frame">' + _unique_ids(svg, "avatar") + "</div>"


def _safe_link(url: str) -> str:
    return url if url.startswith(("https://", "http://")) else ""


def _status(badge: BadgeRequest, t: Catalogue) -> str:
    if badge.answer is not None and badge.answer.revoked:
        return f'<p class="status revoked">{escape(t("portfolio.badge_revoked"))}</p>'
    if badge.status == "issued":
        return f'<p class="status issued">{escape(t("portfolio.badge_issued"))}</p>'
    return f'<p class="status pending">{escape(t("portfolio.badge_pending"))}</p>'


def _picture(badge: BadgeRequest, images: dict[str, str], n: int) -> str:
    if badge.id in images:
        return f'<img class="emblem-small" src="{images[badge.id]}" alt="">'
    return _emblem(badge.competency, badge.level, "emblem-small", f"b{n}")


def _badges(
    badges: list[BadgeRequest],
    t: Catalogue,
    images: dict[str, str] | None = None,
    endorsed: dict[str, list[Endorsement]] | None = None,
) -> str:
    if not badges:
        return f'<p class="empty">{escape(t("portfolio.badges_empty"))}</p>'
    items = []
    for n, badge in enumerate(badges):
        link = _safe_link(badge.answer.assertion_url) if badge.answer else ""
        issued = badge.status == "issued"
        status = _status(badge, t)
        verify = (
            f'<p><a href="{escape(link)}">{escape(t("portfolio.badge_verify"))}</a></p>'
            if issued and link
            else ""
        )
        items.append(
            f"<li>{_picture(badge, images or {}, n)}<div>"
            f"<h3>{escape(_name(badge.competency, t.lang))}</h3>"
            f"<p>{escape(framework().level_word(badge.level, t.lang))}</p>"
            f"{status}{verify}{_endorsements((endorsed or {}).get(badge.id, []), t)}</div></li>"
        )
    return '<ul class="badges">' + "".join(items) + "</ul>"


def _date(moment: datetime, t: Catalogue) -> str:
    return t(
        "portfolio.date",
        day=moment.day,
        month=t(f"month.{moment.month}"),
        year=moment.year,
    )


def _plural(key: str, n: int, t: Catalogue) -> str:
    """French counts 0 and 1 as singular ("0 badge"), English only 1."""
    one = n < 2 if t.lang == "fr" else n == 1
    return t(f"{key}.one" if one else f"{key}.many", n=n)


def _summary(portfolio: Portfolio, t: Catalogue) -> str:
    """Three figures a reader sees first: experiences, competencies, badges."""
    recognised = sum(1 for r in portfolio.rows if r.confirmed_level)
    issued = sum(
        1
        for b in portfolio.badges
        if b.status == "issued" and not (b.answer is not None and b.answer.revoked)
    )
    counts = (
        ("portfolio.summary.experiences", len(portfolio.experiences)),
        ("portfolio.summary.competencies", recognised),
        ("portfolio.summary.badges", issued),
    )  # a zero is left out: the page shows what was achieved, never what is missing
    return "".join(f"<span>{escape(_plural(k, n, t))}</span>" for k, n in counts if n)


def _css_vars() -> str:
    return "\n".join(f"  --{name}: {value};" for name, value in palette().items())


def map_description(rows: list[CompetencyProfile], t: Catalogue) -> str:
    """The map in words (for screen readers): each confirmed competency and its level."""
    parts = [
        t(
            "portfolio.map_item",
            competency=_name(r.competency, t.lang),
            level=framework().level_word(r.confirmed_level, t.lang),
        )
        for r in rows
        if r.confirmed_level
    ]
    return "; ".join(parts) if parts else t("portfolio.skills_empty")


def render(portfolio: Portfolio, t: Catalogue) -> str:
    """The portfolio page as one HTML string."""
    rows = portfolio.rows
    order = [r.competency for r in rows]
    levels = {r.competency: r.confirmed_level for r in rows}
    experiences = "\n".join(
        _experience(e, t, portfolio.endorsed) for e in portfolio.experiences
    ) or (f'<p class="empty">{escape(t("portfolio.experiences_empty"))}</p>')
    template = resources.files("skillmap").joinpath("templates", "portfolio.html")
    pseudonym = portfolio.player.pseudonym
    return Template(template.read_text(encoding="utf-8")).substitute(
        lang=escape(t.lang),
        page_title=escape(t("portfolio.page_title", pseudonym=pseudonym)),
        css_vars=_css_vars(),
        emblem=_avatar(portfolio.player),
        kicker=escape(t("portfolio.kicker")),
        summary=_summary(portfolio, t),
        pseudonym=escape(pseudonym),
        exported=escape(t("portfolio.exported", date=_date(portfolio.exported, t))),
        map_heading=escape(t("portfolio.map_heading")),
        map_lead=escape(t("portfolio.map_lead")),
        map_svg=map_svg(order, levels, None, t("portfolio.map_title"), map_description(rows, t)),
        legend=_legend(rows, t),
        experiences_heading=escape(t("portfolio.experiences_heading")),
        experiences_lead=escape(t("portfolio.experiences_lead")),
        experiences=experiences,
        skills_heading=escape(t("portfolio.skills_heading")),
        skills_lead=escape(t("portfolio.skills_lead")),
        skills=_recognised(rows, t),
        badges_heading=escape(t("portfolio.badges_heading")),
        badges_lead=escape(t("portfolio.badges_lead")),
        badges=_badges(portfolio.badges, t, portfolio.images, portfolio.endorsed),
        footer_method=escape(t("portfolio.footer_method")),
        footer_framework=escape(
            t("portfolio.footer_framework", framework=localize(framework().name, t.lang))
        ),
    )


def portfolio_html(store: Store, player_id: str, lang: str = "fr", consent: bool = False) -> str:
    """The page, without the characters no page should hold (NUL, terminal escapes)."""
    return for_html(render(gather(store, player_id, consent), catalogue(lang)))


def export_portfolio(
    store: Store,
    player_id: str,
    out: Path,
    lang: str = "fr",
    consent: bool = False,
    png: bool = True,
) -> list[Path]:
    """Write the HTML to ``out`` and the map to ``out`` with a .png suffix; return both paths.

    Both are readable by their owner only (0600, like every export and data file): on a shared
    workshop PC nobody else reads them. Copied to the young person's USB key or mailed, the
    copy takes the rights of where it lands (see docs/guide-conseiller.md).
    """
    portfolio = gather(store, player_id, consent)
    t = catalogue(lang)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, for_html(render(portfolio, t)).encode("utf-8"))
    except OSError as exc:
        raise ActionError("error.write", path=str(out), detail=exc.strerror or str(exc)) from exc
    written = [out]
    if png:
        image = out.with_suffix(".png")
        with contextlib.suppress(OSError):  # created 0600 first: never readable by others
            os.close(os.open(image, os.O_WRONLY | os.O_CREAT, 0o600))
            image.chmod(0o600)
        image = write_map_png(portfolio, t, image)
        with contextlib.suppress(OSError):
            image.chmod(0o600)
        written.append(image)
    return written
