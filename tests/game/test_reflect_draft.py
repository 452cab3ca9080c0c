"""What the reflect step keeps (game.scenes.reflect_draft) and where the counsellor sees it:
the picked place, people and time on the draft, listed by the skill map's command line."""

from __future__ import annotations

import pytest

from game.reflect_answers import load_answers
from game.scenes.reflect_draft import draft_experience, picked_texts
from shared.experience import OLD_KINDS, Experience
from shared.i18n import Catalogue
from shared.paths import content_dir
from shared.scenario.loading import load_scenario
from skillmap.cli_output import print_experiences

CLUB = content_dir() / "scenarios" / "club-foot.yaml"


def test_nothing_picked_nothing_written_is_no_draft() -> None:
    scenario = load_scenario(CLUB)
    context = picked_texts(load_answers(), {})
    assert context == {"where": "", "with_whom": "", "when": ""}
    assert draft_experience("p1", scenario, [], "  ", context, {}) is None


def test_pictures_are_kept_in_french_whatever_the_player_s_language() -> None:
    scenario = load_scenario(CLUB)
    suggestion = scenario.reflect.suggestions[0]
    context = picked_texts(load_answers(), {"where": "ecole", "who": "seul", "when": "mois"})
    draft = draft_experience("p1", scenario, [suggestion], "", context, {"oral": 3})
    assert draft is not None
    assert (draft.where, draft.with_whom, draft.when) == ("à l’école", "seul·e", "ce mois-ci")
    assert draft.kind == OLD_KINDS.get(suggestion.kind, suggestion.kind)
    assert all(c.status == "proposed" for c in draft.competencies)  # a hint, never confirmed
    assert draft.status == "draft" and draft.source == "game"


def test_with_whom_is_listed_by_the_counsellor_s_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    draft = Experience(
        player_id="p1", title="Au club", where="au club", with_whom="avec des amis", when="2024"
    )
    print_experiences([draft], [draft], Catalogue.load("skillmap", "fr"), "review.none")
    assert "au club · avec des amis · 2024" in capsys.readouterr().out
