"""Snapshot what the assistant answers, to show a change to the code changed no behaviour.

Usage:
    .venv/bin/python bench/citations.py --save bench/results/citations.json
    .venv/bin/python bench/citations.py --compare bench/results/citations.json

For every question in tests/data/*.jsonl, and for a few conversations, filtered questions
and theme, comparison and briefing views, it records the first five citation ids, whether
the assistant abstained, and the whole text shown. `--compare` prints each difference and
exits 1 if there is any. It uses the real bundled model on the frozen seed collection in
tests/data/seed, so two runs on one machine agree exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ENCODER_FOLDER  # noqa: E402 (bench/, the script's own folder)

from assistant.core import Assistant, InvalidQuestion  # noqa: E402
from assistant.evaluation import read_questions  # noqa: E402
from assistant.models import ReviewKind, SearchFilters  # noqa: E402
from assistant.settings import Settings  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed"
# Each conversation is asked in order, each turn following up the one before.
CONVERSATIONS = [
    ["forced marriage protection orders", "what are the next steps for that?"],
    ["What did reviews say about forced marriage?", "tell me more about the second point"],
    ["my client's boyfriend is controlling", "what should I do next?"],
    ["How should we respond to chronic neglect?", "tell me more about point 3"],
    ["How should we respond to chronic neglect?", "what about the last one?"],
    ["county lines", "what are the next steps for that?"],
    ["tell me about the neglect audit", "next steps?", "now what about neglect in babies?"],
]
FILTERED = [
    ("bruising in babies", SearchFilters(kinds=(ReviewKind.SERIOUS_CASE_REVIEW,))),
    ("forced marriage", SearchFilters(themes=("Chronic neglect",))),
    ("joint working", SearchFilters(since=2030)),
    ("compare the neglect and domestic abuse audits", SearchFilters(themes=("Early Help",))),
]
TOPICS = [
    "joint working",
    "forced marriage",
    "information sharing",
    "coercive control",
    "county lines",
    "professional curiosity",
    "professional boundaries",
    "neglect",
    "domestic abuse and violence",
    "Early Help",
]


def record(answer) -> dict:
    return {
        "ids": [c.id for c in answer.citations[:5]],
        "abstained": answer.abstained,
        "text": answer.text,
    }


def snapshot(a: Assistant) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for q in read_questions(path):
            try:
                out[f"{path.stem}: {q.q}"] = record(a.ask(q.q))
            except InvalidQuestion as exc:
                out[f"{path.stem}: {q.q}"] = {"error": str(exc)}
    for turns in CONVERSATIONS:
        previous = None
        for n, turn in enumerate(turns):
            previous = a.ask(turn, previous=previous)
            out[f"conversation: {' / '.join(turns[: n + 1])}"] = record(previous)
    for question, filters in FILTERED:
        out[f"filtered: {question} {filters.model_dump_json()}"] = record(
            a.ask(question, filters=filters)
        )
    for view in _views(a):
        out.update(view)
    return out


def _views(a: Assistant):
    yield {"theme counts": {"text": json.dumps([c.model_dump() for c in a.themes()])}}
    for topic in TOPICS:
        yield {f"theme view: {topic}": record(a.theme(topic).answer)}
        briefing = a.briefing(topic)
        yield {f"briefing: {topic}": {"text": briefing.model_dump_json()}}
    ids = [r.id for r in a.reviews]
    for left, right, topic in [(ids[0], ids[1], "joint working"), (ids[2], ids[3], "")]:
        comparison = a.compare(left, right, topic)
        yield {f"compare: {left} / {right} / {topic}": {"text": comparison.model_dump_json()}}


def compare(found: dict, saved: dict) -> int:
    differences = 0
    for key in sorted(set(found) | set(saved)):
        if found.get(key) != saved.get(key):
            differences += 1
            print(f"DIFFERS: {key}")
            for field in ("ids", "abstained", "text", "error"):
                now, then = (found.get(key) or {}).get(field), (saved.get(key) or {}).get(field)
                if now != then:
                    print(f"  {field}: saved {then!r}\n  {' ' * len(field)}  now   {now!r}")
    print(f"{len(found)} answers compared, {differences} differ")
    return 1 if differences else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, metavar="FILE")
    group.add_argument("--compare", type=Path, metavar="FILE")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            corpus_dir=SEED, index_dir=Path(tmp) / "index", encoder_folder=ENCODER_FOLDER
        )
        found = snapshot(Assistant(settings))
    if args.save:
        args.save.parent.mkdir(parents=True, exist_ok=True)
        args.save.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
        print(f"{len(found)} answers saved to {args.save}")
        return 0
    return compare(found, json.loads(args.compare.read_text()))


if __name__ == "__main__":
    sys.exit(main())
