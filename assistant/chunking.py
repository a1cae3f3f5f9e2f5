"""Turn reviews into citable chunks: one per learning point, next step and summary.

Pure. A chunk's id is the id of the unit it quotes, which hashes the unit's text, so an
unchanged corpus gives identical ids and an edited bullet changes only its own id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .models import (
    SUMMARY_HEADING,
    Chunk,
    ChunkKind,
    Review,
)

# Bump when parsing or chunking changes what gets indexed; a stale index is then rebuilt
# and every corpus file is parsed again.
CHUNKER_VERSION = "3"
# Word overlap (Jaccard) at which units of two reviews are the same learning.
TWIN_SIMILARITY = 0.8


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
                section=review.next_steps_heading,
                position=step.position,
                number=step.number,
                text=step.text,
                context_text=context_text(review, review.next_steps_heading, step.text),
                source=step.source,
                **common,
            )
        )
    return chunks


def chunk_reviews(reviews: Iterable[Review]) -> list[Chunk]:
    chunks = [chunk for review in reviews for chunk in chunk_review(review)]
    return link_twins(chunks, TWIN_SIMILARITY)


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def link_twins(chunks: list[Chunk], threshold: float) -> list[Chunk]:
    """Mark units of the same kind in different reviews whose words overlap (Jaccard) at
    least `threshold`: the joint-inspection briefs repeat whole sections almost verbatim."""
    words = [_words(c.text) for c in chunks]
    twins: dict[int, list[str]] = {}
    for i, a in enumerate(chunks):
        for j in range(i + 1, len(chunks)):
            b = chunks[j]
            # Summaries describe different reviews even when they share boilerplate.
            if a.kind != b.kind or a.kind == ChunkKind.SUMMARY or a.review_id == b.review_id:
                continue
            union = words[i] | words[j]
            if union and len(words[i] & words[j]) / len(union) >= threshold:
                twins.setdefault(i, []).append(b.id)
                twins.setdefault(j, []).append(a.id)
    return [
        c.model_copy(update={"twins": tuple(twins[i])}) if i in twins else c
        for i, c in enumerate(chunks)
    ]
