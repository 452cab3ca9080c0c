"""The bundled scenarios stay within the handbook's « Mirror, not quiz » rules (PEDAGOGY.md).

Figures come from bench/content_report.py, read from the real files.
"""

from collections import Counter

import pytest

from bench.content_report import (
    LONG_SENTENCE_WORDS,
    ScenarioFigures,
    bundled_folders,
    figures,
    read_scenario,
    scenario_paths,
)
from shared.framework import default_framework, long_descriptors
from shared.paths import content_dir

RECTEC = default_framework()
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


def test_level_1_is_mostly_not_on_asking_choices(every_scenario):
    """The review found all nine level-1 credits on « ask someone » choices."""
    level_1 = sum(row.levels[1] for row in every_scenario)
    on_asking = sum(row.asking_level_1 for row in every_scenario)
    assert level_1 >= 10 and on_asking <= level_1 // 3, (level_1, on_asking)


def test_every_competency_is_shown_at_least_three_times(every_scenario):
    total: Counter[str] = Counter()
    for row in every_scenario:
        total.update(row.competencies)
    rare = {c.id: total[c.id] for c in RECTEC.competencies if total[c.id] < 3}
    assert rare == {}


def test_every_competency_is_shown_at_all_four_levels_somewhere():
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
