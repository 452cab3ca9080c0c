"""The pictures of the trainers' guide: the bundled backgrounds and a few portraits.

``python -m authoring.gallery docs/images/authoring`` draws them with the game's own code
(the SVG backgrounds as the game rasterises them, the portraits from ``look`` as the game
assembles them), so the guide shows exactly what a scenario will show.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from shared.paths import content_dir
from shared.player import Avatar

TILE = (320, 180)
COLUMNS = 4
CAPTION = 40
# Looks to copy into a scenario: varied ages, skins, hair and clothes.
LOOKS: tuple[dict[str, object], ...] = (
    {
        "skin": 1,
        "hair": "long",
        "hair_color": "blond",
        "clothes": "jacket",
        "clothes_color": "navy",
    },
    {"skin": 4, "hair": "afro", "hair_color": "black", "clothes": "hoodie", "clothes_color": "red"},
    {"skin": 2, "hair": "headscarf", "clothes": "cardigan", "clothes_color": "purple"},
    {
        "skin": 3,
        "hair": "short",
        "hair_color": "grey",
        "facial_hair": "beard",
        "clothes": "shirt",
        "clothes_color": "white",
        "age": "senior",
    },
    {
        "skin": 0,
        "hair": "curly",
        "hair_color": "red",
        "clothes": "tshirt",
        "clothes_color": "green",
    },
    {"skin": 5, "hair": "braids", "clothes": "jersey", "clothes_color": "yellow", "age": "child"},
    {
        "skin": 2,
        "hair": "shaved",
        "hair_color": "black",
        "accessory": "cap",
        "clothes": "hoodie",
        "clothes_color": "teal",
    },
    {
        "skin": 3,
        "hair": "bun",
        "hair_color": "brown",
        "accessory": "glasses",
        "clothes": "apron",
        "clothes_color": "orange",
        "age": "adult",
    },
)


def backgrounds() -> list[Path]:
    """The bundled backgrounds a scenario may use (the title screen's is left out)."""
    folder = content_dir() / "images" / "backgrounds"
    return sorted(p for p in folder.glob("*.svg") if p.stem != "titre")


def look_yaml(look: dict[str, object]) -> str:
    """``look: {skin: 1, hair: long, …}`` as it is written in a scenario."""
    return "look: {" + ", ".join(f"{k}: {v}" for k, v in look.items()) + "}"


def draw(folder: Path) -> list[Path]:
    """Write backgrounds.png and portraits.png into ``folder``; returns their paths."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame  # here: after the environment above

    from game import art
    from game.avatar import render_avatar

    pygame.display.init()
    pygame.font.init()
    font = pygame.font.Font(str(art.font_path(False)), 22)
    folder.mkdir(parents=True, exist_ok=True)
    files = backgrounds()
    sheet = _sheet(pygame, len(files), TILE)
    for index, file in enumerate(files):
        x, y = _cell(index, TILE)
        sheet.blit(art.background(str(file), TILE), (x, y))
        _caption(pygame, sheet, font, file.name, x, y + TILE[1], TILE[0])
    out = [folder / "backgrounds.png"]
    pygame.image.save(sheet, str(out[0]))
    portrait = (200, 250)
    sheet = _sheet(pygame, len(LOOKS), portrait)
    for index, look in enumerate(LOOKS):
        x, y = _cell(index, portrait)
        pygame.draw.rect(sheet, "#F3EEE6", (x, y, *portrait))
        sheet.blit(render_avatar(Avatar.model_validate(look), portrait), (x, y))
        _caption(pygame, sheet, font, str(index + 1), x, y + portrait[1], portrait[0])
    out.append(folder / "portraits.png")
    pygame.image.save(sheet, str(out[1]))
    return out


def _sheet(pygame, count: int, tile: tuple[int, int]):
    rows = (count + COLUMNS - 1) // COLUMNS
    sheet = pygame.Surface((COLUMNS * (tile[0] + 12) + 12, rows * (tile[1] + CAPTION + 12) + 12))
    sheet.fill("#FBF7F0")
    return sheet


def _cell(index: int, tile: tuple[int, int]) -> tuple[int, int]:
    return 12 + (index % COLUMNS) * (tile[0] + 12), 12 + (index // COLUMNS) * (tile[1] + 52)


def _caption(pygame, sheet, font, text: str, x: int, y: int, width: int) -> None:
    words = font.render(text, True, "#2B2540")
    sheet.blit(words, (x + (width - words.get_width()) // 2, y + 8))


if __name__ == "__main__":
    for path in draw(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images/authoring")):
        print(path)
