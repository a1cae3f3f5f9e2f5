"""Shared by the benchmark scripts: wall-clock timing of one call, and percentiles."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

# Every bench index lives in a temporary folder, but they share the exported ONNX model
# with `make run` (exported once; the export is not what these scripts measure).
ENCODER_FOLDER = Path(__file__).resolve().parent.parent / "index" / "encoder"


def timed(fn):
    """(fn's result, seconds it took)."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def percentile(values, q: float) -> float:
    """The q-th percentile (0-100), interpolated between the nearest ranks."""
    return float(np.percentile(np.asarray(values, dtype=float), q))


def ms(values, q: float) -> float:
    """The q-th percentile of times in seconds, in milliseconds to 2 places."""
    return round(1000 * percentile(values, q), 2)


def machine() -> str:
    import os
    import platform

    return f"{platform.machine()} {os.cpu_count()} cpu, python {platform.python_version()}"


def report(figures: dict, out) -> None:
    """Print the figures as a two-column table and write them to `out` as JSON."""
    import json

    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")


def ask_against_encode(ask_s, encode_s) -> dict[str, float]:
    """Percentiles of `ask` and of the bare encode, and their ratios (from the same run)."""
    return {
        "ask_p50_ms": ms(ask_s, 50),
        "ask_p95_ms": ms(ask_s, 95),
        "encode_p50_ms": ms(encode_s, 50),
        "encode_p95_ms": ms(encode_s, 95),
        "ask_over_encode_p50": round(percentile(ask_s, 50) / percentile(encode_s, 50), 3),
        "ask_over_encode_p95": round(percentile(ask_s, 95) / percentile(encode_s, 95), 3),
    }
