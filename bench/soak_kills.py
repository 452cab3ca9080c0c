"""Soak: random SIGKILLs of the game, its writer child and skill map commands on one data folder.

Each round starts one real process on the same data folder and kills something at a random
moment: the game during an autoplay (its writer child then finishes what was queued and stops),
only the game's writer child (the game must start it again and replay; a second kill in the same
run must make autoplay say « L'enregistrement s'est arrêté » and exit 1), or a skill map command
that writes (``experience add``, ``export --consent``). Runs that end by themselves are checked
at once: what autoplay's JSON line reports is exactly what its run added to the player's file.

Then, on the folder: every file parses and every player reads; nothing reported is missing
(evidence of finished runs, experiences and consents the skill map said it saved); no evidence
twice (replays are idempotent); no two players for one pseudonym; no temporary file after an
open. Prints the figures.

    python -m bench.soak_kills [--kills 200] [--seed 1] [--keep FOLDER]
    python -m bench.run soak        # the same, as rows of the benchmark table
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from shared.errors import DivaError
from shared.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
PSEUDONYMS = ["Ana", "Bo", "Cy", "Dee", "Eli", "Fanny"]
SCENARIOS = ["club-foot", "marche"]
RESTARTS = re.compile(r"writer restarts (\d+), writes replayed (\d+)")
STOPPED = ("L’enregistrement s’est arrêté", "ne sont pas dans le dossier")
ENV = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYTHONPATH": "."}


@dataclass
class Soak:
    """The folder, the random source, and everything counted or found wrong."""

    root: Path
    rng: random.Random
    kills: Counter[str] = field(default_factory=Counter)
    figures: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    reported_evidence: dict[str, set[str]] = field(default_factory=dict)
    reported_experiences: set[str] = field(default_factory=set)
    consented: set[str] = field(default_factory=set)

    def problem(self, text: str) -> None:
        self.problems.append(text)


# -- processes ---------------------------------------------------------------------------------


def _wait_gone(pid: int, seconds: float = 20.0) -> bool:
    """Wait on the kernel's exit event of any process (a child or not), with a deadline."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        ready, _, _ = select.select([fd], [], [], seconds)
        return bool(ready)
    finally:
        os.close(fd)


def _writer_of(game: subprocess.Popen[str]) -> int | None:
    """The game's writer child (a spawned multiprocessing child, not its resource tracker)."""
    try:
        children = Path(f"/proc/{game.pid}/task/{game.pid}/children").read_text().split()
    except OSError:
        return None
    for pid in map(int, children):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            return pid
    return None


def _kill(pid: int) -> bool:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def _alive(game: subprocess.Popen[str], seconds: float) -> bool:
    """Let the game run for ``seconds`` (waiting on it); whether it is still running."""
    try:
        game.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return True
    return False


