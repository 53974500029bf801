"""Benchmarks and maintenance scripts, run as modules from the repository root, so they import the project (and
one another: `scripts.benchdoc`, `scripts.fit_extractive`) the standard way, with no path set by hand:

    .venv/bin/python -m scripts.bench_core --markdown
"""
