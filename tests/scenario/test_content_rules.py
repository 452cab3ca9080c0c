"""The bundled scenarios stay within the handbook's « Mirror, not quiz » rules (PEDAGOGY.md).

Figures come from bench/content_report.py, read from the real files.
"""

from collections import Counter
from pathlib import Path

import pytest

from bench.content_report import (
    LONG_SENTENCE_WORDS,
    ScenarioFigures,
    bundled_folders,
    cards_not_shown,
    figures,
    player_texts,
    read_scenario,
    scenario_paths,
    words,
)
from shared.framework import default_framework, long_descriptors
from shared.paths import content_dir
from shared.scenario.model import Ending, SceneNode

RECTEC = default_framework()
LANGS = ("fr", "en")
SCENARIO_FILES = scenario_paths([content_dir() / "scenarios"])


@pytest.fixture(scope="module")
def every_scenario() -> list[ScenarioFigures]:
    return [figures(read_scenario(path)) for path in SCENARIO_FILES]


@pytest.fixture(scope="module")
def with_tutorial() -> list[ScenarioFigures]:
    return [figures(read_scenario(path)) for path in scenario_paths(bundled_folders())]


def test_fourteen_scenarios_are_bundled():
    assert len(SCENARIO_FILES) == 14


def test_asking_for_help_is_never_credited_only_level_1(with_tutorial):
    """« Je préviens vite la bonne personne » is a competency: level 2 or more. Level 1 is
    for what is done step by step with someone guiding."""
    found = {row.id: row.asking_only_level_1 for row in with_tutorial if row.asking_only_level_1}
    assert found == {}


def test_level_1_is_mostly_not_on_asking_choices(every_scenario: list[ScenarioFigures]) -> None:
    """The review found all nine level-1 credits on « ask someone » choices."""
    level_1 = sum(row.levels[1] for row in every_scenario)
    on_asking = sum(row.asking_level_1 for row in every_scenario)
    assert level_1 >= 10 and on_asking <= level_1 // 3, (level_1, on_asking)


def test_every_competency_is_shown_at_least_three_times(
    every_scenario: list[ScenarioFigures],
) -> None:
    total: Counter[str] = Counter()
    for row in every_scenario:
        total.update(row.competencies)
    rare = {c.id: total[c.id] for c in RECTEC.competencies if total[c.id] < 3}
    assert rare == {}


def test_every_competency_is_shown_at_all_four_levels_somewhere() -> None:
    seen: dict[str, set[int]] = {c.id: set() for c in RECTEC.competencies}
    for path in SCENARIO_FILES:
        for node in read_scenario(path).nodes:
            for choice in getattr(node, "choices", []):
                for shows in choice.shows:
                    seen[shows.competency].add(shows.level)
    missing = {c: sorted({1, 2, 3, 4} - levels) for c, levels in seen.items() if len(levels) < 4}
    assert missing == {}


def test_level_descriptors_are_at_most_fifteen_words():
    assert long_descriptors(RECTEC) == []


def test_maths_is_in_at_least_four_scenarios(every_scenario):
    with_maths = [row.id for row in every_scenario if row.competencies["maths"]]
    assert len(with_maths) >= 4, with_maths


def test_identify_steps_ask_about_writing_and_organising(every_scenario):
    identified = set().union(*(row.identified for row in every_scenario))
    assert {"ecrit", "organisation"} <= identified


def test_no_choice_carries_most_of_a_nodes_credit(every_scenario):
    """Credit is spread: in a node of three or four choices no choice has more than half of it,
    in a node of two no more than 60 % (2 + 1 against 2 + 1 + 1 is as far as it goes)."""
    lopsided = []
    for row in every_scenario:
        for spread in row.spreads:
            limit = 0.6 if len(spread.credits) == 2 else 0.5
            if spread.top_share > limit or 0 in spread.credits.values():
                lopsided.append((row.id, spread.node, spread.credits))
    assert lopsided == []


def test_sentences_stay_short(with_tutorial):
    """Mostly ≤ 15 words: at most 3 % of a scenario's sentences over, none over 20."""
    for row in with_tutorial:
        assert row.over_15 <= 0.03, (row.id, f"{row.over_15:.1%} over {LONG_SENTENCE_WORDS}")
        assert row.max_words <= 20, row.id


def test_no_ending_praises_more_than_another(with_tutorial):
    """Equal warmth: within a scenario every ending says as many « merci », « bravo »,
    « bonne idée »… (PRAISE in bench/content_report.py), and never more than one."""
    unequal = {
        row.id: {e.id: e.praise for e in row.endings}
        for row in with_tutorial
        if len({e.praise for e in row.endings}) > 1 or any(e.praise > 1 for e in row.endings)
    }
    assert unequal == {}


