"""Start the real web app in a subprocess on a free port, for client and browser tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(folder: Path, port: int | None = None) -> dict[str, str]:
    # The test session's exported ONNX model is shared (tests/conftest.py).
    keep = {"ASSISTANT_ENCODER_FOLDER"}
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") or k in keep}
    env.update(
        ASSISTANT_CORPUS_DIR=str(folder / "corpus"),
        ASSISTANT_INDEX_DIR=str(folder / "index"),
        HF_HUB_OFFLINE="1",
    )
    if port:
        env["ASSISTANT_SERVER__PORT"] = str(port)
    return env


def make_corpus(folder: Path, *extra: Path) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "seed" / "learning-from-reviews.txt", corpus)
    for path in extra:
        shutil.copy(path, corpus / path.name)
    return corpus


@contextmanager
def serve(folder: Path, timeout: float = 240, **extra_env: str):
    """Build the index with the CLI, serve the app as `make run` does, and yield its URL
    once it answers."""
    port = free_port()
    env = {**app_env(folder, port), **extra_env}
    cmd = [sys.executable, "-m", "assistant", "index"]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    log = (folder / "app.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError((folder / "app.log").read_text()[-2000:])
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"app did not start on {url}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
