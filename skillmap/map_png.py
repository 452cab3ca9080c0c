"""The competency map as a PNG (to print, to send, to show on a phone's gallery).

Rendered with pygame without any window (the SVG is rasterised by pygame's nanosvg, text
drawn with the game's Andika font), so it works on a server and under the dummy driver.
"""

import io
import os
from pathlib import Path

from shared.i18n import Catalogue
from skillmap.common import ActionError, framework
from skillmap.look import assets_dir, font_path, palette
from skillmap.map_svg import map_svg

WIDTH, HEIGHT = 1600, 900
MAP_SIZE = 860
MARGIN = 20
ICON = 52


def _rgb(hex_color: str) -> tuple[int, int, int]:
    value = hex_color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _pygame():  # noqa: ANN202 - the module
    """pygame, initialised for off-screen drawing only (no window is ever opened)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def _svg(pygame, text: str, size: int):  # noqa: ANN001, ANN202
    return pygame.image.load_sized_svg(io.BytesIO(text.encode("utf-8")), (size, size))


def _fit(font, text: str, width: int) -> str:  # noqa: ANN001
    """Shorten ``text`` with an ellipsis until it fits in ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def render_map(portfolio, t: Catalogue):  # noqa: ANN001, ANN201 - pygame.Surface
    """The map and its legend on one surface."""
    pygame = _pygame()
    colors = palette()
    surface = pygame.Surface((WIDTH, HEIGHT))
    surface.fill(_rgb(colors["background"]))
    rows = portfolio.rows
    order = [r.competency for r in rows]
    levels = {r.competency: r.confirmed_level for r in rows}
    surface.blit(_svg(pygame, map_svg(order, levels), MAP_SIZE), (MARGIN, MARGIN))
    title = pygame.font.Font(str(font_path(bold=True)), 46)
    bold = pygame.font.Font(str(font_path(bold=True)), 28)
    plain = pygame.font.Font(str(font_path()), 24)
    x, width = MAP_SIZE + 2 * MARGIN + 10, WIDTH - MAP_SIZE - 3 * MARGIN - 10
    ink, muted = _rgb(colors["panel_text"]), _rgb(colors["panel_muted_text"])
    surface.blit(title.render(_fit(title, portfolio.player.pseudonym, width), True, ink), (x, 40))
    kicker = _fit(plain, t("portfolio.map_heading"), width)
    surface.blit(plain.render(kicker, True, muted), (x, 104))
    y = 160
    for row in rows:
        icon_file = assets_dir() / "icons" / f"{row.competency}.svg"
        if icon_file.exists():
            icon = pygame.image.load_sized_svg(str(icon_file), (ICON, ICON))
            if not row.confirmed_level:
                icon.set_alpha(110)
            surface.blit(icon, (x, y))
        name = framework().competency(row.competency).name
        label = name if isinstance(name, str) else name.get(t.lang) or name.get("fr", "")
        level = row.confirmed_level
        word = framework().level_word(level, t.lang) if level else t("portfolio.not_yet")
        surface.blit(bold.render(_fit(bold, label, width - ICON - 14), True, ink), (x + 66, y - 4))
        color = ink if level else muted
        surface.blit(
            plain.render(_fit(plain, word, width - ICON - 14), True, color), (x + 66, y + 28)
        )
        y += 70
    return surface


def write_map_png(portfolio, t: Catalogue, path: Path) -> Path:  # noqa: ANN001
    pygame = _pygame()
    try:
        pygame.image.save(render_map(portfolio, t), str(path))
    except (pygame.error, OSError) as exc:
        raise ActionError("error.write", path=str(path), detail=str(exc)) from exc
    return path
