"""Run every benchmark and print one table: figure, target, ratio, verdict.

Usage: ``python -m bench.run [store scenarios game map skillmap ... soak]`` (default: all but
the soak, which runs only when named).
Benchmarks live here, not in timed tests: the machines are shared and noisy.
"""

import importlib
import sys

SUITES = {
    "store": "bench.bench_store",
    "scenarios": "bench.bench_scenarios",
    "content": "bench.content_report",
    "game": "bench.bench_game",
    "game-memory": "bench.bench_game_memory",
    "map": "bench.bench_map",
    "skillmap": "bench.bench_skillmap",
    "skillmap-app": "bench.bench_skillmap_app",
    "badges": "bench.bench_badges",
    "issuer-public": "bench.bench_issuer_public",
    "skillmap-memory": "bench.bench_skillmap_memory",
    "soak": "bench.soak_kills",
}
SLOW = {"soak"}  # 200 random kills take ten minutes or more: run only when named


def _target(row: dict) -> str:
    target = row.get("target", "")
    if isinstance(target, int | float):
        return f"< {target:g} {row.get('unit', '')}"
    return str(target)


def _ratio(row: dict) -> str:
    if "ratio" in row:
        return f"{row['ratio']:.2f}x"
    target = row.get("target")
    if isinstance(target, int | float) and target:
        return f"{row['value'] / target:.2f}"
    return ""


def _verdict(row: dict) -> str:
    ok = row.get("ok")
    if ok is None and isinstance(row.get("target"), int | float):
        ok = row["value"] < row["target"]
    return {True: "ok", False: "MISSED", None: ""}[ok]


def print_table(rows: list[dict]) -> None:
    header = ("figure", "value", "target", "ratio", "")
    lines = [
        (
            row["name"],
            f"{row['value']:.2f} {row.get('unit', '')}",
            _target(row),
            _ratio(row),
            " ".join(filter(None, [_verdict(row), row.get("note", "")])),
        )
        for row in rows
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *lines, strict=True)]
    for line in (header, *lines):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or [n for n in SUITES if n not in SLOW]
    rows: list[dict] = []
    for name in names:
        try:
            module = importlib.import_module(SUITES[name])
        except (KeyError, ModuleNotFoundError) as exc:
            print(f"skipped {name}: {exc}", file=sys.stderr)
            continue
        rows += [{**row, "name": f"[{name}] {row['name']}"} for row in module.run()]
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
