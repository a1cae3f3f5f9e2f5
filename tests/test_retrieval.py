"""Fusion and abstention are pure; the retriever ranks by both signals."""

from __future__ import annotations

import pytest

from assistant.corpus import load_corpus
from assistant.index_store import build_index
from assistant.retrieval import Retriever, is_off_topic, reciprocal_rank_fusion
from assistant.settings import RetrievalSettings


def test_rrf_adds_weighted_reciprocal_ranks():
    fused = reciprocal_rank_fusion([[7, 3], [3, 9]], [1.0, 1.0], k=60)
    assert fused[3] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[7] == pytest.approx(1 / 61)
    assert fused[9] == pytest.approx(1 / 62)
    assert max(fused, key=fused.get) == 3


def test_rrf_weights_and_empty_rankings():
    fused = reciprocal_rank_fusion([[1], []], [2.0, 1.0], k=10)
    assert fused == {1: pytest.approx(2 / 11)}
    with pytest.raises(ValueError):
        reciprocal_rank_fusion([[1]], [1.0, 1.0], k=10)


def test_off_topic_needs_both_signals_to_be_weak():
    s = RetrievalSettings(min_dense_score=0.3, min_keyword_score=2.0)
    assert is_off_topic(0.1, 0.5, s)
    assert not is_off_topic(0.45, 0.0, s)
    assert not is_off_topic(0.1, 3.0, s)


@pytest.fixture
def retriever(settings, fake_encoder):
    index = build_index(load_corpus(settings.corpus_dir), fake_encoder, settings.index_dir)
    return Retriever(index, fake_encoder, settings.retrieval)


def test_search_returns_scored_hits_best_first(retriever):
    result = retriever.search("forced marriage protection orders age limit")
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert len(result.hits) == 10
    assert result.hits[0].chunk.section == "Forced marriage"
    assert "Protection Orders" in result.hits[0].chunk.text
    assert result.hits[0].keyword_score > 0 and result.hits[0].dense_score > 0


def test_unknown_words_give_no_keyword_evidence(retriever):
    result = retriever.search("qwertyuiop zxcvbnm")
    assert result.best_keyword == 0.0
    assert all(h.keyword_score == 0.0 for h in result.hits)
