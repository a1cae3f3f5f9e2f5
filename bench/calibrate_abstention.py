"""Score distributions behind the abstention thresholds.

Usage: .venv/bin/python bench/calibrate_abstention.py [FILES...] [--corpus DIR] [--out FILE]

For every question: the best cosine over all units, the share of its content words that
the corpus (or glossary) knows (plainly and weighted by rarity), whether the glossary
recognises any of its words, any uncovered safeguarding topic it names, and the decision
the current settings make. On-topic and off-topic questions are summarised
separately, so the thresholds can be set in the gap between them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ENCODER_FOLDER  # noqa: E402 (bench/, the script's own folder)

from assistant.answer.intents import clean_question, emphasis_of  # noqa: E402
from assistant.core import Assistant  # noqa: E402
from assistant.evaluation import read_questions  # noqa: E402
from assistant.index.encoders import make_encoder  # noqa: E402
from assistant.search.topic import without  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    q = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return f"min {min(values):.3f} · q1 {q[0]:.3f} · median {q[1]:.3f} · max {max(values):.3f}"


def search(assistant: Assistant, text: str):
    """The text searched as the assistant searches a question, over the whole collection:
    the prepared query and its retrieval."""
    (query,) = assistant.retriever.prepare([text])
    emphasis = emphasis_of(text, assistant.settings.retrieval.case_words)
    return query, assistant.retriever.search(query, emphasis)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="corpus folder")
    args = parser.parse_args()
    files = args.files or [ROOT / "tests/data/dev.jsonl", ROOT / "tests/data/heldout.jsonl"]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            corpus_dir=args.corpus, index_dir=Path(tmp) / "index", encoder_folder=ENCODER_FOLDER
        )
        assistant = Assistant(settings, encoder=make_encoder(settings))
        rows = []
        for f in files:
            for q in read_questions(f):
                text = clean_question(q.q, settings.max_question_chars)
                query, r = search(assistant, text)
                rest = without(text, r.uncovered) if r.uncovered else ""
                answer = assistant.ask(q.q)
                rows.append(
                    {
                        "set": f.stem,
                        "on": bool(q.gold),
                        "q": q.q,
                        "dense": r.best_dense,
                        "coverage": r.coverage,
                        "weighted": query.weighted,
                        "recognised": bool(query.expanded.matches),
                        "decision": "abstain" if answer.abstained else "answer",
                        "topics": ", ".join(m.text for m in r.uncovered),
                        "rest": search(assistant, rest)[1].best_dense if rest else None,
                    }
                )
    s = settings.retrieval
    lines = [
        "# Abstention: the score distributions behind the thresholds",
        "",
        f"Made by `python bench/calibrate_abstention.py` over {', '.join(f.name for f in files)}"
        f" (corpus: `{args.corpus.name}`).",
        "",
        "A question is answered unless one of these holds (`assistant/search/topic.py`):",
        "",
        "1. it names a safeguarding topic from the glossary that no corpus text mentions, and",
        "   the rest of the question, without those words, has a best cosine under "
        f"`remainder_dense_score` = {s.remainder_dense_score} (otherwise the rest is answered,",
        "   after saying what is not covered): *not covered*;",
        f"2. its best cosine over all units is below `min_dense_score` = {s.min_dense_score}: "
        "*off-topic*;",
        f"3. its best cosine is below `weak_dense_score` = {s.weak_dense_score} and under "
        f"`min_term_coverage` = {s.min_term_coverage} of its content words occur in the corpus "
        "or glossary: *off-topic*;",
        "4. the glossary recognises none of its words, its best cosine is below "
        f"`unrecognised_dense_score` = {s.unrecognised_dense_score}, and under "
        f"`min_weighted_coverage` = {s.min_weighted_coverage} of its words, each weighted by "
        "its rarity among the units (IDF), occur in the corpus: *off-topic*. A large "
        "collection knows the common words of any question; the rare ones say what it is about.",
        "",
        "| questions | n | best cosine | word coverage | weighted coverage |",
        "|---|---|---|---|---|",
    ]
    for label, on in (("on-topic", True), ("off-topic", False)):
        group = [r for r in rows if r["on"] == on]
        lines.append(
            f"| {label} | {len(group)} | {spread([r['dense'] for r in group])} | "
            f"{spread([r['coverage'] for r in group])} | "
            f"{spread([r['weighted'] for r in group])} |"
        )
    wrong = [r for r in rows if (r["decision"] == "answer") != r["on"]]
    rests = [r for r in rows if r["rest"] is not None]
    for label, on in (("on-topic", True), ("off-topic", False)):
        values = [r["rest"] for r in rests if r["on"] == on]
        lines.append(
            f"| rest of {label} questions naming an uncovered topic | {len(values)} | "
            f"{spread(values)} | | |"
        )
    lines += [
        "",
        f"Decisions that disagree with the labels: {len(wrong)}.",
        "",
        "## Every question, lowest cosine first",
        "",
        "| set | label | best cosine | coverage | weighted | recognised | decision "
        "| uncovered topic | rest cosine | question |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: r["dense"]):
        lines.append(
            f"| {r['set']} | {'on' if r['on'] else 'off'} | {r['dense']:.3f} | "
            f"{r['coverage']:.2f} | {r['weighted']:.2f} | {'yes' if r['recognised'] else ''} | "
            f"{r['decision']} | {r['topics']} | "
            f"{'' if r['rest'] is None else format(r['rest'], '.3f')} | {r['q'][:70]} |"
        )
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print("\n".join(lines[:24]))


if __name__ == "__main__":
    main()
