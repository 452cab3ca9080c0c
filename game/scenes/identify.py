"""« Tu as choisi : « … ». Qu'est-ce que tu as utilisé ? »: pick cards, or « je ne sais pas ».

The question starts from the player's own last choice (``shared.scenario.identify``): the right
cards are what that choice showed, the others plausible neighbours. Feedback is kind and
specific: it points at what the player did (the choice's ``why``), and a card that was not
part of it gets a real reason, never « faux ! ».
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.scene import Action, Press, Scene
from game.scenes.run import Run
from game.theme import TEXT_SIZES
from game.ui.button import Button, draw_buttons, icon_surface
from game.ui.card import Card
from game.ui.chrome import toolbar
from game.ui.images import background
from game.ui.pager import Pager, pack
from game.ui.panel import dim, panel
from game.ui.text import draw_text, line_height, wrap
from shared.errors import DivaError
from shared.evidence import Evidence
from shared.scenario.identify import question
from shared.scenario.model import Choice, IdentifyNode, Scenario
from shared.store.store import Store
from shared.text import localize

if TYPE_CHECKING:
    from game.session import Session

PROMPT = pygame.Rect(104, 12, 990, 128)  # clear of the back and speaker buttons
CARDS_TOP = 150
BOTTOM = 604
GROWN = TEXT_SIZES[-1]  # « Énorme »: the prompt and cards grow to their words, cards page
BELOW_TOOLBAR = 100  # where cards may start at « Énorme » (the prompt alone sits higher)
GAP = 16


class IdentifyScene(Scene):
    """Phases: pick -> (hint -> pick) -> feedback -> done."""

    def __init__(
        self,
        session: Session,
        scenario: Scenario,
        node: IdentifyNode,
        run: Run,
        on_done: Callable[[], None],
        chosen: Choice | None = None,
    ) -> None:
        super().__init__(session)
        self.scenario, self.node, self.run, self.on_done = scenario, node, run, on_done
        self.chosen = chosen
        self.question = question(node, chosen)
        self.selected: list[str] = []
        self.attempts = 1
        self.phase = "pick"
        self.buttons: list[Button] = []
        self.pages: list[list[int]] = [[0]]  # at « Énorme »: blocks per page (0: the prompt)
        self.pager = Pager(self, 1, lambda: len(self.pages))
        self._page_said = 0

    def handle(self, event: pygame.event.Event) -> bool:
        """PageUp / PageDown turn the cards' pages while picking (« Énorme » only)."""
        if self.phase == "pick" and self.pager.handle_key(event):
            return True
        return super().handle(event)

    def enter(self) -> None:
        super().enter()
        self.auto_speak()

    # -- layout ---------------------------------------------------------------------------
    def layout(self) -> None:
        t = self.session.t
        self.buttons = toolbar(self, back=False)
        if self.phase == "pick":
            self.buttons += self._cards()
            if self.pager.pages > 1:
                middle = BELOW_TOOLBAR + (self._bottom(92) - BELOW_TOOLBAR) // 2
                self.buttons += self.pager.arrows(y=middle - 62, inset=16)
            self.buttons += [
                Button(
                    "dont-know",
                    t("identify.dont_know"),
                    pygame.Rect(110, self._bottom(92), 420, self._tall(92)),
                    self._dont_know,
                    icon="dont-know",
                ),
                Button(
                    "validate",
                    t("identify.validate"),
                    pygame.Rect(750, self._bottom(92), 420, self._tall(92)),
                    self._validate,
                    style="primary",
                    role="heading",
                    enabled=bool(self.selected),
                    why=t("identify.why_disabled"),  # said with « désactivé »
                    icon="check",
                ),
            ]
        else:
            if self.phase == "feedback" and self.grown():
                self.pages = self._feedback_pages()
                if self.pager.pages > 1:
                    self.buttons += self.pager.arrows(y=self._feedback_box().centery - 62, inset=16)
            key = "identify.retry" if self.phase == "hint" else "common.continue"
            action = self._retry if self.phase == "hint" else self._done
            self.buttons.append(
                Button(
                    "continue",
                    t(key),
                    self._centred(t(key), self._bottom(88) + 4, self._tall(88)),
                    action,
                    number=1,
                    style="primary",
                    role="heading",
                )
            )
        self.focus.set(self.buttons)
        if self.pager.page != self._page_said:  # a page turn: say the cards now shown
            self._page_said = self.pager.page
            self.auto_speak()

    def grown(self) -> bool:
        """At « Énorme » nothing shrinks: the prompt wraps, cards grow and page. At the
        other sizes the step is laid out as it always was."""
        return self.session.theme.text_size == GROWN

    def _tall(self, least: int) -> int:
        """A bottom button as tall as a heading line needs at full size (« Énorme »)."""
        return max(least, line_height(self.session.theme.font("heading")) + 18)

    def _centred(self, words: str, y: int, tall: int) -> pygame.Rect:
        """A numbered button in the middle, as wide as its words need at full size."""
        need = self.session.theme.font("heading").size(words)[0] + 28 + 84  # and its badge
        width = min(640, max(400, need))
        return pygame.Rect(640 - width // 2, y, width, tall)

    def _bottom(self, least: int) -> int:
        """Where a bottom button starts: as before, or higher when it grows."""
        return min(BOTTOM, 716 - 4 - self._tall(least))

    def _cards(self) -> list[Card]:
        cards = self.question.cards
        if self.grown():
            return self._grown_cards()
        self.pages = [[0]]  # one page, whatever « Énorme » (set a moment ago) needed
        per_row = 3 if len(cards) > 4 or len(cards) == 3 else 2
        width = 330 if per_row == 3 else 420
        height = 200 if len(cards) > per_row else 290
        rects = []
        for index in range(len(cards)):
            in_row = min(per_row, len(cards) - (index // per_row) * per_row)
            row_width = in_row * width + (in_row - 1) * 30
            x = 640 - row_width // 2 + (index % per_row) * (width + 30)
            y = CARDS_TOP + (index // per_row) * (height + 16)
            rects.append(pygame.Rect(x, y, width, height))
        return [self._card(index, rect) for index, rect in enumerate(rects)]

    def _card(self, index: int, rect: pygame.Rect, label_height: int = 34) -> Card:
        competency = self.question.cards[index]
        return Card(
            f"card:{competency}",
            self.session.competency_name(competency),
            rect,
            partial(self._toggle, competency),
            number=index + 1,
            competency=competency,
            selected=competency in self.selected,
            selected_label=self.session.t("identify.picked"),
            label_height=label_height,
        )

    def _grown_cards(self) -> list[Card]:
        """« Énorme »: cards as wide as their longest word and as tall as their longest name
        needs at full size, in rows under the prompt; rows that do not fit go on pages."""
        theme, cards = self.session.theme, self.question.cards
        font = theme.font("choice")
        names = [self.session.competency_name(c) for c in cards]
        widest = max(font.size(word)[0] for name in names for word in name.split())
        width = min(1050, max(330, widest + 40))
        per_row = max(1, min(3, (1050 + 30) // (width + 30)))
        lines = max(len(wrap(name, font, width - 32)) for name in names)
        label = line_height(theme.font("small")) + 4
        height = 114 + lines * line_height(font) + label + 4
        rows = [list(range(i, min(i + per_row, len(cards)))) for i in range(0, len(cards), per_row)]
        prompt = self.prompt_rect()
        room = self._bottom(92) - GAP - BELOW_TOOLBAR
        first = max(0, prompt.bottom - BELOW_TOOLBAR)  # what the prompt takes of the room
        self.pages = pack([first] + [height] * len(rows), room, GAP, most=len(rows) + 1)
        shown = self.pager.shown(self.pages)[0] if self.pages else []
        y = prompt.bottom + GAP + 8 if 0 in shown else BELOW_TOOLBAR + 8  # room for the lift
        result = []
        for block in shown:
            if block == 0:
                continue
            row = rows[block - 1]
            row_width = len(row) * width + (len(row) - 1) * 30
            for place, index in enumerate(row):
                x = 640 - row_width // 2 + place * (width + 30)
                result.append(self._card(index, pygame.Rect(x, y, width, height), label))
            y += height + GAP
        return result

    def prompt_rect(self) -> pygame.Rect:
        """The prompt's panel: as it always was, or at « Énorme » as tall as its wrapped
        lines need at full size (only on the first page: the cards' pages start higher)."""
        if not self.grown():
            return PROMPT
        recall, ask = self.prompt_texts()
        width = PROMPT.width - 40
        tall = self._text_height(recall, "body", width) + self._text_height(ask, "heading", width)
        return pygame.Rect(PROMPT.x, PROMPT.y, PROMPT.width, max(PROMPT.height, tall + 24))

    def _text_height(self, text: str, role: str, width: int) -> int:
        if not text:
            return 0
        font = self.session.theme.font(role)
        return len(wrap(text, font, width)) * line_height(font)

    # -- actions --------------------------------------------------------------------------
    def _toggle(self, competency: str) -> None:
        """Pick or unpick; past « 1 ou 2 cartes », the oldest pick gives way."""
        if competency in self.selected:
            self.selected.remove(competency)
        else:
            self.selected.append(competency)
            del self.selected[: -self.question.max_picks]
        self.layout()

    def _dont_know(self) -> None:
        self.attempts += 1
        self.phase = "hint"
        self.layout()
        self.auto_speak()

    def _retry(self) -> None:
        self.phase = "pick"
        self.pager.page = self._page_said = 0
        self.layout()
        self.auto_speak()

    def _validate(self) -> None:
        if not self.selected:
            return
        self._record()
        self.phase = "feedback"
        self.pager.page = self._page_said = 0
        self.layout()
        self.auto_speak()

    def _record(self) -> None:
        answers = set(self.question.answers)
        self.run.asked += 1
        self.run.right += set(self.selected) == answers
        for competency in self.selected:
            if competency in answers and competency not in self.run.recognised:
                self.run.recognised.append(competency)
        if self.run.practice or self.session.player is None:
            return
        evidence = Evidence(
            player_id=self.session.player.id,
            scenario_id=self.scenario.id,
            scenario_version=self.scenario.version,
            node_id=self.node.id,
            kind="identify",
            situation=localize(self.scenario.title, "fr"),
            choice_id=self.chosen.id if self.chosen is not None else "",
            choice_text=self.session.loc(self.chosen.text) if self.chosen is not None else "",
            identified=list(self.selected),
            expected=list(self.question.answers),
            matched=set(self.selected) == answers,
            attempts=self.attempts,
        )
        self.session.write(Store.add_evidence, evidence)
        self.run.evidence += 1

    def _done(self) -> None:
        self.request_pop()
        self.on_done()

    def back(self) -> None:
        """Esc: from the hint, try again; while picking, « leave? » (resumes at this step)."""
        if self.phase == "hint":
            self._retry()
        elif self.phase == "pick":
            from game.scenes.confirm import ask_to_leave_scenario

            ask_to_leave_scenario(self, scenes=2)  # this step and the play scene below

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        surface.blit(
            background(theme, self.node.background or self.scenario.place.background), (0, 0)
        )
        dim(surface, 90)
        if self.phase == "pick" and self.grown():
            self._draw_grown_prompt(surface)
        elif not (self.phase != "pick" and self.grown()):  # the big hint / feedback cover it
            self._draw_prompt(surface)
        if self.phase == "feedback":
            self._draw_feedback(surface)
        draw_buttons(surface, theme, self.buttons)
        if self.phase == "hint":
            self._draw_hint(surface)
        if self.phase == "pick" and self.pager.pages > 1:
            tall = self._tall(92)
            self.pager.draw_number(surface, pygame.Rect(540, self._bottom(92), 200, tall))
        elif self.phase == "feedback" and self.grown() and self.pager.pages > 1:
            tall = self._tall(88)
            self.pager.draw_number(surface, pygame.Rect(110, self._bottom(88) + 4, 200, tall))

    def _draw_prompt(self, surface: pygame.Surface) -> None:
        """« Tu as choisi : « … » » over the question, in the panel they always had."""
        theme = self.session.theme
        panel(surface, theme, PROMPT, radius=24)
        recall, ask = self.prompt_texts()
        inner = PROMPT.inflate(-40, -16)
        if recall:
            top = pygame.Rect(inner.x, inner.y, inner.width, inner.height * 9 // 20)
            draw_text(surface, theme, recall, top, align="center", valign="middle")
            inner = pygame.Rect(inner.x, top.bottom, inner.width, inner.bottom - top.bottom)
        draw_text(surface, theme, ask, inner, role="heading", align="center", valign="middle")

    def _draw_grown_prompt(self, surface: pygame.Surface) -> None:
        """At « Énorme », on the first page: the prompt wrapped at full size, its panel as
        tall as the lines need."""
        if 0 not in self.pager.shown(self.pages)[0]:
            return
        theme, box = self.session.theme, self.prompt_rect()
        panel(surface, theme, box, radius=24)
        recall, ask = self.prompt_texts()
        y, width = box.y + 12, box.width - 40
        for text, role in ((recall, "body"), (ask, "heading")):
            tall = self._text_height(text, role, width)
            if tall:
                room = pygame.Rect(box.x + 20, y, width, tall)
                draw_text(surface, theme, text, room, role=role, align="center")
                y += tall

    def _draw_hint(self, surface: pygame.Surface) -> None:
        theme = self.session.theme
        box = pygame.Rect(190, 150, 900, 420)
        title = 70
        if self.grown():  # « Énorme »: the whole screen under the toolbar, a taller title
            box = pygame.Rect(110, BELOW_TOOLBAR, 1060, self._bottom(88) - 8 - BELOW_TOOLBAR)
            title = max(title, line_height(theme.font("heading")) + 4)
        panel(surface, theme, box, fill="info_light", border="info", radius=28, width=4)
        image = icon_surface("dont-know", 96)
        if image is not None:
            surface.blit(image, (box.x + 30, box.y + 30))
        draw_text(
            surface,
            theme,
            self.session.t("identify.hint_title"),
            pygame.Rect(box.x + 150, box.y + 40, box.width - 180, title),
            role="heading",
            bg="info_light",
            valign="middle",
        )
        draw_text(
            surface,
            theme,
            self.session.loc(self.node.hint),
            pygame.Rect(box.x + 40, box.y + 150, box.width - 80, box.height - 180),
            bg="info_light",
        )
        draw_buttons(surface, theme, [b for b in self.buttons if b.key == "continue"])

    def prompt_texts(self) -> tuple[str, str]:
        """« Tu as choisi : « … » » (empty when the choice is not known), then the question
        and how many cards to pick (« Choisis 1 ou 2 cartes »)."""
        t = self.session.t
        recall = ""
        if self.chosen is not None:
            recall = t("identify.you_chose", choice=self.session.loc(self.chosen.text))
        most = self.question.max_picks
        picks = t("identify.pick_two") if most == 2 else t("identify.pick_more", most=most)
        return recall, f"{self.session.loc(self.node.prompt)} {picks}"

    def _why(self, competency: str) -> str:
        """What the player did that took ``competency`` (the choice's own sentence)."""
        if self.chosen is not None:
            for shows in self.chosen.shows:
                if shows.competency == competency:
                    return self.session.loc(shows.why).rstrip().rstrip(".")
        return ""

    def _not_here(self, competency: str) -> str:
        """Why a picked card was not what the player did: the author's sentence, else what
        the competency is about, so the miss still teaches something."""
        name = self.session.competency_name(competency)
        if competency in self.node.not_here:
            return self.session.t(
                "identify.extra_why",
                name=name,
                why=self.session.loc(self.node.not_here[competency]),
            )
        try:
            about = self.session.loc(self.session.framework.competency(competency).description)
        except DivaError:
            about = ""
        if not about:
            return self.session.t("identify.extra", name=name)
        return self.session.t("identify.extra_about", name=name, about=about)

    def feedback_lines(self) -> tuple[str, list[tuple[str, str]]]:
        """The headline and one (icon, sentence) per card: seen (and what the player did that
        took it), also there, picked but not part of this choice (and why)."""
        t, name = self.session.t, self.session.competency_name
        answers, picked = self.question.answers, set(self.selected)
        found = [c for c in answers if c in picked]
        lines = []
        for c in answers:
            why = self._why(c)
            if c in picked:
                key = "identify.found_why" if why else "identify.found"
                lines.append(("check", t(key, name=name(c), why=why)))
            else:
                key = "identify.missed_why" if why else "identify.missed"
                lines.append((c, t(key, name=name(c), why=why)))
        lines += [("dont-know", self._not_here(c)) for c in self.selected if c not in answers]
        if len(found) == len(answers) and len(picked) == len(found):
            head = t("identify.all_found")
        elif found:
            head = t("identify.some_found", found=len(found), total=len(answers))
        else:
            head = t("identify.none_found")
        return head, lines

    def _feedback_box(self) -> pygame.Rect:
        if not self.grown():
            return pygame.Rect(110, 146, 1060, 444)
        return pygame.Rect(110, BELOW_TOOLBAR, 1060, self._bottom(88) - 8 - BELOW_TOOLBAR)

    def _feedback_pages(self) -> list[list[int]]:
        """« Énorme »: the feedback's rows (then the author's why) at full size, as many
        a page as the box holds under the headline."""
        box, (_, lines) = self._feedback_box(), self.feedback_lines()
        heights = [self._row_height(sentence, box.width - 132) for _, sentence in lines]
        why = self.feedback_why()
        if why:
            heights.append(self._text_height(why, "body", box.width - 88) + 16)
        head = line_height(self.session.theme.font("heading")) + 8
        return pack(heights, box.height - head - 44, 6, most=len(heights) or 1)

    def _draw_grown_feedback(self, surface: pygame.Surface) -> None:
        """The page shown of the feedback, at full size under its headline."""
        theme, box = self.session.theme, self._feedback_box()
        panel(surface, theme, box, radius=28, width=4)
        head, lines = self.feedback_lines()
        tall = line_height(theme.font("heading")) + 8
        room = pygame.Rect(box.x + 36, box.y + 14, box.width - 72, tall)
        draw_text(surface, theme, head, room, role="heading", fg="success", valign="middle")
        y = room.bottom + 8
        for index in self.pager.shown(self.pages)[0]:
            if index < len(lines):
                icon_name, sentence = lines[index]
                height = self._row_height(sentence, box.width - 132)
                image = icon_surface(icon_name, 44)
                if image is not None:
                    surface.blit(image, (box.x + 36, y + (height - 44) // 2))
                row = pygame.Rect(box.x + 96, y, box.width - 132, height)
                draw_text(surface, theme, sentence, row, valign="middle")
            else:
                why = self.feedback_why()
                height = self._text_height(why, "body", box.width - 88) + 16
                room = pygame.Rect(box.x + 28, y, box.width - 56, height)
                pygame.draw.rect(surface, theme.color("info_light"), room, border_radius=16)
                draw_text(surface, theme, why, room.inflate(-32, -16), bg="info_light")
            y += height + 6

    def _draw_feedback(self, surface: pygame.Surface) -> None:
        if self.grown():
            self._draw_grown_feedback(surface)
            return
        theme = self.session.theme
        box = pygame.Rect(110, 146, 1060, 444)
        panel(surface, theme, box, radius=28, width=4)
        head, lines = self.feedback_lines()
        draw_text(
            surface,
            theme,
            head,
            pygame.Rect(box.x + 36, box.y + 14, box.width - 72, 56),
            role="heading",
            fg="success",
            valign="middle",
            max_lines=1,
        )
        why = self.feedback_why()
        bottom = box.bottom - 16
        if why:
            room = pygame.Rect(box.x + 28, box.bottom - 120, box.width - 56, 104)
            pygame.draw.rect(surface, theme.color("info_light"), room, border_radius=16)
            draw_text(surface, theme, why, room.inflate(-32, -16), bg="info_light", valign="middle")
            bottom = room.y - 8
        top = box.y + 76
        width = box.width - 132
        needs = [self._row_height(sentence, width) for _, sentence in lines[:6]]
        share = (bottom - top) // max(1, len(needs))
        y = top
        for (icon_name, sentence), need in zip(lines[:6], needs, strict=True):
            height = min(need, share) if sum(needs) > bottom - top else need
            image = icon_surface(icon_name, 44)
            if image is not None:
                surface.blit(image, (box.x + 36, y + (height - 44) // 2))
            row = pygame.Rect(box.x + 96, y, width, height)
            draw_text(surface, theme, sentence, row, valign="middle")
            y += height + 6

    def _row_height(self, sentence: str, width: int) -> int:
        font = self.session.theme.font("body")
        return max(48, len(wrap(sentence, font, width)) * line_height(font))

    def feedback_why(self) -> str:
        """The author's explanation of the node's fixed answers, when those were asked; with
        the player's own choice, each row already says what they did."""
        return "" if self.question.from_choice else self.session.loc(self.node.why)

    def read_aloud_text(self) -> str:
        t = self.session.t
        if self.phase == "hint":
            return f"{t('identify.hint_title')}. {self.session.loc(self.node.hint)}"
        if self.phase == "feedback":
            head, lines = self.feedback_lines()
            page = [f"{self.pager.label()}."] if self.grown() and self.pager.pages > 1 else []
            return " ".join([head, *page, *(s for _, s in lines), self.feedback_why()]).strip()
        cards = [
            f"{b.number} : {b.label}" + (f" ({t('identify.picked')})" if b.selected else "")
            for b in self.buttons
            if isinstance(b, Card)
        ]
        recall, ask = self.prompt_texts()
        page = [self.pager.label()] if self.pager.pages > 1 else []
        words = [p for p in (recall, ask) if p] + page + cards + [t("identify.dont_know")]
        return ". ".join(words)

    def autoplay(self, rng: random.Random) -> Action | None:
        if self.phase != "pick":
            return Press(self.focus.find("continue"))  # type: ignore[arg-type]
        validate = self.focus.find("validate")
        cards = [b for b in self.buttons if isinstance(b, Card)]
        if self.selected and (rng.random() < 0.5 or len(self.selected) >= 3):
            return Press(validate)  # type: ignore[arg-type]
        if not self.selected and self.attempts == 1 and rng.random() < 0.2:
            return Press(self.focus.find("dont-know"))  # type: ignore[arg-type]
        unpicked = [c for c in cards if not c.selected]
        return Press(rng.choice(unpicked)) if unpicked else Press(validate)  # type: ignore[arg-type]
