"""Benchmark: build time, index size on disk, ask latency and peak memory as the collection
grows, on synthetic reviews recombined from the seed corpus (bench/synthetic.py).

Usage: .venv/bin/python bench/scale.py [--sizes 1000,10000,100000] [--questions 200]
                                       [--out bench/results/scale.json] [--work DIR]

Each size is built and then asked in separate processes (bench/scale_worker.py), so each
peak RSS is that step's own. The real model encodes everything: at 100,000 learning
points the build alone takes most of an hour on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from synthetic import write_collection  # noqa: E402
from timing import machine, timed  # noqa: E402

COLUMNS = {
    "learning_points": "points",
    "units": "units",
    "vector_index": "vectors",
    "build_s": "build s",
    "build_over_raw_encode": "build/encode",
    "reindex_unchanged_over_full": "unchanged/full",
    "index_mib_on_disk": "disk MiB",
    "build_peak_rss_mib": "build RSS MiB",
    "load_s": "load s",
    "ask_p50_ms": "ask p50 ms",
    "ask_p95_ms": "ask p95 ms",
    "encode_p95_ms": "encode p95 ms",
    "ask_over_encode_p95": "ask/encode p95",
    "exact_vector_scores_p50_ms": "exact ms",
    "hnsw_top10_p50_ms": "hnsw ms",
    "hnsw_recall_at_10": "hnsw recall@10",
    "serve_peak_rss_mib": "serve RSS MiB",
}


def run_worker(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(HERE / "scale_worker.py"), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"scale_worker {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(size: int, work: Path, questions: int) -> dict:
    corpus, index = work / f"corpus-{size}", work / f"index-{size}"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    written, t_write = timed(lambda: write_collection(corpus, size))
    row = {"size": size, **written, "generate_s": round(t_write, 1)}
    run_worker("encoder", str(corpus), str(index))
    row |= run_worker("build", str(corpus), str(index))
    row |= run_worker("ask", str(corpus), str(index), str(questions))
    return row


def print_table(rows: list[dict]) -> None:
    names = [k for k in COLUMNS if any(k in r for r in rows)]
    cells = [[COLUMNS[k] for k in names]] + [[str(r.get(k, "")) for k in names] for r in rows]
    widths = [max(len(c[i]) for c in cells) for i in range(len(names))]
    for line in cells:
        print("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000", help="learning points")
    parser.add_argument("--questions", type=int, default=200, help="questions asked per size")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "scale.json")
    parser.add_argument("--work", type=Path, help="keep corpora and indexes here")
    args = parser.parse_args()

    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        for size in sizes:
            rows.append(measure(size, work, args.questions))
            print(json.dumps(rows[-1]), flush=True)
    print_table(rows)
    figures = {
        "machine": machine(),
        "sizes": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
