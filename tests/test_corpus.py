"""Reading the corpus folder: bad files are skipped with a message, good ones still load."""

from __future__ import annotations

import pytest

from assistant.index.encoders.base import ModelNotFound, resolve_model_dir
from assistant.ingest.collection import CorpusError, load_corpus

REVIEW = (
    "Review of practice \u2013 Example\n\nThemes:\n\n  \u2022 Example theme\n\nSummary\n\n"
    "A summary in caf\u00e9 style.\n\nKey learning and practice improvements\n\n"
    "Example heading\n\n  \u2022 An example point.\n"
)


def test_bad_files_are_skipped_with_a_message_and_lose_nothing_else(corpus_dir):
    (corpus_dir / "empty.txt").write_text("")
    (corpus_dir / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus_dir / "notes.md").write_text("Just a note, with no review in it.\n")
    (corpus_dir / "latin1.txt").write_bytes(REVIEW.encode("cp1252"))
    (corpus_dir / "ignored.pdf").write_bytes(b"%PDF-1.4")
    corpus = load_corpus(corpus_dir)
    titles = [r.title for r in corpus.reviews]
    assert len(titles) == 7
    assert "Review of practice \u2013 Example" in titles
    latin = next(r for r in corpus.reviews if r.source.file == "latin1.txt")
    assert latin.summary == "A summary in caf\u00e9 style."
    notes = next(r for r in corpus.reviews if r.source.file == "notes.md")
    assert [(s.heading, [p.text for p in s.points]) for s in notes.sections] == [
        ("Summary", ["Just a note, with no review in it."])
    ]
    messages = "\n".join(corpus.warnings)
    assert "empty.txt: is empty" in messages
    assert "notes.md: no recognisable sections in 'notes'" in messages
    assert "latin1.txt: is not UTF-8" in messages
    assert "binary.txt: looks like a binary file" in messages
    assert "ignored.pdf: is not a readable PDF" in messages
    assert {s.file for s in corpus.failed} == {"empty.txt", "binary.txt", "ignored.pdf"}


def test_the_same_title_in_two_files_gets_distinct_ids(corpus_dir):
    (corpus_dir / "a.txt").write_text(REVIEW)
    (corpus_dir / "b.txt").write_text(REVIEW)
    ids = [r.id for r in load_corpus(corpus_dir).reviews]
    assert len(ids) == len(set(ids)) == 7
    points = [p.id for r in load_corpus(corpus_dir).reviews for s in r.sections for p in s.points]
    assert len(points) == len(set(points))


def test_missing_or_empty_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="No reviews"):
        load_corpus(tmp_path / "empty")


def test_an_unavailable_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelNotFound, match="neither a folder nor in the local cache"):
        resolve_model_dir(str(tmp_path / "no-such-model"))
    with pytest.raises(ModelNotFound):
        resolve_model_dir("someone/not-downloaded-model-xyz")


def test_utf16_files_from_notepad_are_read(corpus_dir):
    (corpus_dir / "utf16.txt").write_bytes(REVIEW.encode("utf-16"))
    corpus = load_corpus(corpus_dir)
    assert "Review of practice \u2013 Example" in [r.title for r in corpus.reviews]
    assert not any("utf16.txt" in w for w in corpus.warnings)


def test_a_file_over_the_size_limit_is_refused_without_being_read(corpus_dir):
    with (corpus_dir / "huge.pdf").open("wb") as fh:
        fh.truncate(50 * 2**20)  # 50 MB (sparse, so the test stays cheap)
    corpus = load_corpus(corpus_dir)
    (failed,) = corpus.failed
    assert failed.error == "huge.pdf: is larger than the 40 MB limit; skipped"
    assert len(corpus.reviews) == 5
