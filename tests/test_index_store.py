"""The index folder: manifest, atomic swaps, and detection of stale or corrupt builds."""

from __future__ import annotations

import json
import logging

import pytest

from assistant.index import store as index_store
from assistant.index.build import build_index
from assistant.index.live import ensure_index
from assistant.index.store import IndexInvalid, current_build, is_stale, load_index
from assistant.ingest.collection import load_corpus
from tests.conftest import FakeEncoder, rewrite_manifest


@pytest.fixture
def built(settings, fake_encoder):
    return build_index(load_corpus(settings.corpus_dir), fake_encoder, settings.index_dir)


def test_manifest_records_what_the_index_was_built_from(built, settings, fake_encoder):
    manifest = json.loads((built.path / "manifest.json").read_text())
    assert manifest["model_id"] == "fake-bag-of-words"
    assert manifest["model_fingerprint"] == fake_encoder.fingerprint()
    assert manifest["dimension"] == 2048
    assert manifest["counts"]["reviews"] == 5
    assert manifest["counts"]["chunks"] == 84
    assert manifest["chunker_version"]
    assert set(manifest["corpus_files"]) == {"learning-from-reviews.txt"}
    assert {"vectors.faiss", "chunks.jsonl", "sources.json"} <= set(manifest["files"])
    assert any(name.startswith("bm25/") for name in manifest["files"])
    assert all(len(digest) == 64 for digest in manifest["files"].values())


def test_a_fresh_build_loads_and_is_not_stale(built, settings, fake_encoder):
    assert is_stale(settings.index_dir, settings.corpus_dir, fake_encoder) is None
    loaded = load_index(settings.index_dir, settings.corpus_dir, fake_encoder)
    assert [c.id for c in loaded.chunks] == [c.id for c in built.chunks]
    assert len(loaded.vectors) == 84


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda f: (f / "vectors.faiss").unlink(), "vectors.faiss is missing"),
        (lambda f: (f / "chunks.jsonl").write_text("{trunc"), "chunks.jsonl is corrupt"),
        (lambda f: (f / "manifest.json").write_text("{"), "manifest.json is corrupt"),
        (lambda f: (f / "manifest.json").unlink(), "manifest.json is missing"),
        (
            lambda f: (f / "vectors.faiss").write_bytes((f / "vectors.faiss").read_bytes()[:100]),
            "vectors.faiss is corrupt",
        ),
    ],
)
def test_damaged_files_are_detected_and_rebuilt(
    built, settings, fake_encoder, damage, reason, caplog
):
    damage(built.path)
    assert reason in is_stale(settings.index_dir, settings.corpus_dir, fake_encoder)
    with caplog.at_level(logging.WARNING):
        rebuilt = ensure_index(settings, fake_encoder)
    assert f"rebuilding the index: {reason}" in caplog.text.replace("index file ", "")
    assert [c.id for c in rebuilt.chunks] == [c.id for c in built.chunks]
    assert is_stale(settings.index_dir, settings.corpus_dir, fake_encoder) is None


def test_a_changed_corpus_or_model_makes_the_index_stale(built, settings, fake_encoder):
    other_weights = FakeEncoder(weights="v2")
    assert "weights" in is_stale(settings.index_dir, settings.corpus_dir, other_weights)
    corpus_file = settings.corpus_dir / "learning-from-reviews.txt"
    corpus_file.write_text(corpus_file.read_text().replace("Chronic neglect", "Chronic Neglect"))
    assert "corpus changed" in is_stale(settings.index_dir, settings.corpus_dir, fake_encoder)
    (settings.corpus_dir / "new-review.txt").write_text("x")
    assert is_stale(settings.index_dir, settings.corpus_dir, fake_encoder)


def test_no_index_yet_is_reported_not_raised(settings, fake_encoder):
    assert "no index has been built" in is_stale(
        settings.index_dir, settings.corpus_dir, fake_encoder
    )
    with pytest.raises(IndexInvalid):
        load_index(settings.index_dir, settings.corpus_dir, fake_encoder)


def test_a_crash_mid_build_leaves_the_previous_index_usable(
    built, settings, fake_encoder, monkeypatch
):
    before = current_build(settings.index_dir)

    def explode(self, folder):
        raise OSError("disk full")

    monkeypatch.setattr(index_store.KeywordIndex, "save", explode)
    with pytest.raises(OSError):
        build_index(load_corpus(settings.corpus_dir), fake_encoder, settings.index_dir)
    assert current_build(settings.index_dir) == before
    assert is_stale(settings.index_dir, settings.corpus_dir, fake_encoder) is None
    leftovers = [p.name for p in (settings.index_dir / "builds").iterdir()]
    assert leftovers == [before.name]


def test_rebuild_swaps_in_a_new_folder_and_prunes_the_old(built, settings, fake_encoder):
    build_index(load_corpus(settings.corpus_dir), fake_encoder, settings.index_dir)
    builds = list((settings.index_dir / "builds").iterdir())
    assert builds == [current_build(settings.index_dir)]


def test_unexpected_or_unlisted_files_make_the_build_invalid(built, settings, fake_encoder):
    rewrite_manifest(settings.index_dir, lambda m: m.update({"files": {}}))
    reason = is_stale(settings.index_dir, settings.corpus_dir, fake_encoder)
    assert reason == "index file bm25/data.csc.index.npy is not in the manifest"


def test_a_current_pointer_that_is_garbage_is_reported(built, settings, fake_encoder):
    (settings.index_dir / "CURRENT").write_bytes(b"\xff\xfe\x00junk")
    assert "cannot be read" in is_stale(settings.index_dir, settings.corpus_dir, fake_encoder)
    (settings.index_dir / "CURRENT").write_text("../../etc\n")
    assert "does not exist" in is_stale(settings.index_dir, settings.corpus_dir, fake_encoder)
    assert ensure_index(settings, fake_encoder).manifest.counts["chunks"] == 84
