"""Shared fixtures of the scenario tooling tests: a small content folder of our own."""

from pathlib import Path

import pytest

from shared.i18n import Catalogue

HERE = Path(__file__).parent


@pytest.fixture
def content_root() -> Path:
    """A content folder with a minimal RECTEC framework and the stade background."""
    return HERE / "content"


@pytest.fixture
def french() -> Catalogue:
    return Catalogue.load("shared", "fr")


@pytest.fixture
def valid_file() -> Path:
    return HERE / "valid.yaml"
