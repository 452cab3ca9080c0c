"""A real endorser in headless Chromium: open the mailed link on a phone, fill, confirm; the
public badge page then shows the endorsement. Screenshots at 390 and 1280 px (the guide's
pictures: ``DIVA_SCREENSHOTS=folder`` keeps them). A hostile comment is shown as text, never
run, on that same page."""

from pathlib import Path

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions

from tests.browser.browser import (
    DESKTOP,
    PHONE,
    axe_violations,
    chromium,
    describe,
    until_shown,
)
from tests.issuer.endorsements.conftest import World, screenshots_dir

# One story, as a recruiter would read it: the badge's narrative (the test issuer's « A animé
# l'entraînement des poussins au club. »), the young person's words, the coach's comment.
COACH = {
    "name": "Karim Haddad",
    "role": "Éducateur sportif",
    "organisation": "US Lens Football",
    "email": "karim.haddad@uslens.example",
}
OWN_WORDS = "Le mercredi, j’aide à entraîner les poussins : j’explique les exercices aux enfants."
COMMENT = (
    "Inès encadre les poussins avec moi chaque mercredi depuis la rentrée : elle explique les "
    "exercices simplement, les enfants l’écoutent, et elle prévient les parents d’un "
    "changement d'horaire. Je la recommande sans hésiter."
)
HOSTILE = "Très bien <script>document.title = 'pris'</script> et ponctuelle."


