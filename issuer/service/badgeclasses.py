"""One BadgeClass per competency x level of every framework that has levels.

A badge class is a snapshot of the framework's texts. When the texts change (the content
work rewrites descriptors), ``sync`` adds a new revision and marks the old one as no longer
current; assertions keep pointing at the revision they were issued under.
"""

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer.db.models import BadgeClassRow, IssuerProfile
from issuer.security import new_entity_id
from issuer.service.clock import now
from shared.framework import LEVELS, Competency, Framework
from shared.i18n import Catalogue
from shared.text import localize


@dataclass(frozen=True)
class SyncReport:
    """How many badge classes were created, replaced by a new revision, or left as they were."""

    created: int = 0
    revised: int = 0
    unchanged: int = 0


def sync_badge_classes(
    session: Session, profile: IssuerProfile, frameworks: dict[str, Framework]
) -> SyncReport:
    """Make the profile's current badge classes match the framework texts."""
    texts = Catalogue.load("issuer")
    existing = _current_by_key(session, profile.id)
    created = revised = unchanged = 0
    for framework in frameworks.values():
        if not framework.has_levels:
            continue
        for competency in framework.competencies:
            for level in LEVELS:
                wanted = _snapshot(texts, framework, competency, level)
                old = existing.get((framework.id, competency.id, level))
                if old is not None and old.content_hash == wanted["content_hash"]:
                    unchanged += 1
                    continue
                revision = 1 if old is None else old.revision + 1
                if old is not None:
                    old.current = False
                    revised += 1
                else:
                    created += 1
                session.add(_row(profile, wanted, revision))
    session.flush()
    return SyncReport(created=created, revised=revised, unchanged=unchanged)


def _current_by_key(session: Session, issuer_id: int) -> dict[tuple[str, str, int], BadgeClassRow]:
    rows = session.scalars(
        select(BadgeClassRow).where(
            BadgeClassRow.issuer_id == issuer_id, BadgeClassRow.current.is_(True)
        )
    )
    return {(r.framework_id, r.competency_id, r.level): r for r in rows}


def _snapshot(
    texts: Catalogue, framework: Framework, competency: Competency, level: int
) -> dict[str, str | int]:
    """Everything a badge class says, and a hash of it to notice when it changes."""
    competency_name = localize(competency.name)
    level_word = framework.level_word(level)
    fields: dict[str, str | int] = {
        "framework_id": framework.id,
        "framework_version": framework.version,
        "framework_name": localize(framework.name),
        "framework_url": framework.url,
        "competency_id": competency.id,
        "competency_name": competency_name,
        "level": level,
        "level_word": level_word,
        "name": texts(
            "badgeclass.name", competency=competency_name, level=level, level_word=level_word
        ),
        "description": texts(
            "badgeclass.description",
            competency_description=localize(competency.description),
            level=level,
            level_word=level_word,
            framework=localize(framework.name),
        ).strip(),
        "criteria_narrative": competency.descriptor(level),
    }
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode("utf-8")).hexdigest()
    return {**fields, "content_hash": digest}


def _row(profile: IssuerProfile, fields: dict[str, str | int], revision: int) -> BadgeClassRow:
    return BadgeClassRow(
        entity_id=new_entity_id(),
        issuer_id=profile.id,
        revision=revision,
        current=True,
        created_at=now(),
        **fields,
    )
