"""A trainer's path, in a folder outside the project: ``diva-scenario new`` -> edit ->
validate -> ``diva-game --scenario FILE --watch``: every save reloads the file at the same
node, a broken save shows its problems in the window and the game resumes once it is fixed,
key N jumps to any node; then the structure's folder puts the scenario on the map. Driven
by frames and events, no sleeps: a save is a rewrite with a new modification time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame
import pytest

from authoring.cli import main as scenario_cli
from game.app import App
from game.cli import main as game_cli
from game.scenes.map import MapScene, map_scenes
from game.scenes.play import PlayScene
from game.watch import NodeListScene, ProblemsScene, ScenarioWatcher
from tests.game.conftest import add_player, frames, key, on_top


def save(path: Path, text: str) -> None:
    """Write as an editor does, with a modification time the watcher has not seen."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


@pytest.fixture
def trainer_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    folder = tmp_path / "Documents" / "ateliers"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    assert scenario_cli(["new", "covoiturage"]) == 0
    path = folder / "covoiturage.yaml"
    text = path.read_text(encoding="utf-8")
    save(path, text.replace("Mercredi, 14 h.", "Samedi, 9 h."))  # the trainer's own words
    assert scenario_cli(["validate", str(path)]) == 0
    capsys.readouterr()
    return path


def _keep_closed_apps(monkeypatch: pytest.MonkeyPatch, seen: list[App]) -> None:
    """``game.watch.close_app`` keeps each app in ``seen`` before closing it, so the test reads
    the window the command line showed."""
    import game.watch

    close = game.watch.close_app

    def keep_then_close(app: App) -> None:
        seen.append(app)
        close(app)

    monkeypatch.setattr(game.watch, "close_app", keep_then_close)


def _watching(app: App, path: Path, node: str | None = None) -> ScenarioWatcher:
    watcher = ScenarioWatcher(path, app.session, "fr", node)
    assert watcher.first_load() == [] and watcher.scenario is not None
    from game.boot import add_to_library

    add_to_library(app.session, watcher.scenario)
    add_player(app, "Formatrice")
    for scene in map_scenes(app.session):
        app.stack.push(scene)
    app.driver = watcher
    watcher.install(app)
    frames(app, 2)
    return watcher


def test_watch_reloads_at_the_same_node_and_shows_a_broken_save(
    app: App, trainer_file: Path, tmp_path: Path
):
    watcher = _watching(app, trainer_file)
    play = on_top(app)
    assert isinstance(play, PlayScene) and play.node.id == "debut"
    assert play.box.text.startswith("Samedi, 9 h.")
    # key N: the node list; Down twice from « debut » then Enter -> the third node
    key(app, pygame.K_n)
    assert isinstance(app.stack.top, NodeListScene)
    pygame.image.save(app.canvas, str(tmp_path / "watch-nodes.png"))
    assert watcher.scenario is not None
    order = [n.id for n in watcher.scenario.nodes]
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)
    frames(app)
    assert isinstance(app.stack.top, PlayScene) and app.stack.top.node.id == order[2] == "seul"
    # a save: the same node, the new words
    text = trainer_file.read_text(encoding="utf-8")
    save(trainer_file, text.replace("Tu fouilles le local.", "Tu cherches dans le local."))
    frames(app, 2)
    play = app.stack.top
    assert isinstance(play, PlayScene) and play.node.id == "seul" and watcher.reloads == 1
    # the node's lines may be grouped on screen (a speaker's lines together): the new words show
    assert "Les enfants courent autour du terrain. Tu cherches dans le local." in play.box.text
    assert "Tu fouilles le local." not in play.box.text
    assert [type(s) for s in app.stack.scenes] == [MapScene, PlayScene]
    # a broken save: the problems in the window, in plain French, at their line:col
    broken = text.replace("next: fin-seul", "next: fin-solo")
    save(trainer_file, broken)
    frames(app, 2)
    problems = app.stack.top
    assert isinstance(problems, ProblemsScene)
    lines = broken.splitlines()
    line, ending = lines.index("    next: fin-solo") + 1, lines.index("  - id: fin-seul") + 1
    assert problems.problems == [
        f"Ligne {line}, colonne 11 : le nœud « fin-solo » n'existe pas (next) — "
        "vouliez-vous dire « fin-seul » ?",
        f"Ligne {ending}, colonne 9 : le nœud « fin-seul » n'est jamais atteint depuis le "
        "début (start: debut)",
    ]
    app.render = True
    frames(app)
    pygame.image.save(app.canvas, str(tmp_path / "watch-problems.png"))
    # fixed: the game carries on at the same node
    save(trainer_file, text)
    frames(app, 2)
    assert isinstance(app.stack.top, PlayScene) and app.stack.top.node.id == "seul"
    assert not any(isinstance(s, ProblemsScene) for s in app.stack.scenes)
    assert watcher.reloads == 2
    # done: the trainer puts the file in the structure's folder, where the map finds it
    shared = Path(app.session.store.root) / "scenarios"
    shared.mkdir()
    shutil.copy(trainer_file, shared / trainer_file.name)
    app.session._library = None
    app.stack.push(MapScene(app.session))
    frames(app, 2)
    places = [b.key for b in on_top(app, MapScene).buttons if getattr(b, "own", False)]
    assert places == ["scenario:covoiturage"]  # the town's place, flagged as the structure's


