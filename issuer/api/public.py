"""Public Open Badges documents (no token): JSON-LD for verifiers, French pages for people."""

from fastapi import APIRouter

router = APIRouter(tags=["public"])
