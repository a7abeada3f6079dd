"""Minutebook's benchmark: `python -m tests.bench.bench --help`. Not part of the test run."""
