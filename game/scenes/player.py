"""Choose who plays, or create a player: a pseudonym (never a real name) and an avatar."""

from __future__ import annotations

import dataclasses
import random
import typing
import unicodedata
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.art import load_svg
from game.navigation import ToMap, ToTitle, go
from game.pseudo import Suggestion, suggestion
from game.scene import Action, Press, Scene
from game.theme import TEXT_SIZES
from game.ui.button import Button, draw_buttons
from game.ui.chrome import toolbar
from game.ui.images import background, portrait
from game.ui.pager import Pager
from game.ui.panel import panel, titled_panel
from game.ui.picker import ArrowButton, Picker
from game.ui.text import draw_text, line_height, wrap
from game.ui.textfield import TextField
from shared.errors import DivaError, NotFoundError
from shared.player import Avatar, Player, workshop_code
from shared.store.store import Store

if TYPE_CHECKING:
    from game.session import Session
    from game.theme import Theme

PARTS = (
    "skin", "hair", "hair_color", "clothes", "clothes_color", "accessory", "facial_hair", "age",
)  # fmt: skip
# The players are 16-25: a child or senior face is for the scenarios' characters only.
OFFERED = {"age": ("young", "adult")}
LIST_TOP = 190  # the first row of players, below the title (and the search, if any)
PER_PAGE = 8  # 2 x 4: number keys 1-8 pick a player on the page shown
# The new-player form: the portrait, the workshop code and « C'est parti ! » on the left; the
# pseudonym and the look's pickers on the right, tall and wide enough for every label and
# value to keep its full size at « très grand ».
SIDE = pygame.Rect(20, 106, 330, 600)
FORM = pygame.Rect(362, 106, 898, 600)
FACE = (246, 318)  # the portrait, at the top of SIDE
PICKER = (427, 102)  # two columns of four
LABEL_H = 44  # a line of small text at « très grand »
CODE_LABEL = pygame.Rect(SIDE.x + 15, SIDE.y + 334, SIDE.width - 30, 2 * LABEL_H - 4)
CODE = pygame.Rect(SIDE.x + 15, CODE_LABEL.bottom + 6, SIDE.width - 30, 56)
CREATE = pygame.Rect(SIDE.x + 15, SIDE.bottom - 104, SIDE.width - 30, 90)
PICTURE = 104  # the suggested pseudonym's picture word, by the portrait
SUGGEST_W = 380  # « Propose-moi un pseudo », beside the pseudonym
LETTERS_W = 110  # « ABC »: the on-screen letter grid
MESSAGE = pygame.Rect(SIDE.x + 10, SIDE.y + 150, SIDE.width - 20, 176)  # over the portrait
HEAD = pygame.Rect(104, 8, 990, 94)  # the title, clear of the back and speaker buttons
LOOK_ARROW = (64, 52)


@dataclass
class FormPlan:
    """Where the form's parts go at the current text size (all at full size): wider texts
    take one picker a row, and pickers that do not fit are on the look's next page."""

    labels: list[tuple[str, pygame.Rect]]
    tools_y: int
    tools_h: int
    pickers: list[pygame.Rect]  # the rects of one page's pickers
    face: tuple[int, int]
    code: pygame.Rect
    create: pygame.Rect


def part_values(part: str) -> list:
    return list(OFFERED.get(part) or typing.get_args(Avatar.model_fields[part].annotation))


def recent_first(rows: list[dict]) -> list[dict]:
    """Most recently played first: on a shared workshop PC, today's players are on page 1.

    Rows without dates (old indexes) go last, by name, so the order never depends on chance.
    """
    by_name = sorted(rows, key=lambda r: str(r.get("pseudonym", "")).casefold())
    return sorted(
        by_name, key=lambda r: str(r.get("updated") or r.get("created") or ""), reverse=True
    )


def row_avatar(row: dict) -> Avatar:
    """The avatar of an index row; the default face when the row has none or a broken one."""
    try:
        return Avatar.model_validate(row.get("avatar") or {})
    except ValueError:
        return Avatar()


