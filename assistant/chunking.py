"""Turn reviews into citable chunks: one per learning point, next step and summary.

Pure. A chunk's id is the id of the unit it quotes, which hashes the unit's text, so an
unchanged corpus gives identical ids and an edited bullet changes only its own id.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import (
    NEXT_STEPS_HEADING,
    SUMMARY_HEADING,
    Chunk,
    ChunkKind,
    Review,
)

# Bump when parsing or chunking changes what gets indexed; a stale index is then rebuilt.
CHUNKER_VERSION = "1"


def context_text(review: Review, section: str, text: str) -> str:
    """What retrieval sees: the unit in its place (review title and section heading)."""
    return f"{review.title} \u203a {section}: {text}"


def chunk_review(review: Review) -> list[Chunk]:
    common = {
        "review_id": review.id,
        "review_title": review.title,
        "review_kind": review.kind,
    }
    chunks: list[Chunk] = []
    if review.summary:
        chunks.append(
            Chunk(
                id=review.summary_id,
                kind=ChunkKind.SUMMARY,
                section=SUMMARY_HEADING,
                position=1,
                text=review.summary,
                context_text=context_text(review, SUMMARY_HEADING, review.summary),
                source=review.source,
                **common,
            )
        )
    for section in review.sections:
        for point in section.points:
            chunks.append(
                Chunk(
                    id=point.id,
                    kind=ChunkKind.LEARNING_POINT,
                    section=section.heading,
                    position=point.position,
                    text=point.text,
                    context_text=context_text(review, section.heading, point.text),
                    source=point.source,
                    **common,
                )
            )
    for step in review.next_steps:
        chunks.append(
            Chunk(
                id=step.id,
                kind=ChunkKind.NEXT_STEP,
                section=NEXT_STEPS_HEADING,
                position=step.position,
                number=step.number,
                text=step.text,
                context_text=context_text(review, NEXT_STEPS_HEADING, step.text),
                source=step.source,
                **common,
            )
        )
    return chunks


def chunk_reviews(reviews: Iterable[Review]) -> list[Chunk]:
    return [chunk for review in reviews for chunk in chunk_review(review)]
