"""« Et toi, tu as déjà vécu ça ? »: picture cards, a short answer picked with pictures
(« Où ? Avec qui ? Quand ? »), and a few words of one's own if the player wants to type.

Everything is optional. What is picked becomes a draft Experience (source « game ») that the
counsellor talks through: the cards' sentences as activities, the picked place, people and
time as ``where``, ``with_whom`` and ``when`` (in French, as the skill map shows them), the
player's words exactly as typed. « Passer » keeps nothing.
"""

from __future__ import annotations

import random
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.input import Focusable
from game.navigation import ToSummary, go
from game.reflect_answers import (
    PictureAnswers,
    common_lead,
    load_answers,
    picture_path,
    short_words,
)
from game.scene import Action, Press, Scene
from game.scenes.confirm import ask_to_leave_scenario
from game.scenes.pick_answer import PickAnswerScene
from game.scenes.reflect_draft import draft_experience, picked_texts
from game.scenes.run import Run
from game.ui.button import Button, draw_buttons
from game.ui.chrome import toolbar
from game.ui.pager import ARROW_SIZE, Pager
from game.ui.panel import panel
from game.ui.picture_card import AnswerSlot, PictureCard, words_fit
from game.ui.question import bottom_button_height, draw_question, question_rect
from game.ui.text import draw_text, line_height, wrap
from game.ui.textfield import TextField
from shared.experience import Experience
from shared.player import utc_now
from shared.scenario.model import Scenario, Suggestion
from shared.store.progress import ScenarioProgress
from shared.store.store import Store

if TYPE_CHECKING:
    from game.session import Session

MAX_WORDS_CHARS = 300
LEFT, WIDTH = 50, 1180  # the screen's width, inside its margins
GAP = 12
ARROW_INSET = 8
FIELD_HEIGHT = 64
LABEL_WIDTH = 520
MIN_CARDS_HEIGHT = 190  # below this, the short answer moves to its own page


