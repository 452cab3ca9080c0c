"""The portfolio as a real PDF (headless Chromium): its text carries the competencies."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from issuer.sharing.pdf import chromium_path, html_to_pdf
from shared.store import Store
from skillmap import portfolio, review
from tests.issuer.sharing.hits import counting_server
from tests.skillmap import builders as b

if chromium_path() is None:  # a skip fails under CI=true (tests/conftest.py)
    pytest.skip("headless Chromium is not installed", allow_module_level=True)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join((page.extract_text() or "") for page in reader.pages)


def test_the_portfolio_pdf_has_the_competencies_as_text(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    pid = b.player(store, "Lina").id
    b.draft(store, pid, "Entraîner les U9 au club", {"imprevus": 3, "oral": 2})
    review.confirm_experience(store, pid, "1", "Anne")
    html = portfolio.portfolio_html(store, pid, consent=True)
    pdf = html_to_pdf(html)
    (tmp_path / "portfolio.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-")
    text = " ".join(_text(pdf).split())
    for words in ("Lina", "Agir face à l’imprévu", "Communiquer à l’oral", "Entraîner les U9"):
        assert words in text, words
    assert "Utiliser les ressources numériques" in text  # the legend lists all ten


def test_the_renderer_fetches_nothing_outside_the_page(tmp_path: Path) -> None:
    with counting_server(404) as (port, hits):
        secret = tmp_path / "secret.txt"
        secret.write_text("TOP-SECRET-LINE")
        html = (
            f'<p>Compétences</p><img src="http://127.0.0.1:{port}/img.png">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            f'<iframe src="file://{secret}"></iframe><object data="file://{secret}"></object>'
        )
        text = _text(html_to_pdf(html))
    assert hits == []
    assert "Compétences" in text and "TOP-SECRET" not in text
