"""Issued badges in the portfolio: the issuer's baked image inlined (the page stays one offline
file), « Vérifier ce badge », and a revoked badge said as such and not counted."""

import io
from pathlib import Path

import pytest
from PIL import Image

from shared.badge import IssuerAnswer
from shared.player import Player
from shared.store import Store
from skillmap import badges, portfolio, review
from tests.skillmap import builders as b


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


def _issued(store: Store, image: bytes | None, revoked: bool = False) -> str:
    player = Player(pseudonym="Lina", structure="ML Denain")
    player.consent.share_portfolio = True
    pid = store.add_player(player).id
    b.draft(store, pid, competencies={"imprevus": 3})
    review.confirm_experience(store, pid, "1", "Anne")
    request = badges.request_badge(store, pid, "imprevus", 3, "lina@example.org", True)
    request.move_to("sent")
    request.move_to("issued")
    path = ""
    if image is not None:
        path = f"badges/{pid}/{request.id}.png"
        (store.root / path).parent.mkdir(parents=True)
        (store.root / path).write_bytes(image)
    request.answer = IssuerAnswer(
        assertion_url="https://badges.example.org/assertions/42",
        image_path=path,
        revoked=revoked,
        revocation_reason="Erreur" if revoked else "",
    )
    store.save_badge_request(request)
    return pid


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 120, 60)).save(out, "PNG")
    return out.getvalue()


def test_issued_badge_shows_the_issuers_image_inline(store: Store) -> None:
    pid = _issued(store, _png())
    page = portfolio.portfolio_html(store, pid)
    assert '<img class="emblem-small" src="data:image/png;base64,' in page
    assert '<a href="https://badges.example.org/assertions/42">Vérifier ce badge</a>' in page
    assert "Badge obtenu" in page
    summary = page[page.index('<p class="summary">') :].split("</p>")[0]
    assert "<span>1\xa0badge obtenu</span>" in summary, summary


def test_missing_or_broken_image_falls_back_to_the_emblem(store: Store) -> None:
    pid = _issued(store, b"<html>not a png</html>")
    page = portfolio.portfolio_html(store, pid)
    assert "data:image/png" not in page
    assert 'class="emblem-small"' in page


def test_revoked_badge_is_said_and_not_counted(store: Store) -> None:
    pid = _issued(store, None, revoked=True)
    page = portfolio.portfolio_html(store, pid)
    assert "Badge révoqué par l’émetteur" in page
    assert "Badge obtenu" not in page
    assert "badge obtenu</span>" not in page  # not counted in the summary
