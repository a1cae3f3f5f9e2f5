"""Benchmark: how close answering comes to its floor, the model encoding the question.

Usage: .venv/bin/python bench/latency.py [--passes 2] [--out bench/results/latency.json]

In one warm process, over every question in tests/data (245 distinct), each asked
`--passes` times: the bare `encode([question])` time against the full `ask` time, measured
back to back with their order alternated. The floor is the configured encoder's own
encode (ONNX Runtime by default); the model on torch is timed afterwards for reference.
Runs on a temporary index of corpus/, so the real `index/` is untouched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ENCODER_FOLDER, ask_against_encode, machine, ms, percentile, report, timed  # noqa: E402 (bench/, the script's own folder)

from assistant.core import Assistant  # noqa: E402
from assistant.evaluation import read_questions  # noqa: E402
from assistant.index.encoders.torch import SentenceTransformerEncoder  # noqa: E402
from assistant.settings import Settings  # noqa: E402

QUESTION_FILES = ("dev", "heldout", "blind", "final", "untouched")


def all_questions() -> list[str]:
    found = (
        q.q
        for name in QUESTION_FILES
        for q in read_questions(ROOT / "tests/data" / f"{name}.jsonl")
    )
    return list(dict.fromkeys(found))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passes", type=int, default=2, help="times each question is asked")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latency.json")
    args = parser.parse_args()

    questions = all_questions()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            corpus_dir=ROOT / "corpus", index_dir=Path(tmp) / "index", encoder_folder=ENCODER_FOLDER
        )
        assistant = Assistant(settings)
        assistant.warm_up()
        for question in questions[:20]:  # warm every path once
            assistant.ask(question)
        encode_s, ask_s = [], []
        for p in range(args.passes):
            for i, question in enumerate(questions):
                encode = (encode_s, lambda q=question: assistant.encoder.encode([q]))
                ask = (ask_s, lambda q=question: assistant.ask(q))
                for times, fn in (encode, ask) if (i + p) % 2 else (ask, encode):
                    times.append(timed(fn)[1])
        # For reference, the model on torch (sentence-transformers' own encode), timed after
        # the rest: torch's idle threads spin, and would slow whatever ran beside them.
        torch = SentenceTransformerEncoder(settings.embedding_model)
        torch.encode(["warm up"])
        torch_s = [timed(lambda q=q: torch.encode([q]))[1] for q in questions]

    figures = {
        "machine": machine(),
        "units": len(assistant.index.chunks),
        "distinct_questions": len(questions),
        "timed_pairs": len(ask_s),
        "encoder": type(assistant.encoder).__name__,
        **ask_against_encode(ask_s, encode_s),
        "target_ask_over_encode_p50": 1.3,
        "torch_encode_p50_ms": ms(torch_s, 50),
        "torch_encode_p95_ms": ms(torch_s, 95),
        "ask_p50_over_torch_encode_p50": round(percentile(ask_s, 50) / percentile(torch_s, 50), 3),
    }
    report(figures, args.out)


if __name__ == "__main__":
    main()
