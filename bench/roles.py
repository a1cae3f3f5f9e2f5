"""How well the readers give every part of a brief its role, against a careful reader's labels.

Usage: .venv/bin/python bench/roles.py [FOLDER] [--out bench/results/roles.json] [--verbose]

FOLDER (default tests/data/collection) holds `briefs/` (documents in every format) and
`roles/` (one YAML file per brief: its title, kind, and every part with its role and the
first words of each of its items). No model is loaded: this reads and cuts the briefs as
`assistant index` does and compares:
- roles: learning and action (what answers quote) against the rest, as precision and
  recall over the labelled items, and a confusion table of every role;
- titles and kinds, brief by brief;
- theme names that are structure (a heading the reader labelled background, reflective,
  resources or furniture, or a generic part name such as "Summary").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.index.units import chunk_reviews  # noqa: E402
from assistant.ingest.collection import load_corpus  # noqa: E402
from assistant.models import ChunkKind  # noqa: E402
from assistant.themes.names import normalise_themes  # noqa: E402

QUOTED = {"learning", "action"}
# Part names that are never a theme, whatever the brief.
STRUCTURE = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:summary|background|introduction|key learning|learning|findings|"
    r"key findings|key messages|next steps|recommendations|the case|case summary|incident|"
    r"what happened|reflective questions|questions|resources|useful links|contents|about.*|"
    r"what is .*|child \d+|case \d+|baby [a-z]|adult [a-z]|methodology|purpose.*)$",
    re.IGNORECASE,
)


def flat(text: str) -> str:
    """Text compared loosely: quotes, dashes, spaces, case and list numbering do not matter."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014", "''\"\"--"))
    text = " ".join(re.sub(r"[^\w'\" -]", " ", text.lower()).split())
    return re.sub(r"^(?:(?:\d{1,2}|[a-h]|step|box|finding|recommendation)\s+)+", "", text)


def start(text: str, words: int = 6) -> str:
    """The first words of a labelled item: enough to find it, few enough to survive a
    reader that splits or joins lines differently."""
    return " ".join(text.split()[:words])


def unit_role(chunk) -> str:
    """The role the readers gave a unit (before roles existed: from its kind)."""
    role = getattr(chunk, "role", None)
    if role is not None:
        return str(role)
    return {
        ChunkKind.LEARNING_POINT: "learning",
        ChunkKind.NEXT_STEP: "action",
        ChunkKind.SUMMARY: "background",
    }[chunk.kind]


def measure(folder: Path, verbose: bool = False) -> dict:
    labels = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in folder.glob("roles/*.yaml")
    }
    corpus = load_corpus(folder / "briefs")
    units = chunk_reviews(corpus.reviews)
    by_file: dict[str, list] = {}
    for u in units:
        by_file.setdefault(u.source.file, []).append(u)
    reviews_by_file: dict[str, list] = {}
    for r in corpus.reviews:
        reviews_by_file.setdefault(r.source.file, []).append(r)

    confusion: Counter[tuple[str, str]] = Counter()  # (label, found)
    positive_units = true_positive_units = 0
    title_misses, kind_misses, notes = [], [], []
    structural_headings: set[str] = set()
    for _, label in sorted(labels.items()):
        name = label["file"]
        found = by_file.get(name, [])
        items = [
            (start(flat(item)), part["role"], part.get("heading"))
            for part in label["parts"]
            for item in part.get("items") or []
            if len(flat(item).split()) >= 3
        ]
        for part in label["parts"]:
            if part["role"] not in QUOTED and part.get("heading"):
                structural_headings.add(flat(part["heading"]))
        texts = [(u, flat(u.text)) for u in found]
        for item, role, heading in items:
            holder = next((u for u, t in texts if item in t), None)
            got = unit_role(holder) if holder is not None else "dropped"
            confusion[(role, got)] += 1
            if verbose and (role in QUOTED) != (got in QUOTED):
                notes.append(f"{name}: {role} read as {got}: {item[:70]!r} ({heading})")
        for u, t in texts:
            if unit_role(u) not in QUOTED:
                continue
            positive_units += 1
            roles = [role for item, role, _ in items if item in t]
            if roles and roles[0] in QUOTED:
                true_positive_units += 1
            elif verbose:
                why = roles[0] if roles else "no labelled item"
                notes.append(f"{name}: quoted as {unit_role(u)} but {why}: {t[:70]!r}")
        titles = [r.title for r in reviews_by_file.get(name, [])]
        if flat(label["title"]) not in [flat(t) for t in titles]:
            title_misses.append({"file": name, "label": label["title"], "found": titles})
        kinds = [str(r.kind) for r in reviews_by_file.get(name, [])]
        if label.get("kind") and label["kind"] not in kinds:
            kind_misses.append({"file": name, "label": label["kind"], "found": kinds})

    labelled_positive = sum(n for (role, _), n in confusion.items() if role in QUOTED)
    found_positive = sum(
        n for (role, got), n in confusion.items() if role in QUOTED and got in QUOTED
    )
    brief_files = set(labels[s]["file"] for s in labels)
    themes = normalise_themes([r for r in corpus.reviews if r.source.file in brief_files])
    structural = sorted(
        t.name
        for t in themes
        if STRUCTURE.match(t.name.strip())
        or any(flat(v) in structural_headings for v in t.variants)
    )
    report = {
        "briefs": len(labels),
        "labelled_items": sum(confusion.values()),
        "quoted_recall": round(found_positive / labelled_positive, 3)
        if labelled_positive
        else None,
        "quoted_precision": round(true_positive_units / positive_units, 3)
        if positive_units
        else None,
        "titles_right": len(labels) - len(title_misses),
        "kinds_right": len(labels) - len(kind_misses),
        "themes": len(themes),
        "structural_theme_names": structural,
        "title_misses": title_misses,
        "kind_misses": kind_misses,
        "confusion": {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items())},
        "failed_files": [s.error for s in corpus.sources if s.error],
    }
    if verbose:
        report["notes"] = notes
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "tests/data/collection")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    report = measure(args.folder, args.verbose)
    for key in ("briefs", "labelled_items", "quoted_precision", "quoted_recall"):
        print(f"{key:<18} {report[key]}")
    print(f"titles right       {report['titles_right']} of {report['briefs']}")
    print(f"kinds right        {report['kinds_right']} of {report['briefs']}")
    structural = len(report["structural_theme_names"])
    print(f"theme names        {report['themes']}, structural: {structural}")
    for name in report["structural_theme_names"]:
        print(f"  structural theme: {name}")
    for miss in report["title_misses"]:
        print(f"  title: {miss['file']}: {miss['found']} (label {miss['label']!r})")
    for miss in report["kind_misses"]:
        print(f"  kind: {miss['file']}: {miss['found']} (label {miss['label']!r})")
    print("confusion (label -> found):")
    for pair, n in report["confusion"].items():
        print(f"  {pair:<28} {n}")
    for line in report.get("notes", []):
        print("  " + line)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
