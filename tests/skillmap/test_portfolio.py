"""The portfolio's content: only what the player agreed to share, safe and self-contained."""

import os
import re
from pathlib import Path

import pytest

from shared.badge import IssuerAnswer
from shared.store import Store
from skillmap import badges, portfolio, review
from skillmap.common import ActionError
from tests.skillmap import builders as b


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


def _player(store: Store, share: bool = True) -> str:
    pid = b.player(store, "Lina <b>").id
    if share:
        player = store.player(pid)
        player.consent.share_portfolio = True
        store.save_player(player)
    return pid


def test_refused_without_consent_then_recorded(store: Store, tmp_path: Path) -> None:
    pid = _player(store, share=False)
    with pytest.raises(ActionError) as caught:
        portfolio.portfolio_html(store, pid)
    assert caught.value.key == "error.portfolio_consent"
    portfolio.portfolio_html(store, pid, consent=True)
    assert store.player(pid).consent.share_portfolio


def test_only_confirmed_and_shareable(store: Store) -> None:
    pid = _player(store)
    b.draft(store, pid, "Confirmée", {"imprevus": 3, "oral": 2}, "Mes <script>mots</script>")
    b.draft(store, pid, "Brouillon secret", {"maths": 2}, "pas encore revu")
    b.draft(store, pid, "Refusée", {"regles": 2}, "refusé")
    review.judge_competency(store, pid, "1", "oral", False, "Anne")
    review.confirm_experience(store, pid, "1", "Anne", "note interne du conseiller")
    review.reject_experience(store, pid, "3", "Anne")
    badges.request_badge(store, pid, "imprevus", 3, "lina@example.org", True, name="Lina Dupont")
    page = portfolio.portfolio_html(store, pid)
    assert "Confirmée" in page and "Mes &lt;script&gt;mots&lt;/script&gt;" in page
    assert "<script>" not in page and "Lina &lt;b&gt;" in page
    for secret in ("Brouillon secret", "Refusée", "note interne", "lina@example.org",
                   "Lina Dupont", "Anne", pid):  # fmt: skip
        assert secret not in page
    assert "Agir face à l’imprévu" in page and "Demande en cours" in page
    assert page.count("Communiquer à l’oral") == 1  # in the legend only: it was rejected


def test_issued_badge_has_its_verification_link(store: Store) -> None:
    pid = _player(store)
    b.draft(store, pid, competencies={"imprevus": 3})
    review.confirm_experience(store, pid, "1", "Anne")
    request = badges.request_badge(store, pid, "imprevus", 3, "l@ex.org", True)
    request.move_to("sent")
    request.move_to("issued")
    request.answer = IssuerAnswer(assertion_url="https://badges.example.org/a/42")
    store.save_badge_request(request)
    page = portfolio.portfolio_html(store, pid)
    assert '<a href="https://badges.example.org/a/42">Vérifier ce badge</a>' in page
    assert "Badge obtenu" in page


def test_self_contained(store: Store) -> None:
    pid = _player(store)
    page = portfolio.portfolio_html(store, pid)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert not re.search(r'(src|href)="(?!https://badges)', page)
    assert "@import" not in page and "url(http" not in page
    assert "@media print" in page and 'name="viewport"' in page


def test_gradient_ids_are_unique(store: Store) -> None:
    pid = _player(store)
    for title, comp in (("A", "imprevus"), ("B", "oral")):
        b.draft(store, pid, title, {comp: 2})
    for n in ("1", "2"):
        review.confirm_experience(store, pid, n, "Anne")
    badges.request_badge(store, pid, "imprevus", 2, "l@ex.org", True)
    badges.request_badge(store, pid, "oral", 2, "l@ex.org", True)
    ids = re.findall(r'id="([^"]+)"', portfolio.portfolio_html(store, pid))
    assert len(ids) == len(set(ids))


def test_english_portfolio(store: Store) -> None:
    pid = _player(store)
    page = portfolio.portfolio_html(store, pid, lang="en")
    assert '<html lang="en">' in page and "My skill map" in page


def test_export_writes_html_and_png(store: Store, tmp_path: Path) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    pid = _player(store)
    b.draft(store, pid, competencies={"imprevus": 3, "oral": 2})
    review.confirm_experience(store, pid, "1", "Anne")
    html_path, png_path = portfolio.export_portfolio(store, pid, tmp_path / "out" / "lina.html")
    assert html_path.read_text(encoding="utf-8").count("<svg") > 10
    image = pygame.image.load(str(png_path))
    assert image.get_size() == (1600, 900)
    background = image.get_at((5, 5))
    assert image.get_at((450, 450)) != background  # the map is drawn


def test_export_to_unwritable_place(store: Store, tmp_path: Path) -> None:
    pid = _player(store)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ActionError) as caught:
        portfolio.export_portfolio(store, pid, blocker / "lina.html")
    assert caught.value.key == "error.write"
