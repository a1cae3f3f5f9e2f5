"""The benchmark harness's own parts: the synthetic collection is deterministic and reads
back as the reviews it was written as."""

from __future__ import annotations

import sys

from assistant.index.units import chunk_reviews
from assistant.ingest.collection import load_corpus
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from synthetic import write_collection


def test_the_synthetic_collection_is_deterministic_and_parses_as_written(tmp_path):
    first = write_collection(tmp_path / "a", points=300, seed=5)
    again = write_collection(tmp_path / "b", points=300, seed=5)
    write_collection(tmp_path / "c", points=300, seed=6)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert first == again and first["learning_points"] >= 300
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / files[0]).read_bytes() != (tmp_path / "c" / files[0]).read_bytes()

    corpus = load_corpus(tmp_path / "a")
    assert not [s for s in corpus.sources if s.error or s.warnings]
    reviews = corpus.reviews
    assert len(reviews) == first["reviews"]
    assert sum(len(s.points) for r in reviews for s in r.sections) == first["learning_points"]
    assert len({r.title for r in reviews}) == len(reviews)
    assert len({r.kind for r in reviews}) >= 4 and len({r.year for r in reviews}) >= 5
    assert all(r.themes and r.next_steps and r.summary for r in reviews)
    chunks = chunk_reviews(reviews)
    # Points are recombined, not copied: few are near-identical to another review's.
    points = [c for c in chunks if c.kind == "learning point"]
    assert sum(bool(c.twins) for c in points) < 0.1 * len(points)


def test_the_twins_bench_times_the_join_on_the_synthetic_collection(tmp_path):
    from twins import measure

    (figures,) = measure(300).values()
    write_collection(tmp_path, points=300)
    units = chunk_reviews(load_corpus(tmp_path).reviews)
    assert figures["units"] == len(units)
    assert figures["units_with_twins"] == sum(bool(u.twins) for u in units)
    assert 0 < figures["distinct_word_sets"] <= len(units)
    assert isinstance(figures["link_twins_s"], float) and figures["link_twins_s"] > 0
