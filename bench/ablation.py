"""What each retrieval change contributes: score question sets with parts switched off.

Usage: .venv/bin/python bench/ablation.py [tests/data/dev.jsonl tests/data/heldout.jsonl ...]

Every variant shares one index build; only query-time settings differ, so the figures
are comparable within a run. Output is a Markdown table (hit@1 / recall@5 / MRR per set).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ENCODER_FOLDER  # noqa: E402 (bench/, the script's own folder)

from assistant.core import Assistant, InvalidQuestion  # noqa: E402
from assistant.evaluation import read_questions, score  # noqa: E402
from assistant.index.encoders import make_encoder  # noqa: E402
from assistant.search.glossary import DOMAIN_GLOSSARY  # noqa: E402
from assistant.settings import RetrievalSettings, Settings  # noqa: E402

FULL = RetrievalSettings()
NO_PRIORS = dict(
    next_step_bias=0.0,
    review_question_bias=0.0,
    case_summary_bias=0.0,
    next_steps_question_bias=0.0,
)
# The glossary's last parts map how practitioners describe a case to the reviews' words.
# "terms" keeps the entries above them, with the everyday forms since added to those.
CASE_VOCABULARY = "# --- How practitioners describe a case"
VARIANTS: list[tuple[str, dict, str]] = [
    # (label, retrieval settings to change, glossary: "full", "terms" (no case vocabulary)
    # or "none")
    ("context embedding only", dict(local_weight=0, keyword_weight=0, **NO_PRIORS), "none"),
    ("+ BM25", dict(local_weight=0, **NO_PRIORS), "none"),
    ("+ glossary of terms", dict(local_weight=0, **NO_PRIORS), "terms"),
    ("+ heading-only embedding", NO_PRIORS, "terms"),
    ("+ next-step and review-question priors", dict(case_summary_bias=0.0), "terms"),
    ("+ case vocabulary in the glossary", dict(case_summary_bias=0.0), "full"),
    ("+ summaries lowered for long case questions and next-step requests (default)", {}, "full"),
    ("default + section max evidence 0.25", dict(section_weight=0.25), "full"),
    ("default without glossary", {}, "none"),
    ("default without heading-only embedding", dict(local_weight=0), "full"),
]


def main() -> None:
    files = [Path(p) for p in sys.argv[1:]] or [
        ROOT / "tests/data/dev.jsonl",
        ROOT / "tests/data/heldout.jsonl",
    ]
    sets = {f.stem: read_questions(f) for f in files}
    with tempfile.TemporaryDirectory() as tmp:
        base = Settings(
            corpus_dir=ROOT / "corpus", index_dir=Path(tmp) / "index", encoder_folder=ENCODER_FOLDER
        )
        encoder = make_encoder(base)
        print("| variant | " + " | ".join(f"{n} hit@1 / R@5 / MRR / abstain" for n in sets) + " |")
        print("|---|" + "---|" * len(sets))
        full = DOMAIN_GLOSSARY.read_text(encoding="utf-8")
        if CASE_VOCABULARY not in full:
            raise SystemExit(f"{DOMAIN_GLOSSARY} has no section {CASE_VOCABULARY!r}")
        terms = Path(tmp) / "terms.yaml"
        terms.write_text(full.split(CASE_VOCABULARY)[0], encoding="utf-8")
        none = Path(tmp) / "none.yaml"
        none.write_text("[]\n", encoding="utf-8")
        glossaries = {"full": None, "terms": terms, "none": none}
        for label, change, glossary in VARIANTS:
            settings = base.model_copy(
                update={
                    "retrieval": FULL.model_copy(update=change),
                    "domain_glossary": glossaries[glossary],
                }
            )
            assistant = Assistant(settings, encoder=encoder)
            cells = []
            for questions in sets.values():
                answers = []
                for q in questions:
                    try:
                        answers.append(assistant.ask(q.q))
                    except InvalidQuestion:
                        raise SystemExit(f"invalid question in set: {q.q!r}") from None
                r = score(questions, answers)
                cells.append(
                    f"{r.hit1:.2f} / {r.recall5:.2f} / {r.mrr:.2f} / "
                    f"{r.off_topic_abstained}/{r.off_topic} off, {r.false_abstain} wrong"
                )
            print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
