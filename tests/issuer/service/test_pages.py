"""The public French pages in headless Chromium: axe-core (WCAG 2.1 AA) finds no serious
violation, and at 390 px nothing is wider than the screen."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.browser.browser import DESKTOP, PHONE, axe_violations, chromium
from tests.issuer.service.conftest import IssuerServer, make_server


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    running = make_server(tmp_path_factory.mktemp("pages"), None)
    running.start()
    try:
        yield _issue_some(running)
    finally:
        running.stop()


def _issue_some(server: IssuerServer) -> dict[str, str]:
    headers = server.auth()
    badge = server.badge_class(headers, "codes-sociaux", 3)
    valid = server.issue(headers, badge["entityId"]).json()["result"][0]
    revoked = server.issue(headers, badge["entityId"]).json()["result"][0]
    requests.delete(
        f"{server.base}/v2/assertions/{revoked['entityId']}",
        json={"revocation_reason": "Badge délivré à la mauvaise personne"},
        headers=headers,
        timeout=10,
    )
    return {
        "assertion": valid["openBadgeId"],
        "revoked": revoked["openBadgeId"],
        "badgeclass": badge["openBadgeId"],
        "issuer": valid["issuerOpenBadgeId"],
        "framework": f"{server.base}/frameworks/rectec",
        "missing": f"{server.base}/assertions/inconnu",
    }


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_pages_pass_axe_and_fit_the_phone(pages: dict[str, str], size: tuple[int, int]) -> None:
    driver = chromium(*size, mobile=size == PHONE)
    folder = os.environ.get("DIVA_SCREENSHOTS")
    shots = Path(folder) if folder else None
    try:
        for name, url in pages.items():
            driver.get(url)
            assert driver.find_element("tag name", "h1").text, name
            assert driver.execute_script("return document.documentElement.lang") == "fr"
            violations = axe_violations(driver)
            found = [(v["id"], [n.get("failureSummary") for n in v["nodes"]]) for v in violations]
            assert not violations, (name, found)
            width = driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= size[0], (name, width)
            if shots:
                shots.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(shots / f"issuer-{name}-{size[0]}.png"))
    finally:
        driver.quit()
