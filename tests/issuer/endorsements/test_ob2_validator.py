"""The hosted OB 2.0 Endorsement passes the independent 1EdTech validator core (its own venv),
fetched from the real issuer over HTTP, with the endorser's hosted Profile."""

import pytest
import requests

from tests.issuer.endorsements.conftest import World
from tests.issuer.ob2_validator import Ob2Validator, open_validator

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def ob2_validator() -> Ob2Validator:
    return open_validator()


def test_the_hosted_endorsement_is_valid_for_the_1edtech_validator(
    world: World, ob2_validator: Ob2Validator
) -> None:
    answer = world.ask()
    assert answer.status_code == 201, answer.text
    request_id = answer.json()["result"][0]["entityId"]
    link = world.link_in(world.next_mail())
    page = requests.get(link, headers=HTML, timeout=30).text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    done = requests.post(
        link,
        data={"csrf": csrf, "decision": "confirm", "name": "Claire Martin",
              "comment": "Sérieuse et à l'écoute."},
        headers=HTML, timeout=60,
    )  # fmt: skip
    assert done.status_code == 200, done.text
    state = requests.get(
        f"{world.server.base}/v2/endorsements/{request_id}", headers=world.headers, timeout=30
    ).json()["result"][0]
    url = state["endorsement"]["openBadgeId"]
    report = ob2_validator(url, None)
    assert report.valid, report.errors()
    endorsement = report.node("Endorsement")
    assert endorsement is not None and endorsement["claim"]["endorsementComment"] == (
        "Sérieuse et à l'écoute."
    )
    # and the endorsed assertion, which now lists it, is still valid for the validator
    assertion = ob2_validator(world.assertion["openBadgeId"], "ines@example.org")
    assert assertion.valid, assertion.errors()
