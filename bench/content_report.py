"""The bundled scenarios as a reader and a counsellor would weigh them, one row per scenario.

Usage: ``python -m bench.content_report [FOLDER ...]`` (default: the bundled scenarios and the
tutorial). Prints the French text's sentences, mean and longest sentence in words, the share of
sentences over 15 words, the credit per level and per competency, and how the credit of each
choice node is spread (the most-credited choice's share of the node's credit: 1/3 is an even
three-way split, 1.0 a quiz with one right answer), and how its endings compare: their
words (longest over shortest) and their praise words (« merci », « bravo »…) one by one, as
every ending is to be equally warm.

The same figures back ``tests/scenario/test_content_rules.py``, which keeps the set within the
rules of the handbook's « Mirror, not quiz ». Not a timed benchmark: it lives in ``bench/``
because it measures the content, and it reads the files without the validator so it can report
on a scenario the validator would refuse.
"""

import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from shared.paths import content_dir
from shared.scenario.identify import Question, question
from shared.scenario.loading import load_library, load_scenario
from shared.scenario.model import Choice, Ending, IdentifyNode, Scenario, SceneNode
from shared.scenario.playthrough import iter_paths
from shared.text import localize

LONG_SENTENCE_WORDS = 15
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
NOT_A_WORD = re.compile(r"^[\W_]+$")
# A choice that asks someone: « je demande », « j'appelle », « je préviens »…
ASKING = re.compile(
    r"\b(je demande|j’appelle|je préviens|je téléphone|j’écris à|je vais voir)\b", re.IGNORECASE
)
# Words that thank or praise: an ending that says them more than another is « the » good one.
PRAISE = re.compile(
    r"\b(merci|bravo|parfait|super|génial|excellent|bien joué|bien vu|bonne idée|fière?|"
    r"grâce à toi|sans toi|de bonnes mains|trop bien|bonne équipe|belle équipe|"
    r"je te fais confiance|chapeau|champion)",
    re.IGNORECASE,
)


@dataclass
class NodeSpread:
    """How one choice node shares its credit (sum of the levels its choices show)."""

    node: str
    credits: dict[str, int]

    @property
    def top_share(self) -> float:
        total = sum(self.credits.values())
        return max(self.credits.values()) / total if total else 0.0


@dataclass(frozen=True)
class EndingFigures:
    """How much an ending says, and how much of it is praise (PEDAGOGY: equal warmth)."""

    id: str
    words: int
    praise: int


@dataclass
class ScenarioFigures:
    """Everything the report prints for one scenario."""

    id: str
    sentences: list[int] = field(default_factory=list)  # words per sentence
    levels: Counter[int] = field(default_factory=Counter)
    competencies: Counter[str] = field(default_factory=Counter)
    spreads: list[NodeSpread] = field(default_factory=list)
    identified: set[str] = field(default_factory=set)  # what its identify steps can ask
    asking_only_level_1: list[str] = field(default_factory=list)  # node/choice
    asking_level_1: int = 0  # level-1 credits on choices that ask someone
    endings: list[EndingFigures] = field(default_factory=list)

    @property
    def mean_words(self) -> float:
        return sum(self.sentences) / len(self.sentences) if self.sentences else 0.0

    @property
    def max_words(self) -> int:
        return max(self.sentences, default=0)

    @property
    def over_15(self) -> float:
        long = [n for n in self.sentences if n > LONG_SENTENCE_WORDS]
        return len(long) / len(self.sentences) if self.sentences else 0.0

    @property
    def worst_spread(self) -> float:
        return max((s.top_share for s in self.spreads), default=0.0)

    @property
    def ending_length_ratio(self) -> float:
        """The longest ending's words over the shortest's: 1.0 when they say as much."""
        sizes = sorted(e.words for e in self.endings)
        return sizes[-1] / sizes[0] if sizes and sizes[0] else 0.0


def words(sentence: str) -> int:
    """Words a reader reads: punctuation on its own (« — ») is not one."""
    return len([w for w in sentence.split() if not NOT_A_WORD.match(w)])


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if words(s)]


