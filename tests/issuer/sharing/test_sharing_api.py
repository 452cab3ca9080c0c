"""Privacy, erasure and published portfolios through a real issuer (uvicorn on 127.0.0.1)."""

import base64
import gzip
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import requests
from pypdf import PdfReader

from issuer.openbadges.baking import unbake_png, unbake_svg
from shared.store import Store
from skillmap import portfolio, review
from tests.issuer.endorsements.conftest import World
from tests.skillmap import builders as b

NARRATIVE = "A animé l'entraînement des poussins au club."
HTML = {"Accept": "text/html"}


def _issue(world: World) -> dict:
    badge = world.server.badge_class(world.headers, "collectif", 1)
    issued = world.server.issue(world.headers, badge["entityId"], email="sam@example.org")
    assert issued.status_code == 201, issued.text
    return dict(issued.json()["result"][0])


def _public(url: str) -> dict[str, str]:
    """What each public form of the badge says: JSON-LD, credential, baked PNG and SVG."""
    return {
        "jsonld": requests.get(url, timeout=30).text,
        "credential": json.dumps(
            jwt.decode(requests.get(f"{url}/credential.jwt", timeout=30).text,
                       options={"verify_signature": False}), ensure_ascii=False),
        "png": unbake_png(requests.get(f"{url}/image.png", timeout=30).content) or "",
        "svg": unbake_svg(requests.get(f"{url}/image.svg", timeout=30).text) or "",
        "page": requests.get(url, headers=HTML, timeout=30).text,
    }  # fmt: skip


def test_the_default_shows_the_least_and_the_choice_reaches_every_form(world: World) -> None:
    assertion = _issue(world)
    url = assertion["openBadgeId"]
    hidden = _public(url)
    for form, text in hidden.items():
        assert "poussins" not in text, form
    chosen = requests.put(
        f"{world.server.base}/v2/assertions/{assertion['entityId']}/privacy",
        json={"name": "first_name", "displayName": "Sam", "showNarrative": True},
        headers=world.headers,
        timeout=30,
    )
    assert chosen.status_code == 200, chosen.text
    shown = _public(url)
    for form in ("jsonld", "credential", "png", "svg", "page"):
        assert "poussins" in shown[form], form
    assert "Délivré à : Sam" in shown["page"] and "Délivré à" not in hidden["page"]
    missing_name = requests.put(
        f"{world.server.base}/v2/assertions/{assertion['entityId']}/privacy",
        json={"name": "pseudonym", "displayName": " "},
        headers=world.headers,
        timeout=30,
    )
    assert missing_name.status_code == 422


def _endorse(world: World, assertion: dict) -> str:
    """A real endorsement of ``assertion`` (request, mail, answer); its public URL."""
    asked = world.ask(subject={"type": "assertion", "entityId": assertion["entityId"]})
    assert asked.status_code == 201, asked.text
    link = world.link_in(world.next_mail())
    page = requests.get(link, headers=HTML, timeout=30).text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    fields = {"csrf": csrf, "decision": "confirm", "name": "Claire", "comment": "Sam est fiable."}
    assert requests.post(link, data=fields, headers=HTML, timeout=60).status_code == 200
    state = requests.get(
        f"{world.server.base}/v2/endorsements/{asked.json()['result'][0]['entityId']}",
        headers=world.headers,
        timeout=30,
    ).json()["result"][0]
    return str(state["endorsement"]["openBadgeId"])


ABOUT_THEM = {  # what an erased badge's rows may hold, table by table (its own rows only)
    "assertion": "SELECT narrative, evidence FROM assertion WHERE id = :a",
    "assertion_document": "SELECT body FROM assertion_document WHERE assertion_id = :a",
    "endorsement": "SELECT comment FROM endorsement WHERE assertion_id = :a",
    "endorsement_request": "SELECT claim, endorser_email FROM endorsement_request "
    "WHERE assertion_id = :a",
}


def _rows_about(world: World, entity_id: str) -> str:
    """Every row of the database about one assertion, as text (bodies decoded)."""
    [(pk,)] = world.server.rows("SELECT id FROM assertion WHERE entity_id = :e", e=entity_id)
    rows = [row for sql in ABOUT_THEM.values() for row in world.server.rows(sql, a=pk)]
    return "\n".join(" ".join(_text(value) for value in row) for row in rows)


def _text(value: Any) -> str:
    return (
        bytes(value).decode("utf-8", "replace")
        if isinstance(value, bytes | memoryview)
        else str(value)
    )


