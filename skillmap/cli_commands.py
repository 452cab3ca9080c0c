"""The subcommands of ``diva-skillmap``: argument definitions and handlers.

Handlers take the parsed arguments and the catalogue and return an exit code; they call the
action modules (people, review, badges, workshops, portfolio, stats) and only format.
"""

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from shared import hygiene
from shared.hygiene import for_terminal
from shared.i18n import Catalogue
from shared.paths import data_dir
from shared.store import Store
from shared.store.storage import write_atomically
from skillmap import (
    badges,
    erasure,
    funders,
    people,
    progression,
    queue,
    review,
    stats,
    workshop_page,
    workshops,
)
from skillmap.cli_output import (
    print_badges,
    print_evidence,
    print_experiences,
    print_players,
    print_profile,
    profile_json,
)
from skillmap.common import (
    ActionError,
    NeedsConfirmation,
    competency_name,
    configured_counsellor,
    counsellor_file,
    default_reviewer,
    framework,
)
from skillmap.portfolio import export_portfolio

Args = argparse.Namespace


def _store(args: Args) -> Store:
    return Store(data_dir(args.data_dir))


def _json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _competency_level(text: str, t: Catalogue | None = None) -> tuple[str, int]:
    """COMPETENCY=LEVEL, as typed after --competency in ``experience add``."""
    name, sep, level = text.partition("=")
    if not sep or not level.strip().isdigit() or not name.strip():
        raise argparse.ArgumentTypeError(t("error.competency_level", text=text) if t else text)
    return name.strip(), int(level)


def _iso_date(text: str, t: Catalogue | None = None) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("error.invalid_date", date=text) if t else text
        ) from None


# What a counsellor may type in each option: (field word, longest, newlines allowed). Every
# text goes through shared.hygiene before an action sees it: NFC, no control or bidi
# character, refused (never cut) when too long.
TYPED_TEXTS: dict[str, tuple[str, int, bool]] = {
    "title": ("title", 200, False),
    "where": ("where", 200, False),
    "when": ("when", 200, False),
    "words": ("words", 4000, True),
    "activity": ("activity", 200, False),
    "note": ("note", 2000, True),
    "by": ("name", 120, False),
    "counsellor": ("name", 120, False),
    "name": ("name", 120, False),
    "narrative": ("narrative", 4000, True),
    "criteria": ("criteria", 4000, True),
    "structure": ("structure", hygiene.STRUCTURE_MAX, False),
    "search": ("pseudonym", 200, False),
}


def checked_texts(args: Args) -> Args:
    """``args`` with every typed text checked by ``shared.hygiene`` (TextError otherwise)."""
    for option, (field, limit, multiline) in TYPED_TEXTS.items():
        value = getattr(args, option, None)
        if isinstance(value, str):
            setattr(args, option, hygiene.free_text(value, field, limit, multiline))
        elif isinstance(value, list):
            texts = [hygiene.free_text(v, field, limit, multiline) for v in value]
            setattr(args, option, texts)
    return args


# -- handlers -------------------------------------------------------------------------------


def unknown_filter(store: Store, t: Catalogue, structure: str = "", workshop: str = "") -> str:
    """What to say about a --structure or --workshop that names nothing in the data ("" if
    both are known): an empty list would look like "nobody played"."""
    rows = store.players()
    if workshop and workshop.strip():
        codes = {w.code for w in store.workshops()}
        codes |= {code for r in rows for code in r.get("workshops", [])}
        if workshop.strip().upper() not in codes:
            known = ", ".join(sorted(codes)) or t("filter.none_known")
            return t("filter.unknown_workshop", code=workshop.strip(), known=known)
    if structure and structure.strip():
        names = set(people.structures(store)) | {w.structure for w in store.workshops()}
        if structure.strip().casefold() not in {n.casefold() for n in names}:
            known = ", ".join(sorted(names, key=str.casefold)) or t("filter.none_known")
            return t("filter.unknown_structure", structure=structure.strip(), known=known)
    return ""


def cmd_players(args: Args, t: Catalogue) -> int:
    store = _store(args)
    if _unknown_filter(store, args, t):
        return 1
    rows = people.list_players(
        store, args.structure, args.workshop, args.search, args.new, default_reviewer()
    )
    filtered = args.structure or args.workshop or args.search
    damaged = [] if filtered else people.damaged_rows(store)
    if args.json:
        _json(rows + damaged)
    else:
        print_players(rows, t, damaged)
    return 0


