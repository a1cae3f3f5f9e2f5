"""Follow-ups: where an answer that leans on the previous one looks for its learning.

Pure. "what are the next steps for that?" looks among the next steps of the reviews just
quoted; "tell me more about the second point" looks in the section of point [2], then at
its review's next steps. Which questions are follow-ups is `assistant.answer.intents`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.models import Answer, Chunk, ChunkKind, Citation

NEXT_STEPS_SHOWN = 12  # next steps a "what should we do?" follow-up ranks
SECTION_SHOWN = 50  # units of the point's section a "tell me more" ranks
STEPS_AFTER_A_POINT = 2  # then its review's closest next steps


def previous_reviews(answer: Answer) -> list[str]:
    """Review ids the previous answer quoted, best first, including repeated learning."""
    ids: dict[str, None] = {}
    for c in answer.quoted_citations():
        ids.setdefault(c.review_id, None)
        for place in c.also_in:
            ids.setdefault(place.review_id, None)
    return list(ids)


def next_steps_of(chunks: Sequence[Chunk], review_ids: Sequence[str]) -> np.ndarray:
    """Which units are next steps of the given reviews."""
    wanted = set(review_ids)
    return np.array([c.kind == ChunkKind.NEXT_STEP and c.review_id in wanted for c in chunks])


def around(chunks: Sequence[Chunk], point: Citation) -> tuple[np.ndarray, np.ndarray]:
    """The units of the point's section, and its review's next steps outside that section."""
    section = np.array(
        [c.review_id == point.review_id and c.section == point.section for c in chunks]
    )
    steps = next_steps_of(chunks, [point.review_id])
    return section, steps & ~section
