"""Small shared pieces of the skill map's look: dates in words, avatars, statuses.

Everything a person reads comes from the catalogue; this module only chooses which words.
"""

from __future__ import annotations

import functools
from datetime import datetime

import pygame

from shared.i18n import Catalogue
from shared.player import Avatar
from skillmap.app.ui import Color, colors, font, minimum_contrast, readable

STATUS_COLORS = {
    "draft": ("info_light", "info"),
    "submitted": ("info_light", "info"),
    "confirmed": ("success_light", "success"),
    "rejected": ("background", "panel_muted_text"),
    "queued": ("info_light", "info"),
    "sent": ("info_light", "info"),
    "issued": ("success_light", "success"),
    "failed": ("background", "accent_dark"),
}
CLOTHES = {
    "red": "#E5484D",
    "orange": "#F07C24",
    "yellow": "#F2B705",
    "green": "#5FA83A",
    "teal": "#12A594",
    "blue": "#3E7BFA",
    "navy": "#3A4A8C",
    "purple": "#8E4EC6",
    "pink": "#E5589A",
    "grey": "#8A8494",
    "white": "#D9D4DE",
}
SKIN = ["#F6D3BA", "#EBB894", "#D39B6E", "#A96C43", "#7D4A2B", "#553220"]


def when(t: Catalogue, value: datetime | str) -> str:
    """A date the way people say it: « 28 nov. 2026, 16 h 05 », in local time."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return ""
    local = value.astimezone() if value.tzinfo else value
    return t(
        "app.date",
        day=local.day,
        month=t(f"app.month.{local.month}"),
        year=local.year,
        hour=local.hour,
        minute=f"{local.minute:02d}",
    )


def status_colors(status: str, high_contrast: bool = False) -> tuple[Color, Color]:
    """(fill, text) of a status pill; the word itself always goes with the colour."""
    c = colors(high_contrast)
    fill, ink = STATUS_COLORS.get(status, ("background", "panel_text"))
    return c[fill], readable(c[ink], c[fill], minimum_contrast(high_contrast) + 0.2)


def avatar(avatar: Avatar, pseudonym: str, size: int) -> pygame.Surface:
    """The player's portrait (the game's avatar renderer when present), in a round frame."""
    try:  # the game's renderer is optional: the art engineer may not have shipped it yet
        from game.avatar import render_avatar  # noqa: PLC0415
    except ImportError:
        return _fallback_avatar(avatar.model_dump_json(), pseudonym, size)
    try:
        return render_avatar(avatar, size)
    except Exception:  # noqa: BLE001 - a portrait must never break the counsellor's page
        return _fallback_avatar(avatar.model_dump_json(), pseudonym, size)


@functools.lru_cache(maxsize=256)
def _fallback_avatar(avatar_json: str, pseudonym: str, size: int) -> pygame.Surface:
    """A friendly round badge: clothes colour, skin-toned face, the pseudonym's initial."""
    model = Avatar.model_validate_json(avatar_json)
    surface = pygame.Surface((size * 2, size * 2), pygame.SRCALPHA)
    big = size * 2
    clothes = pygame.Color(CLOTHES.get(model.clothes_color, "#12A594"))
    pygame.draw.circle(surface, pygame.Color("#FFE7CC"), (size, size), size)
    pygame.draw.ellipse(surface, clothes, (big * 0.16, big * 0.66, big * 0.68, big * 0.6))
    pygame.draw.circle(
        surface, pygame.Color(SKIN[model.skin]), (size, int(big * 0.42)), int(big * 0.2)
    )
    scaled = pygame.transform.smoothscale(surface, (size, size))
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (size // 2, size // 2), size // 2)
    scaled.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    initial = font(max(10, size // 4), bold=True).render(
        pseudonym[:1].upper(), True, (255, 255, 255)
    )
    scaled.blit(initial, initial.get_rect(center=(size // 2, int(size * 0.82))))
    return scaled