def cmd_profile(args: Args, t: Catalogue) -> int:
    store = _store(args)
    page = people.player_page(store, people.resolve_id(store, args.player))
    moved = progression.progress(page.experiences) if args.progress else None
    if args.json:
        data = profile_json(page, t.lang)
        if moved is not None:
            first = moved.first_day.isoformat() if moved.first_day else None
            data["progress"] = {"first_day": first, "before": moved.before, "now": moved.now}
        _json(data)
        return 0
    print_profile(page, t)
    if args.evidence:
        print()
        print_evidence(page, t)
    if moved is not None:
        print()
        _print_progress(moved, t)
    return 0


def _print_progress(moved: progression.Progress, t: Catalogue) -> None:
    """« avant » (the first day something was confirmed) and « maintenant », per competency."""
    if moved.first_day is None:
        print(t("progress.none"))
        return
    print(t("progress.title", date=moved.first_day.strftime("%d/%m/%Y")))
    for competency in framework().competencies:
        before, now = moved.before.get(competency.id, 0), moved.now.get(competency.id, 0)
        if before or now:
            name = competency_name(competency.id, t.lang)
            print("  " + t("progress.line", name=name, before=before or "—", now=now or "—"))


def _level4(call: Any, t: Catalogue) -> Any:
    try:
        return call()
    except NeedsConfirmation as exc:
        raise ActionError("cli.level4", reason=exc.message(t)) from exc


def _list_review(store: Store, pid: str, args: Args, t: Catalogue) -> int:
    everything = sorted(store.experiences(pid), key=lambda e: e.created)
    shown = everything if args.all else review.drafts(store, pid)
    if args.json:
        _json([e.model_dump(mode="json") for e in shown])
    else:
        print_experiences(everything, shown, t, empty_key="review.none")
    return 0


def _review_action(store: Store, pid: str, args: Args) -> Callable[[], Any]:
    """The review function the typed action means, with its arguments bound."""
    by, note, ref = args.by or default_reviewer(), args.note or "", args.exp
    comp = getattr(args, "competency", None)
    allow = getattr(args, "level4", False)
    if args.action == "adjust":
        if not comp or args.level is None:
            raise ActionError("cli.adjust_needs")
        return partial(review.set_level, store, pid, ref, comp, args.level, by, note, allow)
    if args.action in ("confirm", "reject") and comp:
        confirmed = args.action == "confirm"
        return partial(review.judge_competency, store, pid, ref, comp, confirmed, by, note, allow)
    if args.action == "confirm":
        return partial(review.confirm_experience, store, pid, ref, by, note, allow)
    if args.action == "reject":
        return partial(review.reject_experience, store, pid, ref, by, note)
    return partial(review.reopen_experience, store, pid, ref, by, note)


def cmd_review(args: Args, t: Catalogue) -> int:
    store = _store(args)
    pid = people.resolve_id(store, args.player)
    if args.action is None:
        return _list_review(store, pid, args, t)
    experience = _level4(_review_action(store, pid, args), t)
    print(review_done(experience, args, t))
    return 0


def _rated(t: Catalogue, competency_id: str, level: int) -> str:
    word = framework().level_word(level, t.lang)
    name = competency_name(competency_id, t.lang)
    return t("review.done.rated", name=name, level=level, word=word)


def review_done(experience: Any, args: Args, t: Catalogue) -> str:
    """What was done, said precisely: one competency at its level, or the whole experience
    with the competencies confirmed along with it."""
    title, short = experience.title, experience.id[:8]
    comp = getattr(args, "competency", None)
    if comp and args.action in ("confirm", "reject", "adjust"):
        rated = next(c for c in experience.competencies if c.competency == comp)
        text = t(
            f"review.done.competency_{args.action}",
            rated=_rated(t, comp, rated.level),
            title=title,
            id=short,
        )
        if args.action == "confirm" and experience.status != "confirmed":
            text += " " + t("review.done.experience_pending")
        return text
    text = t(f"review.done.{args.action}", title=title, id=short)
    confirmed = [c for c in experience.competencies if c.status == "confirmed"]
    if args.action == "confirm" and confirmed:
        listed = ", ".join(_rated(t, c.competency, c.level) for c in confirmed)
        text += " " + t("review.done.with", list=listed)
    return text


def cmd_experience_add(args: Args, t: Catalogue) -> int:
    store = _store(args)
    pid = people.resolve_id(store, args.player)
    levels: dict[str, int] = {}
    for name, level in args.competency or []:
        if name in levels:
            raise ActionError("cli.competency_twice", competency=name)
        levels[name] = level
    draft = review.NewExperience(
        title=args.title,
        kind=args.kind,
        where=args.where or "",
        when=args.when or "",
        own_words=args.words or "",
        activities=args.activity or [],
        competencies=levels,
    )
    by = args.by or default_reviewer()
    experience = _level4(
        lambda: review.add_experience(store, pid, draft, by, args.confirm, args.level4), t
    )
    if args.json:
        _json(experience.model_dump(mode="json"))
    else:
        print(t("experience.added", title=experience.title, id=experience.id[:8]))
    return 0


