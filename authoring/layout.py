"""« This text will not fit »: measured by drawing the game's own screens.

The game shrinks a text that is too long for its box and, at its smallest size, cuts it
with « … »: the end of the text is lost on screen. Rather than copying box sizes here,
this check builds the real scenes (:class:`MapScene` and a place's card, :class:`PlayScene`,
:class:`IdentifyScene`, :class:`ReflectScene`, :class:`SummaryScene`) off screen at the
largest text size, draws the map card, every line, choice, feedback, identify step,
suggestion and ending title, and reads back what the game's text drawing recorded
(``Theme.drawn``): a text drawn ``cut`` is an error at its line:col with the number of
words to remove. When box sizes or fonts change in the game, the check follows, because
it is the game that draws.

The end screen lists at most :data:`game.scenes.summary.SHOWN_MAX` competencies: a
play-through that shows more loses some; that is an error too.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from game.theme import TEXT_SIZES
from shared.player import Settings
from shared.scenario.checks import Context, by_language
from shared.scenario.model import Choice, Ending, IdentifyNode, Scenario, SceneNode
from shared.scenario.playthrough import iter_paths
from shared.scenario.problem import Problem
from shared.text import LANGUAGES
from shared.yamlfile import DataPath

LARGEST: str = TEXT_SIZES[-1]  # the largest text size the game offers (« Énorme » today)
PATH_LIMIT = 2_000  # play-throughs looked at for the end screen's list


@dataclass(frozen=True)
class Cut:
    """A text the game would cut: what, in which box and role (to count words to remove)."""

    text: str
    role: str
    box: Any  # pygame.Rect
    px: int = 0  # the size the game went down to before cutting (its role's size: no shrink)


def text_fits(ctx: Context) -> list[Problem]:
    """Every text the game would cut at the largest text size (an error, words to cut)."""
    if not ctx.complete or not ctx.trusts("characters"):
        return []
    places = _text_places(ctx)
    problems: list[Problem] = []
    seen: set[DataPath] = set()
    with _measuring() as studio:
        for lang in _languages(ctx.scenario):
            for cut in studio.cuts(ctx.scenario, lang):
                path = places.get((lang, cut.text)) or _inside(places, lang, cut.text)
                if path is None or path in seen:
                    continue
                seen.add(path)
                problems.append(_problem(ctx, studio, path, cut))
    return problems


def _inside(places: dict, lang: str, drawn: str) -> DataPath | None:
    """The scenario text a composed line is made of (« Tu as choisi : « … » », « why →
    competency »): the longest one inside it, so a cut there is still named in the file."""
    found = [
        (len(text), path)
        for (where, text), path in places.items()
        if where == lang and len(text) >= 12 and text.rstrip(".") in drawn
    ]
    return max(found)[1] if found else None


def _problem(ctx: Context, studio: Studio, path: DataPath, cut: Cut) -> Problem:
    total = len(cut.text.split())
    full = total - studio.words_that_fit(cut, full_size=True)
    keep = studio.words_that_fit(cut)
    return ctx.problem(
        path, "layout.cut", words=total - keep, total=total, full=full, lost=_tail(cut.text, keep)
    )


def end_screen_list(ctx: Context) -> list[Problem]:
    """A play-through that shows more competencies than the end screen lists."""
    if not ctx.complete:
        return []
    # local: the game (pygame) loads only when a layout check runs, not at diva-scenario's start
    from game.scenes.summary import SHOWN_MAX

    problems = []
    seen: set[tuple[str, str | None]] = set()
    for steps in iter_paths(ctx.scenario, PATH_LIMIT):
        shown, where = shown_on(ctx.scenario, steps)
        if len(shown) <= SHOWN_MAX or where in seen:
            continue
        seen.add(where)
        problems.append(
            ctx.problem(
                _step_path(ctx, where),
                "layout.too_many_shown",
                count=len(shown),
                max=SHOWN_MAX,
                ids=", ".join(shown),
                lost=", ".join(shown[SHOWN_MAX:]),
            )
        )
    return problems


def shown_on(scenario: Scenario, steps: list[tuple[str, str | None]]) -> tuple[list[str], Any]:
    """The competencies one play-through shows, in order (choices' ``shows`` and identify
    answers, as the game's ``Run.shown``), and the step that adds the first one too many."""
    # local: the game (pygame) loads only when a layout check runs, not at diva-scenario's start
    from game.scenes.summary import SHOWN_MAX

    nodes = {node.id: node for node in scenario.nodes}
    shown: list[str] = []
    where: tuple[str, str | None] = steps[0]
    for node_id, choice_id in steps:
        node = nodes[node_id]
        added: list[str] = []
        if isinstance(node, SceneNode) and choice_id:
            choice = next(c for c in node.choices if c.id == choice_id)
            added = [s.competency for s in choice.shows]
        elif isinstance(node, IdentifyNode):
            added = list(node.answers)
        for competency in added:
            if competency not in shown:
                shown.append(competency)
                if len(shown) == SHOWN_MAX + 1:
                    where = (node_id, choice_id)
    return shown, where


def _step_path(ctx: Context, where: tuple[str, str | None]) -> DataPath:
    node_id, choice_id = where
    index = next(i for i, n in enumerate(ctx.scenario.nodes) if n.id == node_id)
    node = ctx.scenario.nodes[index]
    if isinstance(node, SceneNode) and choice_id:
        j = next(j for j, c in enumerate(node.choices) if c.id == choice_id)
        return ctx.node_path(index, "choices", j, "id")
    return ctx.node_path(index, "id")


def _languages(scenario: Scenario) -> list[str]:
    wanted: list[str] = list(scenario.languages or LANGUAGES)
    return [lang for lang in LANGUAGES if lang in wanted]


def _text_places(ctx: Context) -> dict[tuple[str, str], DataPath]:
    """(language, text as shown) -> where it is written; a text missing its translation is
    shown in French, so it is found at the French place."""
    places: dict[tuple[str, str], DataPath] = {}
    for path, _, text in ctx.texts:
        for lang in LANGUAGES:
            for lang_path, value in by_language(path, text):
                written = lang_path[-1] if isinstance(text, dict) else "fr"
                if written == lang or (written == "fr" and _missing(text, lang)):
                    places.setdefault((lang, value), lang_path)
    return places


def _missing(text: str | dict[str, str], lang: str) -> bool:
    return isinstance(text, str) or not text.get(lang)


def _tail(text: str, keep: int) -> str:
    words = text.split()
    lost = " ".join(words[keep:])
    return lost if len(lost) <= 60 else lost[:59] + "…"


# -- the off-screen game ----------------------------------------------------------------


class Studio:
    """A game session with no window and no player, at the largest text size."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def cuts(self, scenario: Scenario, lang: str) -> Iterator[Cut]:
        """Draw every screen of ``scenario`` in ``lang``, with every font the player may
        pick, at the largest text size; yield what the game cut."""
        import pygame  # local: after _session() set SDL_VIDEODRIVER

        surface = pygame.Surface((1280, 720))
        surface.set_clip(pygame.Rect(0, 0, 0, 0))  # only the text records count: no pixels
        for font in font_choices():
            wanted = {"language": lang, "text_size": LARGEST, "animations": False, **font}
            settings = Settings.model_validate({**wanted, "read_aloud": False})
            self.session.apply_settings(settings, save=False)
            self.session.theme.record = True
            for scene in self._screens(scenario):
                self.session.theme.drawn.clear()
                scene.draw(surface)
                for drawn in self.session.theme.drawn:
                    if drawn.cut:  # drawn smaller but whole is the game's own choice
                        # (choices shrink a little at « très grand »): only a loss counts
                        yield Cut(drawn.text, drawn.role or "body", drawn.container, drawn.px)

    def px(self, role: str) -> int:
        """The size of ``role`` at the largest text size."""
        return int(self.session.theme.px(role))

    def _screens(self, scenario: Scenario) -> Iterator[Any]:
        # local: the game (pygame) loads only when a layout check runs, not at diva-scenario's start
        from game.scenes.map import MapScene
        from game.scenes.map_card import PlaceCardScene
        from game.scenes.play import PlayScene, Run
        from game.scenes.reflect import ReflectScene
        from game.scenes.summary import SummaryScene
        from shared.scenario.loading import Library

        self.session._library = Library(scenarios=[scenario])  # its place on the map
        town = MapScene(self.session)
        town.layout()
        yield town
        card = PlaceCardScene(self.session, town.card_text(scenario), lambda: None)
        card.layout()  # its card: title, place, summary
        yield card
        play = PlayScene(self.session, scenario, practice=True)
        for node in scenario.nodes:
            if isinstance(node, IdentifyNode):
                yield from self._identify_screens(scenario, node)
                continue
            yield from _node_screens(play, node)
            if isinstance(node, Ending):
                run = Run(scenario.id, practice=True, ending=node.id)
                run.ending_title = self.session.loc(node.title)
                summary = SummaryScene(self.session, run)
                summary.levels = {}
                summary.layout()
                yield summary
        reflect = ReflectScene(
            self.session, scenario, Run(scenario.id, practice=True), play.progress
        )
        reflect.layout()
        yield reflect
        reflect.exit()

    def _identify_screens(self, scenario: Scenario, node: IdentifyNode) -> Iterator[Any]:
        """The identify step as each way in asks it (« Tu as choisi : « … » », the cards of
        that choice), with its answers and one card that was not it picked."""
        # local: the game (pygame) loads only when a layout check runs, not at diva-scenario's start
        from game.scenes.identify import IdentifyScene
        from game.scenes.run import Run

        ways = [
            choice
            for other in scenario.nodes
            if isinstance(other, SceneNode)
            for choice in other.choices
            if choice.goto == node.id
        ]
        asked_after: list[Choice | None] = [*ways] or [None]
        for chosen in asked_after:
            run = Run(scenario.id, practice=True)
            scene = IdentifyScene(self.session, scenario, node, run, lambda: None, chosen=chosen)
            asked = scene.question
            wrong = [c for c in asked.cards if c not in asked.answers][:1]
            scene.selected = (asked.answers + wrong)[: max(asked.max_picks, 1)]
            for phase in ("pick", "hint", "feedback"):
                scene.phase = phase
                scene.pager.page = 0
                scene.layout()
                yield scene
                while phase != "hint" and scene.pager.page < scene.pager.pages - 1:
                    scene.pager.page += 1  # « Énorme » pages cards and feedback: all drawn
                    scene.layout()
                    yield scene

    def words_that_fit(self, cut: Cut, full_size: bool = False) -> int:
        """How many of the text's first words the box holds, shrunk as the game shrinks it
        (or at the role's full size)."""
        # local: the game (pygame) loads only when a layout check runs, not at diva-scenario's start
        from game.ui.text import MIN_PX, fit

        floor = self.px(cut.role) if full_size else max(MIN_PX, min(cut.px, self.px(cut.role)))
        words = cut.text.split()
        low, high = 0, len(words)
        while low < high:
            middle = (low + high + 1) // 2
            shown = " ".join(words[:middle])
            font, lines = fit(shown, self.session.theme, cut.role, cut.box, min_px=floor)
            whole = "".join(lines).replace(" ", "") == shown.replace(" ", "")
            if whole and font.point_size >= floor:
                low = middle
            else:
                high = middle - 1
        return low


FONT_SETTINGS = ("font", "dyslexic_font", "dyslexic")  # what a font choice may be called


def font_choices() -> list[dict[str, object]]:
    """Every font setting the player may pick (the dyslexia font, once the settings offer
    it, is wider than Andika): one set of settings each; just the default today."""
    for name in FONT_SETTINGS:
        field = Settings.model_fields.get(name)
        if field is None:
            continue
        if field.annotation is bool:
            return [{name: False}, {name: True}]
        values = getattr(field.annotation, "__args__", ())
        if values:
            return [{name: value} for value in values]
    return [{}]


def _node_screens(play: Any, node: SceneNode | Ending) -> Iterator[Any]:
    """The play scene at each line of ``node``, at its choices, each choice's moment of
    recognition and each feedback."""
    # local: the game (pygame) loads only when a layout check runs, not at diva-scenario's start
    from game.scenes.recognise import RecognitionScene

    play.node, play.pending, play._chosen = node, None, None
    play.phase = "ending" if isinstance(node, Ending) else "lines"
    for index in range(len(node.lines)):
        play.line = index
        play._show_line()
        play.box.complete()
        play.layout()
        yield play
    if isinstance(node, SceneNode) and node.choices:
        play.phase = "choices"
        play.layout()
        yield play
        for choice in node.choices:
            if choice.shows:
                moment = RecognitionScene(play.session, choice, lambda: None)
                moment.layout()
                yield moment
            if choice.feedback:
                play._chosen, play.pending, play.phase = choice, choice.goto, "lines"
                play._show_line()
                play.box.complete()
                play.layout()
                yield play
        play.pending, play._chosen = None, None


@contextmanager
def _measuring() -> Iterator[Studio]:
    yield Studio(_session())


_built: dict[str, Any] = {}


def _session() -> Any:
    """The off-screen session, built once per pygame lifetime: pygame on the dummy driver
    (unless a window is already open, e.g. in the game's own tests), a throw-away store no
    player is written to. Rebuilt when pygame was shut down and started again since."""
    import pygame  # local: SDL_VIDEODRIVER is set below when no window is open

    if not pygame.display.get_init():
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        pygame.display.init()
    if not pygame.font.get_init():
        pygame.font.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1280, 720))
    window = pygame.display.get_surface()
    if _built.get("window") is not window:
        _clean()
        # local: the game (pygame) loads only when a layout check runs, not at diva-scenario's start
        from game.boot import make_session
        from game.session import Options

        folder = tempfile.mkdtemp(prefix="diva-layout-")
        session = make_session(folder, options=Options(offer_tutorial=False), record_text=True)
        session.structure_folder = None
        _built.update(window=window, session=session, folder=folder)
    return _built["session"]


def _clean() -> None:
    """Close the writer and remove the throw-away store (at exit, or before a rebuild)."""
    if "session" in _built:
        _built["session"].writer.close()
        shutil.rmtree(_built["folder"], ignore_errors=True)
    _built.clear()


atexit.register(_clean)


LAYOUT_CHECKS = (text_fits, end_screen_list)
