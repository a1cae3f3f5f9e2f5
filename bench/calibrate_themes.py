"""How well embedding similarity tags learning points with themes, by threshold and margin.

Usage: .venv/bin/python bench/calibrate_themes.py [--out docs/themes.md]

Ground truth comes from the corpus itself: a learning point under the heading "Forced
marriage" speaks to the theme "Forced marriage". The similarity rule is scored on those
points alone (the section rule would tag them anyway), so precision here is a floor: a
point tagged with another theme may well speak to it too.

Indexed units are embedded as "heading: text", which makes their own theme easy to find.
Next steps carry no topical heading, so the rule is also scored on each point's text
alone ("text only"), which is the fair test for them.

- theme rule: cosine >= threshold and at least `margin` above the next theme (tags);
- topic rule: cosine >= threshold, no margin (a topic typed by a user, with the theme
  name standing in for the topic).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ENCODER_FOLDER  # noqa: E402 (bench/, the script's own folder)

from assistant.core import Assistant  # noqa: E402
from assistant.index.encoders import make_encoder  # noqa: E402
from assistant.models import ChunkKind  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.text import theme_key  # noqa: E402

THRESHOLDS = (0.40, 0.45, 0.50, 0.55, 0.60, 0.65)
MARGINS = (0.0, 0.03, 0.05, 0.08)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, help="also write the tables as Markdown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            corpus_dir=ROOT / "corpus", index_dir=Path(tmp) / "index", encoder_folder=ENCODER_FOLDER
        )
        assistant = Assistant(settings, encoder=make_encoder(settings))
        ti = assistant.explorer.themes
        chunks = assistant.index.chunks
        keys = [{theme_key(v) for v in t.variants} for t in ti.themes]
        labelled = [
            (row, next(t for t, k in enumerate(keys) if theme_key(c.section) in k))
            for row, c in enumerate(chunks)
            if c.kind == ChunkKind.LEARNING_POINT and any(theme_key(c.section) in k for k in keys)
        ]
        others = [r for r, c in enumerate(chunks) if c.kind == ChunkKind.NEXT_STEP]
        sims = ti.unit_vectors @ ti.theme_vectors.T
        bare = assistant.encoder.encode([chunks[r].text for r, _ in labelled])
        bare_sims = {
            row: v @ ti.theme_vectors.T for (row, _), v in zip(labelled, bare, strict=True)
        }
        rows = []
        for vectors, table in (("heading: text", sims), ("text only", bare_sims)):
            for threshold in THRESHOLDS:
                for margin in (*MARGINS, None):
                    right = wrong = 0
                    for row, label in labelled:
                        for t in predicted(table[row], threshold, margin):
                            right += t == label
                            wrong += t != label
                    extra = sum(len(predicted(sims[r], threshold, margin)) for r in others)
                    rows.append(
                        {
                            "vectors": vectors,
                            "rule": "topic" if margin is None else "theme",
                            "threshold": threshold,
                            "margin": margin,
                            "precision": right / (right + wrong) if right + wrong else 1.0,
                            "recall": right / len(labelled),
                            "next_step_tags": extra,
                        }
                    )
    current = settings.themes
    result = {
        "labelled_points": len(labelled),
        "themes": len(ti.themes),
        "next_steps": len(others),
        "current": {"min_similarity": current.min_similarity, "margin": current.margin},
        "rows": rows,
    }
    out_json = ROOT / "bench" / "results" / "themes.json"
    out_json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    table = markdown(result)
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")


def predicted(sims: np.ndarray, threshold: float, margin: float | None) -> list[int]:
    order = np.argsort(-sims)
    if margin is None:
        return [int(t) for t in order if sims[t] >= threshold]
    best = int(order[0])
    second = float(sims[order[1]]) if len(order) > 1 else -1.0
    return [best] if sims[best] >= threshold and sims[best] - second >= margin else []


def markdown(result: dict) -> str:
    lines = [
        f"{result['labelled_points']} learning points under a heading that is one of the "
        f"{result['themes']} themes; {result['next_steps']} next steps (no heading label). "
        f"Current setting: threshold {result['current']['min_similarity']}, margin "
        f"{result['current']['margin']}.",
        "",
        "| vectors | rule | threshold | margin | precision | recall | tags on next steps |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        margin = "-" if r["margin"] is None else f"{r['margin']:.2f}"
        lines.append(
            f"| {r['vectors']} | {r['rule']} | {r['threshold']:.2f} | {margin} "
            f"| {r['precision']:.2f} | {r['recall']:.2f} | {r['next_step_tags']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
