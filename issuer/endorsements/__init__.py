"""Endorsements: a tutor, an employer or a trainer says « yes, I saw this » (issue 9).

- ``tokens``: the single-use link sent to the endorser (random, stored hashed, expiring).
- ``forms``: the endorser's answer, checked (CSRF bound to the link, input limits).
- ``mail``: the request e-mail, by SMTP or into an outbox folder of ``.eml`` files.
- ``documents``: the OB 2.0 Endorsement and OB 3.0 ``EndorsementCredential``, pure functions.
- ``linkedin``: LinkedIn's add-to-profile URL for an issued badge.
- ``pages``: the endorser's and verifier's HTML pages (Jinja2, French first).
"""
