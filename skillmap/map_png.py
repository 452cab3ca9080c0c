"""The competency map as a PNG (to print, to send, to show on a phone's gallery).

Rendered with pygame without any window (the SVG is rasterised by pygame's nanosvg, text
drawn with DIVA's Andika font), so it works on a server and under the dummy driver.
"""

import io
import os
import re
from pathlib import Path

from shared.i18n import Catalogue
from shared.text import localize
from skillmap.common import ActionError, framework
from skillmap.look import AVATAR_CROP, avatar_svg, font_path, icon_path, palette
from skillmap.map_svg import map_svg

WIDTH, HEIGHT = 1600, 900
MAP_SIZE = 860
MARGIN = 20
ICON = 52
AVATAR = 112


def _rgb(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _pygame():
    """pygame, initialised for off-screen drawing only (no window is ever opened)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame  # here: after the environment above

    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def _svg(pygame, text: str, size: int):
    return pygame.image.load_sized_svg(io.BytesIO(text.encode("utf-8")), (size, size))


def _fit(font, text: str, width: int) -> str:
    """Shorten ``text`` with an ellipsis until it fits in ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def _avatar(pygame, player, size: int):
    """The player's avatar in a round frame, or None if it cannot be drawn."""
    try:
        svg = avatar_svg(player.avatar, "happy")
    except (ValueError, KeyError, OSError):
        return None
    svg = re.sub(
        r'viewBox="[^"]*" width="\d+" height="\d+"', f'viewBox="{AVATAR_CROP}"', svg, count=1
    )
    colors = palette()
    frame = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(frame, _rgb(colors["background_sky"]), (size // 2, size // 2), size // 2)
    frame.blit(_svg(pygame, svg, size), (0, 0))
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (size // 2, size // 2), size // 2)
    frame.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    pygame.draw.circle(frame, _rgb(colors["accent"]), (size // 2, size // 2), size // 2, 5)
    return frame


def _fonts(pygame) -> dict:
    def font(bold: bool, size: int):
        return pygame.font.Font(str(font_path(bold=bold)), size)

    return {"title": font(True, 46), "bold": font(True, 28), "name": font(False, 28),
            "small": font(False, 24)}  # fmt: skip


def _header(pygame, surface, portfolio, t: Catalogue, fonts: dict, x: int, width: int) -> None:
    """The avatar, the pseudonym and the title, above the legend."""
    colors = palette()
    avatar = _avatar(pygame, portfolio.player, AVATAR)
    name_x = x + (AVATAR + 20 if avatar else 0)
    if avatar:
        surface.blit(avatar, (x, 24))
    room = width - (name_x - x)
    pseudonym = _fit(fonts["title"], portfolio.player.pseudonym, room)
    surface.blit(fonts["title"].render(pseudonym, True, _rgb(colors["panel_text"])), (name_x, 34))
    kicker = _fit(fonts["small"], t("portfolio.map_heading"), room)
    surface.blit(
        fonts["small"].render(kicker, True, _rgb(colors["panel_muted_text"])), (name_x, 96)
    )


def _legend_row(
    pygame, surface, row, t: Catalogue, fonts: dict, at: tuple[int, int], width: int
) -> None:
    """One competency: its icon, its name and its level word (muted when not confirmed)."""
    x, y = at
    level = row.confirmed_level
    colors = palette()
    color = _rgb(colors["panel_text"] if level else colors["panel_muted_text"])
    icon_file = icon_path(row.competency)
    if icon_file.exists():
        icon = pygame.image.load_sized_svg(str(icon_file), (ICON, ICON))
        if not level:
            icon.set_alpha(110)
        surface.blit(icon, (x, y))
    name = localize(framework().competency(row.competency).name, t.lang)
    word = framework().level_word(level, t.lang) if level else t("portfolio.not_yet")
    room = width - ICON - 14
    name_font = fonts["bold"] if level else fonts["name"]
    surface.blit(name_font.render(_fit(name_font, name, room), True, color), (x + 66, y - 4))
    surface.blit(
        fonts["small"].render(_fit(fonts["small"], word, room), True, color), (x + 66, y + 28)
    )


def render_map(portfolio, t: Catalogue):
    """The map, and beside it the player's avatar, pseudonym and the legend."""
    pygame = _pygame()
    surface = pygame.Surface((WIDTH, HEIGHT))
    surface.fill(_rgb(palette()["background"]))
    order = [r.competency for r in portfolio.rows]
    levels = {r.competency: r.confirmed_level for r in portfolio.rows}
    surface.blit(_svg(pygame, map_svg(order, levels), MAP_SIZE), (MARGIN, MARGIN))
    fonts = _fonts(pygame)
    x, width = MAP_SIZE + 2 * MARGIN + 10, WIDTH - MAP_SIZE - 3 * MARGIN - 10
    _header(pygame, surface, portfolio, t, fonts, x, width)
    for n, row in enumerate(portfolio.rows):
        _legend_row(pygame, surface, row, t, fonts, (x, 160 + 70 * n), width)
    return surface


def write_map_png(portfolio, t: Catalogue, path: Path) -> Path:
    pygame = _pygame()
    try:
        pygame.image.save(render_map(portfolio, t), str(path))
    except (pygame.error, OSError) as exc:
        raise ActionError("error.write", path=str(path), detail=str(exc)) from exc
    return path
