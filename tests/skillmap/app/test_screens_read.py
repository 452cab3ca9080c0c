"""Every screen in both themes: PNGs saved, each text reads against what is under it
(4.5:1, or 7:1 in high contrast) and no text runs out of its box or under a button."""

from collections.abc import Callable

import pytest

from shared.store import Store
from skillmap import review
from skillmap.app import make_context
from skillmap.app.app import App, FixedClock
from skillmap.app.screens.badge_form import BadgeFormScreen
from skillmap.app.screens.experience_form import ExperienceFormScreen
from skillmap.app.screens.player import PlayerScreen
from skillmap.app.screens.players import PlayersScreen
from skillmap.app.screens.review import ReviewScreen
from skillmap.app.screens.words_form import WordsFormScreen
from skillmap.app.screens.workshop import WorkshopCodeScreen, WorkshopFormScreen
from skillmap.workshops import create_workshop
from tests.skillmap.app.conftest import (
    COUNSELLOR,
    frames,
    on_screen,
    overlaps,
    player_id,
    read_check,
    shot,
)


def level4_confirmed(store) -> tuple[str, str]:
    """Lina's draft with its first competency confirmed at level 4 (the longest level word)."""
    pid = player_id(store, "Lina")
    draft = review.drafts(store, pid)[0]
    competency = draft.competencies[0].competency
    review.set_level(store, pid, draft.id, competency, 4, by=COUNSELLOR, allow_level4=True)
    review.judge_competency(
        store, pid, draft.id, competency, True, by=COUNSELLOR, allow_level4=True
    )
    return pid, draft.id


def _review(app: App, store) -> None:
    pid, eid = level4_confirmed(store)
    app.go(ReviewScreen(app.ctx, app.manager, pid, eid))


def _dialog(app: App, store) -> None:
    pid = player_id(store, "Sofiane")
    app.go(ReviewScreen(app.ctx, app.manager, pid))
    frames(app)
    screen = on_screen(app, ReviewScreen)
    competency = store.experience(pid, screen.selected).competencies[0].competency
    screen.set_level(competency, 4)


def _badges(app: App, store) -> None:
    """Lina's badges tab: one request waiting after failed tries, one issued then revoked."""
    from shared.badge import IssuerAnswer
    from skillmap import badges

    pid = player_id(store, "Lina")
    first, second = badges.options(store, pid)[:2]
    words = "Au tournoi, j’ai fait les équipes avec le coach."
    waiting = badges.request_badge(
        store, pid, first.competency, first.level, "lina@example.org", True, narrative=words
    )
    waiting.attempts, waiting.last_error = 2, "L’émetteur « structure » ne répond pas."
    store.save_badge_request(waiting)
    revoked = badges.request_badge(
        store, pid, second.competency, second.level, "lina@example.org", True, narrative=words
    )
    revoked.move_to("sent")
    revoked.move_to("issued")
    revoked.answer = IssuerAnswer(
        assertion_url="https://badges.example.org/assertions/1",
        issuer="structure",
        revoked=True,
        revocation_reason="Erreur de saisie",
    )
    store.save_badge_request(revoked)
    app.go(PlayerScreen(app.ctx, app.manager, pid, tab="badges"))


def _words(app: App, store) -> None:
    """Lina's draft, its words to complete (a game draft: the suggestion is shown apart)."""
    pid = player_id(store, "Lina")
    draft = review.drafts(store, pid)[0]
    app.go(WordsFormScreen(app.ctx, app.manager, pid, draft.id, then_confirm=True))


SCREENS: dict[str, Callable[[App, Store], None]] = {
    "words-form": _words,
    "players": lambda app, store: app.go(PlayersScreen(app.ctx, app.manager)),
    "player-map": lambda app, store: app.go(
        PlayerScreen(app.ctx, app.manager, player_id(store, "Lina"))
    ),
    "player-evidence": lambda app, store: app.go(
        PlayerScreen(app.ctx, app.manager, player_id(store, "Lina"), tab="evidence")
    ),
    "player-badges": _badges,
    "review-level4-confirmed": _review,
    "review-level4-dialog": _dialog,
    "badge-form": lambda app, store: app.go(
        BadgeFormScreen(app.ctx, app.manager, player_id(store, "Lina"))
    ),
    "experience-form": lambda app, store: app.go(
        ExperienceFormScreen(app.ctx, app.manager, player_id(store, "Yanis59"))
    ),
    "workshop-form": lambda app, store: app.go(WorkshopFormScreen(app.ctx, app.manager)),
    "workshop-code": lambda app, store: app.go(
        WorkshopCodeScreen(
            app.ctx,
            app.manager,
            create_workshop(store, "Mission locale de Lens", COUNSELLOR, "2026-11-28"),
        )
    ),
}


@pytest.mark.parametrize("high", [False, True], ids=["default", "high-contrast"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_every_screen_reads_in_both_themes(store, name: str, high: bool) -> None:
    ctx = make_context(store, counsellor=COUNSELLOR, high_contrast=high)
    app = App(ctx, clock=FixedClock())
    try:
        SCREENS[name](app, store)
        frames(app, 3)
        assert app.screen is not None
        assert app.screen.message_ok, app.screen.message
        shot(app, f"{name}{'-hc' if high else ''}")
        problems = read_check(app, high)
        if not app.screen.dialog:
            problems += overlaps(app)
        assert not problems, "\n".join(problems[:30])
    finally:
        app.close()
