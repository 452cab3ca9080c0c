"""A damaged or newer data file is reported naming the file, and never replaced."""

from pathlib import Path

import orjson
import pytest

from shared.errors import StoreError, explain
from shared.store import Store
from tests.shared.storehelpers import evidence, new_player

DAMAGES = {
    "truncated": lambda raw: raw[: len(raw) // 2],
    "garbage": lambda raw: b"\x89PNG\r\n\x1a\n not json at all \xff\xfe",
    "empty": lambda raw: b"",
    "wrong structure": lambda raw: b"[1, 2, 3]",
    "no schema version": lambda raw: b'{"evidence": {}}',
    "future version": lambda raw: with_file_version(raw, 99),
}


def with_file_version(raw: bytes, version: int) -> bytes:
    data = orjson.loads(raw)
    data["_meta"]["1"]["schema_version"] = version
    return orjson.dumps(data)


@pytest.mark.parametrize("damage", DAMAGES)
def test_damaged_player_file_is_named_and_left_untouched(tmp_path: Path, damage: str) -> None:
    store, player = new_player(tmp_path)
    store.add_evidence(evidence(player.id, "n1"))
    path = tmp_path / "players" / f"{player.id}.json"
    damaged = DAMAGES[damage](path.read_bytes())
    path.write_bytes(damaged)

    fresh = Store(tmp_path)
    for attempt in (
        lambda: fresh.evidence(player.id),
        lambda: fresh.add_evidence(evidence(player.id, "n2")),
    ):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert str(path) in str(caught.value)
    assert path.read_bytes() == damaged


def test_future_version_message_says_to_update(tmp_path: Path) -> None:
    store, player = new_player(tmp_path)
    path = tmp_path / "players" / f"{player.id}.json"
    path.write_bytes(with_file_version(path.read_bytes(), 7))
    with pytest.raises(StoreError, match="newer DIVA"):
        Store(tmp_path).player(player.id)


def test_damaged_index_is_reported_when_the_store_opens(tmp_path: Path) -> None:
    new_player(tmp_path)
    index = tmp_path / "index.json"
    index.write_bytes(b"{broken")
    with pytest.raises(StoreError) as caught:
        Store(tmp_path)
    assert str(index) in str(caught.value)
    assert index.read_bytes() == b"{broken"


def test_damaged_file_is_explained_in_french_naming_the_file(tmp_path: Path) -> None:
    from shared.errors import explain

    store, player = new_player(tmp_path)
    path = tmp_path / "players" / f"{player.id}.json"
    path.write_bytes(b"{oops")
    with pytest.raises(StoreError) as caught:
        Store(tmp_path).player(player.id)
    assert caught.value.key == "store.damaged"
    assert explain(caught.value).startswith(f"Le fichier de données {path} est abîmé")


def test_a_record_the_model_refuses_is_a_damaged_file_named_and_left_untouched(
    tmp_path: Path,
) -> None:
    store, player = new_player(tmp_path)
    store.add_evidence(evidence(player.id, "n1"))
    path = tmp_path / "players" / f"{player.id}.json"
    data = orjson.loads(path.read_bytes())
    data["evidence"]["1"]["kind"] = "not-a-kind"
    data["player"]["1"]["pseudonym"] = ""
    damaged = orjson.dumps(data)
    path.write_bytes(damaged)

    fresh = Store(tmp_path)
    for attempt in (
        lambda: fresh.evidence(player.id),
        lambda: fresh.player(player.id),
    ):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert str(path) in str(caught.value)
        assert caught.value.key == "store.damaged"
    assert path.read_bytes() == damaged


def test_a_lock_that_cannot_be_created_is_a_store_error_naming_the_file(tmp_path: Path) -> None:
    store, player = new_player(tmp_path)
    path = tmp_path / "players" / f"{player.id}.json"
    before = path.read_bytes()
    Path(f"{path}.lock").unlink()
    Path(f"{path}.lock").mkdir()  # opening it fails for root too, as a read-only folder would

    with pytest.raises(StoreError) as caught:
        store.add_evidence(evidence(player.id, "n1"))
    assert str(path) in str(caught.value)
    assert str(path) in explain(caught.value, "fr")
    assert path.read_bytes() == before
