"""Shared by the benchmark scripts: wall-clock timing of one call, and percentiles."""

from __future__ import annotations

import time

import numpy as np


def timed(fn):
    """(fn's result, seconds it took)."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def percentile(values, q: float) -> float:
    """The q-th percentile (0-100), interpolated between the nearest ranks."""
    return float(np.percentile(np.asarray(values, dtype=float), q))
