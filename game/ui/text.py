"""Text wrapping with measurement, shrink-to-fit, and drawing that records its box.

Every text is wrapped to its container's width; if the lines are too tall, the font steps down
until they fit (never below ``MIN_PX``). What was drawn is logged on the theme for the
overflow test.
"""

from __future__ import annotations

import weakref

import pygame

from game.theme import DrawnText, Theme
from shared.look.text import wrap_text

MIN_PX = 16
LINE_SPACING = 1.12


# Lines already wrapped, by font: buttons, cards and the dialogue box wrap the same texts
# every frame, and measuring (one font.size per candidate line) was most of a frame's text
# work. Weak keys: a font the theme lets go (new text size) takes its lines with it.
_wrapped: weakref.WeakKeyDictionary[pygame.font.Font, dict[tuple[str, int], tuple[str, ...]]]
_wrapped = weakref.WeakKeyDictionary()
WRAPS_PER_FONT = 1024  # a screen has a few dozen texts; past this, start again


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Words on lines no wider than ``width``; a word too long for a line is cut (the rules,
    French punctuation included, are ``shared.look.text``'s, the skill map's too)."""
    known = _wrapped.setdefault(font, {})
    lines = known.get((text, width))
    if lines is None:
        if len(known) >= WRAPS_PER_FONT:
            known.clear()
        lines = tuple(wrap_text(text, width, lambda part: font.size(part)[0]))
        known[(text, width)] = lines
    return list(lines)


def common_px(
    texts: list[str],
    theme: Theme,
    role: str,
    box: pygame.Rect | list[pygame.Rect],
    max_lines: int | None = None,
    min_px: int = MIN_PX,
) -> int:
    """One size for texts shown side by side (cards): the size the longest one needs.

    ``box`` is one box for all, or each text's own box. The size never drops below ``min_px``
    (the text is then cut with an ellipsis by ``fit``, which the overflow test reports).
    """
    boxes = box if isinstance(box, list) else [box] * len(texts)
    px = theme.px(role)
    for text, room in zip(texts, boxes, strict=True):
        while px > min_px:
            font = theme.font(role, px)
            lines = wrap(text, font, room.width)
            many = max_lines is not None and len(lines) > max_lines
            if len(lines) * line_height(font) <= room.height and not many:
                break
            px -= 2
    return max(px, min_px)


def readable_px(theme: Theme, role: str, shrink: int = 4) -> int:
    """The smallest size a card text may shrink to at the current text size setting: a
    little below the role's size, so « très grand » stays big on crowded cards."""
    return max(MIN_PX, theme.px(role) - shrink)


def line_height(font: pygame.font.Font) -> int:
    return int(font.get_linesize() * LINE_SPACING * 0.9)


def fit(
    text: str,
    theme: Theme,
    role: str,
    box: pygame.Rect,
    max_lines: int | None = None,
    px: int | None = None,
    min_px: int = MIN_PX,
) -> tuple[pygame.font.Font, list[str]]:
    """The largest font (from ``px``, else ``role``'s size, down) whose lines fit in ``box``.

    At the smallest size, lines that still do not fit are cut and the last one ends with
    an ellipsis: text never spills out of its box.
    """
    px = px or theme.px(role)
    while True:
        font = theme.font(role, px)
        lines = wrap(text, font, box.width)
        tall = len(lines) * line_height(font)
        too_many = max_lines is not None and len(lines) > max_lines
        if tall <= box.height and not too_many:
            return font, lines
        if px <= min_px:
            return font, _truncate(lines, font, box, max_lines)
        px -= 2


def _truncate(
    lines: list[str], font: pygame.font.Font, box: pygame.Rect, max_lines: int | None
) -> list[str]:
    room = max(1, box.height // line_height(font))
    keep = min(room, max_lines or room)
    if len(lines) <= keep:
        return lines
    kept = lines[:keep]
    last = kept[-1]
    while last and font.size(last + "…")[0] > box.width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def draw_text(
    surface: pygame.Surface,
    theme: Theme,
    text: str,
    box: pygame.Rect,
    *,
    role: str = "body",
    fg: str = "panel_text",
    bg: str = "panel",
    align: str = "left",
    valign: str = "top",
    reveal: int | None = None,
    max_lines: int | None = None,
    px: int | None = None,
    min_px: int = MIN_PX,
) -> pygame.Rect:
    """Draw ``text`` inside ``box`` (fitted), showing the first ``reveal`` characters only.

    ``px`` starts the fitting at a smaller size, so texts side by side can share one size;
    ``min_px`` is the size below which it is cut rather than shrunk.
    """
    font, lines = fit(text, theme, role, box, max_lines, px, min_px)
    return draw_lines(
        surface,
        theme,
        lines,
        font,
        box,
        fg=fg,
        bg=bg,
        align=align,
        valign=valign,
        reveal=reveal,
        text=text,
        role=role,
    )


def draw_lines(
    surface: pygame.Surface,
    theme: Theme,
    lines: list[str],
    font: pygame.font.Font,
    box: pygame.Rect,
    *,
    fg: str = "panel_text",
    bg: str = "panel",
    align: str = "left",
    valign: str = "top",
    reveal: int | None = None,
    text: str = "",
    role: str = "",
) -> pygame.Rect:
    """Draw pre-wrapped lines; returns the rect the whole text takes (for the overflow test)."""
    step = line_height(font)
    total = len(lines) * step
    y = (
        box.y
        + {"top": 0, "middle": (box.height - total) // 2, "bottom": box.height - total}[valign]
    )
    color = theme.color(fg)
    left = reveal if reveal is not None else 10**9
    used = pygame.Rect(box.x, y, 0, 0)
    for line in lines:
        shown = line[: max(0, left)]
        left -= len(line) + 1
        width = font.size(line)[0]
        x = (
            box.x
            + {"left": 0, "center": (box.width - width) // 2, "right": box.width - width}[align]
        )
        if shown:
            if theme.dyslexic:  # OpenDyslexic has no « → »: its own « › » rather than a box
                shown = shown.replace("→", "›")
            surface.blit(font.render(shown, True, color), (x, y))
        used.union_ip(pygame.Rect(x, y, width, font.get_height()))
        y += step
    said = text or " ".join(lines)
    cut = "".join(lines).replace(" ", "") != said.replace(" ", "").replace("\n", "")
    theme.log(DrawnText(said, used, box, theme.hex(fg), theme.hex(bg), cut, font.point_size, role))
    return used
