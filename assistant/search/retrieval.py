"""Hybrid retrieval with context: each unit is scored by its words and meaning under its
heading and in its review, for the glossary-expanded question; then off-topic is decided.

`fuse_scores` and `emphasis_lift` are pure, as is whether a question is on-topic
(`assistant.search.topic`); `Retriever` holds the loaded index and the encoder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from assistant.index.encoders.base import Encoder
from assistant.index.store import LoadedIndex
from assistant.models import Chunk, ChunkKind, Role, ScoredChunk
from assistant.search.glossary import ExpandedQuery, Glossary, Match
from assistant.search.topic import (
    is_off_topic,
    term_coverage,
    uncovered_topics,
    weighted_coverage,
)
from assistant.settings import RetrievalSettings


@dataclass(frozen=True)
class Emphasis:
    """How a question tilts the ranking (read by `assistant.answer.intents`)."""

    about_review: bool = False  # about a review itself: its summary answers
    next_steps: bool = False  # asks for next steps or action points
    case: bool = False  # a long description of a case
    story: bool = False  # asks what happened in a case: its background answers
    # Kinds of part it asks for by name ("what went well", "what the review found"): the
    # parts whose headings say so answer.
    aspects: frozenset[str] = frozenset()

    @property
    def wants_background(self) -> bool:
        """Background (the case, the people, how the review was done) may be quoted."""
        return self.about_review or self.story


@dataclass(frozen=True)
class Signals:
    """Per-unit evidence for one question, for every unit in index order or, where the
    vector index is approximate, for the candidate units `rows` only."""

    local: np.ndarray  # cosine with "heading: text"
    context: np.ndarray  # cosine with "title › heading: text"
    keyword: np.ndarray  # BM25 over the context text
    rows: np.ndarray | None = None  # which units the arrays are for; None: all of them


# What headings say their parts are, under the many names briefs use: what went well
# ("Good practice noted", "Where practice made a difference") and what was found.
ASPECT_HEADINGS = {
    "good practice": re.compile(
        r"\b(?:went|going|worked|working|works) well\b|\bgood (?:practice|work)\b"
        r"|\b(?:what|where|when) (?:it )?worked\b(?! against)|\bstrengths?\b(?![\s-]based)"
        r"|\bmade (?:a|the) difference\b"
        r"|\bpositive practice\b|\bwhat helped\b|\bnotable practice\b|\bcelebrat",
        re.IGNORECASE,
    ),
    "findings": re.compile(
        r"\b(?:we|review|reviews|reviewer|audit|inspectors?|inquiry|panel) (?:found|identified)\b"
        r"|\bwhat (?:was|were) (?:found|identified)\b|\bfindings?\b|\bissues identified\b"
        r"|\bwhat (?:the )?(?:review|reviewer|audit|inquiry|we) (?:learned|learnt|noticed|saw)\b",
        re.IGNORECASE,
    ),
}


LEADING_UNITS = 1  # the reviews of the best this many units lead, for emphasis_lift


def aspects_of(headings: Sequence[str]) -> dict[str, np.ndarray]:
    """For each aspect, which of the headings name it (each distinct heading read once:
    a large collection repeats a few hundred headings over its units)."""
    distinct, where = np.unique(np.asarray(headings, dtype=object), return_inverse=True)
    return {
        name: np.array([bool(pattern.search(h)) for h in distinct], dtype=bool)[where]
        for name, pattern in ASPECT_HEADINGS.items()
    }


def emphasis_lift(
    emphasis: Emphasis,
    aspects: Mapping[str, np.ndarray],
    story_parts: np.ndarray,
    s: RetrievalSettings,
) -> np.ndarray | None:
    """Per unit, what the question's emphasis adds: the parts of what it asks for by name
    ("what went well"), and the story itself (not the summary) when it asks what happened."""
    lift = np.zeros(len(story_parts))
    for name in emphasis.aspects:
        lift += np.where(aspects[name], s.aspect_bias, 0.0)
    if emphasis.story:
        lift += np.where(story_parts, s.story_bias, 0.0)
    return lift if lift.any() else None


def section_max(values: np.ndarray, section_of: np.ndarray) -> np.ndarray:
    """For each unit, the largest value among the units of its section."""
    best = np.full(int(section_of.max()) + 1, -np.inf)
    np.maximum.at(best, section_of, values)
    return best[section_of]


def fuse_scores(
    signals: Signals,
    kinds: Sequence[ChunkKind] | np.ndarray,
    section_of: np.ndarray,
    s: RetrievalSettings,
    *,
    review_question: bool = False,
    case_question: bool = False,
    next_steps_question: bool = False,
    roles: Sequence[Role] | np.ndarray | None = None,
) -> np.ndarray:
    """Weighted sum of the unit's own evidence, its section's best evidence and a prior.

    BM25 saturates (b / (b + k)) rather than being divided by the best score, so one
    incidental shared word does not count as much as a strong keyword match."""
    keyword = signals.keyword / (signals.keyword + s.keyword_saturation)
    kinds = np.asarray(kinds)
    # Actions share the next steps' prior, background the summaries' (a unit's kind says
    # where it sits; its role, what it is).
    if roles is None:
        roles = np.where(kinds == ChunkKind.NEXT_STEP.value, Role.ACTION.value, Role.LEARNING.value)
    roles = np.asarray(roles)
    action = (kinds == ChunkKind.NEXT_STEP.value) | (roles == Role.ACTION.value)
    context = (kinds == ChunkKind.SUMMARY.value) | (roles == Role.BACKGROUND.value)
    # A summary says what a review is: lifted when that is asked, lowered for a case or a
    # request for next steps, which the learning and the steps answer.
    summary_bias = (
        s.review_question_bias
        if review_question
        else s.case_summary_bias
        if case_question or next_steps_question
        else 0.0
    )
    step_bias = s.next_step_bias + (s.next_steps_question_bias if next_steps_question else 0.0)
    prior = np.where(action, step_bias, np.where(context, summary_bias, 0.0))
    return (
        s.local_weight * signals.local
        + s.context_weight * signals.context
        + s.keyword_weight * keyword
        + (s.section_weight * section_max(signals.context, section_of) if s.section_weight else 0)
        + prior
    )


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the k highest finite scores, best first, ties in row order (as a stable
    sort of every row would give) without sorting every row."""
    finite = np.flatnonzero(np.isfinite(scores))
    k = min(k, len(finite))
    if k == 0:
        return finite[:0]
    if k < len(finite):
        kth = np.partition(scores[finite], len(finite) - k)[len(finite) - k]
        finite = finite[scores[finite] >= kth]
    return finite[np.argsort(-scores[finite], kind="stable")][:k]


