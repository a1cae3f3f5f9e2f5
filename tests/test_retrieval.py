"""Fusion, coverage and abstention are pure; the retriever combines all the evidence."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.corpus import load_corpus
from assistant.glossary import Glossary
from assistant.index_store import build_index
from assistant.models import ChunkKind, GlossaryEntry
from assistant.retrieval import (
    Retriever,
    Signals,
    asks_about_a_review,
    decide_abstention,
    fuse_scores,
    section_max,
    term_coverage,
)
from assistant.settings import RetrievalSettings

LP, NS, SU = ChunkKind.LEARNING_POINT, ChunkKind.NEXT_STEP, ChunkKind.SUMMARY


def test_section_max_spreads_the_best_unit_over_its_section():
    got = section_max(np.array([0.1, 0.7, 0.3, 0.2]), np.array([0, 0, 1, 1]))
    assert got.tolist() == [0.7, 0.7, 0.3, 0.3]


def test_fusion_weighs_unit_section_and_keyword_evidence():
    s = RetrievalSettings(
        local_weight=1,
        context_weight=0,
        keyword_weight=0.5,
        keyword_saturation=4.0,
        section_weight=0.25,
        next_step_bias=-0.05,
        review_question_bias=0.15,
    )
    signals = Signals(
        local=np.array([0.5, 0.5, 0.5]),
        context=np.array([0.2, 0.6, 0.2]),
        keyword=np.array([4.0, 2.0, 0.0]),
    )
    kinds = [LP, NS, SU]
    scores = fuse_scores(signals, kinds, np.array([0, 0, 1]), s)
    assert scores.tolist() == pytest.approx(
        [
            0.5 + 0.5 * 4 / 8 + 0.25 * 0.6,
            0.5 + 0.5 * 2 / 6 + 0.25 * 0.6 - 0.05,
            0.5 + 0.25 * 0.2,
        ]
    )
    about_review = fuse_scores(signals, kinds, np.array([0, 0, 1]), s, review_question=True)
    assert (about_review - scores).tolist() == pytest.approx([0, 0, 0.15])


def test_no_keyword_match_adds_nothing():
    signals = Signals(np.array([0.3]), np.array([0.3]), np.array([0.0]))
    s = RetrievalSettings(section_weight=0)
    assert fuse_scores(signals, [LP], np.array([0]), s).tolist() == pytest.approx([0.6])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What was the neglect review based on?", True),
        ("Who carried out the JTAI inspections?", True),
        ("the early help review - which case was it actually about?", True),
        ("What did reviews say about forced marriage?", False),
        ("How should we respond to chronic neglect?", False),
    ],
)
def test_questions_about_a_review_itself(question, expected):
    assert asks_about_a_review(question) is expected


FM = GlossaryEntry(term="FM", expansions=("forced marriage",), meaning="FM.", topic=True)
CSE = GlossaryEntry(term="child sexual exploitation", aliases=("CSE",), meaning="CSE.", topic=True)


def test_term_coverage_counts_words_the_corpus_or_glossary_knows():
    glossary = Glossary((FM,))
    known = {"forc", "marriag", "risk"}
    expanded = glossary.expand("FM risks in football")
    assert term_coverage("FM risks in football", expanded, known) == pytest.approx(2 / 3)
    assert term_coverage("what is it?", glossary.expand("what is it?"), known) == 0.0


@pytest.mark.parametrize(
    ("dense", "coverage", "uncovered", "covered", "expected"),
    [
        (0.10, 1.0, [], [], "off-topic"),  # nothing close in meaning
        (0.30, 0.2, [], [], "off-topic"),  # weak meaning and unknown words
        (0.30, 0.8, [], [], None),  # weak meaning but the words are the corpus's
        (0.60, 0.3, [], [], None),
        (0.50, 0.6, [CSE], [], "not covered"),
        (0.50, 0.6, [CSE], [FM], None),  # a covered topic alongside: answer it
    ],
)
def test_abstention_rules(dense, coverage, uncovered, covered, expected):
    s = RetrievalSettings(min_dense_score=0.25, weak_dense_score=0.38, min_term_coverage=0.45)
    # (explicit thresholds so the cases above stay meaningful if the defaults move)
    decision = decide_abstention(dense, coverage, uncovered, covered, s)
    assert (decision.reason if decision else None) == expected
    if expected == "not covered":
        assert decision.topics == (CSE,)


@pytest.fixture
def retriever(settings, fake_encoder):
    index = build_index(load_corpus(settings.corpus_dir), fake_encoder, settings.index_dir)
    return Retriever(index, fake_encoder, settings.retrieval, Glossary((FM, CSE)))


def test_search_returns_scored_hits_best_first(retriever):
    result = retriever.search("forced marriage protection orders age limit")
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert len(result.hits) == 10
    assert result.hits[0].chunk.section == "Forced marriage"
    assert "Protection Orders" in result.hits[0].chunk.text
    assert result.hits[0].keyword_score > 0 and result.hits[0].dense_score > 0
    assert result.abstention is None


def test_glossary_expansion_reaches_the_corpus_words(retriever):
    result = retriever.search("FM and the police")
    assert "FM (forced marriage)" in result.expanded.text
    assert result.hits[0].chunk.section == "Forced marriage"


def test_an_uncovered_topic_is_reported_as_not_covered(retriever):
    assert retriever.coverage_of == {"FM": True, "child sexual exploitation": False}
    result = retriever.search("signs of CSE in teenagers")
    assert result.abstention is not None and result.abstention.reason == "not covered"


def test_unknown_words_give_no_keyword_evidence(retriever):
    result = retriever.search("qwertyuiop zxcvbnm")
    assert all(h.keyword_score == 0.0 for h in result.hits)
    assert result.coverage == 0.0
