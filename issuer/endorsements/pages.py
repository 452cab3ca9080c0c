"""The endorser's pages and the mail bodies, rendered from ``issuer/templates/endorse/``.

Jinja2 autoescapes every ``.html`` template: whatever an endorser, a counsellor or a young
person typed is shown as text, never run. The pages need no JavaScript and no outside
resource (styles are inline), so they open on any phone and in a locked-down browser.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from shared.i18n import Catalogue
from shared.look import palette
from shared.text import DEFAULT_LANGUAGE

from .documents import EndorsementInfo, EndorserInfo
from .forms import COMMENT_MAX, NAME_MAX, ORGANISATION_MAX, ROLE_MAX, FormProblem

LIMITS = {
    "name": NAME_MAX,
    "role": ROLE_MAX,
    "organisation": ORGANISATION_MAX,
    "comment": COMMENT_MAX,
}
OUTCOMES = ("endorsed", "declined", "used", "expired", "invalid", "withdrawn", "gone")


@dataclass(frozen=True)
class Claim:
    """What the endorser is asked to confirm, in plain words (already in the page language)."""

    young_name: str  # the first name or pseudonym the young person agreed to show
    issuer_name: str  # the structure that issued the badge or confirmed the experience
    competency: str = ""
    level_word: str = ""
    criteria: str = ""
    experience_title: str = ""
    experience_where: str = ""
    experience_when: str = ""
    own_words: str = ""
    kind: str = "person"  # "badgeclass": an organisation is asked to recognise a badge


@cache
def environment() -> Environment:
    """One Jinja2 environment for the endorsement pages and mails (autoescaped HTML)."""
    env = Environment(
        loader=PackageLoader("issuer", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=False),
        undefined=StrictUndefined,
        trim_blocks=False,
    )
    env.globals["colors"] = palette()
    return env


@cache
def catalogue(lang: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The endorsement texts (French first, English second)."""
    return Catalogue.load("issuer.endorsements", lang)


def date_words(moment: datetime, t: Catalogue) -> str:
    """« 6 janvier 2027 »: dates in words, as the rest of DIVA shows them."""
    return t("mail.date", day=moment.day, month=t(f"month.{moment.month}"), year=moment.year)


def form_page(
    claim: Claim,
    t: Catalogue,
    action: str,
    csrf: str,
    expires: datetime,
    values: dict[str, str],
    problems: list[FormProblem] | None = None,
) -> str:
    """The endorser's form: the claim, then who they are, their comment and the two buttons."""
    shown = {k: values.get(k, "")[: LIMITS[k]] for k in LIMITS}
    context: dict[str, Any] = {
        "t": t,
        "claim": claim,
        "action": action,
        "csrf": csrf,
        "values": shown,
        "limits": LIMITS,
        "problems": problems or [],
        "expires": date_words(expires, t),
    }
    return environment().get_template("endorse/form.html").render(context)


def outcome_page(outcome: str, t: Catalogue, structure: str = "", link: str = "") -> str:
    """Thanks, or why the link does not work any more (used, expired, invalid, withdrawn)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    context = {"t": t, "outcome": outcome, "structure": structure, "link": link}
    return environment().get_template("endorse/message.html").render(context)


def endorsement_page(info: EndorsementInfo, t: Catalogue) -> str:
    """A hosted endorsement, for a person who opens its URL in a browser."""
    summary = {
        "comment": info.comment,
        "endorser": {
            "name": info.endorser.name,
            "role": info.endorser.role,
            "organisation": info.endorser.organisation,
        },
    }
    context = {"t": t, "info": info, "e": summary, "date": date_words(info.issued_on, t)}
    return environment().get_template("endorse/endorsement.html").render(context)


def endorser_profile_page(endorser: EndorserInfo, t: Catalogue) -> str:
    """An endorser's public profile: name, role and organisation, and where their keys are."""
    context = {"t": t, "endorser": endorser}
    return environment().get_template("endorse/endorser.html").render(context)