def read_scenario(path: Path) -> Scenario:
    return load_scenario(path)  # validated like the game's (shared.scenario.loading)


def player_texts(scenario: Scenario) -> Iterator[str]:
    """Every French text a player reads in the scenario."""
    yield localize(scenario.summary, "fr")
    for node in scenario.nodes:
        if isinstance(node, SceneNode | Ending):
            yield from (localize(line.text, "fr") for line in node.lines)
        if isinstance(node, SceneNode):
            for choice in node.choices:
                yield localize(choice.text, "fr")
                if choice.feedback:
                    yield localize(choice.feedback, "fr")
                yield from (localize(s.why, "fr") for s in choice.shows)
        if isinstance(node, IdentifyNode):
            yield from (localize(t, "fr") for t in (node.prompt, node.why, node.hint))
            yield from (localize(t, "fr") for t in node.not_here.values())
    yield from (localize(s.text, "fr") for s in scenario.reflect.suggestions)


def ending_figures(ending: Ending) -> EndingFigures:
    texts = [localize(ending.title, "fr")] + [localize(line.text, "fr") for line in ending.lines]
    said = sum(words(s) for text in texts[1:] for s in sentences(text))
    return EndingFigures(ending.id, said, sum(len(PRAISE.findall(text)) for text in texts))


def credit(choice: Choice) -> int:
    return sum(s.level for s in choice.shows)


def figures(scenario: Scenario) -> ScenarioFigures:
    found = ScenarioFigures(scenario.id)
    found.identified = identified(scenario)
    for text in player_texts(scenario):
        found.sentences += [words(s) for s in sentences(text)]
    found.endings = [ending_figures(n) for n in scenario.nodes if isinstance(n, Ending)]
    for node in scenario.nodes:
        if not isinstance(node, SceneNode):
            continue
        for choice in node.choices:
            found.levels.update(s.level for s in choice.shows)
            found.competencies.update(s.competency for s in choice.shows)
            asks = ASKING.search(localize(choice.text, "fr"))
            if asks and choice.shows and max(s.level for s in choice.shows) == 1:
                found.asking_only_level_1.append(f"{node.id}/{choice.id}")
            if asks:
                found.asking_level_1 += sum(1 for s in choice.shows if s.level == 1)
        if len(node.choices) > 1:
            found.spreads.append(NodeSpread(node.id, {c.id: credit(c) for c in node.choices}))
    return found


def identified(scenario: Scenario) -> set[str]:
    """What the identify steps ask about: their fixed answers, and what each choice leading
    straight to one shows (the game builds the step from the player's own choice)."""
    steps = {n.id: n for n in scenario.nodes if isinstance(n, IdentifyNode)}
    found = {c for step in steps.values() for c in step.answers}
    for node in scenario.nodes:
        for choice in node.choices if isinstance(node, SceneNode) else []:
            if choice.goto in steps:
                found.update(s.competency for s in choice.shows)
    return found


def cards_not_shown(scenario: Scenario) -> dict[str, set[str]]:
    """By identify step, every card a player can be offered that their last choice did not
    show (each needs a ``not_here`` sentence): the cards are built by
    ``shared.scenario.identify`` from the choice made before the step on each play-through,
    and from the step's own ``answers`` for a player who resumes there with no choice."""
    found: dict[str, set[str]] = {}
    for path in iter_paths(scenario):
        last: Choice | None = None
        for node_id, choice_id in path:
            node = scenario.node(node_id)
            if isinstance(node, IdentifyNode):
                found.setdefault(node.id, set()).update(_not_answers(question(node, last)))
            elif isinstance(node, SceneNode) and choice_id is not None:
                last = next(c for c in node.choices if c.id == choice_id)
    for node in scenario.nodes:
        if isinstance(node, IdentifyNode):
            found.setdefault(node.id, set()).update(_not_answers(question(node, None)))
    return found


def unexplained_cards(scenario: Scenario) -> list[str]:
    """``step/card`` for each card of :func:`cards_not_shown` with no ``not_here`` sentence."""
    steps = {n.id: n for n in scenario.nodes if isinstance(n, IdentifyNode)}
    return [
        f"{step}/{card}"
        for step, cards in cards_not_shown(scenario).items()
        for card in sorted(cards)
        if card not in steps[step].not_here
    ]


