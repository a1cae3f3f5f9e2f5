"""Fusion, coverage and abstention are pure; the retriever combines all the evidence."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.index.build import build_index
from assistant.ingest.collection import load_corpus
from assistant.models import ChunkKind, GlossaryEntry, SearchFilters
from assistant.search.glossary import Glossary
from assistant.search.retrieval import (
    Emphasis,
    Retriever,
    Signals,
    aspects_of,
    emphasis_lift,
    fuse_scores,
    section_max,
)
from assistant.search.topic import (
    is_off_topic,
    term_coverage,
    uncovered_topics,
    weighted_coverage,
    without,
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
    a_case = fuse_scores(signals, kinds, np.array([0, 0, 1]), s, case_question=True)
    assert (a_case - scores).tolist() == pytest.approx([0, 0, s.case_summary_bias])
    assert s.case_summary_bias < 0
    steps = fuse_scores(signals, kinds, np.array([0, 0, 1]), s, next_steps_question=True)
    assert (steps - scores).tolist() == pytest.approx(
        [0, s.next_steps_question_bias, s.case_summary_bias]
    )
    assert s.next_steps_question_bias > 0


@pytest.mark.parametrize(
    ("heading", "aspect"),
    [
        ("What went well", "good practice"),
        ("Good practice noted", "good practice"),
        ("4.5 Where practice made a difference", "good practice"),
        ("What was working well", "good practice"),
        ("Learning point 4: where it worked, relationships came first", "good practice"),
        ("What the review found", "findings"),
        ("Key findings", "findings"),
        ("Why it matters", None),
        ("Baby found unresponsive", None),
        ("Where it worked against the child", None),
        ("Strengths-based approach to learning", None),  # a way of working, not a finding
    ],
)
def test_headings_say_what_their_parts_are(heading, aspect):
    found = [name for name, rows in aspects_of([heading]).items() if rows[0]]
    assert found == ([aspect] if aspect else [])


def test_asking_what_went_well_lifts_good_practice_and_what_happened_the_story():
    s = RetrievalSettings()
    aspects = {"good practice": np.array([True, False, False]), "findings": np.zeros(3, bool)}
    story = np.array([False, True, False])
    assert emphasis_lift(Emphasis(), aspects, story, s) is None
    lifted = emphasis_lift(Emphasis(aspects=frozenset({"good practice"})), aspects, story, s)
    assert lifted.tolist() == [s.aspect_bias, 0, 0]
    told = emphasis_lift(Emphasis(story=True), aspects, story, s)
    assert told.tolist() == [0, s.story_bias, 0]


def test_no_keyword_match_adds_nothing():
    signals = Signals(np.array([0.3]), np.array([0.3]), np.array([0.0]))
    s = RetrievalSettings(section_weight=0)
    assert fuse_scores(signals, [LP], np.array([0]), s).tolist() == pytest.approx([0.6])


FM = GlossaryEntry(term="FM", expansions=("forced marriage",), meaning="FM.", topic=True)
CSE = GlossaryEntry(term="child sexual exploitation", aliases=("CSE",), meaning="CSE.", topic=True)


def test_term_coverage_counts_words_the_corpus_or_glossary_knows():
    glossary = Glossary((FM,))
    known = {"forc", "marriag", "risk"}
    expanded = glossary.expand("FM risks in football")
    assert term_coverage("FM risks in football", expanded, known) == pytest.approx(2 / 3)
    assert term_coverage("what is it?", glossary.expand("what is it?"), known) == 0.0


@pytest.mark.parametrize(
    ("dense", "coverage", "expected"),
    [
        (0.10, 1.0, True),  # nothing close in meaning
        (0.27, 0.2, True),  # weak meaning and unknown words
        (0.27, 0.8, False),  # weak meaning but the words are the corpus's
        (0.60, 0.0, False),
    ],
)
def test_off_topic_rules(dense, coverage, expected):
    s = RetrievalSettings(min_dense_score=0.24, weak_dense_score=0.30, min_term_coverage=0.34)
    assert is_off_topic(dense, coverage, s) is expected


def test_weighted_coverage_lets_the_rarest_words_say_what_a_question_is_about():
    # In a collection of 100 units "time" and "open" are everywhere, "recycling" nowhere.
    frequency = {"time": 60, "open": 40, "neglect": 5}
    plain = Glossary().expand("recycling open time")
    assert term_coverage("recycling open time", plain, frequency) == pytest.approx(2 / 3)
    assert weighted_coverage("recycling open time", plain, frequency, 100) < 0.3
    about = Glossary().expand("neglect open time")
    assert weighted_coverage("neglect open time", about, frequency, 100) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("dense", "weighted", "recognised", "expected"),
    [
        (0.32, 0.5, False, True),  # not close, nothing recognised, rare words unknown
        (0.32, 0.9, False, False),  # the rare words are the corpus's own
        (0.32, 0.5, True, False),  # the glossary knows what it is about
        (0.40, 0.1, False, False),  # close enough in meaning
    ],
)
def test_an_unrecognised_question_needs_its_rare_words_known(dense, weighted, recognised, expected):
    s = RetrievalSettings(unrecognised_dense_score=0.35, min_weighted_coverage=0.75)
    got = is_off_topic(dense, 1.0, s, weighted=weighted, recognised=recognised)
    assert got is expected


def test_uncovered_topics_and_the_rest_of_the_question():
    glossary = Glossary((FM, CSE))
    matches = glossary.find("CSE and FM in teenagers")
    found = uncovered_topics(matches, {"FM": True, "child sexual exploitation": False})
    assert [m.text for m in found] == ["CSE"]
    assert without("CSE and FM in teenagers", found) == "and FM in teenagers"


@pytest.fixture
def retriever(settings, fake_encoder):
    index = build_index(load_corpus(settings.corpus_dir), fake_encoder, settings.index_dir)
    return Retriever(index, fake_encoder, settings.retrieval, Glossary((FM, CSE)))


def search(retriever, text, **options):
    (query,) = retriever.prepare([text])
    return retriever.search(query, **options)


def test_search_returns_scored_hits_best_first(retriever):
    result = search(retriever, "forced marriage protection orders age limit")
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)
    assert len(result.hits) == 10
    assert result.hits[0].chunk.section == "Forced marriage"
    assert "Protection Orders" in result.hits[0].chunk.text
    assert result.hits[0].keyword_score > 0 and result.hits[0].dense_score > 0
    assert not result.off_topic and result.uncovered == ()


def test_glossary_expansion_reaches_the_corpus_words(retriever):
    result = search(retriever, "FM and the police")
    assert "FM (forced marriage)" in result.expanded.text
    assert result.hits[0].chunk.section == "Forced marriage"


def test_an_uncovered_topic_is_reported_as_not_covered(retriever):
    assert retriever.coverage_of == {"FM": True, "child sexual exploitation": False}
    result = search(retriever, "signs of CSE in teenagers")
    assert [m.text for m in result.uncovered] == ["CSE"]


def test_unknown_words_give_no_keyword_evidence(retriever):
    result = search(retriever, "qwertyuiop zxcvbnm")
    assert all(h.keyword_score == 0.0 for h in result.hits)
    assert result.coverage == 0.0


def test_a_question_is_embedded_once_however_often_it_is_searched(settings, fake_encoder):
    """With filters a question is searched twice, and a meaning look-up searches the
    passages that use the term again: one embedding each time."""
    assistant = Assistant(settings, encoder=fake_encoder)
    for question, filters in [
        ("forced marriage", SearchFilters(themes=("Chronic neglect",))),
        ("what does TAF mean?", None),
        (
            "How should we respond to chronic neglect?",
            SearchFilters(reviews=("child-b-serious-case-review",)),
        ),
    ]:
        before = fake_encoder.encoded
        assistant.ask(question, filters=filters)
        assert fake_encoder.encoded - before == 1, question


def test_one_call_embeds_every_text_prepared_together(retriever, fake_encoder):
    calls = fake_encoder.calls
    first, second = retriever.prepare(["forced marriage", "FM and the police"])
    assert fake_encoder.calls == calls + 1
    assert "FM (forced marriage)" in second.expanded.text
    assert search(retriever, "forced marriage").scores.tolist() == (
        retriever.search(first).scores.tolist()
    )
