"""Benchmarks, run by `make bench`. They print numbers side by side from one run; tests never time."""
