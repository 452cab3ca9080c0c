"""How the CLI prints players, profiles, experiences and badges for a person to read."""

from typing import Any, TextIO

from shared.badge import BadgeRequest
from shared.experience import Experience
from shared.hygiene import for_terminal, shorten
from shared.i18n import Catalogue
from skillmap.app import scenario_titles
from skillmap.badges import BadgeOption
from skillmap.common import competency_name, framework
from skillmap.people import PlayerPage
from skillmap.review import duplicates


def _word(level: int | None, t: Catalogue) -> str:
    return framework().level_word(level, t.lang) if level else t("profile.none")


class TerminalSafe:
    """A text stream that writes control and bidi characters as ``\\uXXXX``.

    Titles, words, structures and pseudonyms come from people and from files: an ANSI or OSC
    sequence in them must be shown, never obeyed by the counsellor's terminal. The stand-in is
    valid inside a JSON string, so ``--json`` output stays parseable.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(for_terminal(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


# The widest a column of ``players`` gets: one 100,000-character structure must not pad
# every line; the id, last, is always whole (scripts read it).
COLUMN_WIDTHS = (1, 40, 40, 30)


def print_players(
    rows: list[dict[str, Any]], t: Catalogue, damaged: list[dict[str, Any]] | None = None
) -> None:
    damaged = damaged or []
    if not rows and not damaged:
        print(t("players.none"))
        return
    table: list[tuple[str, ...]] = [
        (
            t("players.new_mark") if row["new"] else " ",
            row["pseudonym"],
            row.get("structure") or "-",
            ",".join(row.get("workshops", [])) or "-",
        )
        for row in rows
    ]
    table = [
        tuple(shorten(c, w) for c, w in zip(line, COLUMN_WIDTHS, strict=True)) for line in table
    ]
    widths = [max(len(line[i]) for line in table) for i in range(4)] if table else []
    for line, row in zip(table, rows, strict=True):  # columns aligned; the id last, whole
        print(
            "  ".join([*(cell.ljust(w) for cell, w in zip(line, widths, strict=True)), row["id"]])
        )
    for row in damaged:
        print(t("players.damaged", path=row["file"]))
    print(t("players.count", n=len(rows), new=sum(1 for r in rows if r["new"])))


def _competencies(experience: Experience, t: Catalogue) -> str:
    return "; ".join(
        t(
            "review.competency",
            name=competency_name(c.competency, t.lang),
            id=c.competency,
            level=c.level,
            word=framework().level_word(c.level, t.lang),
            status=t(f"status.competency.{c.status}"),
        )
        for c in experience.competencies
    )


def _scenario_title(scenario_id: str, t: Catalogue) -> str:
    """A scenario by its title in words (« Le club de foot »), its id only if not installed."""

    return scenario_titles(t.lang).get(scenario_id, scenario_id)


def print_experiences(
    everything: list[Experience], shown: list[Experience], t: Catalogue, empty_key: str
) -> None:
    """``shown`` experiences, numbered by their rank in ``everything`` (what commands accept)."""
    if not shown:
        print(t(empty_key))
        return
    rank = {e.id: n for n, e in enumerate(everything, start=1)}
    twins = duplicates(everything)
    for experience in shown:
        print(
            t(
                "review.line",
                n=rank[experience.id],
                id=experience.id[:8],
                title=experience.title,
                status=t(f"status.experience.{experience.status}"),
                source=t(f"source.{experience.source}"),
            )
        )
        if experience.id in twins:
            print("    " + t("review.duplicate", n=rank[twins[experience.id]]))
        if experience.scenario_id:
            title = _scenario_title(experience.scenario_id, t)
            print("    " + t("review.from_scenario", title=title))
        if experience.own_words.strip():
            print("    " + t("review.words", words=experience.own_words.strip()))
        context = (experience.where, experience.with_whom, experience.when)
        details = [p for p in context if p.strip()]
        if details:
            print("    " + " · ".join(details))
        if experience.competencies:
            print("    " + _competencies(experience, t))


def print_profile(page: PlayerPage, t: Catalogue) -> None:
    player = page.player
    codes = ", ".join(player.workshops) or "-"
    print(t("profile.header", pseudonym=player.pseudonym, structure=player.structure or "-"))
    print(t("profile.workshops", codes=codes))
    print()
    print(t("profile.map"))
    width = max(len(competency_name(c.competency, t.lang)) for c in page.profile.competencies)
    for row in page.profile.competencies:
        name = competency_name(row.competency, t.lang)
        line = t(
            "profile.row",
            confirmed=_word(row.confirmed_level, t),
            suggested=_word(row.suggested_level, t),
            experiences=row.confirmed_experiences,
            evidence=row.evidence,
        )
        print(f"  {name:<{width}}  {line}")
    print()
    everything = sorted(page.experiences, key=lambda e: e.created)
    print(t("profile.experiences", n=len(everything)))
    print_experiences(everything, everything, t, empty_key="profile.no_experience")
    if page.badge_requests:
        print()
        print_badges(page.badge_requests, [], t)


def print_evidence(page: PlayerPage, t: Catalogue) -> None:
    """What the game recorded, with its provenance: scenario, situation, choice, what was seen."""
    print(t("evidence.title", n=len(page.evidence)))
    for item in sorted(page.evidence, key=lambda e: e.created):
        print(t("evidence.where", scenario=_scenario_title(item.scenario_id, t)))
        if item.situation:
            print("    " + t("evidence.situation", text=item.situation))
        if item.choice_text:
            print("    " + t("evidence.choice", text=item.choice_text))
        for shown in item.shown:
            word = framework().level_word(shown.level, t.lang)
            name = competency_name(shown.competency, t.lang)
            print("    " + t("evidence.shows", name=name, word=word, why=shown.explanation))
        if item.kind == "identify":
            names = ", ".join(competency_name(c, t.lang) for c in item.identified) or "-"
            key = "evidence.matched" if item.matched else "evidence.not_matched"
            print("    " + t("evidence.identified", names=names, verdict=t(key)))


def print_badges(requests: list[BadgeRequest], options: list[BadgeOption], t: Catalogue) -> None:
    print(t("badge.requests", n=len(requests)))
    for request in requests:
        answer = request.answer
        print(
            "  "
            + t(
                "badge.line",
                id=request.id[:8],
                name=competency_name(request.competency, t.lang),
                word=framework().level_word(request.level, t.lang),
                status=t(f"status.badge.{request.status}"),
            )
        )
        if request.reason:
            print("    " + t(f"badge.reason.{request.reason}"))
        if answer and answer.revoked:
            print("    " + t("badge.revoked", reason=answer.revocation_reason))
        if answer and answer.assertion_url:
            print("    " + t("badge.verify", url=answer.assertion_url))
        if answer and answer.image_path:
            print("    " + t("badge.image", path=answer.image_path))
        if answer and answer.credential_path:
            print("    " + t("badge.credential", path=answer.credential_path))
        if request.status in ("queued", "failed") and request.last_error:
            print("    " + request.last_error)
    for option in options:
        print(
            "  "
            + t(
                "badge.option",
                name=competency_name(option.competency, t.lang),
                id=option.competency,
                level=option.level,
                n=len(option.experience_ids),
            )
        )


def profile_json(page: PlayerPage, lang: str) -> dict[str, Any]:
    """The player's page as data (for scripts): no e-mail or real name (``badge list --json``)."""
    player = page.player
    rows = []
    for row in page.profile.competencies:
        data = row.model_dump(mode="json")
        data["name"] = competency_name(row.competency, lang)
        data["confirmed_word"] = (
            framework().level_word(row.confirmed_level, lang) if row.confirmed_level else None
        )
        rows.append(data)
    return {
        "player": {
            "id": player.id,
            "pseudonym": player.pseudonym,
            "structure": player.structure,
            "workshops": player.workshops,
            "consent": player.consent.model_dump(),
        },
        "competencies": rows,
        "experiences": [e.model_dump(mode="json") for e in page.experiences],
        "evidence": [e.model_dump(mode="json") for e in page.evidence],
        "badge_requests": [
            b.model_dump(mode="json", exclude={"recipient_email", "recipient_name"})
            for b in page.badge_requests
        ],
        "progress": {k: p.model_dump(mode="json") for k, p in page.progress.items()},
    }
