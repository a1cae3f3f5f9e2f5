"""The composer quotes verbatim, groups by review, numbers markers and lists sources."""

from __future__ import annotations

from assistant.answer.compose import abstention, compose_answer
from assistant.index.units import chunk_reviews
from assistant.ingest.formats.page import parse_document
from assistant.messages import NO_ANSWER
from assistant.models import ChunkKind, ScoredChunk
from assistant.settings import RetrievalSettings


def scored(chunks, ids_scores):
    by_id = {c.id: c for c in chunks}
    return [
        ScoredChunk(chunk=by_id[i], score=s, dense_score=s, keyword_score=0.0)
        for i, s in ids_scores
    ]


def corpus_chunks(corpus_text):
    return chunk_reviews(parse_document(corpus_text, "learning-from-reviews.txt").reviews)


def pick(chunks, section, position, review="domestic-abuse"):
    return next(
        c.id
        for c in chunks
        if c.section == section and c.position == position and review in c.review_id
    )


def test_answer_quotes_verbatim_grouped_by_review_with_sources(corpus_text):
    chunks = corpus_chunks(corpus_text)
    hits = scored(
        chunks,
        [
            (pick(chunks, "Forced marriage", 3), 1.0),
            (pick(chunks, "Chronic neglect", 1, "neglect"), 0.95),
            (pick(chunks, "Forced marriage", 1), 0.9),
            (pick(chunks, "Your next steps", 7), 0.85),
            (pick(chunks, "Holistic picture", 1), 0.1),  # far below the best: not quoted
        ],
    )
    answer = compose_answer("q", hits, RetrievalSettings(quote_margin=0.5))
    assert not answer.abstained
    text = answer.text
    # Domestic abuse first (best hit), its Forced marriage points in published order,
    # then its next step, then the neglect review.
    da, neglect = text.index("Domestic Abuse\u201d"), text.index("Neglect\u201d")
    assert da < neglect
    assert text.index("[1] Joint working between police") < text.index("[2] There is the")
    assert "[3] Be open to the fact that forced marriage" in text
    assert "[4] Whilst recent referrals" in text
    for c in answer.citations:
        assert c.text == next(ch.text for ch in chunks if ch.id == c.id)
    assert [c.score for c in answer.citations] == sorted(
        (c.score for c in answer.citations), reverse=True
    )
    assert "Sources:" in text
    assert "Forced marriage \u203a point 3" in text
    assert "Your next steps \u203a step 4" in text
    unquoted = next(c for c in answer.citations if c.section == "Holistic picture")
    assert unquoted.marker == 5 and f"[{unquoted.marker}]" not in text
    assert not unquoted.quoted
    assert [c.marker for c in answer.citations if c.quoted] == [2, 4, 1, 3]  # by score


def test_next_steps_only_come_from_reviews_already_quoted(corpus_text):
    chunks = corpus_chunks(corpus_text)
    hits = scored(
        chunks,
        [
            (pick(chunks, "Risk assessments", 1, "child-b"), 1.0),
            (pick(chunks, "Your next steps", 2, "neglect"), 0.99),
        ],
    )
    answer = compose_answer("q", hits, RetrievalSettings())
    quoted_kinds = {c.kind for c in answer.citations if c.quoted}
    assert quoted_kinds == {ChunkKind.LEARNING_POINT}


def test_learning_repeated_across_reviews_is_shown_once_citing_both(corpus_text):
    chunks = corpus_chunks(corpus_text)
    neglect = pick(chunks, "Joint working between agencies", 1, "neglect")
    abuse = pick(chunks, "Joint working between agencies", 1, "domestic-abuse")
    hits = scored(
        chunks,
        [(neglect, 1.0), (abuse, 0.99), (pick(chunks, "Chronic neglect", 2, "neglect"), 0.9)],
    )
    answer = compose_answer("q", hits, RetrievalSettings())
    assert answer.text.count("Good identification of risk") == 1
    first = answer.citations[0]
    assert first.id == neglect
    assert [p.id for p in first.also_in] == [abuse]
    assert first.also_in[0].review == "Joint Targeted Area Inspections (JTAI) - Domestic Abuse"
    da = "Joint Targeted Area Inspections (JTAI) - Domestic Abuse"
    assert f"(also in \u201c{da}\u201d, word for word)" in answer.text
    assert len(answer.citations) == 2  # the copy is not a citation of its own


def test_a_preface_comes_before_the_quotes(corpus_text):
    chunks = corpus_chunks(corpus_text)
    hits = scored(chunks, [(pick(chunks, "Forced marriage", 1), 1.0)])
    answer = compose_answer("q", hits, RetrievalSettings(), preface="Glossary: a line.")
    assert answer.text.startswith("Glossary: a line.\n\nFrom")


def test_abstention_is_plain_and_points_to_covered_themes():
    answer = abstention("how do I cook a roast?", ["Forced marriage", "Chronic neglect"])
    assert answer.abstained and answer.citations == ()
    assert answer.text.startswith(NO_ANSWER)
    assert "Forced marriage" in answer.text


def test_a_copy_that_did_not_rank_is_still_cited(corpus_text):
    from assistant.answer.compose import add_missing_twins

    chunks = corpus_chunks(corpus_text)
    by_id = {c.id: c for c in chunks}
    neglect = pick(chunks, "Joint working between agencies", 1, "neglect")
    abuse = pick(chunks, "Joint working between agencies", 1, "domestic-abuse")
    hits = add_missing_twins(scored(chunks, [(neglect, 1.0)]), by_id)
    answer = compose_answer("q", hits, RetrievalSettings())
    assert [p.id for p in answer.citations[0].also_in] == [abuse]


def test_more_quotes_than_citations_never_breaks_the_answer(corpus_text):
    chunks = corpus_chunks(corpus_text)
    ids = [c.id for c in chunks if "forced-marriage" in c.id]
    hits = scored(chunks, [(i, 1.0 - n / 100) for n, i in enumerate(ids)])
    answer = compose_answer("q", hits, RetrievalSettings(max_citations=2), quote_all=True)
    assert len(answer.citations) == 2
    assert all(c.quoted for c in answer.citations)
