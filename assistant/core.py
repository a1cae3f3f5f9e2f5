"""The assistant as one object: settings in, answers out. Used by the CLI and the UI.

It wires the layers together (corpus -> index -> retriever -> composer) and owns the
policy of rebuilding an index that is missing, stale or corrupt.
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from functools import cached_property

import numpy as np

from assistant.answer.compose import (
    NO_ANSWER,
    abstention,
    add_missing_twins,
    compose_answer,
    not_covered,
    with_notice,
)
from assistant.answer.conversation import FollowUp, detect_follow_up, previous_reviews
from assistant.answer.safety import safety_notes
from assistant.index.build import PreviousBuild, build_index, build_lock, read_previous
from assistant.index.encoders.base import Encoder, SentenceTransformerEncoder
from assistant.index.encoders.onnx import OnnxEncoder, OnnxUnsupported
from assistant.index.store import IndexInvalid, LoadedIndex, load_index
from assistant.index.units import MAX_TWINS
from assistant.index.vectors import single_threaded_blas
from assistant.ingest.collection import load_corpus
from assistant.models import Answer, Chunk, ChunkKind, GlossaryEntry, Review, SearchFilters
from assistant.search.glossary import load_glossary
from assistant.search.retrieval import Retrieval, Retriever, filter_mask, review_themes, without
from assistant.settings import Settings
from assistant.themes.explorer import Explorer
from assistant.themes.names import theme_question
from assistant.themes.views import comparison_answer, comparison_question, find_reviews, names_only

log = logging.getLogger(__name__)

NOTHING_TO_FOLLOW = (
    "There is no earlier answer with learning to follow up; please ask the whole question."
)
NO_MATCHING_REVIEWS = "No reviews match the filters you chose; clear a filter and ask again."
EMPTY_QUESTION = "Please type a question, for example: what did reviews say about forced marriage?"


class InvalidQuestion(ValueError):
    """A question that cannot be searched; the message is meant for the user."""


def clean_question(question: str, max_chars: int) -> str:
    """Strip control characters and surrounding space; reject empty or over-long input."""
    if len(question) > 4 * max_chars:  # far too long: say so before reading it all
        raise InvalidQuestion(
            f"That question is {len(question)} characters long; please keep it under {max_chars}."
        )
    # Control characters become spaces so that "a\x01b" stays two words.
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in question)
    text = " ".join(text.split())
    if not text:
        raise InvalidQuestion(EMPTY_QUESTION)
    if len(text) > max_chars:
        raise InvalidQuestion(
            f"That question is {len(text)} characters long; please keep it under {max_chars}."
        )
    return text


def covered_themes(reviews: tuple[Review, ...], limit: int = 8) -> list[str]:
    """Distinct themes (or section headings) across reviews, for pointing a user elsewhere."""
    seen: dict[str, None] = {}
    for review in reviews:
        for theme in review_themes(review):
            seen.setdefault(theme.strip(), None)
    return list(seen)[:limit]


def ensure_index(settings: Settings, encoder: Encoder, *, full: bool = False) -> LoadedIndex:
    """Load the index, rebuilding it (and saying why) when missing, stale or corrupt.

    A rebuild parses and embeds only what changed since the live build, unless `full`."""
    where = (settings.index_dir, settings.corpus_dir, encoder, settings.max_file_bytes)
    if not full:
        try:
            return load_index(*where)
        except IndexInvalid as exc:
            log.warning("rebuilding the index: %s", exc)
    with build_lock(settings.index_dir):
        if not full:  # another process may have rebuilt it while we waited
            with contextlib.suppress(IndexInvalid):
                return load_index(*where)
        previous = read_previous(settings.index_dir, encoder)
        corpus = load_corpus(
            settings.corpus_dir,
            previous.sources,
            settings.max_file_bytes,
            reuse=previous.parses_current and not full,
        )
        if full:
            previous = PreviousBuild(previous.sources, {}, {}, parses_current=False)
        return build_index(
            corpus, encoder, settings.index_dir, previous, settings.exact_search_limit
        )


def make_encoder(settings: Settings) -> Encoder:
    """The configured encoder; the one place the CLI and UI get theirs (tests swap it)."""
    if settings.encoder_backend == "onnx":
        try:
            return OnnxEncoder(settings.embedding_model, settings.encoder_dir, settings.batch_size)
        except OnnxUnsupported as exc:
            log.warning("embedding with torch: ONNX Runtime cannot run this model (%s)", exc)
    return SentenceTransformerEncoder(settings.embedding_model, batch_size=settings.batch_size)


class Assistant:
    def __init__(self, settings: Settings, encoder: Encoder | None = None) -> None:
        self.settings = settings
        single_threaded_blas()
        self.encoder = encoder or make_encoder(settings)
        self.index = ensure_index(settings, self.encoder)
        self.chunks_by_id = {c.id: c for c in self.index.chunks}
        self._uses: dict[str, np.ndarray] = {}  # glossary term -> rows that use it
        self.glossary = load_glossary(settings.glossary_path)
        self.retriever = Retriever(self.index, self.encoder, settings.retrieval, self.glossary)
        self.explorer = Explorer(
            self.index, self.encoder, self.glossary, self.retriever.coverage_of, settings
        )

    @property
    def reviews(self) -> tuple[Review, ...]:
        return self.index.reviews

    @cached_property
    def covered_themes(self) -> list[str]:
        """Themes to suggest when a question is not covered (the same for every answer)."""
        return covered_themes(self.reviews)

    def uses_of(self, entry: GlossaryEntry) -> list[tuple[int, Chunk]]:
        """Units (with their row) whose text uses the term itself, in corpus order."""
        if entry.term not in self._uses:  # one pass over every unit's text, once per term
            self._uses[entry.term] = self.glossary.rows_using(entry, self.index.unit_texts)
        return [(int(r), self.index.chunks[r]) for r in self._uses[entry.term]]

    def terms_in(self, answer: Answer) -> list[GlossaryEntry]:
        """Glossary terms (with a meaning) in the question or the quoted learning."""
        text = " ".join([answer.question, *(c.text for c in answer.citations if c.quoted)])
        found = {m.entry.term: m.entry for m in self.glossary.find(text) if m.entry.meaning}
        return list(found.values())

    def warm_up(self) -> None:
        """Load the embedding model now rather than on the first question."""
        self.encoder.encode(["warm up"])

    def ask(
        self,
        question: str,
        filters: SearchFilters | None = None,
        previous: Answer | None = None,
    ) -> Answer:
        """Answer one question, optionally narrowed by filters or following up `previous`.

        Raises InvalidQuestion for input that cannot be searched."""
        text = clean_question(question, self.settings.max_question_chars)
        return with_notice(self._answer(text, filters, previous), safety_notes(text))

    def _answer(self, text: str, filters: SearchFilters | None, previous: Answer | None) -> Answer:
        allowed = filter_mask(self.index.chunks, self.reviews, filters)
        if not allowed.any():
            return abstention(text, self.covered_themes, NO_MATCHING_REVIEWS)
        overview, preface = self._overview(text, allowed)
        if overview is not None:
            return overview
        follow_up = detect_follow_up(text, previous)
        if follow_up is not None and previous is not None:
            if previous.abstained or not previous.citations:
                return abstention(text, self.covered_themes, NOTHING_TO_FOLLOW)
            return self._follow_up(text, follow_up, previous, allowed)
        retrieval = self.retriever.search(text, allowed=allowed)
        if filters is not None and filters.active and not retrieval.uncovered:
            elsewhere = self._better_elsewhere(text, retrieval)
            if elsewhere:
                return abstention(text, [], elsewhere)
        entry = self.glossary.lookup(text)
        if entry is not None:
            return self._define(text, entry, retrieval, allowed)
        if (
            retrieval.uncovered
            and retrieval.best_dense < self.settings.retrieval.remainder_dense_score
        ):
            return self._partly_covered(text, retrieval, allowed)
        if retrieval.off_topic or not retrieval.hits:
            return abstention(text, self.covered_themes, NO_ANSWER)
        return self._compose(text, retrieval.hits, preface)

    def _overview(self, text: str, allowed: np.ndarray) -> tuple[Answer | None, str]:
        """Questions across reviews: "compare the neglect and DA audits on joint working"
        and "what keeps coming up about information sharing?". Returns the answer, or
        none and a preface for the ordinary answer: a theme question nothing names as such
        still gets the closest learning (the ordinary search reaches further), introduced
        as exactly that."""
        compared = comparison_question(text)
        if compared is not None:
            pair, topic = compared
            named = find_reviews(pair, self.reviews, self.glossary, pick=2)
            reviews = [r for rid in named for r in self.reviews if r.id == rid]
            if len(reviews) == 2 and names_only(pair, reviews, self.glossary):
                open_to = {
                    c.review_id for c, ok in zip(self.index.chunks, allowed, strict=True) if ok
                }
                left_out = [r.title for r in reviews if r.id not in open_to]
                if left_out:
                    reason = "The filters you chose leave out " + " and ".join(
                        f"\u201c{t}\u201d" for t in left_out
                    )
                    return abstention(text, [], reason + "; clear them to compare."), ""
                return comparison_answer(text, self.explorer.compare(*named, topic)), ""
        topic = theme_question(text)
        if topic is None:
            return None, ""
        reviews = self._open_reviews(allowed)
        scope = None if len(reviews) == len(self.reviews) else reviews
        view = self.explorer.view(topic, scope)
        if view.answer.abstained:
            return None, f"{view.answer.note} The closest learning:"
        return view.answer.model_copy(update={"question": text}), ""

    def _open_reviews(self, allowed: np.ndarray) -> set[str]:
        return {c.review_id for c, ok in zip(self.index.chunks, allowed, strict=True) if ok}

    def _better_elsewhere(self, question: str, filtered: Retrieval) -> str:
        """With filters on, say so when the filtered reviews hold nothing close but others do,
        rather than quoting weak matches from the filtered reviews."""
        overall = self.retriever.search(question)
        if overall.off_topic or not overall.hits:
            return ""
        gap = overall.best_dense - filtered.best_dense
        if not filtered.off_topic and gap < self.settings.retrieval.filter_gap:
            return ""
        where = overall.hits[0].chunk
        return (
            f"The reviews your filters allow don't cover that. Without the filters, the "
            f"closest learning is in \u201c{where.review_title}\u201d \u203a {where.section}."
        )

    def _compose(self, question: str, hits, preface: str = "", **options) -> Answer:
        hits = add_missing_twins(hits, self.chunks_by_id)
        return compose_answer(question, hits, self.settings.retrieval, preface, **options)

    def _partly_covered(self, question: str, retrieval: Retrieval, allowed: np.ndarray) -> Answer:
        """The question names a topic no review mentions. Say so; answer the rest of the
        question only if it still stands on its own against the corpus."""
        words = list(dict.fromkeys(m.text for m in retrieval.uncovered))
        reason = not_covered(words)
        rest = without(question, retrieval.uncovered)
        if len(rest.split()) >= 2:
            other = self.retriever.search(rest, allowed=allowed)
            strong = other.best_dense >= self.settings.retrieval.remainder_dense_score
            if strong and not other.off_topic and not other.uncovered and other.hits:
                return self._compose(
                    question, other.hits, f"{reason} On the rest of your question:"
                )
        return abstention(question, self.covered_themes, reason)

    def _follow_up(
        self, question: str, follow_up: FollowUp, previous: Answer, allowed: np.ndarray
    ) -> Answer:
        """Answer from the previous answer's reviews rather than searching afresh."""
        chunks = self.index.chunks
        if follow_up.kind == "next steps":
            reviews = set(previous_reviews(previous))
            mask = allowed & np.array(
                [c.kind == ChunkKind.NEXT_STEP and c.review_id in reviews for c in chunks]
            )
            preface = "Next steps from the reviews in the last answer:"
            hits = self.retriever.search(previous.question, k=12, allowed=mask).hits
        else:
            target = follow_up.citation
            assert target is not None
            in_section = allowed & np.array(
                [c.review_id == target.review_id and c.section == target.section for c in chunks]
            )
            steps = allowed & np.array(
                [c.review_id == target.review_id and c.kind == ChunkKind.NEXT_STEP for c in chunks]
            )
            preface = f"More from \u201c{target.review}\u201d \u203a {target.section}:"
            hits = (
                self.retriever.search(previous.question, k=50, allowed=in_section).hits
                + self.retriever.search(target.text, k=2, allowed=steps & ~in_section).hits
            )
        if not hits:
            return abstention(question, self.covered_themes, NO_ANSWER)
        return self._compose(question, hits, preface, quote_all=True)

    def _define(
        self, question: str, entry: GlossaryEntry, retrieval: Retrieval, allowed: np.ndarray
    ) -> Answer:
        """A glossary meaning, then the corpus passages that use the term, best first."""
        preface = f"Glossary (not from the reviews): {entry.meaning}"
        using = np.zeros(len(self.index.chunks), dtype=bool)
        using[[r for r, _ in self.uses_of(entry)]] = True
        using &= allowed
        if using.any():
            # Ranked among themselves, so each is scored exactly even where the vector
            # index is approximate.
            # Enough for max_citations distinct passages even if each has all its twins.
            limit = self.settings.retrieval.max_citations * (MAX_TWINS + 1)
            hits = self.retriever.search(question, k=limit, allowed=using).hits
            return self._compose(question, hits, preface + "\n\nWhere the reviews use it:")
        if self.retriever.coverage_of.get(entry.term) and retrieval.hits:
            return self._compose(
                question,
                retrieval.hits,
                preface + "\n\nThe reviews do not use the term; the closest learning is:",
            )
        reason = f"{preface}\n\nThe reviews in this collection don't mention {entry.term}."
        return abstention(question, self.covered_themes, reason)
