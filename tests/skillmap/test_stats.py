"""Statistics: counts per structure and per competency, a period, and no personal data."""

from pathlib import Path

import pytest

from shared.badge import IssuerAnswer
from shared.store import Store
from skillmap import badges, review, stats
from skillmap.common import catalogue
from tests.skillmap import builders as b


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "data")
    lina = b.player(store, "Lina", "ML Denain").id
    sami = b.player(store, "Sami", "ML Denain").id
    b.player(store, "Noa", "E2C Lille")
    b.progress(store, lina, "club-foot", done=True)
    b.progress(store, lina, "marche", done=False)
    b.progress(store, sami, "club-foot", done=True)
    b.draft(store, lina, competencies={"imprevus": 3, "oral": 2})
    b.draft(store, sami, competencies={"imprevus": 2})
    b.draft(store, sami, "Pas revue", competencies={"maths": 2})
    review.confirm_experience(store, lina, "1", "Anne")
    review.judge_competency(store, sami, "1", "imprevus", True, "Anne")
    review.confirm_experience(store, sami, "1", "Anne")
    request = badges.request_badge(store, lina, "imprevus", 3, "lina@example.org", True)
    request.move_to("sent")
    request.move_to("issued")
    request.answer = IssuerAnswer(assertion_url="https://example.org/a/1")
    store.save_badge_request(request)
    badges.request_badge(store, sami, "imprevus", 2, "sami@example.org", True)
    return store


def test_totals_structures_and_competencies(store: Store) -> None:
    data = stats.compute(store).as_dict()
    assert data["totals"] == {
        "people": 3, "scenarios_played": 3, "scenarios_finished": 2, "experiences_confirmed": 2,
        "badge_requests": 2, "badges_issued": 1, "structures": 2,
    }  # fmt: skip
    assert data["structures"]["E2C Lille"]["people"] == 1
    assert data["structures"]["ML Denain"]["badges_issued"] == 1
    assert data["competencies"]["imprevus"] == {
        "people": 2, "scenarios_played": 0, "scenarios_finished": 0,
        "experiences_confirmed": 2, "badge_requests": 2, "badges_issued": 1,
    }  # fmt: skip
    assert data["competencies"]["oral"]["experiences_confirmed"] == 1
    assert data["competencies"]["maths"]["experiences_confirmed"] == 0
    assert list(data["competencies"])[0] == "oral"


def test_one_structure(store: Store) -> None:
    data = stats.compute(store, structure="e2c lille").as_dict()
    assert data["totals"]["people"] == 1 and data["totals"]["experiences_confirmed"] == 0
    assert list(data["structures"]) == ["E2C Lille"]


def test_period(store: Store) -> None:
    assert stats.compute(store, period=stats.Period("2000-01-01", "2000-12-31")).totals == {}
    today = stats.compute(store, period=stats.Period("2000-01-01")).as_dict()
    assert today["totals"]["people"] == 3


def test_csv_holds_counts_only(store: Store) -> None:
    text = stats.to_csv(stats.compute(store), catalogue("fr"))
    assert text.startswith("\ufeff")  # UTF-8 said to the spreadsheet
    lines = text.removeprefix("\ufeff").splitlines()
    assert lines[0].startswith("portée;nom;personnes touchées")
    assert lines[1] == "total;;3;3;2;2;2;1"
    assert len(lines) == 1 + 1 + 2 + 10
    for secret in ["Lina", "Sami", "Noa", "@", "Anne"] + [r["id"] for r in store.players()]:
        assert secret not in text
    english = stats.to_csv(stats.compute(store), catalogue("en"))
    assert english.removeprefix("\ufeff").splitlines()[0].startswith("scope;name;people reached")
