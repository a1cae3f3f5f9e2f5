"""Benchmark: a full index build against raw model encoding, and incremental re-indexing.

Usage: .venv/bin/python bench/build.py [--out bench/results/build.json]

Works on a temporary copy of corpus/ plus the example briefs (one per format), with the
configured (real) model, so the real `index/` is untouched. All figures come from one
run, so the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import ENCODER_FOLDER, machine, report, timed  # noqa: E402 (bench/, the script's own folder)

from assistant.index.encoders import make_encoder  # noqa: E402
from assistant.index.live import ensure_index  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "build.json")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        for example in (ROOT / "examples").glob("example-brief.*"):
            shutil.copy(example, corpus / example.name)
        settings = Settings(
            corpus_dir=corpus, index_dir=Path(tmp) / "index", encoder_folder=ENCODER_FOLDER
        )
        encoder = make_encoder(settings)
        encoder.encode(["warm up the model"])

        full, t_full = timed(lambda: ensure_index(settings, encoder, full=True))
        texts = [c.context_text for c in full.chunks] + [c.local_text for c in full.chunks]
        _, t_raw = timed(lambda: encoder.encode(texts))
        unchanged, t_unchanged = timed(lambda: ensure_index(settings, encoder))
        assert unchanged.stats is None, "an unchanged corpus should not be rebuilt"

        brief = corpus / "example-brief.md"
        brief.write_text(brief.read_text().replace("was hungry", "was often hungry"))
        edited, t_edit = timed(lambda: ensure_index(settings, encoder))

        env = {
            **os.environ,
            "ASSISTANT_CORPUS_DIR": str(corpus),
            "ASSISTANT_INDEX_DIR": str(settings.index_dir),
            "ASSISTANT_ENCODER_FOLDER": str(ENCODER_FOLDER),
        }
        cli = [sys.executable, "-m", "assistant", "index"]
        _, t_cli = timed(lambda: subprocess.run(cli, env=env, check=True, capture_output=True))

    figures = {
        "machine": machine(),
        "model": encoder.model_id,
        "files": len(full.manifest.corpus_files),
        "units": len(full.chunks),
        "texts_embedded_in_full_build": full.stats.embedded,
        "full_build_s": round(t_full, 3),
        "raw_encode_same_texts_s": round(t_raw, 3),
        "build_throughput_over_raw_encode": round(t_raw / t_full, 3),
        "reindex_unchanged_s": round(t_unchanged, 4),
        "reindex_unchanged_over_full": round(t_unchanged / t_full, 4),
        "reindex_one_edited_bullet_s": round(t_edit, 3),
        "texts_embedded_after_edit": edited.stats.embedded,
        "cli_index_unchanged_wall_s": round(t_cli, 3),
    }
    report(figures, args.out)


if __name__ == "__main__":
    main()
