"""Issuer profiles (one per structure) and their API clients."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from issuer.db.models import ApiClient, IssuerProfile
from issuer.security import hash_secret, looks_like_id, new_entity_id, new_secret
from issuer.service.badgeclasses import SyncReport, sync_badge_classes
from issuer.service.clock import now
from issuer.service.keystore import create_key
from issuer.settings import Settings
from shared.framework import Framework


class ProfileNotFound(Exception):
    """No issuer profile (or client) with that id."""


@dataclass(frozen=True)
class NewClient:
    """A client just created: the only moment its secret exists in clear."""

    client_id: str
    client_secret: str
    issuer_id: str


@dataclass(frozen=True)
class NewIssuer:
    profile: IssuerProfile
    client: NewClient
    badge_classes: SyncReport


def create_issuer(
    session: Session,
    settings: Settings,
    frameworks: dict[str, Framework],
    *,
    name: str,
    url: str,
    email: str,
) -> NewIssuer:
    """A structure's profile with its signing key, its badge classes and a first API client."""
    profile = IssuerProfile(
        entity_id=new_entity_id(), name=name, url=url, email=email, created_at=now()
    )
    session.add(profile)
    session.flush()
    create_key(session, settings, profile)
    report = sync_badge_classes(session, profile, frameworks)
    client = add_client(session, profile, label=name)
    return NewIssuer(profile=profile, client=client, badge_classes=report)


def add_client(session: Session, profile: IssuerProfile, label: str = "") -> NewClient:
    secret = new_secret()
    client = ApiClient(
        client_id=new_entity_id(),
        secret_hash=hash_secret(secret),
        label=label,
        issuer_id=profile.id,
        created_at=now(),
    )
    session.add(client)
    session.flush()
    return NewClient(client.client_id, secret, profile.entity_id)


def profile_by_entity_id(session: Session, entity_id: str) -> IssuerProfile:
    if not looks_like_id(entity_id):
        raise ProfileNotFound(entity_id)
    profile = session.scalar(select(IssuerProfile).where(IssuerProfile.entity_id == entity_id))
    if profile is None:
        raise ProfileNotFound(entity_id)
    return profile


def all_profiles(session: Session) -> list[IssuerProfile]:
    return list(session.scalars(select(IssuerProfile).order_by(IssuerProfile.id)))


def the_only_profile(session: Session, entity_id: str | None) -> IssuerProfile:
    """The profile named, or the server's only one when none is named (CLI convenience)."""
    if entity_id:
        return profile_by_entity_id(session, entity_id)
    profiles = all_profiles(session)
    if len(profiles) != 1:
        raise ProfileNotFound("")
    return profiles[0]


def list_clients(session: Session, profile: IssuerProfile | None = None) -> list[ApiClient]:
    query = select(ApiClient).order_by(ApiClient.id)
    if profile is not None:
        query = query.where(ApiClient.issuer_id == profile.id)
    return list(session.scalars(query))


def revoke_client(session: Session, client_id: str) -> ApiClient:
    """Revoke a client; its tokens stop working at once (the token check looks at the client)."""
    if not looks_like_id(client_id):
        raise ProfileNotFound(client_id)
    client = session.scalar(select(ApiClient).where(ApiClient.client_id == client_id))
    if client is None:
        raise ProfileNotFound(client_id)
    if client.revoked_at is None:
        client.revoked_at = now()
    return client


def default_public_url(session: Session) -> str:
    """The first profile's --url: the public URL when serve is given none."""
    first = session.scalar(select(IssuerProfile).order_by(IssuerProfile.id))
    return first.url.rstrip("/") if first else ""
