"""The summary wheel: icons sit in the middle of their sector, and the key says in words which
marks are this scenario and which are the whole progress."""

from __future__ import annotations

import math

from game.app import App
from game.scenes.play import Run
from game.scenes.summary import CENTER, ICON_DISTANCE, SummaryScene, icon_center
from tests.game.conftest import add_player, frames


def test_every_icon_is_centred_on_its_sector() -> None:
    for count in (8, 10, 12):
        step = 360 / count
        for index in range(count):
            x, y = icon_center(index, count)
            angle = math.degrees(math.atan2(y - CENTER[1], x - CENTER[0]))
            sector_start = -90 + index * step
            middle = sector_start + step / 2
            off = (angle - middle + 180) % 360 - 180
            assert abs(off) < 0.5, (count, index, off)
            assert abs(math.dist((x, y), CENTER) - ICON_DISTANCE) < 1


def test_the_key_names_this_scenario_and_the_whole_progress(app: App) -> None:
    add_player(app, text_size="xlarge")
    run = Run("club-foot", times={"oral": 2, "regles": 4})
    app.stack.push(SummaryScene(app.session, run))
    frames(app, 2)
    texts = [d.text for d in app.session.theme.drawn]
    t = app.session.t
    assert t("summary.key_progress") in texts and t("summary.key_here") in texts
    legend = next(d for d in app.session.theme.drawn if d.text.startswith("Plus la part"))
    assert not legend.cut and legend.rect.height > legend.container.height // 3


def test_my_journey_shows_only_the_whole_progress_key(app: App) -> None:
    add_player(app)
    app.stack.push(SummaryScene(app.session, None))
    frames(app, 2)
    texts = [d.text for d in app.session.theme.drawn]
    assert app.session.t("summary.key_progress") in texts
    assert app.session.t("summary.key_here") not in texts


def test_competency_names_keep_their_size_beside_short_level_words(app: App) -> None:
    """« Prendre en compte les règlements » beside « Montrée 3 fois » is not shrunk to a tiny
    font."""
    add_player(app, text_size="large")
    shown = {"imprevus": 3, "regles": 2, "maths": 3}
    app.stack.push(SummaryScene(app.session, Run("club-foot", times=shown)))
    frames(app, 2)
    line = app.session.theme.font("small").get_linesize()
    names = {app.session.competency_name(c) for c in shown}
    drawn = [d for d in app.session.theme.drawn if d.text in names]
    assert len(drawn) == len(names)
    for item in drawn:
        assert item.rect.height >= line - 2, (item.text, item.rect.height, line)
