"""Faults: damaged index files of every kind, FAISS padding, and builds killed mid-write."""

from __future__ import annotations

import dataclasses
import logging
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.hashing import sha256_file
from assistant.index.build import build_index
from assistant.index.live import ensure_index
from assistant.index.store import current_build, is_stale, load_index
from assistant.index.vectors import FaissVectorIndex
from assistant.ingest.collection import load_corpus
from tests.conftest import ROOT, FakeEncoder, rewrite_manifest
from tests.served_app import app_env

QUESTION = "forced marriage protection orders"


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def scramble(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(max(path.stat().st_size, 64)))


def flip_one_bit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    spot = random.Random(path.name).randrange(len(data))
    data[spot] ^= 1 << random.Random(spot).randrange(8)
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated": truncate,
    "zero bytes": empty,
    "random bytes": scramble,
    "bit flip": flip_one_bit,
}
BUILD_FILES = [
    "manifest.json",
    "vectors.faiss",
    "vectors_local.faiss",
    "chunks.jsonl",
    "sources.json",
    "bm25/params.index.json",
    "bm25/data.csc.index.npy",
    "bm25/vocab.index.json",
]


@pytest.fixture
def built(settings, fake_encoder):
    return build_index(load_corpus(settings.corpus_dir), fake_encoder, settings.index_dir)


@pytest.mark.parametrize("name", BUILD_FILES)
@pytest.mark.parametrize("how", list(DAMAGE))
def test_every_damaged_index_file_is_detected_and_rebuilt(
    built, settings, fake_encoder, name, how, caplog
):
    target = built.path / name
    assert target.is_file(), f"{name} is no longer part of a build; update BUILD_FILES"
    DAMAGE[how](target)
    with caplog.at_level(logging.WARNING):
        assistant = Assistant(settings, encoder=fake_encoder)
    assert "rebuilding the index:" in caplog.text
    assert assistant.index.path != built.path
    answer = assistant.ask(QUESTION)
    assert answer.citations and all(c.id in assistant.chunks_by_id for c in answer.citations)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("model_id", "another/model", "the embedding model changed"),
        ("model_fingerprint", "0" * 64, "the embedding model weights changed"),
        ("dimension", 384, "vector dimension does not match the manifest"),
        ("format_version", 999, "the index format changed"),
    ],
)
def test_a_manifest_naming_another_model_or_dimension_is_rebuilt(
    built, settings, fake_encoder, field, value, reason, caplog
):
    rewrite_manifest(settings.index_dir, lambda m: m.update({field: value}))
    with caplog.at_level(logging.WARNING):
        index = ensure_index(settings, fake_encoder)
    assert f"rebuilding the index: {reason}" in caplog.text
    assert index.manifest.dimension == fake_encoder.dimension


def test_faiss_padding_never_reaches_a_citation(built, settings, fake_encoder):
    vectors = built.vectors
    scores, rows = vectors.search(fake_encoder.encode(["neglect"])[0], len(vectors) + 50)
    assert len(scores) == len(rows)
    assert len(rows) == len(vectors) and (rows >= 0).all()

    class Padded:
        """A vector index that pads like raw FAISS: id -1 when k exceeds the count."""

        # Approximate, so the retriever takes its candidates from `search`.
        approximate = True

        def __init__(self, inner: FaissVectorIndex) -> None:
            self.inner, self.dimension = inner, inner.dimension
            self.scores = inner.scores

        def __len__(self) -> int:
            return len(self.inner)

        def search(self, query, k):
            s, r = self.inner.search(query, k)
            pad = max(k - len(r), 0) + 5
            return np.concatenate([s, np.full(pad, -3.4e38)]), np.concatenate([r, [-1] * pad])

    assistant = Assistant(settings, encoder=fake_encoder)
    honest = assistant.ask(QUESTION)
    (query,) = assistant.retriever.prepare([QUESTION])
    honest_scores = assistant.retriever.search(query).scores
    assistant.retriever.index = dataclasses.replace(
        assistant.index,
        vectors=Padded(assistant.index.vectors),
        local_vectors=Padded(assistant.index.local_vectors),
    )
    padded = assistant.ask(QUESTION)
    assert np.array_equal(assistant.retriever.search(query).scores, honest_scores)
    # Row -1 must not overwrite the last unit's score, nor become a citation.
    assert [c.id for c in padded.citations] == [c.id for c in honest.citations]
    assert all(np.isfinite(c.score) for c in padded.citations)


def _with_checksums_matching(folder: Path) -> None:
    """Rewrite the manifest's checksums so loading goes past them to the file itself."""

    def match(manifest: dict) -> None:
        manifest["files"] = {name: sha256_file(folder / name) for name in manifest["files"]}

    rewrite_manifest(folder.parent.parent, match)


@pytest.mark.real_model
def test_a_garbage_faiss_file_behind_valid_checksums_is_rebuilt_not_a_crash(tmp_path):
    """Even when the checksums are made to match, FAISS never gets to kill the process."""
    from tests.served_app import make_corpus

    make_corpus(tmp_path)
    env = app_env(tmp_path)
    ask = [sys.executable, "-m", "assistant", "ask", QUESTION]
    subprocess.run(ask, cwd=ROOT, env=env, check=True, capture_output=True)
    for name, how in (("vectors.faiss", scramble), ("bm25/data.csc.index.npy", truncate)):
        folder = current_build(tmp_path / "index")
        how(folder / name)
        _with_checksums_matching(folder)
        run = subprocess.run(ask, cwd=ROOT, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-500:]
        assert "rebuilding the index: an index file could not be read" in run.stderr
        assert "Forced marriage" in run.stdout and "Traceback" not in run.stderr