@dataclass(eq=False)
class PlayerCard(Button):
    """A player in the list: their face next to their pseudonym, so they find themselves fast."""

    avatar: Avatar = dataclasses.field(default_factory=Avatar)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        label, self.label = self.label, ""
        super().draw(surface, theme)  # panel, number, focus lift
        self.label = label
        rect = self.rect.move(0, -3) if (self.hovered or self.focused) else self.rect
        face = portrait(self.avatar, (128, 160), "happy")  # cropped to the head and shoulders
        surface.blit(face, (rect.x + 70, rect.y + 4), area=pygame.Rect(0, 14, 128, rect.height - 8))
        draw_text(
            surface,
            theme,
            label,
            pygame.Rect(rect.x + 206, rect.y + 8, rect.width - 222, rect.height - 16),
            role="choice",
            valign="middle",
            max_lines=2,
        )


def folded(text: str) -> str:
    """``text`` without case or accents: « zoe » finds « Zoé »."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def this_workshop(rows: list[dict], code: str) -> list[dict]:
    """On a PC started for a workshop (``diva-game --workshop CODE``), only that workshop's
    players: the others' pseudonyms are not shown to a group on a shared screen."""
    wanted = workshop_code(code)
    if not wanted:
        return rows
    return [row for row in rows if wanted in (row.get("workshops") or [])]


