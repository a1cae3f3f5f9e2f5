"""Compose an extractive answer: verbatim quotes grouped by review, numbered, with sources.

Pure. Nothing here rewords the corpus: every quoted string is a chunk's `text`. The only
other words are the framing of `assistant.messages` and, for "what does X mean?", the glossary
line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from assistant import messages
from assistant.models import Answer, Chunk, ChunkKind, Citation, Place, ScoredChunk
from assistant.settings import RetrievalSettings

MAX_NEXT_STEPS_PER_REVIEW = 3


def abstention(question: str, themes: Sequence[str], reason: str = messages.NO_ANSWER) -> Answer:
    text = reason
    if themes:
        text += messages.themes_covered(themes)
    return Answer(question=question, abstained=True, text=text, citations=(), note=text)


def with_notice(answer: Answer, notices: Sequence[str]) -> Answer:
    """Put notices (where to get help, what not to type) before everything else."""
    if not notices:
        return answer
    lead = "\n\n".join(notices)
    note = f"{lead}\n\n{answer.note}" if answer.note else lead
    return answer.model_copy(update={"note": note, "text": f"{lead}\n\n{answer.text}"})


@dataclass
class _Group:
    """One piece of learning and the near-identical copies of it in other reviews."""

    hit: ScoredChunk
    copies: list[ScoredChunk] = field(default_factory=list)


def add_missing_twins(
    hits: Sequence[ScoredChunk], chunks_by_id: Mapping[str, Chunk]
) -> list[ScoredChunk]:
    """Bring in the copies of repeated learning that did not rank on their own, so the
    answer can cite every review that holds it."""
    present = {h.chunk.id for h in hits}
    out: list[ScoredChunk] = []
    for h in hits:
        out.append(h)
        for twin_id in h.chunk.twins:
            if twin_id not in present and twin_id in chunks_by_id:
                present.add(twin_id)
                out.append(h.model_copy(update={"chunk": chunks_by_id[twin_id]}))
    return out


def merge_twins(hits: Sequence[ScoredChunk]) -> list[_Group]:
    """Show learning repeated across reviews once: the best-scoring copy carries the rest."""
    groups: list[_Group] = []
    by_id: dict[str, _Group] = {}
    for h in hits:
        owner = next((by_id[t] for t in h.chunk.twins if t in by_id), None)
        if owner is not None:
            owner.copies.append(h)
            by_id[h.chunk.id] = owner
            continue
        group = _Group(h)
        groups.append(group)
        by_id[h.chunk.id] = group
    return groups


def select_quotes(groups: Sequence[_Group], settings: RetrievalSettings) -> list[_Group]:
    """Close enough to the best to quote: learning first, then those reviews' next steps."""
    if not groups:
        return []
    floor = groups[0].hit.score - settings.quote_margin
    relevant = [g for g in groups if g.hit.score >= floor]
    learning = [g for g in relevant if g.hit.chunk.kind != ChunkKind.NEXT_STEP]
    learning = learning[: settings.answer_points]
    reviews = {c.chunk.review_id for g in learning for c in (g.hit, *g.copies)}
    reviews = reviews or {groups[0].hit.chunk.review_id}
    steps: list[_Group] = []
    per_review: Counter[str] = Counter()
    for g in relevant:
        rid = g.hit.chunk.review_id
        wanted = g.hit.chunk.kind == ChunkKind.NEXT_STEP and rid in reviews
        if wanted and per_review[rid] < MAX_NEXT_STEPS_PER_REVIEW:
            per_review[rid] += 1
            steps.append(g)
    return learning + steps


def _display_order(quoted: list[_Group]) -> list[_Group]:
    """Group by review (best first), then by section (best first), published order within."""
    ordered: list[_Group] = []
    reviews = list(dict.fromkeys(g.hit.chunk.review_id for g in quoted))
    for rid in reviews:
        in_review = [g for g in quoted if g.hit.chunk.review_id == rid]
        for section in dict.fromkeys(g.hit.chunk.section for g in in_review):
            ordered.extend(
                sorted(
                    (g for g in in_review if g.hit.chunk.section == section),
                    key=lambda g: g.hit.chunk.position,
                )
            )
    return ordered


def _citation(group: _Group, marker: int, quoted: bool) -> Citation:
    c = group.hit.chunk
    return Citation(
        marker=marker,
        id=c.id,
        review=c.review_title,
        review_id=c.review_id,
        section=c.section,
        kind=c.kind,
        role=c.role,
        position=c.position,
        number=c.number,
        text=c.text,
        score=round(group.hit.score, 6),
        quoted=quoted,
        source=c.source,
        also_in=tuple(
            Place(
                id=t.chunk.id,
                review=t.chunk.review_title,
                review_id=t.chunk.review_id,
                section=t.chunk.section,
                text=t.chunk.text,
                source=t.chunk.source,
            )
            for t in group.copies
        ),
    )


def cite(chunk: Chunk, marker: int, *, quoted: bool = True) -> Citation:
    """One unit as a citation on its own (no copies merged into it)."""
    hit = ScoredChunk(chunk=chunk, score=0.0, dense_score=0.0, keyword_score=0.0)
    return _citation(_Group(hit), marker, quoted)


def compose_answer(
    question: str,
    hits: Sequence[ScoredChunk],
    settings: RetrievalSettings,
    preface: str = "",
    *,
    quote_all: bool = False,
) -> Answer:
    """Quote the hits worth quoting (or all of them), grouped, numbered and cited."""
    groups = merge_twins(hits)[: settings.max_citations]
    ordered = _display_order(list(groups) if quote_all else select_quotes(groups, settings))
    markers = {id(g): n for n, g in enumerate(ordered, start=1)}
    for g in groups:
        markers.setdefault(id(g), len(markers) + 1)
    quoted = {id(g) for g in ordered}
    citations = tuple(_citation(g, markers[id(g)], id(g) in quoted) for g in groups)
    by_marker = {c.marker: c for c in citations}
    text = render_text([by_marker[markers[id(g)]] for g in ordered])
    return Answer(
        question=question,
        abstained=False,
        text=f"{preface}\n\n{text}" if preface else text,
        citations=citations,
        note=preface,
    )


def grouped(quoted: Sequence[Citation]) -> Iterator[tuple[bool, bool, Citation]]:
    """Each quoted citation with whether it starts a new review and a new section, so
    renderers can print headings once."""
    review = section = None
    for c in quoted:
        new_review = c.review != review
        new_section = new_review or c.section != section
        review, section = c.review, c.section
        yield new_review, new_section, c


def render_text(quoted: Sequence[Citation]) -> str:
    lines: list[str] = []
    for new_review, new_section, c in grouped(quoted):
        if new_review:
            if lines:
                lines.append("")
            lines.append(messages.quoted_from(c.review))
        if new_section:
            lines.append(f"  {c.section}")
        lines.append(f"    [{c.marker}] {c.text}")
        for place in c.also_in:
            lines.append(f"        {messages.also_in(place, c)}")
    lines.append("")
    lines.append(messages.SOURCES)
    for c in quoted:
        lines.append(f"  [{c.marker}] {messages.citation_path(c)}")
        for place in c.also_in:
            lines.append("      " + messages.also_under(f"{place.review} \u203a {place.section}"))
    return "\n".join(lines)
