"""The player list shows faces; the avatar creator's pickers work by keyboard, mouse and touch."""

from __future__ import annotations

import pygame

from game.app import App
from game.scenes.map import MapScene
from game.scenes.player import PlayerCard, PlayerScene, row_avatar
from game.ui.picker import Picker
from shared.player import Avatar, Player
from tests.game.conftest import click, focusable, frames, key, on_top, tap


def test_player_list_shows_each_players_avatar(app: App) -> None:
    bearded = Avatar(hair="afro", facial_hair="beard", age="adult", skin=5)
    app.session.store.add_player(Player(pseudonym="Sam", avatar=bearded))
    app.session.store.add_player(Player(pseudonym="Ada"))
    app.stack.push(PlayerScene(app.session))
    frames(app, 2)
    cards = [b for b in on_top(app, PlayerScene).buttons if isinstance(b, PlayerCard)]
    assert [(c.label, c.avatar) for c in cards] == [("Ada", Avatar()), ("Sam", bearded)]


def test_an_index_row_without_avatar_gets_the_default_face() -> None:
    assert row_avatar({"id": "x", "pseudonym": "Old"}) == Avatar()
    assert row_avatar({"avatar": {"hair": "not-a-style"}}) == Avatar()
    assert row_avatar({"avatar": {"hair": "bun"}}).hair == "bun"


def _focus(app: App, key_name: str) -> Picker:
    scene = on_top(app)
    picker = focusable(scene, key_name)
    for _ in range(len(scene.focus.items) + 1):
        if scene.focus.focused is picker:
            break
        key(app, pygame.K_TAB)
    assert scene.focus.focused is picker and isinstance(picker, Picker)
    return picker


def test_avatar_creator_facial_hair_and_age_by_keyboard_mouse_and_touch(app: App) -> None:
    app.stack.push(PlayerScene(app.session, create=True))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    assert scene.name_field is not None
    scene.name_field.entry.set_text("Yanis")
    beard = _focus(app, "part:facial_hair")
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_RIGHT)
    key(app, pygame.K_LEFT)
    assert scene.avatar.facial_hair == "beard"
    assert beard.value == app.session.t("look.facial_hair.beard")
    age = focusable(scene, "part:age")
    click(app, (age.rect.x + 20, age.rect.centery))  # the left arrow
    assert scene.avatar.age == "adult"
    tap(app, (age.rect.right - 20, age.rect.centery))  # the right arrow wraps round
    key(app, pygame.K_8)  # the number key goes forward too
    assert scene.avatar.age == "adult"
    accessory = focusable(scene, "part:accessory")
    click(app, (accessory.rect.right - 20, accessory.rect.centery))
    assert scene.avatar.accessory == "glasses"
    click(app, focusable(scene, "create").rect.center)
    frames(app, 2)
    assert isinstance(app.stack.top, MapScene)
    app.session.flush()
    row = app.session.store.players()[0]
    assert row["avatar"]["facial_hair"] == "beard" and row["avatar"]["age"] == "adult"
    assert row_avatar(row).accessory == "glasses"


def _twenty(app: App) -> list[str]:
    """Twenty players added one after the other: the names, most recent first."""
    names = [f"Joueur{n:02d}" for n in range(20)]
    for name in names:
        app.session.store.add_player(Player(pseudonym=name))
    return names[::-1]


def _listed(app: App) -> list[tuple[int | None, str]]:
    cards = [b for b in on_top(app, PlayerScene).buttons if isinstance(b, PlayerCard)]
    return [(b.number, b.label) for b in cards]


def test_twenty_players_page_by_keys_most_recent_first(app: App) -> None:
    recent = _twenty(app)
    app.stack.push(PlayerScene(app.session))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    assert scene.pager.pages == 3
    assert _listed(app) == list(enumerate(recent[:8], start=1))
    key(app, pygame.K_PAGEDOWN)
    assert _listed(app) == list(enumerate(recent[8:16], start=1))
    assert "Page 2 / 3" in scene.read_aloud_text()
    app.frame()
    assert any(d.text == "Page 2 / 3" for d in app.session.theme.drawn)
    key(app, pygame.K_PAGEUP)
    key(app, pygame.K_PAGEUP)  # wraps round to the last page
    assert _listed(app) == list(enumerate(recent[16:], start=1))
    key(app, pygame.K_3)  # number keys pick on the page shown
    frames(app)
    assert isinstance(app.stack.top, MapScene)
    assert app.session.player is not None
    assert app.session.player.pseudonym == recent[18]


def test_twenty_players_arrows_by_mouse_and_switching_is_two_clicks(app: App) -> None:
    recent = _twenty(app)
    app.stack.push(PlayerScene(app.session))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    click(app, focusable(scene, "page:next").rect.center)
    assert scene.pager.page == 1
    click(app, focusable(scene, "page:previous").rect.center)
    click(app, focusable(scene, "page:previous").rect.center)
    assert scene.pager.page == 2 and len(_listed(app)) == 4
    app.frame()
    for item in app.session.theme.drawn:
        assert item.container.inflate(4, 4).contains(item.rect), item.text
    cards = [b for b in scene.buttons if isinstance(b, PlayerCard)]
    for arrow in ("page:previous", "page:next", "new"):
        assert not any(c.rect.colliderect(focusable(scene, arrow).rect) for c in cards)
    click(app, focusable(scene, "player:" + _id(app, recent[17])).rect.center)
    frames(app)
    assert isinstance(app.stack.top, MapScene)
    # From the map, a player of the first page is two clicks away.
    click(app, focusable(on_top(app), "switch").rect.center)
    frames(app)
    assert isinstance(app.stack.top, PlayerScene) and app.stack.top.pager.page == 0
    click(app, focusable(on_top(app), "player:" + _id(app, recent[3])).rect.center)
    frames(app)
    assert isinstance(app.stack.top, MapScene)
    assert app.session.player is not None
    assert app.session.player.pseudonym == recent[3]


