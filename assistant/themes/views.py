"""Theme views: how many reviews speak to a theme, one cited point from each, and the next
steps that go with them.

Pure. Every quoted string is a unit's own text; counts and framing are
`assistant.messages`.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant import messages
from assistant.answer.compose import compose_answer
from assistant.models import (
    Answer,
    Chunk,
    ChunkKind,
    Citation,
    ScoredChunk,
    ThemeView,
)
from assistant.settings import RetrievalSettings
from assistant.themes.tagging import Evidence, one_per_review


def _hits(evidence: Sequence[Evidence], chunks: Sequence[Chunk]) -> list[ScoredChunk]:
    return [
        ScoredChunk(chunk=chunks[e.row], score=e.score, dense_score=e.similarity, keyword_score=0)
        for e in evidence
    ]


def build_theme_view(
    topic: str,
    theme: str,
    evidence: Sequence[Evidence],
    chunks: Sequence[Chunk],
    total_reviews: int,
    related: Sequence[str],
    settings: RetrievalSettings,
    *,
    steps_per_review: int = 2,
    reviews_shown: int = 12,
    scope: str = messages.IN_THIS_COLLECTION,
) -> ThemeView:
    """How many reviews speak to the topic, one cited point from each, and their next steps;
    then, not counted, reviews that only name it in their summary."""
    points, steps = one_per_review(evidence, chunks, steps_per_review)
    review_ids = tuple(chunks[e.row].review_id for e in points)
    titles = tuple(chunks[e.row].review_title for e in points)
    counted = set(review_ids)
    aside = {}
    for e in sorted(evidence, key=lambda e: -e.score):
        rid = chunks[e.row].review_id
        if e.kind == "summary" and rid not in counted:
            aside.setdefault(rid, e)
    name = theme or topic
    if not points and not aside:
        text = messages.theme_not_named(total_reviews, scope, name, related)
        answer = Answer(question=topic, abstained=True, text=text, citations=(), note=text)
        return ThemeView(
            topic=topic,
            theme=theme,
            review_ids=(),
            reviews=(),
            total_reviews=total_reviews,
            answer=answer,
            related=tuple(related),
        )
    shown = {*review_ids[:reviews_shown]}
    if points:
        lead = messages.theme_view_lead(
            name,
            counted=len(points),
            total=total_reviews,
            scope=scope,
            is_theme=bool(theme),
            shown=reviews_shown,
            with_steps=bool(steps),
            only_in_summaries=len(aside),
        )
    else:
        lead = messages.theme_only_in_summaries(name, total_reviews, scope, len(aside))
    chosen = [e for e in (*points, *steps) if chunks[e.row].review_id in shown]
    hits = _hits([*chosen, *aside.values()], chunks)
    wide = settings.model_copy(update={"max_citations": len(hits) or 1})
    answer = compose_answer(topic, hits, wide, lead, quote_all=True)
    return ThemeView(
        topic=topic,
        theme=theme,
        review_ids=review_ids,
        reviews=titles,
        total_reviews=total_reviews,
        answer=answer,
        related=tuple(related),
    )


def theme_citations(
    evidence: Sequence[Evidence],
    chunks: Sequence[Chunk],
    settings: RetrievalSettings,
    steps_per_review: int,
) -> list[Citation]:
    """Every unit that speaks to a theme, for a briefing: each review's best point first,
    then the rest of the learning, then next steps; copies in other reviews merged."""
    points, steps = one_per_review(evidence, chunks, steps_per_review)
    chosen = {e.row for e in (*points, *steps)}
    rest = sorted(
        (
            e
            for e in evidence
            if e.counts and e.row not in chosen and chunks[e.row].kind != ChunkKind.NEXT_STEP
        ),
        key=lambda e: -e.score,
    )
    hits = _hits([*points, *rest, *steps], chunks)
    wide = settings.model_copy(update={"max_citations": len(hits) or 1})
    return compose_answer("", hits, wide, quote_all=True).quoted_citations()
