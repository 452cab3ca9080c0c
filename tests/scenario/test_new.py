"""diva-scenario new: a starter that validates with zero errors and is never overwritten."""

from shared.scenario.cli import main
from shared.scenario.validate import validate_file


def test_new_then_validate(tmp_path, capsys):
    folder = tmp_path / "content" / "scenarios"
    assert main(["new", "mon-scenario", "--dir", str(folder)]) == 0
    written = folder / "mon-scenario.yaml"
    assert str(written) in capsys.readouterr().out
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "id: mon-scenario" in text
    problems = validate_file(written, content_root=None)
    assert [p for p in problems if p.is_error and p.key != "check.asset_missing"] == []


def test_new_validates_against_the_bundled_content(tmp_path):
    """With the real content folder (frameworks, stade.svg), not one problem."""
    from shared.paths import content_dir

    assert main(["new", "essai", "--dir", str(tmp_path)]) == 0
    assert validate_file(tmp_path / "essai.yaml", content_root=content_dir()) == []


def test_new_refuses_to_overwrite(tmp_path, capsys):
    (tmp_path / "deja.yaml").write_text("garde-moi", encoding="utf-8")
    assert main(["new", "deja", "--dir", str(tmp_path)]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert (tmp_path / "deja.yaml").read_text(encoding="utf-8") == "garde-moi"


def test_new_refuses_a_bad_id(tmp_path, capsys):
    assert main(["new", "Mon Scénario", "--dir", str(tmp_path)]) == 1
    assert "identifiant invalide" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_says_a_too_long_id_is_too_long(tmp_path, capsys):
    assert main(["new", "a" * 61, "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "identifiant trop long (61 caractères, maximum 60)" in err
    assert "invalide" not in err
    assert list(tmp_path.iterdir()) == []
    assert main(["new", "a" * 60, "--dir", str(tmp_path)]) == 0