# --- Killed builds ------------------------------------------------------------------------

BUILD_FOREVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from assistant.ingest.collection import load_corpus
    from assistant.index.build import build_index
    from tests.conftest import FakeEncoder
    corpus = load_corpus(Path({corpus!r}))
    print("ready", flush=True)
    while True:  # full builds, one after another, each swapped in when done
        build_index(corpus, FakeEncoder(), Path({index!r}))
    """
)


def test_a_build_killed_at_any_moment_leaves_a_whole_index(settings, fake_encoder, tmp_path):
    """SIGKILL a rebuilding process at random moments: every time, a complete build (the
    old one or a new one) loads, never a mix."""
    corpus = settings.corpus_dir
    # More text makes each build long enough to be killed in the middle of it.
    for n in range(6):
        (corpus / f"copy-{n}.txt").write_text(
            (corpus / "learning-from-reviews.txt").read_text().replace("Child B", f"Child B{n}")
        )
    first = build_index(load_corpus(corpus), fake_encoder, settings.index_dir)
    script = BUILD_FOREVER.format(root=str(ROOT), corpus=str(corpus), index=str(settings.index_dir))
    rng = random.Random(20)
    seen = {first.path.name}
    kills = 24
    for _ in range(kills):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 1.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        loaded = load_index(settings.index_dir, corpus, FakeEncoder())  # raises on any mix
        assert len(loaded.chunks) == loaded.manifest.counts["chunks"] == len(loaded.vectors)
        seen.add(loaded.path.name)
    # The kills landed both before and after swaps: new builds went live between them.
    assert len(seen) > 2
    assistant = Assistant(settings, encoder=fake_encoder)
    assert assistant.ask(QUESTION).citations


def test_a_manifest_that_still_parses_after_a_bit_flip_is_caught(built, settings, fake_encoder):
    path = built.path / "manifest.json"
    path.write_text(path.read_text().replace('"reviews": 5', '"reviews": 7'))
    assert "manifest.json is corrupt (checksum mismatch)" in (
        is_stale(settings.index_dir, settings.corpus_dir, fake_encoder) or ""
    )
    assert ensure_index(settings, fake_encoder).manifest.counts["reviews"] == 5


KILL_AT_STEP = textwrap.dedent(
    """
    import os, shutil, signal, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from assistant.index import build as index_build
    from assistant.ingest.collection import load_corpus
    from assistant.index.vectors import FaissVectorIndex
    from tests.conftest import FakeEncoder

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def after(owner, name, calls=1):
        original, seen = getattr(owner, name), []
        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            seen.append(1)
            if len(seen) == calls:
                die()
            return result
        setattr(owner, name, wrapper)

    def before(owner, name):
        def wrapper(*args, **kwargs):
            die()
        setattr(owner, name, wrapper)

    step = {step!r}
    if step == "first vectors written":
        after(FaissVectorIndex, "save")
    elif step == "files written, not yet synced":
        before(index_build, "_fsync_tree")
    elif step == "build renamed, CURRENT not yet replaced":
        after(Path, "rename")
    elif step == "new CURRENT written, not yet swapped":
        before(index_build.os, "replace")
    elif step == "CURRENT swapped, old build not yet pruned":
        before(index_build, "_prune")
    elif step == "old build half pruned":
        after(index_build.shutil, "rmtree")
    index_build.build_index(load_corpus(Path({corpus!r})), FakeEncoder(), Path({index!r}))
    """
)
STEPS = {
    "first vectors written": "old",
    "files written, not yet synced": "old",
    "build renamed, CURRENT not yet replaced": "old",
    "new CURRENT written, not yet swapped": "old",
    "CURRENT swapped, old build not yet pruned": "new",
    "old build half pruned": "new",
}


@pytest.mark.parametrize("step", list(STEPS))
def test_a_build_killed_at_each_step_leaves_the_old_or_the_new_index(settings, fake_encoder, step):
    corpus = settings.corpus_dir
    old = build_index(load_corpus(corpus), fake_encoder, settings.index_dir)
    # A changed corpus, so the new build differs from the old one.
    (corpus / "extra.md").write_text("# Extra review\n\n## Summary\n\nA short summary.\n")
    script = KILL_AT_STEP.format(
        root=str(ROOT), corpus=str(corpus), index=str(settings.index_dir), step=step
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()[-800:]
    reviews = len(old.reviews)
    extra = (corpus / "extra.md").read_bytes()
    if STEPS[step] == "old":  # loads whole, for the corpus it was built from
        (corpus / "extra.md").unlink()
        assert load_index(settings.index_dir, corpus, FakeEncoder()).path == old.path
        (corpus / "extra.md").write_bytes(extra)
    else:
        live = load_index(settings.index_dir, corpus, FakeEncoder())
        assert live.path != old.path and live.manifest.counts["reviews"] == reviews + 1
    # And the next start carries on: a stale index is rebuilt, a new one used.
    index = Assistant(settings, encoder=fake_encoder).index
    assert index.manifest.counts["reviews"] == reviews + 1
