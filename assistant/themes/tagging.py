"""Which units speak to a theme: units tagged with the themes (named in `names`) they speak
to, and the units that speak to any topic a user names.

Pure: vectors come in as arrays (the caller embeds the theme names). A unit speaks to a
theme on one of three kinds of evidence, strongest first:

- section: it sits under a key-learning heading that is the theme ("Forced marriage");
- mention: its text names the theme, or a glossary form of it ("DVA" for "domestic
  violence and abuse");
- similarity: its embedding is close to the theme name's, and clearly closer than to
  any other theme (an ambiguous tag is left off rather than guessed).

A next step also goes with a theme when it follows from one of the theme's learning
points: that point is the closest in meaning of its review's points.

A summary is long and often describes the review's setting ("the inspections look at
responses to neglect"), so it only speaks for a review that has no key learning of its
own, such as a thematic brief, and only by mention. Elsewhere a mention in a summary is
kept aside ("summary" evidence): shown, but not counted.

Thresholds come from `bench/calibrate_themes.py` (see docs/themes.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.models import Chunk, ChunkKind, GlossaryEntry, Role
from assistant.search.glossary import Glossary, Match
from assistant.text import STOP_WORDS, JoinedTexts, theme_words
from assistant.themes.names import (
    Theme,
    has_content,
    linked_entries,
    mention_pattern,
    same_words,
    starts,
    theme_key,
)


@dataclass(frozen=True)
class Evidence:
    """Why a unit speaks to a theme or topic; `score` ranks units within a review."""

    row: int
    kind: str  # "section", "mention", "similarity", "follows" (a step after a point),
    # or "summary": named only in the summary of a review with key learning of its own
    similarity: float

    @property
    def counts(self) -> bool:
        """Does this make the review count as speaking to the theme?"""
        return self.kind != "summary"

    @property
    def score(self) -> float:
        return self.similarity + {"section": 1.0, "mention": 0.5}.get(self.kind, 0.0)


@dataclass
class ThemeIndex:
    """The collection's themes and, for each, the units that speak to it."""

    themes: list[Theme]
    chunks: Sequence[Chunk]
    unit_vectors: np.ndarray  # one L2-normalised row per chunk
    theme_vectors: np.ndarray  # one row per theme
    glossary: Glossary
    min_similarity: float
    margin: float
    step_similarity: float = 0.5
    texts: JoinedTexts | None = None  # the units' texts joined, if the caller has them
    tags: list[list[Evidence]] = field(init=False)  # per theme
    follows: dict[int, tuple[int, float]] = field(init=False)  # next step -> its point
    has_learning: set[str] = field(init=False)  # reviews with units beyond a summary

    def __post_init__(self) -> None:
        self.has_learning = {c.review_id for c in self.chunks if c.kind != ChunkKind.SUMMARY}
        self.follows = following_steps(self.chunks, self.unit_vectors, self.step_similarity)
        # Per-unit facts as arrays, so each theme is one pass over them, not a loop of units.
        self._texts = self.texts or JoinedTexts.of([c.text for c in self.chunks])
        self._section_keys, self._section_of = np.unique(
            [theme_key(c.section) for c in self.chunks], return_inverse=True
        )
        kinds = np.array([c.kind.value for c in self.chunks])
        self._is_point = kinds == ChunkKind.LEARNING_POINT.value
        self._is_summary = kinds == ChunkKind.SUMMARY.value
        self._aside = self._is_summary & np.array(
            [c.review_id in self.has_learning for c in self.chunks], dtype=bool
        )
        # Stories and reflective questions never speak to a theme: learning and actions do
        # (and summaries, as above).
        roles = np.array([c.role.value for c in self.chunks])
        self._voiceless = ~self._is_summary & (
            (roles == Role.BACKGROUND.value) | (roles == Role.REFLECTIVE.value)
        )
        self.tags = []
        if not self.themes:
            return
        sims = self.unit_vectors @ self.theme_vectors.T
        # Each unit's closest and second-closest theme, to find the closest *other* theme.
        top = np.argsort(-sims, axis=1)[:, :2]
        rows = np.arange(len(sims))
        first = sims[rows, top[:, 0]]
        second = sims[rows, top[:, 1]] if sims.shape[1] > 1 else np.full(len(sims), -1.0)
        for t, theme in enumerate(self.themes):
            other = np.where(top[:, 0] == t, second, first)
            entries = linked_entries(theme.variants, self.glossary)
            self.tags.append(self._evidence(theme.variants, entries, sims[:, t], other))

    def _evidence(
        self,
        names: Sequence[str],
        entries: Sequence[GlossaryEntry],
        sims: np.ndarray | None,
        second: np.ndarray | None,
    ) -> list[Evidence]:
        n = len(self.chunks)
        keys = {theme_key(name) for name in names}
        wanted = [i for i, key in enumerate(self._section_keys) if key in keys]
        section = self._is_point & np.isin(self._section_of, wanted)
        mention = np.zeros(n, dtype=bool)
        pattern = mention_pattern(names)
        if pattern is not None:
            mention[self._texts.rows(pattern)] = True
        for entry in entries:
            mention[self.glossary.rows_using(entry, self._texts)] = True
        sims = np.zeros(n) if sims is None else sims
        similar = ~self._is_summary & (sims >= self.min_similarity)
        if second is not None:
            similar &= sims - second >= self.margin
        found = []
        for row in np.flatnonzero((section | mention | similar) & ~self._voiceless):
            if section[row]:
                kind = "section"
            elif mention[row]:
                kind = "summary" if self._aside[row] else "mention"
            else:
                kind = "similarity"
            found.append(Evidence(int(row), kind, float(sims[row])))
        return found

    def find(self, topic: str) -> int | None:
        """The theme a topic names: the same name, the start of a theme's name ("joint
        working"), or a glossary term for it ("DV"). A topic that says more than the theme
        ("joint working with schools") is not that theme."""
        for t, theme in enumerate(self.themes):
            if any(theme_key(v) == theme_key(topic) for v in theme.variants):
                return t
        for t, theme in enumerate(self.themes):
            if any(same_words(topic, v) or starts(topic, v) for v in theme.variants):
                return t
        for match in self._main_terms(topic):
            e = match.entry
            # A topic entry's synonyms are the reviews' words for it; other entries' are
            # only related (MARAC lists "domestic abuse"), so they do not name a theme.
            for form in (*e.expansions, *(e.synonyms if e.topic else ())):
                for t, theme in enumerate(self.themes):
                    if any(same_words(form, v) or starts(form, v) for v in theme.variants):
                        return t
        return None

    def _main_terms(self, topic: str) -> list[Match]:
        """Glossary terms that make up most of the topic, not a word of it ("teenage" in
        "domestic abuse in teenage relationships" is not the topic)."""
        size = len(topic.strip())
        return [m for m in self.glossary.find(topic) if len(m.text) >= 0.6 * size]

    def topic_evidence(self, topic: str, topic_vector: np.ndarray) -> list[Evidence]:
        """Units that speak to a topic that is not one of the themes."""
        matches = self._main_terms(topic)
        entries = [m.entry for m in matches] + linked_entries([topic], self.glossary, wider=False)
        # The topic's own words, unless they are only glossary forms (an acronym such as
        # "DA" must keep matching in capitals only).
        rest = topic
        for m in matches:
            rest = rest.replace(m.text, " ")
        phrases = [topic] if has_content(rest) else []
        for m in matches:
            # A topic entry's synonyms are the reviews' words for the same topic (deaf:
            # hearing impairment); an everyday word's are wider (mum: parents), and would
            # count reviews that never speak to it.
            phrases += [*m.entry.expansions, *(m.entry.synonyms if m.entry.topic else ())]
        sims = self.unit_vectors @ topic_vector
        found = {e.row: e for e in self._evidence(phrases, entries, sims, None)}
        # A theme whose name holds every word of the topic is part of it: "Chronic
        # neglect" for "neglect" (but "child" alone does not make "Child B").
        words = {w for w in theme_words(topic) if w not in STOP_WORDS}
        for t, theme in enumerate(self.themes):
            if words and any(words <= set(theme_words(v)) for v in theme.variants):
                for e in self.tags[t]:
                    found.setdefault(e.row, e)
        return sorted(found.values(), key=lambda e: e.row)

    def related(self, topic_vector: np.ndarray, exclude: int | None, limit: int) -> list[str]:
        """Themes closest in meaning to a topic, for pointing a user onwards."""
        if not self.themes:
            return []
        order = np.argsort(-(self.theme_vectors @ topic_vector), kind="stable")
        return [self.themes[t].name for t in order if t != exclude][:limit]

    def with_steps(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """Add the next steps that follow from the learning points in the evidence."""
        have = {e.row for e in evidence}
        out = list(evidence)
        for step, (point, sim) in self.follows.items():
            if point in have and step not in have:
                out.append(Evidence(step, "follows", sim))
        return out

    def reviews_for(self, t: int) -> set[str]:
        """Reviews that list the theme or hold a unit that speaks to it."""
        tagged = {self.chunks[e.row].review_id for e in self.tags[t] if e.counts}
        return tagged | set(self.themes[t].listed_by)


def following_steps(
    chunks: Sequence[Chunk], vectors: np.ndarray, floor: float
) -> dict[int, tuple[int, float]]:
    """Next step -> the learning point of its review it follows from: the point closest in
    meaning, if close enough. Generic steps ("share this learning with colleagues") are
    close to no point and follow none."""
    by_review: dict[str, tuple[list[int], list[int]]] = {}
    for row, c in enumerate(chunks):
        points, steps = by_review.setdefault(c.review_id, ([], []))
        if c.kind == ChunkKind.LEARNING_POINT:
            points.append(row)
        elif c.kind == ChunkKind.NEXT_STEP:
            steps.append(row)
    out: dict[int, tuple[int, float]] = {}
    for points, steps in by_review.values():
        if not points or not steps:
            continue
        sims = vectors[steps] @ vectors[points].T
        for i, step in enumerate(steps):
            j = int(np.argmax(sims[i]))
            if sims[i, j] >= floor:
                out[step] = (points[j], float(sims[i, j]))
    return out


SHARED_BONUS = 0.1


def one_per_review(
    evidence: Sequence[Evidence], chunks: Sequence[Chunk], steps_per_review: int
) -> tuple[list[Evidence], list[Evidence]]:
    """The best unit of each review (a learning point where there is one, else its summary
    or a next step), and up to `steps_per_review` next steps of each, best first."""
    # Learning that several of these reviews share is what "keeps coming up": it wins a
    # near tie within a review.
    evidence = [e for e in evidence if e.counts]
    ids = {chunks[e.row].id for e in evidence}
    shared = {e.row for e in evidence if ids.intersection(chunks[e.row].twins)}
    ranked = sorted(evidence, key=lambda e: -(e.score + SHARED_BONUS * (e.row in shared)))
    preference = {ChunkKind.LEARNING_POINT: 0, ChunkKind.SUMMARY: 1, ChunkKind.NEXT_STEP: 2}
    best: dict[str, Evidence] = {}
    for e in sorted(ranked, key=lambda e: preference[chunks[e.row].kind]):
        best.setdefault(chunks[e.row].review_id, e)
    # Where a review holds learning already chosen for another (almost word for word),
    # choose that copy, so the shared learning shows once with both reviews cited.
    points = []
    chosen_ids: set[str] = set()
    for e in sorted(best.values(), key=lambda e: -e.score):
        review = chunks[e.row].review_id
        copy = next(
            (
                c
                for c in ranked
                if chunks[c.row].review_id == review
                and chunks[c.row].kind == ChunkKind.LEARNING_POINT
                and chosen_ids & set(chunks[c.row].twins)
            ),
            e,
        )
        points.append(copy)
        chosen_ids.add(chunks[copy.row].id)
    chosen = {e.row for e in points}
    steps: list[Evidence] = []
    taken: Counter[str] = Counter()
    for e in ranked:
        chunk = chunks[e.row]
        wanted = chunk.kind == ChunkKind.NEXT_STEP and e.row not in chosen
        if wanted and taken[chunk.review_id] < steps_per_review:
            taken[chunk.review_id] += 1
            steps.append(e)
    return points, steps
