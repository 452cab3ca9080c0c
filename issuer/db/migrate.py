"""Bring a database to the newest schema with Alembic, from code (no alembic.ini needed)."""

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine


def alembic_config() -> Config:
    """Alembic's config pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("issuer") / "migrations"))
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration not yet applied; safe to call on every start."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # One migrator at a time, even if two servers start together.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(812408)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