def test_an_erased_young_persons_badge_answers_410_everywhere(world: World) -> None:
    badge = world.server.badge_class(world.headers, "collectif", 1)
    own: dict[str, Any] = {
        "narrative": "Récit de Sam, à effacer",
        "evidence": [{"narrative": "Preuve de Sam"}],
    }
    issued = world.server.issue(world.headers, badge["entityId"], email="sam@example.org", **own)
    assert issued.status_code == 201, issued.text
    assertion = issued.json()["result"][0]
    url = assertion["openBadgeId"]
    assert requests.get(url, timeout=30).status_code == 200
    endorsement = _endorse(world, assertion)
    assert requests.get(endorsement, timeout=30).status_code == 200
    shown = requests.put(
        f"{world.server.base}/v2/assertions/{assertion['entityId']}/privacy",
        json={"name": "first_name", "displayName": "Sam", "showNarrative": True},
        headers=world.headers,
        timeout=30,
    )
    assert shown.status_code == 200
    assert all("Récit de Sam" in said for said in _public(url).values())  # now stored so
    kept = _rows_about(world, assertion["entityId"])
    for said in ("Récit de Sam", "Preuve de Sam", "Sam est fiable", "J'ai tenu la caisse"):
        assert said in kept, said
    erased = requests.post(
        f"{world.server.base}/v2/erasures",
        json={"assertions": [assertion["entityId"]]},
        headers=world.headers,
        timeout=30,
    )
    assert erased.status_code == 200, erased.text
    for suffix in ("", "/image.png", "/image.svg", "/credential.jwt"):
        answer = requests.get(url + suffix, timeout=30)
        assert answer.status_code == 410, suffix
        assert "Récit de Sam" not in answer.text
    page = requests.get(url, headers=HTML, timeout=30)
    assert page.status_code == 410 and "plus disponible" in page.text
    for suffix in ("", "/credential.jwt"):  # the endorser's words about them go too
        assert requests.get(endorsement + suffix, timeout=30).status_code == 410
    # Nothing they or others said about them stays in the database: not the documents stored
    # per revision, not the endorser's comment, not their own words asked to be endorsed.
    left = _rows_about(world, assertion["entityId"])
    for said in ("Récit de Sam", "Preuve de Sam", "Sam est fiable", "J'ai tenu la caisse"):
        assert said not in left, said
    assert "claire.martin" not in left  # the endorser's address was only for asking
    if world.server.database_url is None:  # SQLite: nor in the files' free space, nor the log
        files = sorted(world.server.data_dir.glob("*.db*"))
        raw = b"".join(path.read_bytes() for path in files)
        assert raw and any(path.suffix == ".db" for path in files)
        for said in ("cit de Sam, ", "Preuve de Sam", "Sam est fiable"):
            assert said.encode() not in raw, said
    other = requests.post(
        f"{world.server.base}/v2/erasures", json={"assertions": ["nope"]},
        headers=world.headers, timeout=30,
    )  # fmt: skip
    assert other.status_code == 404


def _portfolio_html(tmp_path: Path) -> str:
    store = Store(tmp_path / "data")
    pid = b.player(store, "Lina").id
    b.draft(store, pid, "Entraîner les U9 au club", {"imprevus": 3, "oral": 2})
    review.confirm_experience(store, pid, "1", "Anne")
    return portfolio.portfolio_html(store, pid, consent=True)


def _publish(world: World, html: str, **extra: Any) -> requests.Response:
    packed = base64.b64encode(gzip.compress(html.encode("utf-8"))).decode("ascii")
    return requests.post(
        f"{world.server.base}/v2/portfolios",
        json={"htmlGzipBase64": packed, "consent": True, **extra},
        headers=world.headers,
        timeout=30,
    )


def test_a_published_portfolio_is_served_printed_and_stops_when_revoked(
    world: World,
    tmp_path: Path,
) -> None:
    html = _portfolio_html(tmp_path)
    published = _publish(world, html)
    assert published.status_code == 201, published.text
    shape = published.json()["result"][0]
    link = shape["url"]
    assert len(link.rsplit(".", 1)[-1]) >= 43  # 256 random bits in the link
    page = requests.get(link, timeout=30)
    assert page.status_code == 200 and "Agir face à l’imprévu" in page.text
    assert "script-src" not in page.headers["Content-Security-Policy"]
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")
    pdf = requests.get(shape["pdf"], timeout=120)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Agir face à l’imprévu" in " ".join(text.split())
    base, _, secret = link.rpartition(".")
    assert requests.get(f"{base}.{secret[::-1]}", timeout=30).status_code == 404
    revoked = requests.delete(
        f"{world.server.base}/v2/portfolios/{shape['entityId']}", headers=world.headers, timeout=30
    )
    assert revoked.status_code == 200 and revoked.json()["result"][0]["revoked"] is True
    assert requests.get(link, timeout=30).status_code == 410
    assert requests.get(shape["pdf"], timeout=30).status_code == 410


def test_publishing_needs_consent_a_future_expiry_and_a_readable_page(world: World) -> None:
    assert _publish(world, "<p>x</p>", consent=False).status_code == 422
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    assert _publish(world, "<p>x</p>", expires=past).status_code == 422
    garbage = requests.post(
        f"{world.server.base}/v2/portfolios",
        json={"htmlGzipBase64": "bm90IGd6aXA=", "consent": True},
        headers=world.headers,
        timeout=30,
    )
    assert garbage.status_code == 422 and "illisible" in garbage.json()["status"]["description"]
    bomb = base64.b64encode(gzip.compress(b"a" * (5 * 1024 * 1024))).decode("ascii")
    too_big = requests.post(
        f"{world.server.base}/v2/portfolios",
        json={"htmlGzipBase64": bomb, "consent": True},
        headers=world.headers,
        timeout=30,
    )
    assert too_big.status_code == 413


def test_an_expired_portfolio_link_answers_410(world: World) -> None:
    soon = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    shape = _publish(world, "<p>Compétences</p>", expires=soon).json()["result"][0]
    assert requests.get(shape["url"], timeout=30).status_code == 200
    world.server.sql(
        "UPDATE published_portfolio SET expires_at = '2020-01-01 00:00:00' WHERE entity_id = :e",
        e=shape["entityId"],
    )
    assert requests.get(shape["url"], timeout=30).status_code == 410
