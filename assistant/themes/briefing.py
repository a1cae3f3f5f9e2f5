"""7-minute briefings composed from cited units: background, why it matters, key learning,
what to do, and reflective questions.

Pure. Every quoted string is a unit's own text (or whole sentences of a summary, with an
omission marked); counts and framing are `assistant.messages` and say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant import messages
from assistant.models import Briefing, Chunk, Citation, Excerpt, Review, Role

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u2018\u201c\"'(])")


def summary_excerpt(review: Review, chunk: Chunk | None, max_chars: int = 420) -> Excerpt | None:
    """The first whole sentences of a review's summary, up to about `max_chars`."""
    if chunk is None or not review.summary:
        return None
    sentences = _SENTENCE_END.split(chunk.text)
    taken: list[str] = []
    for s in sentences:
        if taken and len(" ".join([*taken, s])) > max_chars:
            break
        taken.append(s)
    text = " ".join(taken)
    return Excerpt(
        text=text,
        cut=len(taken) < len(sentences),
        citation=f"{review.title} \u203a {chunk.section}",
        source=chunk.source,
    )


def build_briefing(
    title: str,
    topic: str,
    citations: Sequence[Citation],
    reviews: Sequence[Review],
    summaries: dict[str, Chunk],
    why: Sequence[str],
    *,
    max_points: int = 8,
    max_steps: int = 6,
) -> Briefing:
    """A one-page briefing from cited units: learning, next steps, background, questions."""
    learning = [c for c in citations if c.role == Role.LEARNING][:max_points]
    steps = [c for c in citations if c.role == Role.ACTION][:max_steps]
    involved = dict.fromkeys(c.review_id for c in citations)
    background: dict[str, Excerpt] = {}
    for review in reviews:
        excerpt = summary_excerpt(review, summaries.get(review.id))
        if review.id not in involved or excerpt is None:
            continue
        same = background.get(excerpt.text)
        if same is None:
            background[excerpt.text] = excerpt
        else:  # reviews from one series often open alike: quote once, cite each
            also = (*same.also_in, excerpt.citation)
            background[excerpt.text] = same.model_copy(update={"also_in": also})
    return Briefing(
        title=title,
        background=tuple(list(background.values())[:3]),
        why_it_matters=tuple(why),
        key_learning=tuple(learning),
        what_to_do=tuple(steps),
        questions=tuple(
            q.format(topic=topic or messages.THIS_LEARNING) for q in messages.BRIEFING_QUESTIONS
        ),
    )
