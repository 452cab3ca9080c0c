"""Open Badges documents as pure functions of plain data (see ``model``).

- ``ob2``: hosted OB 2.0 JSON-LD (Issuer, BadgeClass, Assertion, CryptographicKey,
  RevocationList) and the recipient hash.
- ``ob3``: the OB 3.0 ``OpenBadgeCredential`` (VC 2.0) and its VC-JWT (RS256) signature.
- ``keys``: RSA signing keys, their JWK / JWKS form.
- ``baking``: baked PNG (iTXt ``openbadges``) and SVG (``openbadges:assertion``).
- ``images``: badge pictures in DIVA's style (``shared.look``), PNG without pygame.
- ``verify``: « Vérifier un badge » — a baked PNG/SVG, a VC-JWT or an assertion JSON checked
  as a verifier would (hosted copy, signature, revocation, dates, recipient), with reasons as
  keys explained in ``locales/`` (French first).

Nothing here touches a database or the web framework; ``verify`` fetches only through the
function it is given.
"""
