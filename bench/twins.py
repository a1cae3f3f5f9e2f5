"""Benchmark: linking twins (near-identical units of different reviews) as the collection
grows, alone: no model, so a 100,000-point figure takes minutes rather than a full build.

Usage: .venv/bin/python bench/twins.py [--sizes 10000,100000] [--out bench/results/twins.json]

Writes the synthetic collection of bench/scale.py (bench/synthetic.py), parses it, cuts
it into units, then times `assistant.index.units.link_twins` on them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from synthetic import write_collection  # noqa: E402 (bench/, the script's own folder)
from timing import machine, report, timed  # noqa: E402

from assistant.index.units import TWIN_SIMILARITY, _words, chunk_review, link_twins  # noqa: E402
from assistant.ingest.collection import load_corpus  # noqa: E402
from assistant.models import ChunkKind  # noqa: E402


def measure(points: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        write_collection(Path(tmp), points)
        reviews = load_corpus(Path(tmp)).reviews
    units = [unit for review in reviews for unit in chunk_review(review)]
    words = [_words(u.text) for u in units if u.kind != ChunkKind.SUMMARY]
    linked, seconds = timed(lambda: link_twins(units, TWIN_SIMILARITY))
    return {
        f"{points}_points": {
            "units": len(units),
            "distinct_word_sets": len(set(words)),
            "units_with_twins": sum(bool(u.twins) for u in linked),
            "link_twins_s": round(seconds, 2),
        }
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "twins.json")
    args = parser.parse_args()
    figures: dict = {"machine": machine()}
    for size in (int(s) for s in args.sizes.split(",")):
        figures |= measure(size)
    report(figures, args.out)


if __name__ == "__main__":
    main()
