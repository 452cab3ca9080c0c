"""``--kind`` takes the French words the help shows; the stored value stays the id."""

from pathlib import Path

import pytest

from shared.store import Store
from tests.skillmap import builders as b


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("stage", "internship"),
        ("service-civique", "civic_service"),
        ("bénévolat", "volunteering"),
        ("Famille", "family"),
        ("loisirs", "leisure"),
        ("immersion", "immersion"),
        ("civic_service", "civic_service"),  # the id, as older scripts type it
    ],
)
def test_kind_word_is_stored_as_its_id(tmp_path: Path, typed: str, stored: str) -> None:
    data = tmp_path / "data"
    store = Store(data)
    lina = b.player(store)
    code, _out, err = b.run(
        data, "experience", "add", "Lina", "--title", "Trois semaines au garage",
        "--kind", typed, "--by", "Anne",
    )  # fmt: skip
    assert (code, err) == (0, "")
    (saved,) = store.experiences(lina.id)
    assert saved.kind == stored
    draft = b.draft(store, lina.id, "Une sortie", words="")
    code, _out, err = b.run(data, "experience", "edit", "Lina", draft.id[:8], "--kind", typed)
    assert (code, err) == (0, "")
    assert store.experience(lina.id, draft.id).kind == stored


def test_unknown_kind_is_refused_in_french_with_the_choices(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    lina = b.player(store)
    code, out, err = b.run(
        data, "experience", "add", "Lina", "--title", "Un truc", "--kind", "apprentissage"
    )
    assert code != 0 and out == ""
    assert "Type d’expérience inconnu : « apprentissage »" in err
    assert "stage" in err and "service-civique" in err and "bénévolat" in err
    assert "Traceback" not in err
    assert store.experiences(lina.id) == []
    code, out, _ = b.run(data, "experience", "add", "--help")
    assert code == 0 and "service-civique" in out
