"""Shared fixtures: a deterministic fake encoder and settings pointing at temporary folders.

Tests never touch the real `index/` folder or read ASSISTANT_* variables from the shell.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.index import encoders
from assistant.index.keywords import tokenize
from assistant.models import Answer, ChunkKind, Citation, SourceRef
from assistant.search.glossary import DOMAIN_GLOSSARY
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# A frozen copy of the seed collection: a user's edits to corpus/ never change what the
# tests see. The glossary is the domain glossary that ships with the package.
SEED = ROOT / "tests" / "data" / "seed"
CORPUS_FILE = SEED / "learning-from-reviews.txt"
GLOSSARY_FILE = DOMAIN_GLOSSARY


def cite(marker: int, review_id: str = "r1", quoted: bool = True) -> Citation:
    """A citation of point `marker` of review `review_id`, for follow-up tests."""
    return Citation(
        marker=marker, id=f"{review_id}/s/{marker}", review=review_id.upper(),
        review_id=review_id, section="S", kind=ChunkKind.LEARNING_POINT, position=marker,
        text=f"text {marker}", score=1.0 / marker, quoted=quoted,
        source=SourceRef(file="f.txt", line=marker),
    )  # fmt: skip


# An answer on forced marriage citing two reviews, one citation not quoted.
PREVIOUS = Answer(
    question="forced marriage",
    abstained=False,
    text="...",
    citations=(cite(1), cite(2, "r2"), cite(3), cite(4, quoted=False)),
)


class FakeEncoder:
    """Hashed bag of stemmed words: deterministic, fast, and similar texts score higher."""

    model_id = "fake-bag-of-words"
    dimension = 2048

    def __init__(self, weights: str = "v1") -> None:
        self.weights = weights
        self.calls = 0
        self.encoded = 0  # texts embedded so far
        self.texts: list[str] = []  # every text embedded, in order

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        self.calls += 1
        self.encoded += len(texts)
        self.texts.extend(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, tokens in enumerate(tokenize(texts)):
            for token in tokens:
                slot = int(hashlib.md5(token.encode()).hexdigest(), 16) % self.dimension
                out[row, slot] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
            if not norm:
                out[row, 0] = 1.0
        return out

    def fingerprint(self) -> str:
        return hashlib.sha256(self.weights.encode()).hexdigest()


@pytest.fixture(scope="session")
def encoder_folder(tmp_path_factory) -> Path:
    """One folder for the exported ONNX model, so a test session exports it once."""
    return tmp_path_factory.mktemp("encoder")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, encoder_folder: Path) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("ASSISTANT_"):
            monkeypatch.delenv(name)
    # Inherited by the CLI and app subprocesses too.
    monkeypatch.setenv("ASSISTANT_ENCODER_FOLDER", str(encoder_folder))


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS_FILE, folder / CORPUS_FILE.name)
    return folder


@pytest.fixture
def settings(tmp_path: Path, corpus_dir: Path) -> Settings:
    return Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index")


@pytest.fixture
def fake_encoder(monkeypatch: pytest.MonkeyPatch) -> FakeEncoder:
    """A fake encoder that the CLI and the app also pick up."""
    encoder = FakeEncoder()
    monkeypatch.setattr(encoders, "make_encoder", lambda settings: encoder)
    return encoder


@functools.cache
def corpus_reviews():
    """The seed collection's reviews, read once."""
    from assistant.ingest.collection import load_corpus

    return load_corpus(SEED).reviews


@pytest.fixture
def corpus_text() -> str:
    return CORPUS_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def served_app(tmp_path_factory):
    """The real app (real model) on a free port, with a corpus that includes hostile markup."""
    from tests.served_app import make_corpus, serve

    folder = tmp_path_factory.mktemp("served")
    make_corpus(folder, ROOT / "tests" / "data" / "hostile-markup.txt")
    with serve(folder) as url:
        yield url, folder


def rewrite_manifest(index_dir: Path, change) -> None:
    """Edit the live build's manifest as a consistent build would have written it (CURRENT
    keeps the manifest's checksum): `change` edits the manifest as a dict."""
    import json

    from assistant.hashing import sha256_file
    from assistant.index.store import current_build

    folder = current_build(index_dir)
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))
    (index_dir / "CURRENT").write_text(f"{folder.name}\n{sha256_file(path)}\n")
