"""Compose an extractive answer: verbatim quotes grouped by review, numbered, with sources.

Pure. Nothing here rewords the corpus: every quoted string is a chunk's `text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Answer, ChunkKind, Citation, ScoredChunk
from .settings import RetrievalSettings

NO_ANSWER = "The reviews in this collection don't cover that."
MAX_NEXT_STEPS_PER_REVIEW = 3


def abstention(question: str, themes: Sequence[str], reason: str = NO_ANSWER) -> Answer:
    text = reason
    if themes:
        text += " Themes they do cover include: " + "; ".join(themes) + "."
    return Answer(question=question, abstained=True, text=text, citations=())


def select_quotes(hits: Sequence[ScoredChunk], settings: RetrievalSettings) -> list[ScoredChunk]:
    """The hits worth quoting: close enough to the best, learning first, then next steps."""
    if not hits:
        return []
    floor = hits[0].score * settings.relative_cutoff
    relevant = [h for h in hits if h.score >= floor]
    learning = [h for h in relevant if h.chunk.kind != ChunkKind.NEXT_STEP]
    learning = learning[: settings.answer_points]
    reviews = {h.chunk.review_id for h in learning} or {hits[0].chunk.review_id}
    steps: list[ScoredChunk] = []
    per_review: dict[str, int] = {}
    for h in relevant:
        rid = h.chunk.review_id
        is_step = h.chunk.kind == ChunkKind.NEXT_STEP and rid in reviews
        if is_step and per_review.get(rid, 0) < MAX_NEXT_STEPS_PER_REVIEW:
            per_review[rid] = per_review.get(rid, 0) + 1
            steps.append(h)
    return learning + steps


def compose_answer(
    question: str, hits: Sequence[ScoredChunk], settings: RetrievalSettings
) -> Answer:
    quoted = select_quotes(hits, settings)
    # Group by review (in order of each review's best hit), then by section in order of
    # each section's best hit, keeping published order within a section.
    review_order: list[str] = []
    for h in quoted:
        if h.chunk.review_id not in review_order:
            review_order.append(h.chunk.review_id)
    ordered: list[ScoredChunk] = []
    for rid in review_order:
        in_review = [h for h in quoted if h.chunk.review_id == rid]
        sections: list[str] = []
        for h in in_review:
            if h.chunk.section not in sections:
                sections.append(h.chunk.section)
        for section in sections:
            ordered.extend(
                sorted(
                    (h for h in in_review if h.chunk.section == section),
                    key=lambda h: h.chunk.position,
                )
            )
    markers = {h.chunk.id: n for n, h in enumerate(ordered, start=1)}
    quoted_ids = set(markers)
    next_marker = len(markers) + 1
    for h in hits:
        if h.chunk.id not in markers:
            markers[h.chunk.id] = next_marker
            next_marker += 1
    citations = tuple(
        Citation(
            marker=markers[h.chunk.id],
            id=h.chunk.id,
            review=h.chunk.review_title,
            review_id=h.chunk.review_id,
            section=h.chunk.section,
            kind=h.chunk.kind,
            text=h.chunk.text,
            score=round(h.score, 6),
            quoted=h.chunk.id in quoted_ids,
            source=h.chunk.source,
        )
        for h in hits
    )
    return Answer(
        question=question,
        abstained=False,
        text=render_text(ordered, markers),
        citations=citations,
    )


def citation_path(h: ScoredChunk) -> str:
    """review › section › point n (or step n)."""
    c = h.chunk
    if c.kind == ChunkKind.SUMMARY:
        return f"{c.review_title} \u203a {c.section}"
    unit = "step" if c.kind == ChunkKind.NEXT_STEP else "point"
    number = c.number if c.number is not None else c.position
    label = f"{unit} {number}" if c.number is not None or unit == "point" else "lead-in"
    return f"{c.review_title} \u203a {c.section} \u203a {label}"


def render_text(ordered: Sequence[ScoredChunk], markers: dict[str, int]) -> str:
    lines: list[str] = []
    review = section = None
    for h in ordered:
        c = h.chunk
        if c.review_title != review:
            if lines:
                lines.append("")
            lines.append(f"From \u201c{c.review_title}\u201d:")
            review, section = c.review_title, None
        if c.section != section:
            lines.append(f"  {c.section}")
            section = c.section
        lines.append(f"    [{markers[c.id]}] {c.text}")
    lines.append("")
    lines.append("Sources:")
    lines.extend(f"  [{markers[h.chunk.id]}] {citation_path(h)}" for h in ordered)
    return "\n".join(lines)
