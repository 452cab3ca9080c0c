"""Alembic migrations of the issuer's database, run by the CLI before serving."""
