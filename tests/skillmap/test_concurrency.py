"""Two counsellors reviewing the same player at once, from two processes, lose no change."""

import multiprocessing
from pathlib import Path

from shared.store import Store
from skillmap import review
from skillmap.cli import main
from tests.skillmap import builders as b

ROUNDS = 150


def _cli(data: str, *args: str) -> int:
    return main(["--data-dir", data, *args])


def _review(data: str, refs: list[str], competency: str, shared_ref: str, start, out) -> None:
    """One counsellor: confirms their own experiences with the CLI, then adjusts one
    competency of a shared experience many times with the library call the app makes
    (the tightest loop, the likeliest to lose a change if the lock were missing)."""
    start.wait()
    codes = [_cli(data, "review", "Lina", "confirm", ref, "--by", competency) for ref in refs]
    store = Store(Path(data))
    player_id = store.find_players("Lina")[0]["id"]
    for n in range(ROUNDS):
        review.set_level(store, player_id, shared_ref, competency, 1 + n % 3, competency, f"r{n}")
    args = ("review", "Lina", "confirm", shared_ref, "--competency", competency)
    codes.append(_cli(data, *args, "--by", competency))
    out.put((competency, codes))


def test_two_processes_review_one_player(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = Store(data)
    lina = b.player(store)
    own = [
        b.draft(store, lina.id, title=f"Expérience {n}", competencies={"oral": 2}) for n in range(6)
    ]
    shared = b.draft(store, lina.id, title="Partagée", competencies={"maths": 1, "collectif": 1})
    context = multiprocessing.get_context("spawn")
    start, out = context.Barrier(2), context.Queue()
    jobs = [
        (str(data), [e.id[:8] for e in own[:3]], "maths", shared.id[:8], start, out),
        (str(data), [e.id[:8] for e in own[3:]], "collectif", shared.id[:8], start, out),
    ]
    processes = [context.Process(target=_review, args=job) for job in jobs]
    for process in processes:
        process.start()
    codes = dict(out.get(timeout=120) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    assert codes == {"maths": [0] * 4, "collectif": [0] * 4}

    by_id = {e.id: e for e in store.experiences(lina.id)}
    assert all(by_id[e.id].status == "confirmed" for e in own)
    assert {by_id[e.id].reviewer for e in own} == {"maths", "collectif"}
    final = by_id[shared.id]
    assert {c.competency: (c.level, c.status) for c in final.competencies} == {
        "maths": (1 + (ROUNDS - 1) % 3, "confirmed"),
        "collectif": (1 + (ROUNDS - 1) % 3, "confirmed"),
    }
    for who in ("maths", "collectif"):
        mine = [h for h in final.history if h.by == who]
        assert [h.action for h in mine] == ["level"] * ROUNDS + ["competency:confirmed"]
        notes = [h.note for h in mine[:ROUNDS]]
        assert notes == [f"r{n}" for n in range(ROUNDS)]
