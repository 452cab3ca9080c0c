"""What the issuer does, independent of HTTP: profiles, keys, badge classes, tokens, assertions."""
