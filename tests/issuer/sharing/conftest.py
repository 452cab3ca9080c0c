"""The endorsement tests' real issuer + SMTP (``world``), on SQLite and PostgreSQL, here too."""

from tests.issuer.endorsements.conftest import backend, postgres, world  # noqa: F401
