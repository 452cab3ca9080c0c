"""LinkedIn's « add to profile » link for an issued badge.

LinkedIn documents a URL that opens the "Add licence or certification" form prefilled:
``https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=..&organizationName=..
&issueYear=..&issueMonth=..&certUrl=..&certId=..`` (expiry fields when the badge expires).
Nothing is sent to LinkedIn by the issuer: the young person clicks, checks, and saves.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


@dataclass(frozen=True)
class Certification:
    name: str  # the badge's name: « Communiquer à l'oral — niveau 2 »
    organisation: str  # the issuing structure
    issued: datetime
    url: str  # the public assertion URL (the recruiter's page)
    cert_id: str  # the assertion's entity id
    expires: datetime | None = None
    organisation_id: str = ""  # LinkedIn's numeric company id, when the structure has one


def add_to_profile_url(cert: Certification) -> str:
    """The prefilled LinkedIn URL (query encoded with ``urlencode``: accents and & are safe)."""
    fields: list[tuple[str, str]] = [
        ("startTask", "CERTIFICATION_NAME"),
        ("name", cert.name),
    ]
    if cert.organisation_id:
        fields.append(("organizationId", cert.organisation_id))
    else:
        fields.append(("organizationName", cert.organisation))
    fields += [
        ("issueYear", str(cert.issued.year)),
        ("issueMonth", str(cert.issued.month)),
    ]
    if cert.expires is not None:
        fields += [
            ("expirationYear", str(cert.expires.year)),
            ("expirationMonth", str(cert.expires.month)),
        ]
    fields += [("certUrl", cert.url), ("certId", cert.cert_id)]
    return f"{ADD_TO_PROFILE}?{urlencode(fields)}"
