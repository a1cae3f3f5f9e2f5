"""Shared by the benchmark scripts: wall-clock timing of one call."""

from __future__ import annotations

import time


def timed(fn):
    """(fn's result, seconds it took)."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start
