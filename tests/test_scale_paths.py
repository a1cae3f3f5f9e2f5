"""The paths a large collection takes: an approximate (HNSW) vector index with exact
re-scoring of candidates, partial top-k, one regex pass over all units, and the twin join."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.core import Assistant
from assistant.evaluation import read_questions
from assistant.index.vectors import FaissVectorIndex
from assistant.models import SearchFilters
from assistant.search.glossary import load_glossary
from assistant.search.retrieval import top_rows
from assistant.text import JoinedTexts
from tests.conftest import GLOSSARY_FILE, ROOT

DATA = ROOT / "tests" / "data"


def test_top_rows_equals_a_stable_sort_of_every_row():
    rng = np.random.default_rng(0)
    for _ in range(200):
        scores = rng.integers(0, 6, size=rng.integers(1, 60)).astype(float)  # many ties
        scores[rng.random(len(scores)) < 0.2] = -np.inf  # rows a filter leaves out
        k = int(rng.integers(1, 70))
        full = [r for r in np.argsort(-scores, kind="stable") if np.isfinite(scores[r])][:k]
        assert top_rows(scores, k).tolist() == full


def test_one_pass_over_joined_texts_finds_what_a_search_per_text_finds(corpus_text):
    glossary = load_glossary(GLOSSARY_FILE)
    texts = [line for line in corpus_text.splitlines() if line.strip()] + ["", "DV", "dv."]
    joined = JoinedTexts.of(texts)
    checked = 0
    for entry in glossary.entries:
        expected = [i for i, t in enumerate(texts) if glossary.mentions(entry, t)]
        assert glossary.rows_using(entry, joined).tolist() == expected
        checked += bool(expected)
    assert checked >= 10


def test_an_hnsw_index_finds_the_nearest_rows_and_scores_any_row_exactly():
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(2000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exact = FaissVectorIndex.build(vectors)
    approximate = FaissVectorIndex.build(vectors, approximate=True)
    assert approximate.approximate and not exact.approximate
    query = vectors[7] + 0.1 * vectors[8]
    assert approximate.search(query, 10)[1].tolist() == exact.search(query, 10)[1].tolist()
    rows = np.array([3, 1999, 7])
    assert np.allclose(approximate.scores(query, rows), vectors[rows] @ query, atol=1e-6)
    assert np.allclose(approximate.all_vectors(), vectors)


@pytest.fixture
def both(settings, fake_encoder):
    """The seed corpus indexed exactly and approximately (as a large collection would be)."""
    exact = Assistant(settings, encoder=fake_encoder)
    other = settings.model_copy(
        update={"index_dir": settings.index_dir.parent / "hnsw", "exact_search_limit": 0}
    )
    approximate = Assistant(other, encoder=fake_encoder)
    assert approximate.retriever.approximate and not exact.retriever.approximate
    return exact, approximate


def search(assistant, question, **options):
    (query,) = assistant.retriever.prepare([question])
    return assistant.retriever.search(query, **options)


def test_answers_are_the_same_when_the_vector_index_is_approximate(both):
    exact, approximate = both
    questions = [q.q for q in read_questions(DATA / "dev.jsonl")]
    filters = SearchFilters(reviews=("child-b-serious-case-review",))
    for question in questions:
        for f in (None, filters):
            a, b = exact.ask(question, f), approximate.ask(question, f)
            assert (a.text, a.abstained) == (b.text, b.abstained), question


def test_with_few_candidates_only_candidates_are_ranked_and_filters_stay_exact(both):
    exact, approximate = both
    approximate.retriever.settings = approximate.retriever.settings.model_copy(
        update={"candidates": 10}
    )
    question = "domestic abuse in teenage relationships"
    narrow = search(approximate, question)
    full = search(exact, question)
    scored = np.isfinite(narrow.scores)
    assert 10 <= scored.sum() < len(full.scores)  # candidates only, each scored exactly
    assert np.allclose(narrow.scores[scored], full.scores[scored], atol=1e-5)
    assert [h.chunk.id for h in narrow.hits[:3]] == [h.chunk.id for h in full.hits[:3]]
    allowed = np.array(
        [c.review_id == "child-b-serious-case-review" for c in approximate.index.chunks]
    )
    narrow = search(approximate, question, allowed=allowed)
    full = search(exact, question, allowed=allowed)
    assert [h.chunk.id for h in narrow.hits] == [h.chunk.id for h in full.hits]
    assert all(h.chunk.review_id == "child-b-serious-case-review" for h in narrow.hits)


def test_no_text_is_embedded_twice_for_one_answer(settings, fake_encoder):
    """However a question is answered (filters, a meaning, a topic not covered, follow-ups),
    each distinct text is embedded once, and only the texts the answer searches."""
    assistant = Assistant(settings, encoder=fake_encoder)
    assistant.warm_up()
    previous = None
    for question, filters in [
        ("county lines and neglect of teenagers at home", None),
        ("county lines", None),
        ("what does TAF mean?", SearchFilters(themes=("Early Help",))),
        ("forced marriage", SearchFilters(reviews=("child-b-serious-case-review",))),
        ("What did reviews say about forced marriage?", None),
        ("tell me more about the second point", None),
        ("what are the next steps for that?", None),
    ]:
        before = len(fake_encoder.texts)
        previous = assistant.ask(question, filters, previous)
        embedded = fake_encoder.texts[before:]
        assert len(embedded) == len(set(embedded)) >= 1, (question, embedded)


def test_with_few_candidates_a_question_about_a_review_still_reaches_its_summary(both):
    exact, approximate = both
    retriever = approximate.retriever
    retriever.settings = retriever.settings.model_copy(update={"candidates": 1})
    summaries = {r for r, c in enumerate(retriever.index.chunks) if c.kind == "summary"}
    (query,) = retriever.prepare(["joint working"])
    assert not summaries <= set(retriever._rows_to_score(query.vector, query.keyword, None))
    rows = retriever._rows_to_score(query.vector, query.keyword, None, review_question=True)
    assert summaries <= set(rows.tolist())
    question = "who carried out the neglect audit and what was it based on?"
    want = search(exact, question).hits[0].chunk
    got = search(approximate, question).hits[0].chunk
    assert want.kind == "summary" and got.id == want.id