def _new_writer(game: subprocess.Popen[str], other_than: int | None, seconds: float) -> int | None:
    """Wait (on the game, a short slice at a time, with a deadline) for its writer child."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pid = _writer_of(game)
        if pid is not None and pid != other_than:
            return pid
        if not _alive(game, 0.05):
            return None
    return None


# -- the store, read by this process -----------------------------------------------------------


def _evidence_ids(root: Path, pseudonym: str) -> set[str]:

    store = Store(root)
    found = store.find_players(pseudonym)
    return {e.id for e in store.evidence(found[0]["id"])} if found else set()


# -- rounds ------------------------------------------------------------------------------------


def _game(soak: Soak, pseudonym: str, scenario: str) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "game.cli", "--headless", "--autoplay", scenario]
    args += ["--seed", str(soak.rng.randrange(1000)), "--player", pseudonym]
    args += ["--data-dir", str(soak.root)]
    return subprocess.Popen(
        args, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def round_kill_game(soak: Soak) -> None:
    pseudonym = soak.rng.choice(PSEUDONYMS)
    before = _evidence_ids(soak.root, pseudonym)
    game = _game(soak, pseudonym, soak.rng.choice(SCENARIOS))
    if not _alive(game, soak.rng.uniform(0.2, 3.5)):
        _finished(soak, game, pseudonym, before)
        return
    writer = _writer_of(game)
    if _kill(game.pid):
        soak.kills["game"] += 1
    game.communicate()
    if writer is not None and not _wait_gone(writer):
        soak.problem(f"the writer {writer} of a killed game is still running")


def round_kill_writer(soak: Soak) -> None:
    pseudonym = soak.rng.choice(PSEUDONYMS)
    before = _evidence_ids(soak.root, pseudonym)
    game = _game(soak, pseudonym, soak.rng.choice(SCENARIOS))
    twice = soak.rng.random() < 0.25
    killed: int | None = None
    for _ in range(2 if twice else 1):
        writer = _new_writer(game, killed, 20.0)
        if writer is None or not _alive(game, soak.rng.uniform(0.0, 2.0)):
            break
        if _kill(writer):
            soak.kills["writer"] += 1
            killed = writer
            _wait_gone(writer)
    _finished(soak, game, pseudonym, before)


def _finished(soak: Soak, game: subprocess.Popen[str], pseudonym: str, before: set[str]) -> None:
    """A game that ended by itself: its JSON line must be exactly what reached the file."""
    out, err = game.communicate(timeout=300)
    soak.figures["game runs ended by themselves"] += 1
    for restarts, replayed in RESTARTS.findall(err):
        soak.figures["writer restarts"] += int(restarts)
        soak.figures["writes replayed"] += int(replayed)
    lines = out.strip().splitlines()
    if game.returncode not in (0, 1) or not lines:
        soak.problem(f"game exit {game.returncode}: {err.strip().splitlines()[-1:]}")
        return
    if game.returncode == 1:
        if not any(words in err for words in STOPPED):
            soak.problem(f"game exit 1 without saying what was not saved: {err[-300:]}")
            return
        soak.figures["runs that said saving stopped"] += 1
    report = json.loads(lines[-1])
    added = _evidence_ids(soak.root, pseudonym) - before
    if len(added) != report["evidence"]:
        soak.problem(f"{pseudonym}: autoplay reported {report['evidence']}, file got {len(added)}")
    soak.figures["evidence reported"] += report["evidence"]
    soak.reported_evidence.setdefault(pseudonym, set()).update(added)


def round_kill_skillmap(soak: Soak) -> None:

    players = Store(soak.root).players()
    if not players:
        return
    player = soak.rng.choice(players)["id"]
    base = [sys.executable, "-m", "skillmap.cli", "--data-dir", str(soak.root)]
    consent = soak.rng.random() < 0.3
    if consent:
        out_file = soak.root.parent / "soak-portfolio.html"
        args = [*base, "export", player, "--consent", "--out", str(out_file), "--no-png"]
    else:
        title = f"Soak {soak.rng.randrange(10**6)}"
        args = [*base, "experience", "add", player, "--title", title, "--kind", "sport"]
        args += ["--competency", "oral=2", "--json"]
    command = subprocess.Popen(
        args, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if _alive(command, soak.rng.uniform(0.0, 0.9)) and _kill(command.pid):
        soak.kills["skill map"] += 1
        command.communicate()
        return
    out, err = command.communicate()
    soak.figures["skill map commands ended by themselves"] += 1
    if command.returncode != 0:
        soak.problem(f"skill map exit {command.returncode}: {err.strip()[-300:]}")
    elif consent:
        soak.consented.add(player)
    else:
        soak.reported_experiences.add(json.loads(out)["id"])


ROUNDS = {"game": round_kill_game, "writer": round_kill_writer, "skill map": round_kill_skillmap}


# -- the final checks --------------------------------------------------------------------------


def check_folder(soak: Soak) -> None:

    root = soak.root
    soak.figures["temporary files before the open"] = len(list(root.rglob("*.tmp")))
    for path in sorted(root.rglob("*.json")):
        try:
            json.loads(path.read_bytes())
        except ValueError as exc:
            soak.problem(f"{path}: does not parse ({exc})")
    store = Store(root)
    left = sorted(root.rglob("*.tmp"))
    soak.figures["temporary files after the open"] = len(left)
    if left:
        soak.problem(f"temporary files after an open: {[p.name for p in left]}")
    rows = store.players()
    names = Counter(r["pseudonym"].casefold() for r in rows)
    soak.figures["players"] = len(rows)
    for name, count in names.items():
        if count > 1:
            soak.problem(f"{count} players called {name}")
    if len(list((root / "players").glob("*.json"))) != len(rows):
        soak.problem("player files and index rows differ")
    evidence_total = 0
    for row in rows:
        try:
            player = store.player(row["id"])
            evidence = [e.id for e in store.evidence(row["id"])]
            experiences = {e.id for e in store.experiences(row["id"])}
            store.progress(row["id"])
        except DivaError as exc:
            soak.problem(f"player {row['id']}: {exc}")
            continue
        evidence_total += len(evidence)
        if len(evidence) != len(set(evidence)):
            soak.problem(f"{player.pseudonym}: {len(evidence) - len(set(evidence))} evidence twice")
        missing = soak.reported_evidence.get(player.pseudonym, set()) - set(evidence)
        if missing:
            soak.problem(f"{player.pseudonym}: {len(missing)} reported evidence missing")
        soak.reported_experiences -= experiences
        if player.id in soak.consented and not player.consent.share_portfolio:
            soak.problem(f"{player.pseudonym}: the consent the skill map saved is gone")
    if soak.reported_experiences:
        soak.problem(f"{len(soak.reported_experiences)} reported experiences missing")
    soak.figures["evidence on disk"] = evidence_total


def soak(kills: int = 200, seed: int = 1, keep: Path | None = None) -> Soak:
    """Kill until ``kills`` processes were killed, then check the folder."""
    folder = keep or Path(tempfile.mkdtemp(prefix="diva-soak-"))
    state = Soak(folder / "data", random.Random(seed))
    state.root.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    try:
        while sum(state.kills.values()) < kills:
            kind = state.rng.choices(list(ROUNDS), weights=[4, 4, 2])[0]
            ROUNDS[kind](state)
            state.figures["rounds"] += 1
        check_folder(state)
    finally:
        state.figures["seconds"] = round(time.perf_counter() - start)
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return state


def print_figures(state: Soak) -> None:
    kills = ", ".join(f"{kind} {n}" for kind, n in sorted(state.kills.items()))
    print(f"kills: {sum(state.kills.values())} ({kills})")
    for name, value in state.figures.items():
        print(f"{name}: {value}")
    print(f"problems: {len(state.problems)}")
    for text in state.problems:
        print(f"  - {text}")


def run() -> list[dict]:
    """One row for ``python -m bench.run soak``: problems found after 200 random kills."""
    state = soak()
    kills = ", ".join(f"{kind} {n}" for kind, n in sorted(state.kills.items()))
    figures = state.figures
    note = "; ".join(state.problems[:3]) or (
        f"{kills}; {figures['writer restarts']} writer restarts, "
        f"{figures['writes replayed']} writes replayed, {figures['evidence reported']} evidence "
        f"reported, {figures['evidence on disk']} on disk, {figures['seconds']} s"
    )
    name = f"soak: {sum(state.kills.values())} random kills, problems found"
    return [{"name": name, "value": float(len(state.problems)), "unit": "", "target": 1,
             "note": note}]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="keep the folder here")
    args = parser.parse_args(argv)
    state = soak(args.kills, args.seed, args.keep)
    print_figures(state)
    return 1 if state.problems else 0


if __name__ == "__main__":
    sys.exit(main())
