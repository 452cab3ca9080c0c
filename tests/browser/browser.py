"""Headless Chromium for page tests, and axe-core's WCAG 2.1 AA check of a loaded page.

Chromium and its driver are Debian's (``apt-get install chromium chromium-driver``, done by
``.ci/run``); axe-core comes from npm (``tests/browser/package.json``, ``npm ci`` in
``.ci/run``). Without them a test skips on a laptop and fails under CI (see tests/conftest.py).
"""

import json
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = (390, 844)
DESKTOP = (1280, 900)


def chromium(width: int, height: int, mobile: bool = False):
    """A headless Chromium at this size; a phone is emulated (headless windows stay >= 500 px)."""
    if not (CHROMIUM.exists() and DRIVER.exists()):
        pytest.skip("headless Chromium not installed (apt-get install -y chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--lang=fr-FR",
    ):  # fmt: skip
        options.add_argument(flag)
    if mobile:
        options.add_experimental_option(
            "mobileEmulation",
            {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}},
        )
    else:
        options.add_argument(f"--window-size={width},{height}")
    return webdriver.Chrome(service=Service(str(DRIVER)), options=options)


def until_shown(driver, condition, seconds: float = 30):
    """Wait for ``condition`` after a click that loads another page. While the old document
    is being replaced, Chromium may answer a look-up with a passing error (a stale element,
    or « Node with given id does not belong to the document »): such a poll counts as « not
    yet », any other error fails the test at once."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def check(browser):
        try:
            return condition(browser)
        except StaleElementReferenceException:
            return False
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    return WebDriverWait(driver, seconds).until(check)


def axe_violations(driver, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the loaded page; the violations of ``impacts``."""
    if not AXE.exists():
        pytest.skip("axe-core not installed (cd tests/browser && npm ci)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag',"
        " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(r => done(JSON.stringify(r.violations))).catch(e => done(JSON.stringify("
        "[{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));"
    )
    return [v for v in json.loads(result) if v.get("impact") in impacts]


def describe(violations: list[dict]) -> str:
    """One readable line per violation, with the first offending element."""
    lines = []
    for v in violations:
        target = v["nodes"][0]["target"] if v.get("nodes") else ""
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {target}")
    return "\n".join(lines)