def test_node_option_starts_at_that_node(app: App, trainer_file: Path) -> None:
    _watching(app, trainer_file, node="fin-equipe")
    frames(app, 2)
    assert isinstance(app.stack.top, PlayScene) and app.stack.top.node.id == "fin-equipe"


def test_started_broken_waits_for_the_fix(app: App, trainer_file: Path) -> None:
    good = trainer_file.read_text(encoding="utf-8")
    save(trainer_file, good.replace("start: debut", "start: debu"))
    watcher = ScenarioWatcher(trainer_file, app.session, "fr")
    problems = watcher.first_load()
    assert len(problems) == 1 and "vouliez-vous dire « debut »" in problems[0]
    add_player(app, "Formatrice")
    app.stack.push(MapScene(app.session))
    app.stack.push(ProblemsScene(app.session, trainer_file, problems, watching=True))
    app.driver = watcher
    frames(app, 2)
    assert isinstance(app.stack.top, ProblemsScene)
    save(trainer_file, good)
    frames(app, 2)
    assert isinstance(app.stack.top, PlayScene) and app.stack.top.node.id == "debut"


def test_double_clicked_broken_file_shows_its_problems_in_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "casse.yaml"
    path.write_text("id: casse\nversion: “1.0”\n", encoding="utf-8")
    seen: list[App] = []
    _keep_closed_apps(monkeypatch, seen)
    code = game_cli(["--scenario", str(path), "--frames", "3", "--data-dir", str(tmp_path / "d")])
    assert code == 1
    assert "casse.yaml:2:10" in capsys.readouterr().err  # also printed, for a terminal
    [app] = seen
    scene = on_top(app)
    assert isinstance(scene, ProblemsScene) and not scene.watching
    assert "Ligne 2, colonne 10 : la valeur « “1.0” » est entourée de guillemets" in " ".join(
        scene.problems
    )


def test_the_command_line_watches_and_starts_at_the_node(
    trainer_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``diva-game --scenario FILE --watch --node ID --player NAME``, as a trainer types it."""
    seen: list[App] = []
    _keep_closed_apps(monkeypatch, seen)
    args = ["--scenario", str(trainer_file), "--watch", "--node", "fin-equipe"]
    args += ["--player", "Formatrice", "--frames", "4", "--data-dir", str(tmp_path / "d")]
    assert game_cli(args) == 0
    [app] = seen
    assert isinstance(app.stack.top, PlayScene) and app.stack.top.node.id == "fin-equipe"
    assert isinstance(app.driver, ScenarioWatcher) and app.driver.watch
    assert "Touche N : aller à un nœud" in app._notice


def test_an_unknown_node_is_refused_with_the_list(trainer_file: Path, tmp_path: Path, capsys):
    args = ["--scenario", str(trainer_file), "--node", "nulle-part", "--frames", "2"]
    assert game_cli([*args, "--data-dir", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "Nœud inconnu : nulle-part. Nœuds du scénario : debut, identifier, seul" in err
