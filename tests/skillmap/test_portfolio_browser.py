"""The exported portfolio in a real browser (headless Chromium through Selenium).

What a counsellor and a young person would see: no sideways scrolling on a 390 px phone
(emulated as a real device: headless windows cannot be narrower than 500 px) or a desktop
screen, French throughout (lang="fr", no English text from the en catalogue), a full-page
screenshot of each and of the print layout (copied to DIVA_SCREENSHOTS if set, to look at).
"""

import base64
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from shared.badge import IssuerAnswer
from shared.store import Store
from skillmap import badges, review
from tests.skillmap import builders as b

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed (test extra)")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and DRIVER.exists()),
    reason="headless Chromium not installed (apt-get install -y chromium chromium-driver)",
)
DEVICES = {"phone": (390, 844), "desktop": (1280, 900)}


def _rich_portfolio(data: Path, out: Path) -> Path:
    """A player with three confirmed experiences (a very long word too) and two badges."""
    store = Store(data)
    lina = b.player(store, "Lina-Rose")
    words = (
        "Le samedi j’aide Karim avec les U9. Une fois il était en retard : j’ai rassemblé les "
        "enfants, expliqué l’échauffement et compté qu’ils étaient bien dix.\n"
        "Mon-club-de-foot-du-quartier-avec-un-nom-très-long-sans-espace-pour-voir-si-ça-déborde."
    )
    b.draft(store, lina.id, words=words, competencies={"imprevus": 3, "oral": 2, "collectif": 2})
    b.draft(store, lina.id, "Garder mes petits frères", {"maths": 2, "organisation": 3},
            "Je fais les courses avec 20 € pour la semaine.", "family")  # fmt: skip
    b.draft(store, lina.id, "Modérer le Discord du quartier", {"numerique": 3, "regles": 2},
            "Je rappelle les règles quand ça s’énerve.", "volunteering")  # fmt: skip
    for n in ("1", "2", "3"):
        review.confirm_experience(store, lina.id, n, by="Anne")
    issued = badges.request_badge(store, lina.id, "imprevus", 3, "lina@example.org", True)
    issued.move_to("sent")
    issued.move_to("issued")
    issued.answer = IssuerAnswer(assertion_url=f"https://badges.example.org/assertions/{issued.id}")
    store.save_badge_request(issued)
    badges.request_badge(store, lina.id, "maths", 2, "lina@example.org", True, ["2"])
    code, _, err = b.run(data, "export", "Lina-Rose", "--out", str(out), "--consent")
    assert code == 0, err
    return out


def _english_only_texts() -> list[str]:
    """Literal pieces of every en portfolio text that differs from its French version."""
    root = Path(__file__).resolve().parents[2] / "skillmap" / "locales"
    fr = json.loads((root / "fr.json").read_text(encoding="utf-8"))
    en = json.loads((root / "en.json").read_text(encoding="utf-8"))
    pieces = []
    for key, text in en.items():
        if key.split(".")[0] in ("portfolio", "kind", "month") and text != fr.get(key):
            pieces += [p.strip() for p in re.split(r"\{[^}]*\}", text) if len(p.strip()) >= 4]
    return pieces


def _driver(device: str):
    from selenium.webdriver.chrome.service import Service

    width, height = DEVICES[device]
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(arg)
    if device == "phone":
        metrics = {"width": width, "height": height, "pixelRatio": 2.0}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    else:
        options.add_argument(f"--window-size={width},{height}")
    return webdriver.Chrome(service=Service(str(DRIVER)), options=options)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portfolio")
    return _rich_portfolio(folder / "data", folder / "lina.html")


@pytest.fixture(scope="module", params=list(DEVICES))
def browser(request: pytest.FixtureRequest, page: Path) -> Iterator[tuple[str, object]]:
    driver = _driver(request.param)
    driver.get(page.as_uri())
    yield request.param, driver
    driver.quit()


def _keep(path: Path) -> None:
    folder = os.environ.get("DIVA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / path.name)


def _full_screenshot(driver, path: Path) -> None:
    size = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    _keep(path)


def test_no_horizontal_scroll(browser: tuple[str, object]) -> None:
    device, driver = browser
    inner, scroll = driver.execute_script(  # type: ignore[attr-defined]
        "return [window.innerWidth, document.documentElement.scrollWidth]"
    )
    assert inner == DEVICES[device][0]
    assert scroll <= inner, f"{device}: the page scrolls sideways ({scroll} > {inner})"


def test_all_french(browser: tuple[str, object], page: Path) -> None:
    _, driver = browser
    assert driver.execute_script("return document.documentElement.lang") == "fr"  # type: ignore[attr-defined]
    text = driver.execute_script("return document.body.innerText")  # type: ignore[attr-defined]
    for expected in (
        "Ma carte de compétences",
        "Lina-Rose",
        "Vérifier ce badge",
        "Demande en cours",
    ):
        assert expected in text
    leaks = [piece for piece in _english_only_texts() if piece in text]
    assert not leaks, f"English on the French page: {leaks}"
    assert "lina@example.org" not in page.read_text(encoding="utf-8")


def test_screenshots_screen_and_print(browser: tuple[str, object], page: Path) -> None:
    device, driver = browser
    shot = page.with_name(f"portfolio-{device}.png")
    _full_screenshot(driver, shot)
    assert shot.stat().st_size > 20_000
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})  # type: ignore[attr-defined]
    try:
        _full_screenshot(driver, page.with_name(f"portfolio-{device}-print.png"))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})  # type: ignore[attr-defined]


def test_prints_to_pdf(browser: tuple[str, object], page: Path) -> None:
    """Printing does not depend on the screen: both devices print the same A4 layout."""
    device, driver = browser
    from selenium.webdriver.common.print_page_options import PrintOptions

    options = PrintOptions()
    options.background = True
    pdf = page.with_name(f"{page.stem}-{device}.pdf")
    pdf.write_bytes(base64.b64decode(driver.print_page(options)))  # type: ignore[attr-defined]
    assert pdf.read_bytes().startswith(b"%PDF")
    _keep(pdf)


def test_passes_axe_wcag_aa(browser: tuple[str, object]) -> None:
    """The page a young person takes away has no serious WCAG 2.1 AA problem (axe-core)."""
    from tests.browser.browser import axe_violations, describe

    _device, driver = browser
    violations = axe_violations(driver)
    assert not violations, describe(violations)
