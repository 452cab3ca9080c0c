"""Configured issuers (names, URLs, the 0600 secrets file, the hidden prompt) and how the client
finds a BadgeClass in the bundled issuer's shape (extensions, current version) and Badgr's."""

import json
import stat
from pathlib import Path

import pytest

from skillmap.common import ActionError
from skillmap.issuer_client import issuer_message, match_badge_class
from skillmap.issuers import IssuerBook, IssuerConfig
from tests.skillmap import builders as b
from tests.skillmap.badgr_server import FIXTURES

SECRET = "tres-secret-0123456789"


def _diva_class(entity: str, level: int, version: str = "1.0", current: bool = True) -> dict:
    """The bundled issuer's BadgeClass shape (issuer/api/shapes.py)."""
    return {
        "entityId": entity,
        "competency": "oral",
        "level": level,
        "framework": {"id": "rectec", "version": version},
        "current": current,
        "alignments": [{"targetCode": "oral", "targetFramework": f"RECTEC {version}"}],
        "extensions": {
            "extensions:DivaCompetency": {
                "competency": "oral",
                "level": level,
                "framework": "rectec",
                "frameworkVersion": version,
            }
        },
    }


def test_diva_classes_are_matched_by_extension_and_the_current_version_wins() -> None:
    classes = [
        _diva_class("old", 2, "1.0", current=False),
        _diva_class("one", 1),
        _diva_class("new", 2, "1.1"),
    ]
    level_2 = match_badge_class(classes, "rectec", "oral", 2)
    level_1 = match_badge_class(classes, "rectec", "oral", 1)
    assert level_2 is not None and level_2["entityId"] == "new"
    assert level_1 is not None and level_1["entityId"] == "one"
    assert match_badge_class(classes, "rectec", "oral", 3) is None
    assert match_badge_class(classes, "france-travail", "oral", 2) is None


def test_badgr_alignment_alone_names_the_competency_not_the_level() -> None:
    classes = json.loads((FIXTURES / "badgeclasses.json").read_text(encoding="utf-8"))["result"]
    assert match_badge_class(classes, "rectec", "oral", 2) is None  # a mapping is needed
    coded = [{**classes[0], "alignments": [{"targetCode": "rectec:oral:2"}]}]
    assert match_badge_class(coded, "rectec", "oral", 2) is coded[0]


def test_error_bodies_are_read_from_badgr_and_oauth_shapes() -> None:
    fields = json.loads((FIXTURES / "error_400_fields.json").read_text(encoding="utf-8"))
    assert issuer_message(fields) == "bad request ; recipient : Enter a valid email address."
    assert issuer_message({"error": "invalid client_id"}) == "invalid client_id"
    assert issuer_message("<html>") == ""


def test_secret_kept_apart_0600_and_removed_with_its_issuer(tmp_path: Path) -> None:
    book = IssuerBook(tmp_path)
    book.add(IssuerConfig(name="ml-lens", url="https://b.example.fr", client_id="abc"), SECRET)
    assert stat.S_IMODE(book.secrets_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(book.config_path.stat().st_mode) == 0o600
    assert SECRET not in book.config_path.read_text(encoding="utf-8")
    assert book.secret("ml-lens") == SECRET
    assert book.get().name == "ml-lens"
    book.remove("ml-lens")
    assert book.all() == [] and SECRET not in book.secrets_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "url", "key"),
    [
        ("ml lens", "https://b.example.fr", "error.issuer_name"),
        ("ml", "ftp://b.example.fr", "error.issuer_url"),
        ("ml", "b.example.fr", "error.issuer_url"),
    ],
)
def test_bad_name_or_url_is_refused_before_writing(
    tmp_path: Path, name: str, url: str, key: str
) -> None:
    book = IssuerBook(tmp_path)
    with pytest.raises(ActionError) as caught:
        book.add(IssuerConfig(name=name, url=url, client_id="abc"), SECRET)
    assert caught.value.key == key
    assert not book.config_path.exists()


def test_broken_config_file_is_named_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "issuers.json").write_text("{not json", encoding="utf-8")
    code, _out, err = b.run(tmp_path, "issuer", "list")
    assert code == 1 and "issuers.json" in err and "Traceback" not in err


def test_cli_secret_from_the_hidden_prompt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_getpass(prompt: str) -> str:
        asked.append(prompt)
        return SECRET

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    code, out, err = b.run(
        tmp_path, "issuer", "add", "ml", "--url", "https://b.example.fr", "--client-id", "abc"
    )
    assert code == 0, err
    assert asked == ["Secret du client (il ne s’affiche pas) : "]
    assert SECRET not in out + err
    assert IssuerBook(tmp_path).secret("ml") == SECRET
    code, out, _ = b.run(tmp_path, "issuer", "list", "--json")
    assert json.loads(out)[0]["client_id"] == "abc" and SECRET not in out


def test_empty_secret_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EMPTY_SECRET_VAR", raising=False)
    code, _out, err = b.run(
        tmp_path, "issuer", "add", "ml", "--url", "https://b.example.fr",
        "--client-id", "abc", "--secret-env", "EMPTY_SECRET_VAR",
    )  # fmt: skip
    assert code == 1 and "EMPTY_SECRET_VAR" in err and "rien n’a été enregistré" in err
    assert not (tmp_path / "issuers.json").exists()
