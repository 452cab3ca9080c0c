"""Ids and secrets are pasted on command lines: none may start with « - » (an option)."""

from issuer.security import new_entity_id, new_secret


def test_ids_and_secrets_never_start_like_an_option() -> None:
    made = [new_entity_id() for _ in range(3000)] + [new_secret() for _ in range(3000)]
    assert all(token[0].isalnum() for token in made)
    assert len(set(made)) == len(made)
    assert {len(new_entity_id()) for _ in range(50)} == {22}