def test_endings_say_about_as_much(every_scenario):
    """No ending is the long, rich one: the longest says at most 1.3 times the shortest's
    words (the review found 1.6)."""
    uneven = {
        row.id: {e.id: e.words for e in row.endings}
        for row in every_scenario
        if row.ending_length_ratio > 1.3
    }
    assert uneven == {}


def test_praise_words_are_found():
    """The praise count sees what the review counted (else equal warmth proves nothing)."""
    from bench.content_report import PRAISE

    said = "Merci. Sans toi, on n’y serait pas arrivés. Bonne idée ! Je suis fière de toi."
    assert len(PRAISE.findall(said)) == 4
    assert PRAISE.findall("Tu as vérifié, tu l’as dit, et c’est réglé.") == []


def test_nothing_says_the_less_help_the_better(with_tutorial):
    """« Plus tu le fais sans aide… » ranked asking for help below doing alone."""
    game_locales = Path(__file__).resolve().parents[2] / "game" / "locales"
    said = [(game_locales / f"{lang}.json").read_text(encoding="utf-8").lower() for lang in LANGS]
    said += [
        text.lower()
        for path in scenario_paths(bundled_folders())
        for text in player_texts(read_scenario(path))
    ]
    assert not [t for t in said if "plus tu le fais sans aide" in t or "the less help" in t]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_every_card_that_was_not_the_choice_says_why(path):
    """A player who picks a card their choice did not show learns what they did instead:
    every such card, on every play-through, has its ``not_here`` sentence in French and
    English, short (at most 15 words)."""
    scenario = read_scenario(path)
    missing, long = [], []
    for node_id, cards in cards_not_shown(scenario).items():
        said = scenario.node(node_id).not_here  # type: ignore[union-attr]
        for card in sorted(cards):
            text = said.get(card)
            if not isinstance(text, dict) or not all(text.get(lang) for lang in LANGS):
                missing.append(f"{node_id}/{card}")
            elif words(text["fr"]) > LONG_SENTENCE_WORDS:
                long.append(f"{node_id}/{card}")
    assert (missing, long) == ([], [])


def test_cards_not_shown_follow_the_players_choice():
    """The cards come from the choice: at club-foot's identify step « collectif » is what
    Nour's choice showed, never a card to explain; « informations » is offered to all."""
    cards = cards_not_shown(read_scenario(content_dir() / "scenarios" / "club-foot.yaml"))
    assert "informations" in cards["identifier-cercle"]
    assert "collectif" not in cards["identifier-cercle"]


def test_backgrounds_follow_the_text(every_scenario):
    """The place changes where the text says so (ART.md: one drawing per place): the ten
    children are on the pitch, the shop has its till, the warehouse is not the reception."""
    used = {
        path.stem: {node.id: Path(node.background or "").name for node in read_scenario(path).nodes}
        for path in SCENARIO_FILES
    }
    assert used["bus-immersion"]["entrepot"] == "entrepot.svg"
    assert used["soiree-famille"]["caisse"] == "superette.svg"
    assert used["voisine-fuite"]["chez-elle"] == "cuisine-fuite.svg"
    assert used["banque-alimentaire"]["tri-frais"] == "chambre-froide.svg"
    club = read_scenario(content_dir() / "scenarios" / "club-foot.yaml")
    assert Path(club.place.background).name == "stade-enfants.svg"


def test_every_background_used_is_a_flat_picture_without_words():
    """Each picture a scenario names exists, is small SVG (the game rasterises it at load)
    and has no ``<text>`` (nanosvg ignores it; words go in the dialogue)."""
    named = set()
    for path in SCENARIO_FILES:
        scenario = read_scenario(path)
        named.add(scenario.place.background)
        named.update(n.background for n in scenario.nodes if n.background)
    for name in sorted(named):
        svg = (content_dir() / name).read_text(encoding="utf-8")
        assert 'viewBox="0 0 1280 720"' in svg, name
        assert "<text" not in svg and len(svg) < 40_000, name


def test_every_scene_and_ending_says_who_is_on_stage():
    """Staging is used: each scene and ending of the bundled scenarios names its cast (two
    characters talking together, or one beside the player), so no one talks off stage."""
    unstaged = [
        f"{path.stem}/{node.id}"
        for path in SCENARIO_FILES
        for node in read_scenario(path).nodes
        if isinstance(node, SceneNode | Ending) and node.cast is None
    ]
    assert unstaged == []
