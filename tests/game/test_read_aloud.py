"""Read aloud covers every line, choice and card: on each scene the speaker button and R read
what is on screen, and with the setting on each screen is read as it appears.

The speaker is a small recording class (the real engine is tested in tests/test_speech.py).
"""

from __future__ import annotations

import pygame

from game.app import App
from game.scenes.identify import IdentifyScene
from game.scenes.play import PlayScene, Run
from game.scenes.reflect import ReflectScene
from game.scenes.summary import SummaryScene
from shared.scenario.model import IdentifyNode, SceneNode
from tests.game.conftest import add_player, frames, key, library_scenario, press


class RecordingSpeaker:
    """Stands in for game.speech.Speaker: keeps what it was asked to say."""

    available = True
    notice = ""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str, lang: str = "fr") -> None:
        self.said.append(text)

    def stop(self) -> None:
        """Nothing is playing."""

    def close(self) -> None:
        """Nothing to release."""


def setup(app: App, auto: bool) -> RecordingSpeaker:
    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    add_player(app, read_aloud=auto, animations=False)
    return speaker


def on_demand(app: App, speaker: RecordingSpeaker) -> str:
    """The button and the R key read the same text: what the screen shows now."""
    press(app, "speak")
    key(app, pygame.K_r)
    assert speaker.said[-1] == speaker.said[-2]
    return speaker.said[-1]


def test_play_reads_every_line_with_its_speaker_then_every_choice(app: App) -> None:
    speaker = setup(app, auto=True)
    scenario = library_scenario(app, "club-foot")
    scene = PlayScene(app.session, scenario)
    app.stack.push(scene)
    frames(app)
    node = scenario.node(scenario.start)
    assert isinstance(node, SceneNode)
    for _ in range(len(node.lines) + 1):  # lines may be shown (and read) a few at a time
        if scene.phase == "choices":
            break
        key(app, pygame.K_SPACE)
    heard = " ".join(speaker.said)
    for line in node.lines:
        assert app.session.loc(line.text) in heard
        if line.speaker:
            assert app.session.loc(scenario.character(line.speaker).name) in heard
    assert scene.phase == "choices"
    for choice_number, choice in enumerate(node.choices, start=1):
        assert f"{choice_number} : {app.session.loc(choice.text)}" in speaker.said[-1]
    assert on_demand(app, speaker).startswith(speaker.said[-3])  # and the toolbar


def _identify(app: App) -> tuple[IdentifyScene, IdentifyNode]:
    scenario = library_scenario(app, "club-foot")
    node = next(n for n in scenario.nodes if isinstance(n, IdentifyNode))
    scene = IdentifyScene(app.session, scenario, node, Run(scenario.id), lambda: None)
    app.stack.push(scene)
    frames(app)
    return scene, node


def test_identify_reads_prompt_every_card_hint_and_feedback(app: App) -> None:
    speaker = setup(app, auto=True)
    scene, node = _identify(app)
    loc, t = app.session.loc, app.session.t
    first = speaker.said[-1]
    assert first.startswith(loc(node.prompt))
    for number, competency in enumerate(scene.question.cards, start=1):
        assert f"{number} : {app.session.competency_name(competency)}" in first
    assert t("identify.dont_know") in first
    press(app, "dont-know")
    assert speaker.said[-1].startswith(f"{t('identify.hint_title')}. {loc(node.hint)}")
    assert loc(node.hint) in on_demand(app, speaker)
    press(app, "continue")
    assert first.startswith(speaker.said[-1].removesuffix("."))  # the toolbar said once
    press(app, f"card:{node.cards[0]}")
    assert t("identify.picked") in on_demand(app, speaker)
    press(app, "validate")
    assert scene.phase == "feedback"
    assert loc(node.why) in speaker.said[-1]


def test_reflect_reads_the_question_every_suggestion_and_the_free_text_prompt(app: App) -> None:
    speaker = setup(app, auto=True)
    scenario = library_scenario(app, "club-foot")
    play = PlayScene(app.session, scenario)
    app.stack.push(ReflectScene(app.session, scenario, play.run, play.progress))
    frames(app)
    reflect, said = scenario.reflect, speaker.said[-1]
    assert said.startswith(app.session.loc(reflect.prompt))
    for number, suggestion in enumerate(reflect.suggestions, start=1):
        assert f"{number} : {app.session.loc(suggestion.text)}" in said
    assert app.session.loc(reflect.free_text_prompt) in said
    assert on_demand(app, speaker) == said


def test_summary_reads_title_each_competency_with_its_words_and_the_legend(app: App) -> None:
    speaker = setup(app, auto=True)
    run = Run("club-foot", times={"oral": 2}, recognised=["oral", "imprevus"])
    run.title = "Le coach est en retard"
    app.stack.push(SummaryScene(app.session, run))
    frames(app)
    said, session = speaker.said[-1], app.session
    assert said.startswith("Le coach est en retard")
    assert (
        f"{session.competency_name('oral')} : {session.t('summary.shown_recognised', n=2)}" in said
    )
    assert f"{session.competency_name('imprevus')} : {session.t('summary.seen')}" in said
    assert "Plus la part est pleine" in said
    assert on_demand(app, speaker) == said


def test_with_the_setting_off_nothing_is_read_until_asked(app: App) -> None:
    speaker = setup(app, auto=False)
    _identify(app)
    app.stack.push(SummaryScene(app.session, Run("club-foot", times={"oral": 1})))
    frames(app)
    assert speaker.said == []
    assert on_demand(app, speaker).startswith(app.session.t("summary.done"))
