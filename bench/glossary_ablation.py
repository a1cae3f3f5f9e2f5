"""What each part of the domain glossary gives on a mixed collection and on the seed.

Usage: .venv/bin/python bench/glossary_ablation.py [--out bench/results/glossary-ablation.json]

The evaluation collection (`tests/data/collection`: 32 briefs in real layouts and their
questions) is scored beside the seed, and the seed's own question sets on the seed alone,
with the glossary cut at its section markers:
- none: no glossary at all;
- terms: acronyms, professional terms, everyday words and topics (everything above the
  case vocabulary);
- terms + concepts: with the everyday descriptions of common concerns, written from
  practice rather than from any brief;
- full (default): with the case vocabulary written from the seed's sections as well;
- full without adults' terms: the default less its section of adults' safeguarding terms
  (MCA, SAR, DoLS, self-neglect, hoarding, cuckooing...), scored on the collection's
  questions about adults' briefs (files starting "b-") as well as on the rest.
Each cell is hit@1 / recall@5, then off-topic questions abstained and on-topic questions
wrongly abstained. One index build per corpus; only the glossary differs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ENCODER_FOLDER  # noqa: E402 (bench/, the script's own folder)

from assistant.core import Assistant  # noqa: E402
from assistant.evaluation import read_questions, score  # noqa: E402
from assistant.index.encoders import make_encoder  # noqa: E402
from assistant.search.glossary import DOMAIN_GLOSSARY  # noqa: E402
from assistant.settings import Settings  # noqa: E402

DATA = ROOT / "tests" / "data"
SEED_SETS = ("dev", "heldout", "blind", "final", "untouched", "fresh", "sealed")
CASE_VOCABULARY = "# --- How practitioners describe a case"
CONCEPTS = "# --- Everyday descriptions of common concerns"
ADULTS = "# --- Adults' safeguarding and other terms"
ADULTS_BRIEFS = "b-"  # the collection's briefs from adults' boards


def glossary_files(folder: Path) -> dict[str, Path | None]:
    """The glossary cut at its section markers, one file per variant."""
    full = DOMAIN_GLOSSARY.read_text(encoding="utf-8")
    for marker in (CASE_VOCABULARY, CONCEPTS, ADULTS):
        if marker not in full:
            raise SystemExit(f"{DOMAIN_GLOSSARY} has no section {marker!r}")
    terms = full.split(CASE_VOCABULARY)[0]
    concepts = CONCEPTS + full.split(CONCEPTS)[1]
    before, after = full.split(ADULTS)
    without_adults = before + "# ---" + after.split("# ---", 1)[1]
    files = {"none": "[]\n", "terms": terms, "terms + concepts": terms + concepts}
    paths: dict[str, Path | None] = {}
    for name, text in files.items():
        paths[name] = folder / f"{name.replace(' + ', '-')}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    paths["full (default)"] = None
    paths["full without adults' terms"] = folder / "no-adults.yaml"
    paths["full without adults' terms"].write_text(without_adults, encoding="utf-8")
    return paths


def cell(report) -> str:
    return (
        f"{report.hit1:.2f} / {report.recall5:.2f}, {report.off_topic_abstained}/"
        f"{report.off_topic} off, {report.false_abstain} wrong"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        mixed = tmp_path / "mixed"
        mixed.mkdir()
        shutil.copy(ROOT / "corpus" / "learning-from-reviews.txt", mixed)
        for brief in (DATA / "collection" / "briefs").iterdir():
            shutil.copy(brief, mixed)
        corpora = {
            "collection": (mixed, [DATA / "collection" / "questions.jsonl"]),
            "seed": (ROOT / "corpus", [DATA / f"{name}.jsonl" for name in SEED_SETS]),
        }
        glossaries = glossary_files(tmp_path)
        encoder = None
        rows: dict[str, dict[str, str]] = {name: {} for name in glossaries}
        figures: dict[str, dict[str, dict[str, float]]] = {name: {} for name in glossaries}
        for corpus_name, (folder, sets) in corpora.items():
            base = Settings(
                corpus_dir=folder,
                index_dir=tmp_path / f"index-{corpus_name}",
                encoder_folder=ENCODER_FOLDER,
            )
            encoder = encoder or make_encoder(base)
            for name, glossary in glossaries.items():
                assistant = Assistant(
                    base.model_copy(update={"domain_glossary": glossary}), encoder=encoder
                )
                for path in sets:
                    questions = read_questions(path)
                    answers = [assistant.ask(q.q) for q in questions]
                    label = path.parent.name if corpus_name == "collection" else path.stem
                    groups = {label: (questions, answers)}
                    if corpus_name == "collection":
                        adults = [
                            (q, a)
                            for q, a in zip(questions, answers, strict=True)
                            if q.brief.startswith(ADULTS_BRIEFS)
                        ]
                        groups["adults' briefs"] = ([q for q, _ in adults], [a for _, a in adults])
                    for group, (qs, answered) in groups.items():
                        report = score(qs, answered)
                        rows[name][group] = cell(report)
                        figures[name][group] = {
                            "hit1": report.hit1,
                            "recall5": report.recall5,
                            "off_topic_abstained": report.off_topic_abstained,
                            "off_topic": report.off_topic,
                            "false_abstain": report.false_abstain,
                        }
        labels = list(next(iter(rows.values())))
        print("| glossary | " + " | ".join(labels) + " |")
        print("|---|" + "---|" * len(labels))
        for name, cells in rows.items():
            print(f"| {name} | " + " | ".join(cells[label] for label in labels) + " |")
        if args.out:
            args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
