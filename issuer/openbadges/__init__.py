"""Open Badges documents as pure functions of plain data (see ``model``).

- ``ob2``: hosted OB 2.0 JSON-LD (Issuer, BadgeClass, Assertion, CryptographicKey,
  RevocationList) and the recipient hash.
- ``ob3``: the OB 3.0 ``OpenBadgeCredential`` (VC 2.0) and its VC-JWT (RS256) signature.
- ``keys``: RSA signing keys, their JWK / JWKS form.
- ``baking``: baked PNG (iTXt ``openbadges``) and SVG (``openbadges:assertion``).
- ``images``: badge pictures in DIVA's style (``shared.look``), PNG without pygame.
"""
