"""The Alembic migrations build exactly the tables the models describe (no drift), on a fresh
SQLite file and on PostgreSQL, and running them again changes nothing."""

import importlib
import pkgutil
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import issuer
from issuer.db.migrate import upgrade
from issuer.db.models import Base
from tests.issuer.service.conftest import PostgresCluster


def _all_models() -> None:
    """Import every ``models`` module of the issuer, so the metadata holds every table."""
    for module in pkgutil.walk_packages(issuer.__path__, "issuer."):
        if module.name.endswith(".models"):
            importlib.import_module(module.name)


def _drift(url: str) -> list[object]:
    _all_models()
    engine = create_engine(url)
    try:
        upgrade(engine)
        upgrade(engine)  # a second start finds nothing to do
        with engine.connect() as connection:
            return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))
    finally:
        engine.dispose()


def test_sqlite_schema_matches_the_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'issuer.db'}"
    assert _drift(url) == []
    engine = create_engine(url)
    assert "assertion" in inspect(engine).get_table_names()
    engine.dispose()


def test_postgresql_schema_matches_the_models(postgres: PostgresCluster) -> None:
    assert _drift(postgres.new_database()) == []