def _full_page(driver, path: Path) -> None:
    """A screenshot of the whole page (the window grows to the page's height first)."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return window.innerWidth")
    driver.set_window_size(max(width, 500), min(int(height) + 140, 6000))
    driver.save_screenshot(str(path))


def test_an_endorser_confirms_on_a_phone_and_the_badge_page_shows_it(
    world: World, tmp_path: Path
) -> None:
    shots = screenshots_dir(tmp_path)
    shown = requests.put(  # as a young person shares it: her first name and her own words
        f"{world.server.base}/v2/assertions/{world.assertion['entityId']}/privacy",
        json={"name": "first_name", "displayName": "Inès", "showNarrative": True},
        headers=world.headers,
        timeout=30,
    )
    assert shown.status_code == 200, shown.text
    answer = world.ask(recipientName="Inès", endorser=COACH, ownWords=OWN_WORDS)
    assert answer.status_code == 201, answer.text
    link = world.link_in(world.next_mail())
    phone = chromium(*PHONE, mobile=True)
    try:
        phone.get(link)
        assert phone.execute_script("return window.innerWidth") == PHONE[0]
        heading = phone.find_element(By.TAG_NAME, "h1").text
        assert heading.startswith("Confirmez-vous ce qu’a fait Inès")
        overflow = phone.execute_script(
            "return document.documentElement.scrollWidth > window.innerWidth"
        )
        assert not overflow, "the page scrolls sideways on a phone"
        problems = axe_violations(phone)
        assert problems == [], describe(problems)
        phone.save_screenshot(str(shots / "endorse-form-390.png"))
        comment = phone.find_element(By.ID, "comment")
        comment.send_keys(COMMENT)
        name = phone.find_element(By.ID, "name")
        name.clear()
        name.send_keys(COACH["name"])
        phone.find_element(By.CSS_SELECTOR, "button.confirm").click()
        until_shown(
            phone, expected_conditions.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Merci")
        )
        phone.save_screenshot(str(shots / "endorse-thanks-390.png"))
        badge_link = phone.find_element(By.LINK_TEXT, "Voir le badge").get_attribute("href")
    finally:
        phone.quit()
    assert badge_link == world.assertion["openBadgeId"]
    desktop = chromium(*DESKTOP)
    try:
        desktop.get(badge_link)
        section = desktop.find_element(By.CSS_SELECTOR, "section.endorsements")
        text = section.text
        assert "Karim Haddad" in text and "Éducateur sportif, US Lens Football" in text
        assert COMMENT in text
        linkedin = desktop.find_element(By.PARTIAL_LINK_TEXT, "LinkedIn").get_attribute("href")
        assert linkedin.startswith("https://www.linkedin.com/profile/add?startTask=")
        _full_page(desktop, shots / "badge-endorsed-1280.png")
    finally:
        desktop.quit()
    phone = chromium(*PHONE, mobile=True)
    try:
        phone.get(badge_link)
        phone.save_screenshot(str(shots / "badge-endorsed-390.png"))
        again = phone.find_element(By.CSS_SELECTOR, "section.endorsements").text
        assert "Karim Haddad" in again
    finally:
        phone.quit()
    document = requests.get(badge_link, timeout=30).json()
    assert len(document["endorsement"]) >= 1
    _a_hostile_comment_is_only_text(world, badge_link)


def _a_hostile_comment_is_only_text(world: World, badge_link: str) -> None:
    """A second endorser types HTML: the page shows their words as typed and runs nothing."""
    assert world.ask(recipientName="Inès").status_code == 201
    link = world.link_in(world.next_mail())
    form = requests.get(link, headers={"Accept": "text/html"}, timeout=30).text
    csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    fields = {"csrf": csrf, "decision": "confirm", "name": "Marc Petit", "comment": HOSTILE}
    assert requests.post(link, data=fields, timeout=60).status_code == 200
    desktop = chromium(*DESKTOP)
    try:
        desktop.get(badge_link)
        assert HOSTILE in desktop.find_element(By.CSS_SELECTOR, "section.endorsements").text
        assert desktop.title != "pris" and "pris" not in desktop.title
    finally:
        desktop.quit()


def test_the_form_at_1280_px(world: World, tmp_path: Path) -> None:
    answer = world.ask()
    assert answer.status_code == 201
    link = world.link_in(world.next_mail())
    desktop = chromium(*DESKTOP)
    try:
        desktop.get(link)
        problems = axe_violations(desktop)
        assert problems == [], describe(problems)
        _full_page(desktop, screenshots_dir(tmp_path) / "endorse-form-1280.png")
    finally:
        desktop.quit()


def test_a_recruiter_drops_a_baked_badge_on_the_verify_page(world: World, tmp_path: Path) -> None:
    shots = screenshots_dir(tmp_path)
    png = requests.get(f"{world.assertion['openBadgeId']}/image.png", timeout=30).content
    badge_file = tmp_path / "badge-ines.png"
    badge_file.write_bytes(png)
    for size, mobile, name in ((PHONE, True, "390"), (DESKTOP, False, "1280")):
        driver = chromium(*size, mobile=mobile)
        try:
            driver.get(f"{world.server.base}/verifier")
            problems = axe_violations(driver)
            assert problems == [], describe(problems)
            driver.find_element(By.ID, "badge").send_keys(str(badge_file))
            driver.find_element(By.ID, "email").send_keys("ines@example.org")
            driver.find_element(By.CSS_SELECTOR, "button.confirm").click()
            until_shown(
                driver, expected_conditions.presence_of_element_located((By.ID, "verdict-title"))
            )
            assert driver.find_element(By.ID, "verdict-title").text == "Badge authentique"
            problems = axe_violations(driver)
            assert problems == [], describe(problems)
            _full_page(driver, shots / f"verify-valid-{name}.png")
        finally:
            driver.quit()


def test_the_outcome_pages_read_well_on_a_phone(world: World, tmp_path: Path) -> None:
    answer = world.ask()
    assert answer.status_code == 201
    link = world.link_in(world.next_mail())
    base, _, secret = link.rpartition(".")
    phone = chromium(*PHONE, mobile=True)
    try:
        phone.get(f"{base}.{secret[::-1]}")
        assert "n’est pas valable" in phone.find_element(By.TAG_NAME, "h1").text or (
            "pas valable" in phone.find_element(By.TAG_NAME, "h1").text
        )
        problems = axe_violations(phone)
        assert problems == [], describe(problems)
        phone.save_screenshot(str(screenshots_dir(tmp_path) / "endorse-invalid-390.png"))
    finally:
        phone.quit()
