"""Small shared pieces of the skill map's look: dates in words, avatars, statuses.

Everything a person reads comes from the catalogue; this module only chooses which words.
"""

from __future__ import annotations

from datetime import date, datetime

import pygame

from shared.i18n import Catalogue
from shared.look.cache import MB, ByteBudgetCache
from shared.player import Avatar
from skillmap.app.raster import render_avatar, surface_bytes
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
    "held": ("background", "accent_dark"),
    "cancelled": ("background", "panel_muted_text"),
}


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


def day(t: Catalogue, value: date | str) -> str:
    """A day the way people say it: « 12 nov. 2026 » (a workshop's date has no hour); a
    value that is not an ISO date is shown as it was written rather than hidden."""
    if isinstance(value, str):
        try:
            return day(t, date.fromisoformat(value.strip()))
        except ValueError:
            return value
    return t("app.day", day=value.day, month=t(f"app.month.{value.month}"), year=value.year)


def status_colors(status: str, high_contrast: bool = False) -> tuple[Color, Color]:
    """(fill, text) of a status pill; the word itself always goes with the colour."""
    c = colors(high_contrast)
    fill, ink = STATUS_COLORS.get(status, ("background", "panel_text"))
    return c[fill], readable(c[ink], c[fill], minimum_contrast(high_contrast) + 0.2)


# Framed portraits kept by bytes (a list of 600 players shows many small ones).
_framed: ByteBudgetCache[pygame.Surface] = ByteBudgetCache(16 * MB, surface_bytes)


def avatar(avatar: Avatar, pseudonym: str, size: int) -> pygame.Surface:
    """The player's portrait (the game's drawing), head and shoulders in a round frame."""
    key = (avatar.look(), pseudonym, size)
    return _framed.get(key, lambda: _round_portrait(avatar, pseudonym, size))


def _round_portrait(avatar: Avatar, pseudonym: str, size: int) -> pygame.Surface:
    framed = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(framed, pygame.Color("#FFE7CC"), (size // 2, size // 2), size // 2)
    try:
        # the portrait is 4:5; its top square holds the head and shoulders
        portrait = render_avatar(avatar, (size, size * 5 // 4))
        framed.blit(portrait, (0, size // 12))
    except (pygame.error, ValueError):  # a portrait must never break the counsellor's page
        initial = font(max(10, size // 3), bold=True).render(pseudonym[:1].upper(), True, "#2B2B3A")
        framed.blit(initial, initial.get_rect(center=(size // 2, size // 2)))
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (size // 2, size // 2), size // 2)
    framed.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return framed
