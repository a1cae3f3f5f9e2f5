"""The assistant as one object: settings in, answers out. The CLI and the web app use this
and nothing else of the package's insides.

It wires the layers together (index -> retriever and glossary -> intents -> composer, and
the explorer for themes) and dispatches each question on what it asks for
(`assistant.answer.intents`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant import messages
from assistant.answer.compose import abstention, add_missing_twins, compose_answer, with_notice
from assistant.answer.conversation import (
    NEXT_STEPS_SHOWN,
    SECTION_SHOWN,
    STEPS_AFTER_A_POINT,
    around,
    next_steps_of,
    previous_reviews,
)
from assistant.answer.intents import (
    Intent,
    InvalidQuestion,
    Reading,
    clean_question,
    emphasis_of,
    read_question,
)
from assistant.answer.safety import safety_notes
from assistant.index import encoders
from assistant.index.encoders.base import Encoder, ModelNotFound, resolve_model_dir
from assistant.index.live import ensure_index, index_report
from assistant.index.units import MAX_TWINS
from assistant.index.vectors import single_threaded_blas
from assistant.ingest.collection import CorpusError
from assistant.ingest.metadata import parse_kind
from assistant.models import (
    Answer,
    Briefing,
    ChunkKind,
    Comparison,
    Definition,
    GlossaryEntry,
    HandoutItem,
    IndexReport,
    Place,
    Review,
    Role,
    ScoredChunk,
    SearchFilters,
    ThemeCount,
    ThemeView,
)
from assistant.search.filters import filter_mask, review_themes
from assistant.search.glossary import DOMAIN_GLOSSARY, GlossaryError, load_glossary
from assistant.search.naming import ReviewNames
from assistant.search.retrieval import Query, Retrieval, Retriever
from assistant.search.topic import content_terms, without
from assistant.settings import Settings
from assistant.themes.compare import comparison_answer
from assistant.themes.explorer import Explorer, UnknownReview

log = logging.getLogger(__name__)

# What the app and the command line use: the Assistant, what they catch (each error
# carries a message meant for the user), and a few functions of the settings or of text.
__all__ = [
    "Assistant",
    "CorpusError",
    "GlossaryError",
    "InvalidQuestion",
    "ModelNotFound",
    "UnknownReview",
    "model_folder",
    "parse_kind",
    "update_index",
]


def model_folder(settings: Settings) -> Path | None:
    """The embedding model's local folder (which the web app must never serve), if found."""
    try:
        return resolve_model_dir(settings.embedding_model)
    except ModelNotFound:
        return None


def glossary_of(settings: Settings):
    """The domain glossary with the collection's own over it. Raises GlossaryError."""
    return load_glossary(settings.domain_glossary or DOMAIN_GLOSSARY, settings.glossary_path)


def update_index(settings: Settings, *, full: bool = False) -> IndexReport:
    """Bring the index up to date with the corpus folder (everything again with `full`).
    A malformed glossary stops it before anything is read: the answers would need it."""
    glossary_of(settings)
    return index_report(ensure_index(settings, encoders.make_encoder(settings), full=full))


