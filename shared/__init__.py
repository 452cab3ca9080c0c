"""DIVA's shared skill model: the contract between the game, the skill map and the issuer.

This package imports nothing from ``game``, ``skillmap`` or ``issuer``.
"""

SCHEMA_VERSION = 1
