"""DIVA's bundled Open Badges issuer (OB 2.0 + OB 3.0): a web service on a real database."""