class ReflectScene(Scene):
    """Ends the scenario: saves the draft experience and the finished progress."""

    def __init__(
        self, session: Session, scenario: Scenario, run: Run, progress: ScenarioProgress
    ) -> None:
        super().__init__(session)
        self.scenario, self.run, self.progress = scenario, run, progress
        self.selected: list[str] = []
        self.picked: dict[str, str] = {}  # question id -> answer id
        self._page_said = 0  # the card page last read aloud
        self._come_back_to = ""  # the slot focused again when its pictures close
        self.step = "cards"  # or "more": the short answer and the words, on their own page
        self.answers: PictureAnswers = load_answers()
        self.field: TextField | None = None
        self._text = ""
        self.buttons: list[Button] = []
        self.pager = Pager(self, len(scenario.reflect.suggestions), self._suggestion_count)

    def _suggestion_count(self) -> int:
        return len(self.scenario.reflect.suggestions)

    def enter(self) -> None:
        super().enter()
        self.auto_speak()

    # -- texts ----------------------------------------------------------------------------
    def lead(self) -> str:
        """« J’ai déjà… » when the suggestions share their first words, else nothing."""
        shared = common_lead([self.session.loc(s.text) for s in self.scenario.reflect.suggestions])
        return f"{shared}…" if shared else ""

    def card_words(self, suggestion: Suggestion) -> str:
        texts = [self.session.loc(s.text) for s in self.scenario.reflect.suggestions]
        return short_words(self.session.loc(suggestion.text), common_lead(texts))

    def _prompt_text(self) -> str:
        return self.session.loc(self.scenario.reflect.prompt)

    # -- geometry ---------------------------------------------------------------------------
    def _text_height(self, text: str, role: str, width: int) -> int:
        font = self.session.theme.font(role)
        return len(wrap(text, font, width)) * line_height(font)

    def _prompt_rect(self) -> pygame.Rect:
        return question_rect(self.session.theme, self._prompt_text())

    def _button_height(self) -> int:
        return bottom_button_height(self.session.theme)

    def _bottom_y(self) -> int:
        return 720 - 10 - self._button_height()

    def _label_rect(self) -> pygame.Rect:
        """« Raconte en quelques mots (si tu veux) » beside the field, as tall as it needs."""
        words = self.session.loc(self.scenario.reflect.free_text_prompt)
        height = max(FIELD_HEIGHT, self._text_height(words, "small", LABEL_WIDTH - 28) + 8)
        return pygame.Rect(LEFT, self._bottom_y() - 16 - height, LABEL_WIDTH, height)

    def _field_rect(self) -> pygame.Rect:
        label = self._label_rect()
        x = label.right + GAP
        return pygame.Rect(x, label.centery - FIELD_HEIGHT // 2, LEFT + WIDTH - x, FIELD_HEIGHT)

    def _slots_rect(self) -> pygame.Rect:
        """« Où ? Avec qui ? Quand ? »: above the words, or under the question on their own
        page (then room for their answers on two lines)."""
        theme = self.session.theme
        small, choice = line_height(theme.font("small")), line_height(theme.font("choice"))
        if not self.answers.questions:
            return pygame.Rect(LEFT, self._label_rect().y, WIDTH, 0)
        if self.step == "more":
            top = self._prompt_rect().bottom + 24
            return pygame.Rect(LEFT, top, WIDTH, small + 2 * choice + 14)
        height = max(76, small + choice + 14)
        return pygame.Rect(LEFT, self._label_rect().y - 12 - height, WIDTH, height)

    def _more_rect(self) -> pygame.Rect:
        """The button to the short answer's own page (large text sizes)."""
        height = max(76, line_height(self.session.theme.font("choice")) + 24)
        return pygame.Rect(LEFT, self._bottom_y() - 12 - height, WIDTH, height)

    def _lead_rect(self) -> pygame.Rect:
        lead = self.lead()
        if not lead:
            return pygame.Rect(LEFT, self._prompt_rect().bottom + 4, 0, 0)
        font = self.session.theme.font("choice")
        width = min(WIDTH, font.size(lead)[0] + 36)
        return pygame.Rect(LEFT, self._prompt_rect().bottom + 10, width, line_height(font) + 8)

    def split(self) -> bool:
        """At large text sizes the short answer and the words get a page of their own:
        with them, the cards would be squeezed below a readable height."""
        if not self.answers.questions:
            return False
        step, self.step = self.step, "cards"
        room = self._slots_rect().y - 14 - (self._lead_rect().bottom + 4)
        self.step = step
        return room < MIN_CARDS_HEIGHT

    def _cards_area(self, paged: bool) -> pygame.Rect:
        top = self._lead_rect().bottom + 4
        bottom = (self._more_rect().y if self.split() else self._slots_rect().y) - 14
        inset = ARROW_INSET + ARROW_SIZE[0] + 10 if paged else LEFT
        return pygame.Rect(inset, top, 1280 - 2 * inset, max(60, bottom - top))

    def _per_page(self) -> int:
        """As many cards side by side as keep every card's words at full size."""
        suggestions = self.scenario.reflect.suggestions
        theme = self.session.theme
        for count in range(len(suggestions), 0, -1):
            rects = _row(self._cards_area(count < len(suggestions)), count)
            if all(words_fit(theme, self.card_words(s), rects[0]) for s in suggestions):
                return count
        return 1

    # -- layout -----------------------------------------------------------------------------
    def layout(self) -> None:
        self._drop_field()
        self._layout_cards()

    def _layout_cards(self) -> None:
        """The cards; under them the short answer and the words, or (large text) a button
        to their own page."""
        if self.step == "more" and not self.split():
            self.step = "cards"  # the text size went down meanwhile
        self.buttons = toolbar(self, back=self.step == "more")
        chrome = list(self.buttons)
        own: list[Focusable] = []
        if self.step == "cards":
            own += self._cards_and_arrows()
        if self.step == "more" or not self.split():
            own += self._slots()
            self.field = TextField(
                "words",
                self._field_rect(),
                self.session.manager,
                self.session.t("reflect.placeholder"),
                MAX_WORDS_CHARS,
                self._text,
            )
            own.append(self.field)
        else:
            own.append(Button("more", self._more_label(), self._more_rect(), self._more))
        ends = self._end_buttons()
        self.buttons += [b for b in own if isinstance(b, Button)] + ends
        self._update_send()
        self.focus.set([*chrome, *own, *ends])

    def _cards_and_arrows(self) -> list[Focusable]:
        self.pager.per_page = self._per_page()
        paged = self.pager.pages > 1
        shown = self.pager.shown(list(enumerate(self.scenario.reflect.suggestions, start=1)))
        rects = _row(self._cards_area(paged), self.pager.per_page)
        items: list[Focusable] = [
            self._card(number, suggestion, rect)
            for (number, suggestion), rect in zip(shown, rects, strict=False)
        ]
        if self.pager.page != self._page_said:  # a page turn (key or arrow): read it
            self._page_said = self.pager.page
            self.auto_speak()
        if paged:
            area = self._cards_area(True)
            items += self.pager.arrows(area.centery - ARROW_SIZE[1] // 2, ARROW_INSET)
        return items

    def _end_buttons(self) -> list[Button]:
        """« Passer » (keeps nothing) and « Garder pour l'entretien » (disabled, saying
        why, while there is nothing to keep)."""
        t, bottom, height = self.session.t, self._bottom_y(), self._button_height()
        skip = Button("skip", t("reflect.skip"), pygame.Rect(LEFT, bottom, 280, height), self.skip)
        send = Button(
            "send",
            t("reflect.send"),
            pygame.Rect(LEFT + 296, bottom, WIDTH - 296, height),  # « Garder » at full size
            self.finish,
            style="primary",
            role="heading",
            icon="check",
            why=t("reflect.send_why"),
        )
        return [skip, send]

    def _card(self, number: int, suggestion: Suggestion, rect: pygame.Rect) -> PictureCard:
        kind_picture = self.answers.kinds.get(suggestion.kind, "")
        return PictureCard(
            f"suggestion:{suggestion.id}",
            self.session.loc(suggestion.text),  # said in full: « J’ai déjà aidé au club »
            rect,
            partial(self._toggle, suggestion),
            number=number,
            selected=suggestion.id in self.selected,
            words=self.card_words(suggestion),
            picture=str(picture_path(kind_picture)) if kind_picture else "",
            competencies=list(suggestion.competencies),
            band=suggestion.competencies[0] if suggestion.competencies else "",
        )

    def _slots(self) -> list[Button]:
        """« Où ? », « Avec qui ? », « Quand ? »: each opens its pictures."""
        questions = self.answers.questions
        if not questions:
            return []
        area = self._slots_rect()
        width = (area.width - GAP * (len(questions) - 1)) // len(questions)
        slots: list[Button] = []
        for index, question in enumerate(questions):
            title = self.session.loc(question.title)
            answer = self.answers.answer(question.id, self.picked.get(question.id, ""))
            shown = answer or question.answers[0]
            value = self.session.loc(answer.text) if answer else self.session.t("reflect.to_pick")
            slots.append(
                AnswerSlot(
                    f"ask:{question.id}",
                    f"{title} {value}",
                    pygame.Rect(area.x + index * (width + GAP), area.y, width, area.height),
                    partial(self._ask, question.id),
                    title=title,
                    value=value,
                    picture=str(picture_path(shown.picture)),
                    picked=answer is not None,
                )
            )
        return slots

    # -- actions ----------------------------------------------------------------------------
    def _toggle(self, suggestion: Suggestion) -> None:
        if suggestion.id in self.selected:
            self.selected.remove(suggestion.id)
        else:
            self.selected.append(suggestion.id)
        self.layout()

    def _more_label(self) -> str:
        """« Où ? Avec qui ? Quand ? Raconte… », then what is already picked."""
        picked = [v for v in picked_texts(self.answers, self.picked).values() if v]
        more = self.session.t("reflect.more")
        return f"{more} ({', '.join(picked)})" if picked else more

    def _more(self) -> None:
        """The short answer's own page (large text sizes)."""
        self.step = "more"
        self._chrome_said = False  # a new page, with a back arrow: the toolbar is said again
        self.layout()
        self.focus.focus_none()
        self.auto_speak()

    def _ask(self, question_id: str) -> None:
        """Show the pictures of « Où ? » (or « Avec qui ? », « Quand ? ») on their own screen."""
        question = self.answers.question(question_id)
        if question is None:
            return
        self._come_back_to = f"ask:{question_id}"
        self.request_push(
            PickAnswerScene(
                self.session,
                self.scenario.place.background,
                question,
                self.picked.get(question_id, ""),
                partial(self._answer, question_id),
            )
        )

    def _answer(self, question_id: str, answer_id: str) -> None:
        """What was picked on the pictures' screen ('' : none)."""
        if answer_id:
            self.picked[question_id] = answer_id
        else:
            self.picked.pop(question_id, None)

    def resume(self) -> None:
        """Back from the pictures: the slot keeps the focus, said with its new value."""
        super().resume()
        slot = self.focus.find(self._come_back_to)
        if slot is not None:
            self.focus.focus_item(slot)

    def _drop_field(self) -> None:
        if self.field is not None:
            self._text = self.field.text
            self.field.kill()
            self.field = None

    def pause(self) -> None:
        if self.field is not None:
            self.field.show(False)

    def exit(self) -> None:
        self._drop_field()
        self.session.flush()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.pager.handle_key(event):
            return True
        return super().handle(event)

    def update(self, dt: float) -> None:
        self._update_send()

    def _update_send(self) -> None:
        """« Garder pour l'entretien » never pretends: with nothing picked or written it is
        disabled and says why; « Passer » is the way on then. Changed in place, so typing
        keeps the field and its caret."""
        send = self.focus.find("send")
        if not isinstance(send, Button):
            return
        keep = bool(self.selected or self.picked or self.words.strip())
        send.enabled = keep
        send.label = self.session.t("reflect.send" if keep else "reflect.send_needs")

    @property
    def words(self) -> str:
        return self.field.text if self.field is not None else self._text

    def draft(self) -> Experience | None:
        """The draft experience, or None when nothing was picked nor written."""
        if self.session.player is None:
            return None
        chosen = [s for s in self.scenario.reflect.suggestions if s.id in self.selected]
        context = picked_texts(self.answers, self.picked)
        return draft_experience(
            self.session.player.id, self.scenario, chosen, self.words, context, self.run.shown
        )

    def finish(self) -> None:
        if not self.run.practice:
            self._save()
        go(self, ToSummary(self.run))

    def skip(self) -> None:
        """« Passer » keeps nothing of this screen: cards, pictures and words are dropped
        (the situation still counts as finished)."""
        self.selected = []
        self.picked = {}
        self._text = ""
        if self.field is not None:
            self.field.entry.set_text("")
        self.finish()

    def _save(self) -> None:
        experience = self.draft()
        if experience is not None:
            self.session.write(Store.add_experience, experience)
            self.run.experience_drafts += 1
        done = self.progress.model_copy(
            update={
                "status": "done",
                "step": "",
                "ending": self.run.ending or self.progress.ending,
                "times_finished": self.progress.times_finished + 1,
                "updated": utc_now(),
            }
        )
        self.session.write(Store.save_progress, done)
        if self.session.player is not None:
            player_id = self.session.player.id
            self.session.write(Store.touch_player, player_id)

    def back(self) -> None:
        """Esc: from the short answer's own page, back to the cards; on the cards,
        « leave? » — nothing is lost, the next start comes back to this question."""
        if self.step == "more":
            self.step = "cards"
            self.layout()
            self.auto_speak()
            return
        ask_to_leave_scenario(self)

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        draw_question(surface, theme, self.scenario.place.background, self._prompt_text())
        self._draw_page(surface)
        draw_buttons(surface, theme, self.buttons)

    def _draw_page(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        if self.step == "cards":
            self._draw_lead(surface)
        if self.field is None:
            return
        label = self._label_rect()
        panel(surface, theme, label, radius=14, shadow=False)
        draw_text(
            surface,
            theme,
            self.session.loc(self.scenario.reflect.free_text_prompt),
            label.inflate(-28, -4),
            role="small",
            valign="middle",
        )

    def _draw_lead(self, surface: pygame.Surface) -> None:
        """« J’ai déjà… » on a dark tag above the cards, and the page number if paged."""
        theme = self.session.theme
        lead = self._lead_rect()
        if lead.width:
            panel(surface, theme, lead, fill="panel_dark", border="panel_dark", radius=14)
            draw_text(
                surface,
                theme,
                self.lead(),
                lead.inflate(-24, -4),
                role="choice",
                fg="panel_dark_text",
                bg="panel_dark",
                valign="middle",
            )
        if self.pager.pages > 1:
            box = pygame.Rect(0, lead.y, 220, max(lead.height, 44))
            box.right = self._cards_area(True).right
            self.pager.draw_number(surface, box)

    def read_aloud_text(self) -> str:
        """The question, then every card in full (« 1 : J’ai déjà aidé au club »), the
        short questions and the words prompt."""
        parts = [self._prompt_text()]
        if self.step == "cards" and self.lead():
            parts.append(self.lead())
        if self.step == "cards" and self.pager.pages > 1:
            parts.append(self.pager.label())
        parts += [f"{b.number} : {b.label}" for b in self.buttons if b.number is not None]
        parts += [b.label for b in self.buttons if isinstance(b, AnswerSlot) or b.key == "more"]
        if self.field is not None:
            parts.append(self.session.loc(self.scenario.reflect.free_text_prompt))
        return ". ".join(parts)

    def autoplay(self, rng: random.Random) -> Action | None:
        suggestions = [b for b in self.buttons if b.key.startswith("suggestion:")]
        if not self.selected and suggestions and rng.random() < 0.8:
            return Press(rng.choice(suggestions))
        slots: list[Button] = [
            b for b in self.buttons if isinstance(b, AnswerSlot) and not b.picked
        ]
        slots += [b for b in self.buttons if b.key == "more" and not self.picked]
        if slots and rng.random() < 0.3:
            return Press(rng.choice(slots))
        return Press(self.focus.find("send"))  # type: ignore[arg-type]


def _row(area: pygame.Rect, count: int) -> list[pygame.Rect]:
    """``count`` cards side by side filling ``area`` (at most 340 px wide each, centred)."""
    most = {1: 1000, 2: 540}.get(count, 340)  # one card alone is wide: its picture goes left
    width = min(most, (area.width - GAP * (count - 1)) // max(1, count))
    total = count * width + (count - 1) * GAP
    left = area.centerx - total // 2
    return [pygame.Rect(left + i * (width + GAP), area.y, width, area.height) for i in range(count)]