class PlayerScene(Scene):
    """Two modes on one screen: the list of players, and the new-player form."""

    def __init__(self, session: Session, create: bool = False) -> None:
        super().__init__(session)
        self.creating = create
        self.avatar = Avatar(skin=random.Random().randint(0, 5))
        self.message = ""
        self.name_field: TextField | None = None
        self.code_field: TextField | None = None
        self.buttons: list[Button] = []
        self._rows: list[dict] | None = None
        self.form: FormPlan | None = None
        self.look_page = 0  # the look's pickers shown, when they do not all fit
        self.suggested: Suggestion | None = None  # « Renard 27 » and its picture
        self.query = ""  # the letters searched for in the pseudonyms (shared PCs)
        self.pager = Pager(self, PER_PAGE, lambda: len(self._found()))

    def handle(self, event: pygame.event.Event) -> bool:
        """PageUp / PageDown turn the pages of the list (not while a text field has the keys)."""
        if not self.creating and self.pager.handle_key(event):
            return True
        return super().handle(event)

    # -- layout ---------------------------------------------------------------------------
    def layout(self) -> None:
        self._drop_fields()
        self._rows = None
        self.buttons = toolbar(self)
        if not self.creating and not self._players():
            self.creating = True  # nobody yet: straight to the new-player form
        if self.creating:
            self._layout_form()
        else:
            self._layout_list()
        self.focus.set(self._reading_order())
        if self.creating and self.name_field is not None and self.focus.focused is None:
            self.focus.focus_item(self.name_field)  # type the pseudonym at once

    def _reading_order(self) -> list:
        """Tab goes as the eye reads: pseudonym, look, workshop code, then « C'est parti ! »."""
        if self.name_field is None or self.code_field is None:
            return list(self.buttons)
        *before, create = self.buttons
        tools = [b for b in before if not isinstance(b, Picker)]
        pickers = [b for b in before if isinstance(b, Picker)]
        return [*tools, self.name_field, *pickers, self.code_field, create]

    def _layout_list(self) -> None:
        t = self.session.t
        top = self._layout_search()
        tall = max(88, line_height(self.session.theme.font("heading")) + 20)
        card = self._card_size()
        columns = 2 if card == (480, 88) else 1
        step = card[1] + 16
        fit = (712 - top - 4 - tall) // step  # rows of cards above « Nouveau joueur »
        self.pager.per_page = columns * max(1, min(4, fit))
        rows = self.pager.shown(self._found())
        left = 140 if columns == 2 else 640 - card[0] // 2
        rects = [
            pygame.Rect(left + (i % columns) * 520, top + (i // columns) * step, *card)
            for i in range(len(rows))
        ]
        for number, (row, rect) in enumerate(zip(rows, rects, strict=True), start=1):
            self.buttons.append(
                PlayerCard(
                    f"player:{row['id']}",
                    row["pseudonym"],
                    rect,
                    partial(self._choose, row["id"]),
                    number=number,
                    style="choice",
                    avatar=row_avatar(row),
                )
            )
        y = top + -(-len(rows) // columns) * step + 20
        new = pygame.Rect(400, min(y, 712 - tall), 480, tall)
        if self.pager.pages > 1:
            new.x = 140  # room for « Page 1 / 3 » on its right
            self.buttons += self.pager.arrows(y=330, inset=40)  # the map's, for many players
        self.buttons.append(
            Button("new", t("player.new"), new, self._new_form, style="primary", role="heading")
        )

    def _card_size(self) -> tuple[int, int]:
        """A player's card: 480 x 88, two a row; at « Énorme », when a pseudonym would
        shrink there, one a row, as wide (then as tall) as the longest needs at full size."""
        theme = self.session.theme
        font = theme.font("choice")
        names = [str(row.get("pseudonym", "")) for row in self._found()]
        widest = max((font.size(name)[0] for name in names), default=0)
        if theme.text_size != TEXT_SIZES[-1] or widest <= 480 - 222:
            return 480, 88
        width = min(1000, widest + 222 + 8)
        lines = max(len(wrap(name, font, width - 222)) for name in names)
        return width, max(88, lines * line_height(font) + 16)

    def _layout_search(self) -> int:
        """« Chercher mon pseudo » above the list when there are more players than a page
        (a shared PC): a few letters, written with the letter grid or typed on it, and only
        the pseudonyms holding them are listed. Returns where the list starts."""
        if len(self._players()) <= PER_PAGE and not self.query:
            return LIST_TOP
        t, theme = self.session.t, self.session.theme
        body = theme.font("body")
        words = [t("player.search"), t("player.search_clear", query=self.query)]
        lines = max(len(wrap(w, body, 480 - 28)) for w in words)  # wrapped, never shrunk
        tall = max(68, lines * line_height(body) + 16)
        search = pygame.Rect(140, HEAD.bottom + 8, 480, tall)
        self.buttons.append(Button("search", t("player.search"), search, self._search))
        if self.query:
            clear = pygame.Rect(660, search.y, 480, tall)
            label = t("player.search_clear", query=self.query)
            self.buttons.append(Button("search:clear", label, clear, partial(self._set_query, "")))
        return max(LIST_TOP, search.bottom + 14)

    def _search(self) -> None:
        from game.scenes.letters import LetterGridScene

        self.request_push(LetterGridScene(self.session, self.query, self._set_query))

    def _set_query(self, query: str) -> None:
        """Show the players whose pseudonym holds ``query`` (any case, any accent)."""
        self.query = query.strip()
        self.pager.page = 0
        self.layout()
        found = len(self._found())
        self.speak(
            self.session.t("player.search_found", n=found) if self.query else self.screen_text()
        )

    def _found(self) -> list[dict]:
        """The players listed: all of them, or those whose pseudonym holds the search."""
        rows = self._players()
        if not self.query:
            return rows
        wanted = folded(self.query)
        return [row for row in rows if wanted in folded(str(row.get("pseudonym", "")))]

    def _plan_form(self) -> FormPlan:
        theme, t = self.session.theme, self.session.t
        small, body = theme.font("small"), theme.font("body")
        small_h = line_height(small)
        wide = FORM.width - 32
        name = pygame.Rect(FORM.x + 16, FORM.y + 6, wide, small_h + 2)
        tools_h = max(64, small_h + 16, line_height(body) + 8)
        # 8 px between a label and the tools: clear of the focus ring round the field
        look = pygame.Rect(FORM.x + 16, name.bottom + 8 + tools_h + 8, wide, small_h + 2)
        top = look.bottom + 2
        picker_h = max(PICKER[1], small_h + line_height(theme.font("choice")) + 16)
        columns = 2 if self._values_fit(PICKER[0]) else 1
        width = PICKER[0] if columns == 2 else wide
        rows = max(1, (FORM.bottom - 4 - top + 6) // (picker_h + 6))
        pickers = [
            pygame.Rect(
                FORM.x + 16 + (i % columns) * (width + 12),
                top + (i // columns) * (picker_h + 6),
                width,
                picker_h,
            )
            for i in range(rows * columns)
        ]
        head = theme.font("heading")  # « C'est parti ! » on two lines rather than shrunk
        lines = len(wrap(t("player.create"), head, CREATE.width - 28))
        create_h = max(CREATE.height, lines * line_height(head) + 20)
        create = pygame.Rect(CREATE.x, SIDE.bottom - 14 - create_h, CREATE.width, create_h)
        code_h = max(CODE.height, line_height(body) + 8)
        code = pygame.Rect(CODE.x, create.y - 14 - code_h, CODE.width, code_h)
        said = len(wrap(t("player.code_label"), small, CODE_LABEL.width)) * small_h
        code_label = pygame.Rect(CODE_LABEL.x, code.y - 6 - said, CODE_LABEL.width, said)
        face_h = min(FACE[1], code_label.y - 6 - SIDE.y - 10)
        labels = [("player.name_label", name), ("player.look_label", look)]
        labels.append(("player.code_label", code_label))
        face = (FACE[0] * face_h // FACE[1], face_h)
        return FormPlan(labels, name.bottom + 8, tools_h, pickers, face, code, create)

    def _values_fit(self, width: int) -> bool:
        """Whether every label and value of the look fits a half-width picker at full size."""
        theme = self.session.theme
        room = width - 2 * 64 - 16
        choice, small = theme.font("choice"), theme.font("small")
        for part in PARTS:
            if small.size(self.session.t(f"avatar.{part}"))[0] > room:
                return False
            for value in part_values(part):
                if choice.size(self._word(part, value))[0] > room:
                    return False
        return True

    def _layout_form(self) -> None:
        t, manager = self.session.t, self.session.manager
        self.form = plan = self._plan_form()
        y, tall = plan.tools_y, plan.tools_h
        words = self.session.theme.font("small").size(t("player.suggest"))[0]
        suggest_w = min(470, max(SUGGEST_W, words + 40))  # its words on one line at full size
        self.name_field = TextField(
            "name",
            pygame.Rect(FORM.x + 16, y, FORM.width - 56 - suggest_w - LETTERS_W, tall),
            manager,
            t("player.name_placeholder"),
            max_length=24,
            initial=getattr(self, "_name_text", ""),
        )
        self.buttons.append(
            Button(
                "suggest",
                t("player.suggest"),
                pygame.Rect(FORM.right - 16 - suggest_w, y, suggest_w, tall),
                self._suggest,
                role="small",  # one line at every text size, beside the field
            )
        )
        self.buttons.append(
            Button(
                "letters",
                "ABC",
                pygame.Rect(FORM.right - 28 - suggest_w - LETTERS_W, y, LETTERS_W, tall),
                self._letters,
                context=t("player.letters"),
                role="small",
            )
        )
        self.buttons += self._look_arrows()
        self.buttons += self._pickers()
        self.code_field = TextField(
            "code",
            plan.code,
            manager,
            t("player.code_placeholder"),
            max_length=8,
            initial=getattr(self, "_code_text", self.session.options.workshop),
        )
        self.buttons.append(
            Button(
                "create",
                t("player.create"),
                plan.create,
                self._create,
                style="primary",
                role="heading",
            )
        )

    @property
    def look_pages(self) -> int:
        per_page = len(self.form.pickers) if self.form is not None else len(PARTS)
        return -(-len(PARTS) // per_page)

    def _look_arrows(self) -> list[Button]:
        """◀ ▶ right of « Ton look » when the pickers are on several pages."""
        if self.look_pages <= 1 or self.form is None:
            return []
        look = self.form.labels[1][1]
        t = self.session.t
        arrows: list[Button] = []
        for key, step, x in (("look:previous", -1, look.right - 2 * LOOK_ARROW[0] - 12),
                             ("look:next", 1, look.right - LOOK_ARROW[0])):  # fmt: skip
            label = t("map.previous_page" if step < 0 else "map.next_page")
            rect = pygame.Rect((x, look.centery - LOOK_ARROW[1] // 2), LOOK_ARROW)
            arrows.append(ArrowButton(key, label, rect, partial(self._turn_look, step), step=step))
        return arrows

    def _turn_look(self, step: int) -> None:
        self.look_page = (self.look_page + step) % self.look_pages
        self.session.sound("page")
        self.layout()  # the fields' texts are kept by _drop_fields
        self.auto_speak()

    def _pickers(self) -> list[Picker]:
        """The pickers of the look's page shown, one per part of the look."""
        t = self.session.t
        rects = self.form.pickers if self.form is not None else []
        first = self.look_page * len(rects)
        pickers = []
        for index, rect in zip(range(first, len(PARTS)), rects, strict=False):
            part = PARTS[index]
            pickers.append(
                Picker(
                    f"part:{part}",
                    t(f"avatar.{part}"),
                    rect,
                    partial(self._cycle, part),
                    number=index + 1,
                    value=self._value_word(part),
                    change=partial(self._cycle, part),
                )
            )
        return pickers

    def _value_word(self, part: str) -> str:
        return self._word(part, getattr(self.avatar, part))

    def _word(self, part: str, value: object) -> str:
        if part == "skin":
            return self.session.t("look.skin_n", n=int(str(value)) + 1)
        return self.session.t(f"look.{part}.{value}")

    def _drop_fields(self) -> None:
        for field in (self.name_field, self.code_field):
            if field is not None:
                setattr(self, f"_{field.key}_text", field.text)
                field.kill()
        self.name_field = self.code_field = None

    def exit(self) -> None:
        self._drop_fields()

    def pause(self) -> None:
        for field in (self.name_field, self.code_field):
            if field is not None:
                field.show(False)

    # -- actions --------------------------------------------------------------------------
    def _players(self) -> list[dict]:
        """The index rows, most recent first; read once per layout (a page turn reads again)."""
        if self._rows is None:
            try:
                self._rows = this_workshop(
                    recent_first(self.session.store.players()), self.session.options.workshop
                )
            except DivaError:
                self.message = self.session.t("error.players")
                return []
        return self._rows

    def _new_form(self) -> None:
        self.creating = True
        self.layout()

    def _cycle(self, part: str, step: int = 1) -> None:
        values = part_values(part)
        value = getattr(self.avatar, part)
        current = values.index(value) if value in values else -1
        self.avatar = self.avatar.model_copy(update={part: values[(current + step) % len(values)]})
        picker = self.focus.find(f"part:{part}")
        if isinstance(picker, Picker):
            picker.value = self._value_word(part)

    def back(self) -> None:
        if self.creating and self._players():
            self.creating = False
            self.layout()
            return
        go(self, ToTitle())

    def _choose(self, player_id: str) -> None:
        try:
            player = self.session.store.player(player_id)
        except DivaError:
            self.message = self.session.t("error.players")
            return
        self._join_workshop(player)
        self._start(player)

    def _join_workshop(self, player: Player) -> None:
        code = workshop_code(self.session.options.workshop)
        changed = False
        if code and code not in player.workshops:
            player.workshops.append(code)
            changed = True
        if self.session.options.structure and not player.structure:
            player.structure = self.session.options.structure
            changed = True
        if changed:  # those two fields only: never a stale copy of the whole player
            self.session.write(Store.join_workshop, player.id, code, self.session.options.structure)

    def _letters(self) -> None:
        """The on-screen letter grid: a pseudonym with no keyboard (focus ring, switch)."""
        from game.scenes.letters import LetterGridScene

        def written(word: str) -> None:
            if self.name_field is not None and word:
                self.name_field.entry.set_text(word)

        start = self.name_field.text if self.name_field is not None else ""
        self.request_push(LetterGridScene(self.session, start, written))

    def _suggest(self) -> None:
        """« Propose-moi un pseudo »: typed in the field, and said (re-rollable)."""
        taken = {str(row.get("pseudonym", "")) for row in self.session.store.players()}
        self.suggested = suggestion(self.session.settings.language, taken, random.Random())
        name = self.suggested.name
        if self.name_field is not None:
            self.name_field.entry.set_text(name)
        self.message = ""
        self.speak(self.session.t("player.suggested", name=name))

    def _create(self) -> None:
        name = self.name_field.text.strip() if self.name_field else ""
        if not name:
            self.message = self.session.t("player.need_name")
            if self.name_field is not None:
                self.focus.focus_item(self.name_field)
            return
        workshops = self._workshop_codes()
        if workshops is None:
            return
        player = Player(
            pseudonym=name,
            avatar=self.avatar,
            structure=self.session.options.structure,
            workshops=workshops,
            settings=self.session.settings,
        )
        self.session.write(Store.add_player, player)
        self._start(player)

    def _workshop_codes(self) -> list[str] | None:
        code = workshop_code(self.code_field.text if self.code_field else "")
        if not code or code == workshop_code(self.session.options.workshop):
            return [code] if code else []
        try:
            self.session.store.workshop(code)
        except NotFoundError:
            self.message = self.session.t("player.unknown_code", code=code)
            return None
        except DivaError:
            self.message = self.session.t("error.players")
            return None
        return [code]

    def _start(self, player: Player) -> None:
        self.session.set_player(player)
        go(self, ToMap())

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        surface.blit(background(theme, "images/backgrounds/titre.svg"), (0, 0))
        title = t("player.create_title") if self.creating else t("player.choose_title")
        titled_panel(surface, theme, HEAD, title, HEAD.inflate(-40, -6), radius=24, width=3)
        if self.creating:
            self._draw_form(surface)
        elif self.query and not self._found():
            box = pygame.Rect(140, LIST_TOP + 40, 1000, 120)
            none = t("player.search_none", query=self.query)
            draw_text(surface, theme, none, box, fg="panel_text", align="center")
        draw_buttons(surface, theme, self.buttons)
        if not self.creating and self.pager.pages > 1:
            # « Page 1 / 3 » in words, right of « Nouveau joueur », as on the map
            tall = max(60, line_height(theme.font("small")) + 12)
            self.pager.draw_number(surface, pygame.Rect(780, 680 - tall, 240, tall))
        if self.message:
            box = pygame.Rect(140, 640, 1000, 64) if not self.creating else MESSAGE
            panel(surface, theme, box, fill="info_light", border="info", radius=14)
            draw_text(
                surface,
                theme,
                self.message,
                box.inflate(-24, -8),
                fg="panel_text",
                bg="info_light",
                align="center",
                valign="middle",
                role="small",
            )

    def _draw_form(self, surface: pygame.Surface) -> None:
        theme, t = self.session.theme, self.session.t
        plan = self.form or self._plan_form()
        panel(surface, theme, SIDE, radius=28)
        face = (SIDE.x + (SIDE.width - plan.face[0]) // 2, SIDE.y + 10)
        surface.blit(portrait(self.avatar, plan.face, "happy"), face)
        self._draw_picture_word(surface, face[1] + plan.face[1])
        panel(surface, theme, FORM, radius=28)
        for key, box in plan.labels:
            if key == "player.look_label" and self.look_pages > 1:  # the arrows on its right
                box = box.copy()
                box.width -= 2 * LOOK_ARROW[0] + 24
            draw_text(surface, theme, t(key), box, role="small", fg="panel_muted_text",
                      valign="bottom")  # fmt: skip

    def picture_word(self) -> Suggestion | None:
        """The suggested pseudonym's picture word, while the field still holds it."""
        field, suggested = self.name_field, self.suggested
        if field is None or suggested is None or field.text != suggested.name:
            return None
        return suggested

    def _draw_picture_word(self, surface: pygame.Surface, bottom: int) -> None:
        """The suggested word drawn (the fox of « Renard 27 »), a sticker by the portrait."""
        suggested = self.picture_word()
        if suggested is None:
            return
        theme = self.session.theme
        size = min(PICTURE, bottom - SIDE.y - 20)
        badge = pygame.Rect(SIDE.right - size - 24, bottom - size - 8, size + 12, size + 12)
        pygame.draw.ellipse(surface, theme.color("panel"), badge)
        pygame.draw.ellipse(surface, theme.color("panel_border"), badge, 3)
        try:
            image = load_svg(suggested.word.picture, (size - 8, size - 8))
        except (OSError, ValueError, pygame.error):
            return  # a missing picture: the word is still written and said
        surface.blit(image, image.get_rect(center=badge.center))

    def read_aloud_text(self) -> str:
        """The title, then every player's name, or every label and choice of the form."""
        t = self.session.t
        if not self.creating:
            names = [f"{b.number} : {b.label}" for b in self.buttons if isinstance(b, PlayerCard)]
            page = [self.pager.label()] if self.pager.pages > 1 else []
            return ". ".join([t("player.choose_title"), *page, *names, t("player.new")])
        looks = [f"{b.label} : {b.value}" for b in self.buttons if isinstance(b, Picker)]
        labels = [t("player.name_label"), t("player.look_label"), *looks, t("player.code_label")]
        return ". ".join([t("player.create_title"), *labels, t("player.create")])

    def autoplay(self, rng: random.Random) -> Action | None:
        return Press(self.buttons[-1])
