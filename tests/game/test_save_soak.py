"""The soak of issue 10, short: random SIGKILLs of the game, its writer child and skill map
commands on one data folder (bench/soak_kills.py runs 200), then the folder is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.soak_kills import print_figures, soak


@pytest.mark.slow
def test_random_kills_lose_nothing_that_was_reported(tmp_path: Path) -> None:
    state = soak(kills=8, seed=7, keep=tmp_path)
    print_figures(state)
    assert state.problems == []
    assert sum(state.kills.values()) >= 8
    assert state.figures["players"] >= 1
    assert state.figures["temporary files after the open"] == 0
