"""The one scenario library loader (game, skill map, benches): every file validated on its
own, a broken one skipped and named, the structure's own scenarios winning, and the app's
framework checked by the validator itself."""

import shutil
from pathlib import Path

from shared.framework import default_framework, load_framework
from shared.paths import content_dir
from shared.scenario.loading import load_library

HERE = Path(__file__).parent


def _folder(tmp_path: Path, name: str) -> Path:
    """A content folder (frameworks, images) with an empty scenarios/ folder."""
    root = tmp_path / name
    shutil.copytree(HERE / "content", root)
    (root / "scenarios").mkdir()
    return root / "scenarios"


def test_the_bundled_library_loads_every_file():
    folder = content_dir() / "scenarios"
    library = load_library(folder, lang="fr", framework=default_framework())
    assert library.broken == []
    assert sorted(s.id for s in library.scenarios) == [s.id for s in library.scenarios]
    assert len(library.scenarios) == len(list(folder.glob("*.yaml")))


def test_a_broken_file_is_skipped_and_named_in_the_language_given(tmp_path):
    folder = _folder(tmp_path, "content")
    shutil.copy(HERE / "valid.yaml", folder / "valid.yaml")
    (folder / "casse.yaml").write_text("id: casse\nnodes: [\n", encoding="utf-8")
    library = load_library(folder, lang="en")
    assert [s.id for s in library.scenarios] == ["broken"]
    [(name, reason)] = library.broken
    assert name == "casse.yaml"
    assert "casse.yaml:3:1: error: YAML syntax: did not find expected node content" in reason


def test_the_structures_own_scenario_wins_and_is_marked(tmp_path):
    bundled, own = _folder(tmp_path, "bundled"), _folder(tmp_path, "own")
    shutil.copy(HERE / "valid.yaml", bundled / "valid.yaml")
    text = (HERE / "valid.yaml").read_text(encoding="utf-8")
    (own / "mine.yaml").write_text(text.replace("Bonjour.", "Salut."), encoding="utf-8")
    library = load_library(bundled, lang="fr", structure=own)
    assert library.structure_ids == {"broken"}
    [scenario] = library.scenarios
    assert scenario.nodes[0].lines[0].text == {"fr": "Salut.", "en": "Hello."}


def test_a_scenario_outside_the_apps_framework_is_refused_by_the_validator(tmp_path):
    """An app shows one framework: a scenario written for another is refused, in the
    validator's own words; without an app framework it loads against its own."""
    folder = _folder(tmp_path, "content")
    shutil.copy(HERE / "valid.yaml", folder / "valid.yaml")
    assert load_library(folder, lang="en").broken == []
    other = load_framework(content_dir() / "frameworks" / "france-travail.yaml")
    library = load_library(folder, lang="en", framework=other)
    assert library.scenarios == []
    [(_, reason)] = library.broken
    assert "unknown framework “rectec” (available: france-travail)" in reason
