"""End to end with the real bundled model (offline). Few, but they guard the real path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.encoder import SentenceTransformerEncoder
from assistant.evaluation import read_questions, score
from assistant.service import Assistant
from assistant.settings import BUNDLED_MODEL

pytestmark = pytest.mark.real_model
DEV = Path(__file__).parent / "data" / "dev.jsonl"


@pytest.fixture(scope="module")
def encoder():
    return SentenceTransformerEncoder(BUNDLED_MODEL)


def test_bundled_model_loads_offline_and_embeds(encoder):
    vectors = encoder.encode(["forced marriage", "marriage that is forced", "football scores"])
    assert vectors.shape == (3, 384)
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    assert len(encoder.fingerprint()) == 64


def test_dev_set_meets_the_foundation_bar(settings, encoder):
    assistant = Assistant(settings, encoder=encoder)
    questions = read_questions(DEV)
    report = score(questions, [assistant.ask(q.q) for q in questions])
    assert report.recall5 >= 0.90, report.misses
    assert report.hit1 >= 0.80, report.misses
    assert report.false_abstain == 0, report.misses
    assert report.off_topic_abstained == report.off_topic == 4, report.misses


def test_cli_rebuilds_a_damaged_index_without_a_traceback(settings, tmp_path):
    env = {
        **os.environ,
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "HF_HUB_OFFLINE": "1",
    }
    cmd = [sys.executable, "-m", "assistant"]
    subprocess.run([*cmd, "index"], env=env, check=True, capture_output=True)
    build = next((settings.index_dir / "builds").iterdir())
    (build / "vectors.faiss").unlink()
    run = subprocess.run(
        [*cmd, "ask", "--json", "How should we respond to chronic neglect?", "Sunday roast?"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "rebuilding the index: index file vectors.faiss is missing" in run.stderr
    first, second = (json.loads(line) for line in run.stdout.splitlines())
    assert first["citations"][0]["section"] == "Chronic neglect"
    assert second["abstained"] is True