def _id(app: App, name: str) -> str:
    return next(r["id"] for r in app.session.store.players() if r["pseudonym"] == name)


def test_a_few_players_need_no_pages(app: App) -> None:
    app.session.store.add_player(Player(pseudonym="Ada"))
    app.stack.push(PlayerScene(app.session))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    assert scene.pager.pages == 1 and scene.focus.find("page:next") is None
    key(app, pygame.K_PAGEDOWN)
    assert on_top(app, PlayerScene).pager.page == 0


def test_the_suggested_pseudonym_comes_with_its_picture_word(app: App) -> None:
    """« Propose-moi un pseudo »: « Renard 27 » and the fox drawn by the portrait (a picture
    from game/assets/pseudo, said with the name); gone once the player writes another name."""
    from game import pseudo
    from game.scenes.player import PICTURE, SIDE
    from tests.game.test_read_aloud import RecordingSpeaker

    speaker = RecordingSpeaker()
    app.session.speaker = speaker
    app.stack.push(PlayerScene(app.session, create=True))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    corner = pygame.Rect(SIDE.right - PICTURE - 24, SIDE.y, PICTURE + 24, SIDE.height // 2)

    def colours() -> set[tuple[int, ...]]:
        scene.draw(app.canvas)
        return {
            tuple(app.canvas.get_at((x, y)))
            for x in range(corner.left, corner.right, 3)
            for y in range(corner.top, corner.bottom, 3)
        }

    before = colours()
    click(app, focusable(scene, "suggest").rect.center)
    shown = scene.picture_word()
    assert shown is not None and shown.word in pseudo.words()
    assert scene.name_field is not None and scene.name_field.text == shown.name
    assert shown.name.startswith(shown.word.name("fr"))
    assert shown.name in speaker.said[-1]
    assert len(colours() - before) > 20  # the picture is drawn there, over the panel
    scene.name_field.entry.set_text("Yanis")
    assert scene.picture_word() is None


def test_every_picture_word_has_both_languages_and_a_picture() -> None:
    from game import art, pseudo

    assert len(pseudo.words()) >= 12
    for word in pseudo.words():
        assert word.name("fr") and word.name("en"), word
        image = art.load_svg(word.picture, (64, 64))
        assert image.get_bounding_rect().width > 32, word.picture  # something is drawn


def test_on_a_shared_pc_a_few_letters_find_a_pseudonym(app: App) -> None:
    """Issue 11: with more players than a page, « Chercher mon pseudo » opens the letter grid
    (typed or pressed letters); only the pseudonyms holding them are listed, whatever the case
    or accents; « Tout voir » lists everyone again."""
    from game.scenes.letters import LetterGridScene

    names = _twenty(app)
    app.session.store.add_player(Player(pseudonym="Zoé"))
    app.stack.push(PlayerScene(app.session))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    assert len(_listed(app)) == 8  # a page, not everyone at once
    click(app, focusable(scene, "search").rect.center)
    grid = app.stack.top
    assert isinstance(grid, LetterGridScene)
    key(app, pygame.K_r, "r")  # typed on a keyboard
    key(app, pygame.K_1, "1")
    click(app, focusable(grid, "ok").rect.center)
    frames(app)
    assert app.stack.top is scene and scene.query == "R1"
    listed = []
    for _ in range(scene.pager.pages):
        listed += [name for _, name in _listed(app)]
        key(app, pygame.K_PAGEDOWN)
    assert sorted(listed) == sorted(n for n in names if "r1" in n.lower())
    assert "Joueur05" not in listed and "Zoé" not in listed
    click(app, focusable(scene, "search:clear").rect.center)
    assert scene.query == "" and scene.pager.pages == 3
    click(app, focusable(scene, "search").rect.center)  # by the grid's own letters, no accent
    for letter in "ZOE":
        click(app, focusable(on_top(app), f"letter:{letter}").rect.center)
    click(app, focusable(on_top(app), "ok").rect.center)
    frames(app)
    assert [name for _, name in _listed(app)] == ["Zoé"]
    key(app, pygame.K_1)  # and the number key picks it
    frames(app, 2)
    assert app.session.player is not None and app.session.player.pseudonym == "Zoé"


def test_a_search_that_finds_nobody_says_so_and_keeps_the_list_screen(app: App) -> None:
    _twenty(app)
    app.stack.push(PlayerScene(app.session))
    frames(app, 2)
    scene = on_top(app, PlayerScene)
    scene._set_query("xyz")
    frames(app)
    assert not scene.creating and _listed(app) == []
    theme = app.session.theme
    theme.drawn.clear()
    scene.draw(app.canvas)
    said = app.session.t("player.search_none", query="xyz")
    assert any(item.text == said for item in theme.drawn)
