"""Benchmark: model load, index build and load, and per-question latency, with peak memory.

Usage: .venv/bin/python bench/bench_query.py [--repeat N] [--out bench/results.json]

Runs against a temporary copy of the index so the real `index/` is untouched. Figures
are wall-clock on whatever machine runs it; the ratios (measured in the same run) are
what to compare across machines.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import timed  # noqa: E402 (bench/, the script's own folder)

from assistant.corpus import load_corpus  # noqa: E402
from assistant.evaluation import read_questions  # noqa: E402
from assistant.index_build import build_index  # noqa: E402
from assistant.index_store import load_index  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from assistant.service import Assistant, make_encoder  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5, help="passes over the questions")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()

    questions = [q.q for q in read_questions(ROOT / "tests" / "data" / "dev.jsonl")]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(corpus_dir=ROOT / "corpus", index_dir=Path(tmp) / "index")
        rss_start = peak_rss_mib()
        encoder = make_encoder(settings)
        _, t_model = timed(lambda: encoder.encode(["warm up"]))
        corpus, t_parse = timed(lambda: load_corpus(settings.corpus_dir))
        _, t_build = timed(lambda: build_index(corpus, encoder, settings.index_dir))
        index, t_load = timed(lambda: load_index(settings.index_dir, settings.corpus_dir, encoder))
        assistant = Assistant(settings, encoder=encoder)
        retriever = Retriever(index, encoder, settings.retrieval)

        ask_times, encode_times, search_times = [], [], []
        for _ in range(args.repeat):
            for q in questions:
                ask_times.append(timed(lambda q=q: assistant.ask(q))[1])
                encode_times.append(timed(lambda q=q: encoder.encode([q]))[1])
                search_times.append(timed(lambda q=q: retriever.search(q))[1])
        rss_end = peak_rss_mib()

    ms = lambda xs: round(1000 * statistics.median(xs), 2)  # noqa: E731
    p95 = lambda xs: round(1000 * statistics.quantiles(xs, n=20)[-1], 2)  # noqa: E731
    figures = {
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, python {platform.python_version()}",
        "units": len(index.chunks),
        "questions_timed": len(ask_times),
        "model_load_and_first_encode_s": round(t_model, 3),
        "parse_corpus_ms": round(1000 * t_parse, 2),
        "build_index_s": round(t_build, 3),
        "load_and_verify_index_ms": round(1000 * t_load, 2),
        "ask_median_ms": ms(ask_times),
        "ask_p95_ms": p95(ask_times),
        "encode_query_median_ms": ms(encode_times),
        "search_median_ms": ms(search_times),
        "peak_rss_mib": round(rss_end, 1),
        "rss_growth_after_model_mib": round(rss_end - rss_start, 1),
        "ratio_build_to_load": round(t_build / t_load, 1),
        "ratio_encode_share_of_ask": round(
            statistics.median(encode_times) / statistics.median(ask_times), 2
        ),
    }
    for key, value in figures.items():
        print(f"{key:34} {value}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
