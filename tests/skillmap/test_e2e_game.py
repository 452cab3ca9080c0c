"""End to end with the real game: a player autoplays two scenarios, then a counsellor reviews
with the CLI, confirms an experience and builds a badge request. The store must hold exactly
what is expected, history included."""

import json
import subprocess
import sys
from pathlib import Path

from shared.experience import LevelChange, StatusChange
from shared.store import Store
from skillmap.common import framework
from tests.skillmap import builders as b

GAME_CLI = Path(__file__).resolve().parents[2] / "game" / "cli.py"
SCENARIOS = ("club-foot", "soiree-famille")


def _autoplay(data: Path, scenario: str, seed: int) -> dict:
    """``diva-game --headless --autoplay SCENARIO --seed N --player Lina --data-dir DATA``."""
    done = subprocess.run(
        [sys.executable, "-m", "game.cli", "--headless", "--autoplay", scenario,
         "--seed", str(seed), "--player", "Lina", "--data-dir", str(data)],
        capture_output=True, text=True, timeout=300, cwd=GAME_CLI.parents[1],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_play_review_confirm_and_request_a_badge(tmp_path: Path) -> None:
    data = tmp_path / "data"
    runs = [_autoplay(data, scenario, seed) for seed, scenario in enumerate(SCENARIOS, start=1)]
    store = Store(data)
    (row,) = store.players()
    pid = row["id"]
    assert row["pseudonym"] == "Lina"
    assert len(store.evidence(pid)) == sum(r["evidence"] for r in runs)
    drafts = sorted(store.experiences(pid), key=lambda e: e.created)
    assert len(drafts) == sum(r["experience_drafts"] for r in runs) >= 2
    assert {e.scenario_id for e in drafts} == set(SCENARIOS)
    assert all(e.status == "draft" and e.source == "game" for e in drafts)

    # The counsellor reads what the game revealed, then reviews the first draft.
    code, out, _ = b.run(data, "review", "Lina")
    assert code == 0 and all(e.title in out for e in drafts)
    first, others = drafts[0], drafts[1:]
    # The game's draft is completed with the young person's own words, where and when.
    words = "Au club, j’ai calmé deux joueurs et on a repris le match."
    edit = ("experience", "edit", "Lina", "1", "--words", words, "--where", "Club de Denain",
            "--when", "samedi dernier", "--by", "Anne")  # fmt: skip
    assert b.run(data, *edit)[0] == 0
    first = store.experience(pid, first.id)
    assert (first.own_words, first.where, first.status) == (words, "Club de Denain", "draft")
    target = first.competencies[0].competency
    history_before = list(first.history)
    adjust = ("review", "Lina", "adjust", "1", "--competency", target, "--level", "2")
    assert b.run(data, *adjust, "--by", "Anne", "--note", "vu ensemble")[0] == 0
    confirm = ("review", "Lina", "confirm", "1", "--by", "Anne", "--note", "raconté au club")
    assert b.run(data, *confirm)[0] == 0

    # ... and builds a badge request with the young person.
    request_args = ("badge", "request", "Lina", "--competency", target, "--level", "2",
                    "--experience", "1", "--email", "lina@example.org", "--consent")  # fmt: skip
    code, _, err = b.run(data, *request_args)
    assert code == 0, err

    confirmed = store.experience(pid, first.id)
    assert confirmed.status == "confirmed" and confirmed.reviewer == "Anne"
    assert confirmed.note == "raconté au club"
    new_history = [
        (h.by, h.action, h.changes, h.note) for h in confirmed.history[len(history_before) :]
    ]
    old_level = first.competencies[0].level
    carried = [LevelChange(competency=c.competency, level=c.level) for c in confirmed.competencies]
    changed = LevelChange(competency=target, level=2, before=old_level)
    assert new_history == [
        ("Anne", "level", [changed], "vu ensemble"),
        (
            "Anne",
            "status:confirmed",
            [StatusChange(before="draft", after="confirmed"), *carried],
            "raconté au club",
        ),
    ]
    assert confirmed.history[: len(history_before)] == history_before
    assert all(c.status == "confirmed" for c in confirmed.competencies)
    assert confirmed.confirmed_level(target) == 2
    assert [store.experience(pid, e.id) for e in others] == others

    (request,) = store.badge_requests(pid)
    descriptor = framework().competency(target).descriptor(2)
    assert (request.status, request.competency, request.level) == ("queued", target, 2)
    assert request.experience_ids == [first.id]
    assert descriptor in request.criteria
    assert request.narrative == words  # their words, never the game's suggestion
    assert (request.recipient_email, request.consent) == ("lina@example.org", True)
    assert store.player(pid).consent.badge_issuing

    profile = store.profile(pid, [c.id for c in framework().competencies])
    assert profile.get(target).confirmed_level == 2
    assert sum(c.confirmed_level is not None for c in profile.competencies) == len(
        first.competencies
    )
    assert len(store.evidence(pid)) == sum(r["evidence"] for r in runs)
