"""How long each kind of bad question takes to answer or refuse, with the real model.

Usage: .venv/bin/python bench/bad_input.py

Times the web app's chat handler (question in, rendered Markdown out) in one warm
process, five times per case, and writes bench/results/bad_input.json. The cases are the
ones tests/test_bad_input.py checks for correctness.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import app  # noqa: E402
from tests.test_bad_input import BAD_QUESTIONS  # noqa: E402


def main() -> None:
    app.get_assistant()
    rows = {}
    for name, question in BAD_QUESTIONS.items():
        times = []
        for _ in range(5):
            started = time.perf_counter()
            messages, _, _ = app.respond(question, [], None, None, None, None, None, {})
            times.append(time.perf_counter() - started)
        first = messages[0].content.replace("\n", " ")
        rows[name] = {"max_ms": round(1000 * max(times), 1), "reply": first[:90]}
    width = max(map(len, rows))
    for name, row in rows.items():
        print(f"{name:<{width}}  {row['max_ms']:>7.1f} ms  {row['reply']}")
    out = ROOT / "bench" / "results" / "bad_input.json"
    out.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
