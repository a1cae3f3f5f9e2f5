"""Which units a search may return: filters by review, kind, theme and year.

Pure functions of the reviews and units.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.models import Chunk, Review, SearchFilters
from assistant.text import same_words, starts


def review_themes(review: Review) -> tuple[str, ...]:
    """A review's themes, or the headings of its learning that name a topic when it lists
    none ("Key findings" and "Child 1" are parts of a brief, not themes)."""
    return review.themes or tuple(review.theme_names)


def has_theme(review: Review, theme: str) -> bool:
    """Does the review list the theme, or head a section with it, under any of its names?
    ("Joint working" finds the review that says "Joint working between agencies".)"""
    return any(
        same_words(theme, name) or starts(theme, name) or starts(name, theme)
        for name in review.theme_names
    )


def filter_mask(
    chunks: Sequence[Chunk], reviews: Sequence[Review], filters: SearchFilters | None
) -> np.ndarray:
    """Which units a search may return under the filters (all of them when none are set)."""
    if filters is None or not filters.active:
        return np.ones(len(chunks), dtype=bool)
    wanted = [t for t in filters.themes if t.strip()]
    ok = {
        r.id
        for r in reviews
        if (not filters.reviews or r.id in filters.reviews)
        and (not filters.kinds or r.kind in filters.kinds)
        and (not wanted or any(has_theme(r, t) for t in wanted))
        and (filters.since is None or (r.year is not None and r.year >= filters.since))
        and (filters.until is None or (r.year is not None and r.year <= filters.until))
    }
    return np.array([c.review_id in ok for c in chunks], dtype=bool)
