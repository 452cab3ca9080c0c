"""Benchmarks: `python -m bench.run` (or `make bench`) prints every figure with its target."""
