"""Two reviews side by side: shared learning first, then each review's own.

Pure. Every quoted string is a unit's own text; the notes are `assistant.messages`.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant import messages
from assistant.answer.compose import cite
from assistant.models import Answer, Chunk, Comparison, ComparisonRow, Review


def build_comparison(
    left: Review,
    right: Review,
    left_units: Sequence[Chunk],
    right_units: Sequence[Chunk],
    topic: str = "",
) -> Comparison:
    """Side by side: shared learning first (one row, both cited), then each review's own."""
    right_ids = {c.id for c in right_units}
    shared: list[ComparisonRow] = []
    used: set[str] = set()
    marker = 0
    for c in left_units:
        twin = next((t for t in c.twins if t in right_ids and t not in used), None)
        if twin is not None:
            used.add(twin)
            other = next(u for u in right_units if u.id == twin)
            shared.append(
                ComparisonRow(left=cite(c, marker + 1), right=cite(other, marker + 2), shared=True)
            )
            marker += 2
    twinned = {r.left.id for r in shared if r.left} | used
    only_left = [c for c in left_units if c.id not in twinned]
    only_right = [c for c in right_units if c.id not in twinned]
    rows = list(shared)
    for n in range(max(len(only_left), len(only_right))):
        lc = only_left[n] if n < len(only_left) else None
        rc = only_right[n] if n < len(only_right) else None
        row = ComparisonRow(
            left=cite(lc, marker + 1) if lc else None,
            right=cite(rc, marker + 1 + (lc is not None)) if rc else None,
        )
        marker += (lc is not None) + (rc is not None)
        rows.append(row)
    note = messages.comparison_note(topic, len(shared), len(only_left), len(only_right))
    return Comparison(
        topic=topic,
        left_id=left.id,
        left=left.title,
        right_id=right.id,
        right=right.title,
        rows=tuple(rows),
        note=note,
    )


def comparison_answer(question: str, comparison: Comparison) -> Answer:
    """The comparison as an answer, so chat, handouts and follow-ups work as for any other."""
    citations = tuple(
        c.model_copy(update={"quoted": True})
        for row in comparison.rows
        for c in (row.left, row.right)
        if c is not None
    )
    lines = [comparison.note]
    for c in citations:
        lines.append(f"[{c.marker}] {c.review} \u203a {c.section}: {c.text}")
    return Answer(
        question=question,
        abstained=not citations,
        text="\n".join(lines),
        citations=citations,
        note=comparison.note,
        comparison=comparison,
    )