# What ``experience edit`` may change: option -> the experience's field.
EDIT_OPTIONS = {"words": "own_words", "where": "where", "when": "when", "title": "title"}


def cmd_experience_edit(args: Args, t: Catalogue) -> int:
    """Complete a draft (or correct an experience): the young person's words, where, when,
    a better title, the kind; each field changed is one line of the history."""
    store = _store(args)
    pid = people.resolve_id(store, args.player)
    changes: dict[str, object] = {
        field: getattr(args, option).strip()
        for option, field in EDIT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if args.kind is not None:
        changes["kind"] = args.kind
    if not changes:
        raise ActionError("cli.edit_nothing")
    found = review.find_experience(store, pid, args.exp)
    by = args.by or default_reviewer()
    experience = review.edit_experience(store, pid, found.id, by, **changes)
    if args.json:
        _json(experience.model_dump(mode="json"))
        return 0
    names = ", ".join(t(f"experience.field.{field}") for field in changes)
    print(t("experience.edited", title=experience.title, id=experience.id[:8], fields=names))
    if not experience.own_words.strip():
        print(t("experience.still_no_words"))
    return 0


def cmd_badge_request(args: Args, t: Catalogue) -> int:
    store = _store(args)
    pid = people.resolve_id(store, args.player)
    request = badges.request_badge(
        store,
        pid,
        args.competency,
        args.level,
        email=args.email or "",
        consent=args.consent,
        experience_refs=args.experience or None,
        narrative=args.narrative,
        criteria=args.criteria,
        name=args.name or "",
        lang=t.lang,
    )
    if args.json:
        _json(request.model_dump(mode="json"))
    else:
        print(t("badge.queued", id=request.id[:8]))
    return 0


def cmd_badge_list(args: Args, t: Catalogue) -> int:
    store = _store(args)
    pid = people.resolve_id(store, args.player)
    requests = store.badge_requests(pid)
    options = badges.requestable(store, pid)
    if args.json:
        _json(
            {
                "requests": [r.model_dump(mode="json") for r in requests],
                "options": [o.__dict__ for o in options],
            }
        )
    else:
        print_badges(requests, options, t)
    return 0


def cmd_export(args: Args, t: Catalogue) -> int:
    store = _store(args)
    pid = people.resolve_id(store, args.player)
    out = Path(args.out)
    if args.data or out.suffix.lower() == ".json":
        bundle = store.export_player(pid)
        payload = json.dumps(bundle, ensure_ascii=False, indent=2).encode("utf-8")
        try:  # 0600, like the data files: it holds the e-mail and the real name
            out.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(out, payload)
        except OSError as exc:
            raise ActionError("error.write", path=str(out), detail=exc.strerror or "") from exc
        print(t("export.data_done", path=str(out)))
        return 0

    written = export_portfolio(store, pid, out, t.lang, consent=args.consent, png=not args.no_png)
    for path in written:
        print(t("export.done", path=str(path)))
    return 0


def cmd_erase(args: Args, t: Catalogue) -> int:
    store = _store(args)
    damaged = {r["id"]: r for r in people.damaged_rows(store)}
    wanted = args.player.strip()
    if wanted in damaged:  # a damaged file is erased by its id (shown by « players »)
        row = {"id": wanted, "pseudonym": damaged[wanted]["file"]}
    else:
        row = people.resolve(store, args.player)
    if not args.yes:
        print(t("erase.ask", pseudonym=row["pseudonym"]), end=" ", flush=True)
        answer = sys.stdin.readline().strip().casefold()
        if answer not in {w.casefold() for w in t("erase.yes_words").split("|")}:
            print(t("erase.cancelled"), file=sys.stderr)
            return 1
    local_only = wanted in damaged or args.local_only  # issue 9: issuers first (pages 410)
    on_issuers, removed = erasure.erase_person(store, row["id"], local_only)
    for item in on_issuers:
        print(t("erase.on_issuer", item=item))
    print(t("erase.done", pseudonym=row["pseudonym"]))
    print(t("erase.removed", n=len(removed)))
    for item in removed:
        print(f"  {item}")
    return 0


def cmd_workshop_create(args: Args, t: Catalogue) -> int:
    counsellor = args.counsellor or default_reviewer()
    workshop = workshops.create_workshop(_store(args), args.structure, counsellor, args.date)
    if args.json:
        _json(workshop.model_dump(mode="json"))
    else:
        print(t("workshop.created", code=workshop.code, structure=workshop.structure))
    return 0


def cmd_workshop_list(args: Args, t: Catalogue) -> int:
    store = _store(args)
    found = workshops.list_workshops(store, args.structure)
    counts = workshops.players_per_workshop(store)
    if args.json:
        _json([{**w.model_dump(mode="json"), "players": counts.get(w.code, 0)} for w in found])
        return 0
    if not found:
        print(t("workshop.none"))
    for w in found:
        players = counts.get(w.code, 0)
        print(t("workshop.line", code=w.code, date=w.date, structure=w.structure, n=players))
    return 0


def cmd_stats(args: Args, t: Catalogue) -> int:
    if args.start and args.end and args.start > args.end:
        print(t("error.period_reversed", start=args.start, end=args.end), file=sys.stderr)
        return 2
    period = stats.Period(args.start or "", args.end or "")
    store = _store(args)
    if _unknown_filter(store, args, t):
        return 1
    if args.funders:
        figures = funders.figures(store, args.structure, args.workshop, period)
        return _print_figures(figures, args, t, funders.to_csv, funders.to_text)
    result = stats.compute(store, args.structure, period, args.workshop)
    return _print_figures(result, args, t, stats.to_csv, stats.to_text)


def cmd_workshop_show(args: Args, t: Catalogue) -> int:
    """Who played, what waits, the group's map; --out writes the printable page (0600)."""
    page = workshop_page.gather(_store(args), args.code)
    sys.stdout.write(for_terminal(workshop_page.to_text(page, t)))
    if args.out:
        written = workshop_page.write_html(page, t, Path(args.out))
        print(t("export.done", path=str(written)))
    return 0


def cmd_queue(args: Args, t: Catalogue) -> int:
    """Drafts waiting, per workshop, the longest waiting first, with their counts."""
    store = _store(args)
    if _unknown_filter(store, args, t):
        return 1
    rows = queue.waiting(store, args.workshop, args.structure)
    if args.json:
        _json([{**vars(w), "oldest": w.oldest.isoformat()} for w in rows])
        return 0
    if not rows:
        print(t("queue.empty"))
        return 0
    print(t("queue.total", n=sum(w.drafts for w in rows), people=len(rows)))
    current = None
    for w in rows:
        if w.workshop != current:
            current = w.workshop
            print(t("queue.workshop", code=w.workshop or t("queue.no_workshop")))
        since = w.oldest.strftime("%d/%m/%Y")
        line = t("queue.line", pseudonym=w.pseudonym, n=w.drafts, since=since, title=w.oldest_title)
        print("  " + for_terminal(line) + f"  ({w.player_id[:6]})")
    return 0


def cmd_counsellor(args: Args, t: Catalogue) -> int:
    """Who signs the changes made on this computer account (``--by`` and the app's default)."""
    if args.name is None:
        name = default_reviewer()
        print(
            t("counsellor.current", name=name)
            if configured_counsellor()
            else t("counsellor.none", name=name)
        )
        return 0
    name = hygiene.free_text(args.name, "name", 120, False).strip()
    if not name:
        raise ActionError("error.counsellor_empty")
    path = counsellor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps({"name": name}, ensure_ascii=False).encode("utf-8"))
    print(t("counsellor.set", name=name))
    return 0


