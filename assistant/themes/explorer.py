"""Explore the collection by theme: counts, theme views, comparisons and briefings.

Built once per assistant, on first use: embedding the theme names is the only model work.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cached_property

import numpy as np

from assistant import messages
from assistant.index.encoders.base import Encoder
from assistant.index.store import LoadedIndex
from assistant.ingest.roles import QUOTED
from assistant.models import (
    Briefing,
    Chunk,
    ChunkKind,
    Comparison,
    HandoutItem,
    Review,
    ThemeCount,
    ThemeView,
)
from assistant.search.glossary import Glossary
from assistant.search.naming import find_reviews
from assistant.search.topic import uncovered_topics
from assistant.settings import Settings
from assistant.text import plain_title
from assistant.themes.briefing import build_briefing
from assistant.themes.compare import build_comparison
from assistant.themes.names import linked_entries, normalise_themes
from assistant.themes.tagging import Evidence, ThemeIndex
from assistant.themes.views import build_theme_view, theme_citations


class UnknownReview(ValueError):
    """A review named for a comparison that is not in the collection."""


class Explorer:
    def __init__(
        self,
        index: LoadedIndex,
        encoder: Encoder,
        glossary: Glossary,
        covered: dict[str, bool],
        settings: Settings,
    ) -> None:
        self.index = index
        self.encoder = encoder
        self.glossary = glossary
        self.covered = covered  # glossary term -> does any review mention it
        self.settings = settings
        self._last_vector: tuple[str, np.ndarray] | None = None

    @property
    def reviews(self) -> tuple[Review, ...]:
        return self.index.reviews

    @cached_property
    def themes(self) -> ThemeIndex:
        themes = normalise_themes(self.reviews)
        dimension = self.encoder.dimension
        vectors = (
            self.encoder.encode([t.name for t in themes])
            if themes
            else np.zeros((0, dimension), dtype=np.float32)
        )
        units = self.index.local_vectors.all_vectors(copy=False)  # the index outlives this
        s = self.settings.themes
        return ThemeIndex(
            themes,
            self.index.chunks,
            units,
            vectors,
            self.glossary,
            s.min_similarity,
            s.margin,
            s.step_similarity,
            self.index.unit_texts,
        )

    def counts(self) -> list[ThemeCount]:
        """Every theme with the number of reviews that speak to it, most first."""
        ti = self.themes
        rows = [
            ThemeCount(name=t.name, variants=t.variants, reviews=len(ti.reviews_for(n)))
            for n, t in enumerate(ti.themes)
        ]
        return sorted(rows, key=lambda r: (-r.reviews, r.name.lower()))

    def _evidence(self, topic: str) -> tuple[int | None, list[Evidence]]:
        """The theme a topic names (if any) and the units that speak to it."""
        ti = self.themes
        t = ti.find(topic)
        if t is not None:
            return t, ti.with_steps(ti.tags[t])
        if uncovered_topics(self.glossary.find(topic), self.covered):
            return None, []  # a safeguarding topic no review mentions at all
        return None, ti.with_steps(ti.topic_evidence(topic, self._vector(topic)))

    def _vector(self, topic: str) -> np.ndarray:
        # A view, its briefing and its comparison embed the same topic: keep the last one.
        # One read of the attribute: another thread may replace it meanwhile.
        last = self._last_vector
        if last is None or last[0] != topic:
            last = (topic, self.encoder.encode([topic])[0])
            self._last_vector = last
        return last[1]

    def view(self, topic: str, reviews: Collection[str] | None = None) -> ThemeView:
        """What the collection (or the `reviews` given) says on a theme or any topic."""
        return self._view(topic, *self._evidence(topic), reviews)

    def _view(
        self,
        topic: str,
        t: int | None,
        evidence: list[Evidence],
        reviews: Collection[str] | None = None,
    ) -> ThemeView:
        ti = self.themes
        s = self.settings.themes
        total = len(self.reviews) if reviews is None else len(set(reviews))
        vector = ti.theme_vectors[t] if t is not None else self._vector(topic)
        related = ti.related(vector, t, s.related)
        name = ti.themes[t].name if t is not None else ""
        scope = messages.IN_THIS_COLLECTION
        if reviews is not None:
            evidence = [e for e in evidence if self.index.chunks[e.row].review_id in reviews]
            scope = messages.YOUR_FILTERS_ALLOW
        return build_theme_view(
            topic,
            name,
            evidence,
            self.index.chunks,
            total,
            related,
            self.settings.retrieval,
            steps_per_review=s.steps_per_review,
            reviews_shown=s.reviews_shown,
            scope=scope,
        )

    def review(self, name: str) -> Review:
        """A review by id, exact title or the words that set its title apart."""
        for r in self.reviews:
            if name in (r.id, r.title):
                return r
        found = find_reviews(name, self.reviews, self.glossary)
        if found:
            return next(r for r in self.reviews if r.id == found[0])
        within = [r for r in self.reviews if name.strip().lower() in r.title.lower()]
        if len(within) == 1:
            return within[0]
        if within:
            raise UnknownReview(messages.ambiguous_review(name, [r.title for r in within]))
        raise UnknownReview(messages.unknown_review(name))

    def compare(self, left: str, right: str, topic: str = "") -> Comparison:
        """Two reviews side by side, on a topic or across all their learning."""
        a, b = self.review(left), self.review(right)
        if a.id == b.id:
            raise UnknownReview(messages.same_review(left, right))
        if topic:
            rows = {e.row for e in self._evidence(topic)[1]}
            wanted = [c for r, c in enumerate(self.index.chunks) if r in rows]
        else:
            wanted = list(self.index.chunks)
        # Learning and actions side by side: not summaries, stories or questions.
        wanted = [c for c in wanted if c.kind != ChunkKind.SUMMARY and c.role in QUOTED]

        def units(review: Review) -> list[Chunk]:
            mine = [c for c in wanted if c.review_id == review.id]
            # Learning first, in published order, then next steps.
            return sorted(mine, key=lambda c: c.kind == ChunkKind.NEXT_STEP)

        return build_comparison(a, b, units(a), units(b), topic)

    def _summaries(self) -> dict[str, Chunk]:
        return {c.review_id: c for c in self.index.chunks if c.kind == ChunkKind.SUMMARY}

    def briefing(self, topic: str) -> Briefing:
        """A 7-minute briefing on a theme or topic."""
        t, evidence = self._evidence(topic)  # found once, for the view and the points
        view = self._view(topic, t, evidence)
        name = view.theme or topic
        why = [messages.reviews_speak_to(name, view.reviews, view.total_reviews)]
        names = self.themes.themes[t].variants if t is not None else (topic,)
        entries = linked_entries(names, self.glossary) or [
            m.entry for m in self.glossary.find(topic)
        ]
        why += [messages.glossary_line(e.meaning) for e in entries[:1] if e.meaning]
        # Every tagged point, not just one per review: a briefing has room for several.
        citations = theme_citations(
            evidence,
            self.index.chunks,
            self.settings.retrieval,
            self.settings.themes.steps_per_review + 1,
        )
        return build_briefing(
            messages.briefing_title(name),
            name,
            citations,
            self.reviews,
            self._summaries(),
            why,
        )

    def briefing_from_handout(self, items: Sequence[HandoutItem], title: str = "") -> Briefing:
        """A briefing from the excerpts a trainer has collected."""
        citations = [i.citation for i in items]
        reviews = {c.review_id for c in citations}
        title = plain_title(title)
        why = [messages.handout_briefing_why(len(reviews), len(self.reviews))]
        return build_briefing(
            messages.briefing_title(title or messages.LEARNING_FROM_REVIEWS),
            title,
            citations,
            self.reviews,
            self._summaries(),
            why,
        )