@dataclass(frozen=True)
class Query:
    """A text ready to search: glossary-expanded, embedded once and keyword-scored once, so
    one question searched several ways (with and without filters, for a definition) costs
    one embedding."""

    text: str  # as asked
    expanded: ExpandedQuery
    uncovered: tuple[Match, ...]  # topics it names that no review mentions
    coverage: float  # share of its content words the corpus (or the glossary) knows
    weighted: float  # the same share, each word weighted by its rarity (IDF)
    vector: np.ndarray = field(repr=False)
    keyword: np.ndarray = field(repr=False)  # BM25 score of every unit


@dataclass(frozen=True)
class Retrieval:
    hits: tuple[ScoredChunk, ...]
    expanded: ExpandedQuery
    best_dense: float
    coverage: float
    off_topic: bool
    uncovered: tuple[Match, ...]  # topics the question names that no review mentions
    scores: np.ndarray = field(repr=False)


def section_index(chunks: Sequence[Chunk]) -> np.ndarray:
    """Row -> section number, a section being one (review, heading) pair."""
    keys: dict[tuple[str, str], int] = {}
    return np.array([keys.setdefault((c.review_id, c.section), len(keys)) for c in chunks])


class Retriever:
    def __init__(
        self,
        index: LoadedIndex,
        encoder: Encoder,
        settings: RetrievalSettings,
        glossary: Glossary | None = None,
    ) -> None:
        self.index = index
        self.encoder = encoder
        self.settings = settings
        self.glossary = glossary or Glossary()
        self.section_of = section_index(index.chunks)
        self.kinds = np.array([c.kind.value for c in index.chunks])
        self.roles = np.array([c.role.value for c in index.chunks])
        self.aspects = aspects_of([c.section for c in index.chunks])
        ids: dict[str, int] = {}
        self.review_of = np.array([ids.setdefault(c.review_id, len(ids)) for c in index.chunks])
        self.story_parts = (self.roles == Role.BACKGROUND.value) & (
            self.kinds != ChunkKind.SUMMARY.value
        )
        self._context_rows = np.flatnonzero(
            (self.kinds == ChunkKind.SUMMARY.value) | (self.roles == Role.BACKGROUND.value)
        )
        # A topic counts as covered when any unit, heading, title or theme names it.
        self.coverage_of = self.glossary.coverage(
            [c.context_text for c in index.chunks] + [t for r in index.reviews for t in r.themes]
        )
        self.frequency = index.keywords.document_frequency()

    @property
    def approximate(self) -> bool:
        return self.index.vectors.approximate or self.index.local_vectors.approximate

    @cached_property
    def _searches(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=2, thread_name_prefix="vector-search")

    def prepare(self, texts: Sequence[str]) -> list[Query]:
        """Each text expanded through the glossary, all embedded in one call (embedding is
        most of the cost of a search) and keyword-scored."""
        expanded = [self.glossary.expand(t) for t in texts]
        vectors = self.encoder.encode([e.text for e in expanded]) if texts else []
        return [
            Query(
                text=t,
                expanded=e,
                uncovered=uncovered_topics(e.matches, self.coverage_of),
                coverage=term_coverage(t, e, self.frequency),
                weighted=weighted_coverage(t, e, self.frequency, len(self.index.chunks)),
                vector=v,
                keyword=self.index.keywords.scores(e.text),
            )
            for t, e, v in zip(texts, expanded, vectors, strict=True)
        ]

    def _rows_to_score(
        self, query: np.ndarray, keyword: np.ndarray, allowed, review_question: bool = False
    ) -> np.ndarray | None:
        """Which rows get exact dense scores: all of them (None) for an exact index; for an
        approximate one, the allowed rows under filters, else the nearest rows by each
        signal (any unit in the fused top k is near the top of at least one), and every
        summary when the question is about a review (the prior lifts them after this)."""
        if not self.approximate:
            return None
        if allowed is not None and not allowed.all():
            return np.flatnonzero(allowed)
        k = self.settings.candidates
        # The two graph searches run side by side (FAISS releases the GIL): 2.1 ms, not 3.3,
        # at 128,000 units on 2 cores.
        found = list(
            self._searches.map(
                lambda vectors: vectors.search(query, k)[1],
                (self.index.vectors, self.index.local_vectors),
            )
        )
        matched = np.flatnonzero(keyword > 0)
        found.append(matched[top_rows(keyword[matched], k)])
        if review_question:  # every summary and story: the prior lifts them after this
            found.append(self._context_rows)
        rows = np.unique(np.concatenate(found))
        return rows[(rows >= 0) & (rows < len(self.index.chunks))]

    def signals(self, query: Query, allowed=None, review_question: bool = False) -> Signals:
        rows = self._rows_to_score(query.vector, query.keyword, allowed, review_question)
        return Signals(
            local=self.index.local_vectors.scores(query.vector, rows),
            context=self.index.vectors.scores(query.vector, rows),
            keyword=query.keyword if rows is None else query.keyword[rows],
            rows=rows,
        )

    def search(
        self,
        query: Query,
        emphasis: Emphasis = Emphasis(),
        *,
        k: int | None = None,
        allowed: np.ndarray | None = None,
        lift: np.ndarray | None = None,
    ) -> Retrieval:
        """Rank every unit for the query; `allowed` (a boolean mask) limits the units and
        `lift` (a score per unit) favours some, such as those of a review the question names."""
        s = self.settings
        signals = self.signals(query, allowed, emphasis.wants_background)
        rows = signals.rows  # None: every unit
        fused = fuse_scores(
            signals,
            self.kinds if rows is None else self.kinds[rows],
            self.section_of if rows is None else self.section_of[rows],
            s,
            review_question=emphasis.wants_background,
            roles=self.roles if rows is None else self.roles[rows],
            case_question=emphasis.case or bool(emphasis.aspects),
            next_steps_question=emphasis.next_steps,
        )
        if lift is not None:
            fused = fused + (lift if rows is None else lift[rows])
        if allowed is not None:
            fused = np.where(allowed if rows is None else allowed[rows], fused, -np.inf)
        if (tilt := emphasis_lift(emphasis, self.aspects, self.story_parts, s)) is not None:
            # Within the reviews that already lead: "what went well?" picks a part of the
            # brief the question is about, never another brief's part of good practice.
            review_of = self.review_of if rows is None else self.review_of[rows]
            leading = np.isin(review_of, review_of[top_rows(fused, LEADING_UNITS)])
            fused = fused + np.where(leading, tilt if rows is None else tilt[rows], 0.0)
        if rows is None:
            rows, scores = np.arange(len(fused)), fused
        else:  # units that were not candidates rank below every candidate
            scores = np.full(len(self.index.chunks), -np.inf, dtype=fused.dtype)
            scores[rows] = fused
        hits = tuple(
            ScoredChunk(
                chunk=self.index.chunks[rows[i]],
                score=float(fused[i]),
                dense_score=float(max(signals.local[i], signals.context[i])),
                keyword_score=float(signals.keyword[i]),
            )
            for i in top_rows(fused, k or s.max_citations)
        )
        dense = np.maximum(signals.local, signals.context)[np.isfinite(fused)]
        best_dense = float(dense.max()) if len(dense) else 0.0
        return Retrieval(
            hits,
            query.expanded,
            best_dense,
            query.coverage,
            is_off_topic(
                best_dense,
                query.coverage,
                s,
                weighted=query.weighted,
                recognised=bool(query.expanded.matches),
            ),
            query.uncovered,
            scores,
        )
