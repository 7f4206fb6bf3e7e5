"""Benchmarks of `make bench`: the engine's speed and memory at scale, against plain baselines."""