def _not_answers(asked: Question) -> set[str]:
    return {card for card in asked.cards if card not in asked.answers}


def scenario_paths(folders: list[Path]) -> list[Path]:
    return [p for folder in folders for p in sorted(folder.glob("*.yaml"))]


def bundled_folders() -> list[Path]:
    return [content_dir() / "scenarios", content_dir() / "tutorial"]


def report(rows: list[ScenarioFigures]) -> str:
    head = f"{'scenario':<20} {'phr':>4} {'moy':>5} {'max':>4} {'>15':>6}  niveaux 1/2/3/4   "
    lines = [head + "choix le + crédité (pire, moyenne)  fins : mots, éloges"]
    for row in rows:
        levels = "/".join(str(row.levels[n]) for n in (1, 2, 3, 4))
        mean_spread = sum(s.top_share for s in row.spreads) / max(len(row.spreads), 1)
        lines.append(
            f"{row.id:<20} {len(row.sentences):>4} {row.mean_words:>5.1f} {row.max_words:>4} "
            f"{row.over_15:>6.1%}  {levels:<16} {row.worst_spread:>5.0%} {mean_spread:>5.0%}"
            f"        {endings_summary(row)}"
        )
        lines.append(
            f"{'':<20} compétences : "
            + ", ".join(f"{c} {n}" for c, n in sorted(row.competencies.items()))
        )
    total = ScenarioFigures("TOTAL")
    for row in rows:
        total.sentences += row.sentences
        total.levels.update(row.levels)
        total.competencies.update(row.competencies)
    levels = "/".join(str(total.levels[n]) for n in (1, 2, 3, 4))
    lines.append(
        f"{'TOTAL':<20} {len(total.sentences):>4} {total.mean_words:>5.1f} "
        f"{total.max_words:>4} {total.over_15:>6.1%}  {levels}"
    )
    return "\n".join(lines)


def endings_summary(row: ScenarioFigures) -> str:
    """« 31-38 mots (x1.2), éloges 0/0/0 »: the endings' lengths and praise words."""
    if not row.endings:
        return ""
    sizes = [e.words for e in row.endings]
    praise = "/".join(str(e.praise) for e in row.endings)
    return f"{min(sizes)}-{max(sizes)} (x{row.ending_length_ratio:.1f}), {praise}"


def run() -> list[dict]:
    """The bundled set's figures as rows of ``python -m bench.run content``: the worst
    scenario for each rule of tests/scenario/test_content_rules.py."""
    paths = scenario_paths(bundled_folders())
    scenarios = [read_scenario(p) for p in paths]
    rows = [figures(s) for s in scenarios]
    unexplained = sum(len(unexplained_cards(s)) for s in scenarios if s.id != "tutoriel")
    praise = max((e.praise for row in rows for e in row.endings), default=0)
    return [
        _row(
            "sentences over 15 words (worst scenario)", max(r.over_15 for r in rows) * 100, 3, "%"
        ),
        _row(
            "most-credited choice's share (worst node)",
            max(r.worst_spread for r in rows) * 100,
            60,
            "%",
        ),
        _row(
            "longest ending / shortest (worst scenario)",
            max(r.ending_length_ratio for r in rows),
            1.3,
            "x",
        ),
        {
            "name": "praise words in one ending (most)",
            "value": praise,
            "target": "≤ 1",
            "ok": praise <= 1,
        },
        {
            "name": "missed cards with no not_here sentence",
            "value": unexplained,
            "target": "0",
            "ok": unexplained == 0,
        },
    ]


def _row(name: str, value: float, limit: float, unit: str) -> dict:
    return {
        "name": name,
        "value": value,
        "target": f"≤ {limit:g} {unit}",
        "unit": unit,
        "ok": value <= limit,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folders = [Path(a) for a in args] or bundled_folders()
    libraries = [load_library(folder, lang="fr") for folder in folders]
    rows = [figures(scenario) for library in libraries for scenario in library.scenarios]
    print(report(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