def _unknown_filter(store: Store, args: Args, t: Catalogue) -> bool:
    """Whether ``--structure`` / ``--workshop`` name nothing known (said on stderr)."""
    problem = unknown_filter(store, t, args.structure or "", args.workshop or "")
    if problem:
        print(problem, file=sys.stderr)
    return bool(problem)


def _print_figures(
    result: Any,
    args: Args,
    t: Catalogue,
    to_csv: Callable[[Any, Catalogue], str],
    to_text: Callable[[Any, Catalogue], str],
) -> int:
    """Statistics or the funders' figures (the anonymous record, the same before and after an
    erasure): the files skipped on stderr, then CSV, JSON or text."""
    for skipped in result.skipped:
        print(t("stats.skipped", what=skipped), file=sys.stderr)
    if args.csv:
        _write_utf8(to_csv(result, t))
    elif args.json:
        _json(result.as_dict())
    else:
        sys.stdout.write(to_text(result, t))
    return 0


def _write_utf8(text: str) -> None:
    """``text`` on stdout in UTF-8 whatever the console's code page (the CSV's BOM says UTF-8
    to the spreadsheet), control characters escaped as everywhere else."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    buffer = getattr(stream, "buffer", None)
    if encoding == "utf8" or buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(for_terminal(text).encode("utf-8"))
    buffer.flush()


def cmd_group_help(parser: argparse.ArgumentParser) -> Any:
    """``workshop`` or ``badge`` typed alone: show what can follow, as a usage error."""

    def show(_args: Args, _t: Catalogue) -> int:
        parser.print_help(sys.stderr)
        return 2

    return show
