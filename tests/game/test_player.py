"""The player list shows faces; the avatar creator's pickers work by keyboard, mouse and touch."""

from __future__ import annotations

import pygame

from game.app import App
from game.scenes.map import MapScene
from game.scenes.player import PlayerCard, PlayerScene, row_avatar
from game.ui.picker import Picker
from shared.player import Avatar, Player
from tests.game.conftest import click, frames, key, tap


def test_player_list_shows_each_players_avatar(app: App) -> None:
    bearded = Avatar(hair="afro", facial_hair="beard", age="adult", skin=5)
    app.session.store.add_player(Player(pseudonym="Sam", avatar=bearded))
    app.session.store.add_player(Player(pseudonym="Ada"))
    app.stack.push(PlayerScene(app.session))
    frames(app, 2)
    cards = [b for b in app.stack.top.buttons if isinstance(b, PlayerCard)]
    assert [(c.label, c.avatar) for c in cards] == [("Ada", Avatar()), ("Sam", bearded)]


def test_an_index_row_without_avatar_gets_the_default_face() -> None:
    assert row_avatar({"id": "x", "pseudonym": "Old"}) == Avatar()
    assert row_avatar({"avatar": {"hair": "not-a-style"}}) == Avatar()
    assert row_avatar({"avatar": {"hair": "bun"}}).hair == "bun"


def _focus(app: App, key_name: str) -> Picker:
    scene = app.stack.top
    picker = scene.focus.find(key_name)
    for _ in range(len(scene.focus.items) + 1):
        if scene.focus.focused is picker:
            break
        key(app, pygame.K_TAB)
    assert scene.focus.focused is picker
    return picker


def test_avatar_creator_facial_hair_and_age_by_keyboard_mouse_and_touch(app: App) -> None:
    app.stack.push(PlayerScene(app.session, create=True))
    frames(app, 2)
    scene = app.stack.top
    scene.name_field.entry.set_text("Yanis")
    beard = _focus(app, "part:facial_hair")
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_LEFT)
    assert scene.avatar.facial_hair == "beard"
    assert beard.value == app.session.t("look.facial_hair.beard")
    age = scene.focus.find("part:age")
    click(app, (age.rect.x + 20, age.rect.centery))  # the left arrow
    assert scene.avatar.age == "adult"
    tap(app, (age.rect.right - 20, age.rect.centery))  # the right arrow wraps round
    key(app, pygame.K_8)  # the number key goes forward too
    assert scene.avatar.age == "adult"
    accessory = scene.focus.find("part:accessory")
    click(app, (accessory.rect.right - 20, accessory.rect.centery))
    assert scene.avatar.accessory == "glasses"
    click(app, scene.focus.find("create").rect.center)
    frames(app, 2)
    assert isinstance(app.stack.top, MapScene)
    app.session.flush()
    row = app.session.store.players()[0]
    assert row["avatar"]["facial_hair"] == "beard" and row["avatar"]["age"] == "adult"
    assert row_avatar(row).accessory == "glasses"