class Assistant:
    def __init__(self, settings: Settings, encoder: Encoder | None = None) -> None:
        self.settings = settings
        self.glossary = glossary_of(settings)  # first: a malformed file stops before the model
        single_threaded_blas()
        self.encoder = encoder or encoders.make_encoder(settings)
        self.index = ensure_index(settings, self.encoder)
        self.chunks_by_id = {c.id: c for c in self.index.chunks}
        self._names = ReviewNames.of(self.index.reviews)
        self._uses: dict[str, np.ndarray] = {}  # glossary term -> rows that use it
        self.retriever = Retriever(self.index, self.encoder, settings.retrieval, self.glossary)
        roles, kinds = self.retriever.roles, self.retriever.kinds
        # Reflective questions are never quoted as learning; the stories of cases (and how
        # reviews were done) only when the question asks about them.
        self._questions = roles == Role.REFLECTIVE.value
        self._stories = (roles == Role.BACKGROUND.value) & (kinds != ChunkKind.SUMMARY.value)
        self.explorer = Explorer(
            self.index, self.encoder, self.glossary, self.retriever.coverage_of, settings
        )

    # --- The collection ------------------------------------------------------------------

    @property
    def reviews(self) -> tuple[Review, ...]:
        return self.index.reviews

    def review(self, review_id: str) -> Review | None:
        return next((r for r in self.reviews if r.id == review_id), None)

    def status(self) -> IndexReport:
        return index_report(self.index)

    def warm_up(self) -> None:
        """Load the embedding model now rather than on the first question."""
        self.encoder.encode(["warm up"])

    @cached_property
    def covered_themes(self) -> list[str]:
        """Themes to suggest when a question is not covered (the same for every answer)."""
        seen: dict[str, None] = {}
        for review in self.reviews:
            for theme in review_themes(review):
                seen.setdefault(theme.strip(), None)
        return list(seen)[:8]

    # --- The glossary ----------------------------------------------------------------------

    def terms(self) -> list[str]:
        """Every glossary term with a meaning, sorted."""
        return sorted(e.term for e in self.glossary.entries if e.meaning)

    def define(self, term: str) -> Definition | None:
        """A term's glossary entry and the passages that use it."""
        entry = next((e for e in self.glossary.entries if e.term == term), None)
        if entry is None:
            return None
        uses = tuple(
            Place(
                id=c.id,
                review=c.review_title,
                review_id=c.review_id,
                section=c.section,
                text=c.text,
                source=c.source,
            )
            for _, c in self._uses_of(entry)
        )
        return Definition(entry=entry, uses=uses)

    def terms_in(self, answer: Answer) -> list[GlossaryEntry]:
        """Glossary terms (with a meaning) in the question or the quoted learning."""
        text = " ".join([answer.question, *(c.text for c in answer.citations if c.quoted)])
        found = {m.entry.term: m.entry for m in self.glossary.find(text) if m.entry.meaning}
        return list(found.values())

    def _uses_of(self, entry: GlossaryEntry):
        """Units (with their row) whose text uses the term itself, in corpus order."""
        if entry.term not in self._uses:  # one pass over every unit's text, once per term
            self._uses[entry.term] = self.glossary.rows_using(entry, self.index.unit_texts)
        return [(int(r), self.index.chunks[r]) for r in self._uses[entry.term]]

    # --- Themes, comparisons and briefings ----------------------------------------------------

    def themes(self) -> list[ThemeCount]:
        """Every theme with the number of reviews that speak to it, most first."""
        return self.explorer.counts()

    def theme(self, topic: str) -> ThemeView:
        """What the collection says on a theme or any topic. Raises InvalidQuestion."""
        return self.explorer.view(clean_question(topic, self.settings.max_question_chars))

    def compare(self, left: str, right: str, topic: str = "") -> Comparison:
        """Two reviews (by id, title or distinctive title words) side by side, on a topic or
        across all their learning. Raises UnknownReview."""
        return self.explorer.compare(left, right, " ".join(topic.split())[:200])

    def briefing(self, topic: str) -> Briefing:
        """A 7-minute briefing on a theme or topic. Raises InvalidQuestion."""
        return self.explorer.briefing(clean_question(topic, self.settings.max_question_chars))

    def briefing_from(self, items: Sequence[HandoutItem], title: str = "") -> Briefing:
        """A 7-minute briefing from the excerpts a trainer has collected."""
        return self.explorer.briefing_from_handout(items, title)

    # --- Questions ---------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        filters: SearchFilters | None = None,
        previous: Answer | None = None,
    ) -> Answer:
        """Answer one question, optionally narrowed by filters or following up `previous`.

        Raises InvalidQuestion for input that cannot be searched."""
        text = clean_question(question, self.settings.max_question_chars)
        allowed = filter_mask(self.index.chunks, self.reviews, filters)
        if not allowed.any():
            answer = abstention(text, self.covered_themes, messages.NO_MATCHING_REVIEWS)
        else:
            reading = read_question(
                text,
                glossary=self.glossary,
                reviews=self.reviews,
                names=self._names,
                previous=previous,
                case_words=self.settings.retrieval.case_words,
            )
            hidden = self._questions
            if not reading.emphasis.wants_background:
                hidden = hidden | self._stories
            answer = self._answer(reading, filters, allowed & ~hidden)
        return with_notice(answer, safety_notes(text))

    def _answer(
        self, reading: Reading, filters: SearchFilters | None, allowed: np.ndarray, preface=""
    ) -> Answer:
        match reading.intent:
            case Intent.COMPARISON:
                return self._compare(reading, allowed)
            case Intent.THEME:
                return self._theme(reading, filters, allowed)
            case Intent.FOLLOW_UP_STEPS | Intent.FOLLOW_UP_POINT:
                return self._follow_up(reading, allowed)
            case Intent.DEFINITION:
                return self._define(reading, filters, allowed)
            case _:
                return self._question(reading, filters, allowed, preface)

    def _compare(self, reading: Reading, allowed: np.ndarray) -> Answer:
        open_to = self._open_reviews(allowed)
        titles = {r.id: r.title for r in self.reviews}
        left_out = [titles[rid] for rid in reading.compared if rid not in open_to]
        if left_out:
            return abstention(reading.question, [], messages.filters_leave_out(left_out))
        comparison = self.explorer.compare(*reading.compared, reading.topic)
        return comparison_answer(reading.question, comparison)

    def _theme(self, reading: Reading, filters: SearchFilters | None, allowed: np.ndarray):
        """ "What keeps coming up about X?": the theme view. A topic nothing names as such
        still gets the closest learning (the ordinary search reaches further), introduced
        as exactly that."""
        reviews = self._open_reviews(allowed)
        scope = None if len(reviews) == len(self.reviews) else reviews
        view = self.explorer.view(reading.topic, scope)
        if view.answer.abstained:
            preface = f"{view.answer.note} {messages.CLOSEST_LEARNING}"
            return self._answer(reading.after(Intent.THEME), filters, allowed, preface)
        return view.answer.model_copy(update={"question": reading.question})

    def _open_reviews(self, allowed: np.ndarray) -> set[str]:
        return {c.review_id for c, ok in zip(self.index.chunks, allowed, strict=True) if ok}

    def _search(
        self, reading: Reading, filters: SearchFilters | None, allowed: np.ndarray
    ) -> tuple[Query, Retrieval] | Answer:
        """The question searched within the filters, or a refusal when the filtered reviews
        hold nothing close but others do (rather than quoting weak matches)."""
        (query,) = self.retriever.prepare([reading.question])
        lift = self._lift(reading)
        retrieval = self.retriever.search(query, reading.emphasis, allowed=allowed, lift=lift)
        if filters is not None and filters.active and not retrieval.uncovered:
            overall = self.retriever.search(query, reading.emphasis, lift=lift)
            if not overall.off_topic and overall.hits:
                gap = overall.best_dense - retrieval.best_dense
                if retrieval.off_topic or gap >= self.settings.retrieval.filter_gap:
                    where = overall.hits[0].chunk
                    reason = messages.better_without_filters(where.review_title, where.section)
                    return abstention(reading.question, [], reason)
        return query, retrieval

    def _lift(self, reading: Reading) -> np.ndarray | None:
        """The units of the reviews the question names, lifted: "the Adult J SAR" asks
        about that review first."""
        if not reading.named:
            return None
        named = set(reading.named)
        mine = np.array([c.review_id in named for c in self.index.chunks])
        return np.where(mine, self.settings.retrieval.named_review_bias, 0.0)

    def _question(
        self, reading: Reading, filters: SearchFilters | None, allowed: np.ndarray, preface: str
    ) -> Answer:
        found = self._search(reading, filters, allowed)
        if isinstance(found, Answer):
            return found
        _, retrieval = found
        if reading.places and not retrieval.off_topic and self._only_a_place(reading, allowed):
            return abstention(reading.question, self.covered_themes, messages.NO_ANSWER)
        if retrieval.uncovered:
            return self._partly_covered(reading.question, retrieval, allowed)
        if retrieval.off_topic or not retrieval.hits:
            return abstention(reading.question, self.covered_themes, messages.NO_ANSWER)
        return self._compose(reading.question, retrieval.hits, preface)

    def _only_a_place(self, reading: Reading, allowed: np.ndarray) -> bool:
        """Is the question on-topic only because it names a partnership's place ("is it
        going to rain in Leeds?")? It is asked again without the place."""
        places = "|".join(re.escape(p) for p in reading.places)
        pattern = (
            rf"(?i)\b(?:(?:in|at|for|from|of|near|around|across)\s+)?(?:the\s+)?(?:{places})\b"
        )
        bare = " ".join(re.sub(pattern, " ", reading.question).split())
        if len(bare.split()) < 2:
            return True
        (query,) = self.retriever.prepare([bare])
        return self.retriever.search(query, reading.emphasis, allowed=allowed).off_topic

    def _compose(self, question: str, hits: Sequence[ScoredChunk], preface="", **options):
        hits = add_missing_twins(hits, self.chunks_by_id)
        return compose_answer(question, hits, self.settings.retrieval, preface, **options)

    def _partly_covered(self, question: str, retrieval: Retrieval, allowed: np.ndarray) -> Answer:
        """The question names a topic no review mentions. Say so; answer the rest of the
        question only if it still stands on its own against the corpus."""
        reason = messages.not_covered(list(dict.fromkeys(m.text for m in retrieval.uncovered)))
        rest = without(question, retrieval.uncovered)
        if len(content_terms(rest)) >= 2:  # "when should an be referred to the?" is not
            (query,) = self.retriever.prepare([rest])
            emphasis = emphasis_of(rest, self.settings.retrieval.case_words)
            other = self.retriever.search(query, emphasis, allowed=allowed)
            strong = other.best_dense >= self.settings.retrieval.remainder_dense_score
            if strong and not other.off_topic and not other.uncovered and other.hits:
                preface = f"{reason} {messages.ON_THE_REST}"
                return self._compose(question, other.hits, preface)
        return abstention(question, self.covered_themes, reason)

    def _follow_up(self, reading: Reading, allowed: np.ndarray) -> Answer:
        """Answer from the previous answer's reviews rather than searching afresh."""
        previous = reading.previous
        assert previous is not None  # a follow-up is only read with a previous answer
        if previous.abstained or not previous.citations:
            return abstention(reading.question, self.covered_themes, messages.NOTHING_TO_FOLLOW)
        chunks = self.index.chunks
        emphasis = emphasis_of(previous.question, self.settings.retrieval.case_words)
        if reading.intent == Intent.FOLLOW_UP_STEPS:
            (asked,) = self.retriever.prepare([previous.question])
            steps = allowed & next_steps_of(chunks, previous_reviews(previous))
            hits = self.retriever.search(asked, emphasis, k=NEXT_STEPS_SHOWN, allowed=steps).hits
            preface = messages.NEXT_STEPS_FROM_LAST_ANSWER
        else:
            point = reading.point
            assert point is not None  # a previous answer with citations has the point
            section, steps = around(chunks, point)
            asked, said = self.retriever.prepare([previous.question, point.text])
            hits = (
                self.retriever.search(
                    asked, emphasis, k=SECTION_SHOWN, allowed=allowed & section
                ).hits
                + self.retriever.search(
                    said,
                    emphasis_of(point.text, self.settings.retrieval.case_words),
                    k=STEPS_AFTER_A_POINT,
                    allowed=allowed & steps,
                ).hits
            )
            preface = messages.more_from(point.review, point.section)
        if not hits:
            return abstention(reading.question, self.covered_themes, messages.NO_ANSWER)
        return self._compose(reading.question, hits, preface, quote_all=True)

    def _define(self, reading: Reading, filters: SearchFilters | None, allowed: np.ndarray):
        """A glossary meaning, then the corpus passages that use the term, best first."""
        entry = reading.term
        assert entry is not None  # a definition is only read for an entry with a meaning
        preface = messages.glossary_meaning(entry.meaning)
        using = np.zeros(len(self.index.chunks), dtype=bool)
        using[[r for r, _ in self._uses_of(entry)]] = True
        using &= allowed
        if using.any() and not (filters is not None and filters.active):
            # Passages use the term and no filter can refuse: the broad search is not needed.
            (query,) = self.retriever.prepare([reading.question])
        else:
            found = self._search(reading, filters, allowed)
            if isinstance(found, Answer):
                return found
            query, retrieval = found
        if using.any():
            # Ranked among themselves, so each is scored exactly even where the vector
            # index is approximate; enough for max_citations distinct passages even if
            # each has all its twins.
            limit = self.settings.retrieval.max_citations * (MAX_TWINS + 1)
            hits = self.retriever.search(query, reading.emphasis, k=limit, allowed=using).hits
            return self._compose(
                reading.question, hits, f"{preface}\n\n{messages.WHERE_THE_REVIEWS_USE_IT}"
            )
        if self.retriever.coverage_of.get(entry.term) and retrieval.hits:
            return self._compose(
                reading.question,
                retrieval.hits,
                f"{preface}\n\n{messages.TERM_NOT_USED_CLOSEST}",
            )
        reason = messages.term_not_used(preface, entry.term)
        return abstention(reading.question, self.covered_themes, reason)
