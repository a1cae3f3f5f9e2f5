"""The whole domain as pydantic types: reviews as published, the chunks we index, and answers.

Every value object is frozen and forbids unknown fields, so a typo or a stale index file
fails loudly instead of silently carrying wrong data.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# Text that many objects hold (a review's title in each of its units, a unit's text in its
# review and its chunk, twin ids): one copy in memory, however many hold it. At 100,000
# units this is the difference between fitting in 1.5 GB and not.
Shared = Annotated[str, AfterValidator(sys.intern)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReviewKind(StrEnum):
    """What sort of review a brief reports on."""

    JOINT_INSPECTION_AUDIT = "joint inspection audit"
    # Child safeguarding practice reviews replaced serious case reviews in 2018; one kind.
    SERIOUS_CASE_REVIEW = "serious case review"
    RAPID_REVIEW = "rapid review"
    SAFEGUARDING_ADULTS_REVIEW = "safeguarding adults review"
    APPRECIATIVE_INQUIRY = "appreciative inquiry"
    THEMATIC = "thematic"
    SEVEN_MINUTE_BRIEFING = "7-minute briefing"
    OTHER = "other review"


class ChunkKind(StrEnum):
    """The citable units of a review."""

    LEARNING_POINT = "learning point"
    NEXT_STEP = "next step"
    SUMMARY = "summary"


class Role(StrEnum):
    """What a part of a brief is, whatever its heading says. Learning and actions are what
    answers quote; background is the case and the review itself, quoted when asked about;
    reflective questions go to briefings. (Resources and page furniture are not kept.)"""

    LEARNING = "learning"
    ACTION = "action"
    REFLECTIVE = "reflective"
    BACKGROUND = "background"


SUMMARY_HEADING = "Summary"
NEXT_STEPS_HEADING = "Your next steps"


class SourceRef(Frozen):
    """Where a piece of text sits in its source document."""

    file: Shared = Field(description="Path of the source file, relative to the corpus folder.")
    line: int = Field(
        ge=1,
        description="1-based line where the text starts (text, Markdown, HTML), or its "
        "1-based position among the document's blocks (PDF, Word).",
    )
    page: int | None = Field(default=None, ge=1, description="1-based PDF page, if any.")

    @property
    def label(self) -> str:
        """Where to look, in the document's own terms: 'page 3', 'paragraph 12', 'line 40'."""
        if self.page is not None:
            return f"page {self.page}"
        if self.file.lower().endswith((".docx", ".pdf")):
            return f"paragraph {self.line}"
        return f"line {self.line}"


class LearningPoint(Frozen):
    """One bullet of key learning, quoted verbatim (runs of whitespace collapsed)."""

    id: Shared = Field(description="Stable id: review slug, section slug and a hash of the text.")
    text: Shared = Field(min_length=1, description="The bullet's text exactly as published.")
    position: int = Field(ge=1, description="1-based position of the bullet in its section.")
    source: SourceRef


class Section(Frozen):
    """A heading and the bullets or paragraphs under it, with what they are."""

    heading: Shared = Field(description="The heading exactly as published, e.g. 'Forced marriage'.")
    points: tuple[LearningPoint, ...] = Field(description="Bullets in published order.")
    source: SourceRef
    role: Role = Field(default=Role.LEARNING, description="What the section's text is.")
    theme: bool = Field(
        default=True,
        description="The heading names a theme of the brief (a topic of its learning), not a "
        "part of it ('Key findings', 'Case 1', 'Background').",
    )


class NextStep(Frozen):
    """One item of 'Your next steps'; lead-in items before the numbered list have no number."""

    id: Shared = Field(description="Stable id: review slug and a hash of the text.")
    number: int | None = Field(description="The published number, or None for a lead-in item.")
    position: int = Field(ge=1, description="1-based position among the review's next steps.")
    text: Shared = Field(min_length=1, description="The item's text exactly as published.")
    source: SourceRef


class Review(Frozen):
    """One published review brief: themes, summary, key learning and next steps."""

    id: Shared = Field(description="Stable slug of the title, unique within the corpus.")
    title: Shared = Field(description="The full title as published, lines joined by a space.")
    kind: ReviewKind = Field(description="What sort of review this is, inferred from its text.")
    themes: tuple[str, ...] = Field(default=(), description="Listed themes, in order.")
    summary: Shared = Field(default="", description="The summary paragraphs, verbatim.")
    summary_id: str = Field(default="", description="Stable id of the summary as a unit.")
    sections: tuple[Section, ...] = Field(default=(), description="Key-learning sections.")
    next_steps: tuple[NextStep, ...] = Field(default=(), description="'Your next steps' items.")
    next_steps_heading: str = Field(
        default=NEXT_STEPS_HEADING,
        description="The next steps' heading as published ('Recommendations', 'What to do'...).",
    )
    source: SourceRef = Field(description="Where the title appears.")
    order: int = Field(ge=1, description="1-based position of the review within its file.")
    published: dt.date | None = Field(
        default=None, description="Publication date, when the brief or its metadata gives one."
    )
    year: int | None = Field(default=None, description="Year of the review, when known.")
    partnership: str = Field(default="", description="The safeguarding partnership or board.")
    source_url: str = Field(default="", description="Where the brief is published, if known.")
    content_hash: str = Field(default="", description="sha256 of the source file's bytes.")

    @property
    def theme_names(self) -> list[str]:
        """Names the review gives its themes: its Themes list and the headings of its
        learning and actions that name a topic."""
        return [*self.themes, *(s.heading for s in self.sections if s.theme)]


class ParsedSource(Frozen):
    """What one corpus file yielded, kept per file so unchanged files are not parsed again."""

    file: str = Field(description="Path relative to the corpus folder.")
    key: str = Field(description="sha256 of the file, and of its sidecar metadata if any.")
    reviews: tuple[Review, ...] = Field(default=(), description="Reviews, before de-duplication.")
    warnings: tuple[str, ...] = Field(default=(), description="One line each, naming the file.")
    error: str = Field(default="", description="Why nothing was indexed from it, if so.")
    dropped: int = Field(
        default=0, ge=0, description="Lines of page furniture and resources left out."
    )


class Chunk(Frozen):
    """A citable unit: what is embedded (with context) and what is quoted (verbatim)."""

    id: Shared = Field(description="Stable id, equal to the id of the unit it comes from.")
    kind: ChunkKind
    review_id: Shared
    review_title: Shared = Field(description="Full title of the review, as published.")
    review_kind: ReviewKind
    section: Shared = Field(description="'Summary', 'Your next steps' or the key-learning heading.")
    position: int = Field(ge=1, description="1-based position within its section.")
    number: int | None = Field(default=None, description="Published number of a next step.")
    text: Shared = Field(description="The verbatim text that is quoted and cited.")
    role: Role = Field(default=Role.LEARNING, description="What the unit's text is.")
    twins: tuple[Shared, ...] = Field(
        default=(), description="Ids of near-identical units in other reviews."
    )
    source: SourceRef

    @property
    def context_text(self) -> str:
        """What retrieval sees: the unit in its place (review title and section heading).
        Derived rather than stored: it would double the text held for every unit."""
        return f"{self.review_title} \u203a {self.section}: {self.text}"

    @property
    def local_text(self) -> str:
        """The unit under its heading, without the review title."""
        return f"{self.section}: {self.text}"


class Place(Frozen):
    """Another review where the same learning appears almost word for word."""

    id: str
    review: str
    review_id: str
    section: str
    text: str = Field(description="That review's own verbatim text of the learning.")
    source: SourceRef


class Citation(Frozen):
    """One retrieved unit, as returned to a user."""

    marker: int = Field(ge=1, description="The [n] marker used for this unit in the answer.")
    id: str
    review: str = Field(description="Full title of the review.")
    review_id: str
    section: str = Field(description="Heading as published: key-learning heading, etc.")
    kind: ChunkKind
    role: Role = Field(default=Role.LEARNING, description="What the unit's text is.")
    position: int = Field(ge=1, description="1-based position within its section.")
    number: int | None = Field(default=None, description="Published number of a next step.")
    text: str = Field(description="Verbatim text of the unit.")
    score: float = Field(description="Fused retrieval score; higher is better.")
    quoted: bool = Field(description="True when the answer text quotes this unit.")
    source: SourceRef
    also_in: tuple[Place, ...] = Field(
        default=(), description="Other reviews with the same learning, shown once."
    )


class ScoredChunk(Frozen):
    """A chunk with the evidence the retriever found for it."""

    chunk: Chunk
    score: float = Field(
        description="Fused score (weighted sum of the evidence); higher is better."
    )
    dense_score: float = Field(description="Cosine similarity of query and chunk embeddings.")
    keyword_score: float = Field(description="BM25 score of the chunk for the query.")


class Answer(Frozen):
    """An extractive answer: verbatim quotes with their citations, or a plain abstention."""

    question: str
    abstained: bool = Field(description="True when nothing in the corpus answers the question.")
    text: str = Field(description="The answer as readable text with [n] markers.")
    citations: tuple[Citation, ...] = Field(description="Cited units, best first.")
    note: str = Field(
        default="",
        description="The answer's own words before the quotes (a glossary line, a heading "
        "for a follow-up, or the whole message when abstaining); never corpus learning.",
    )
    comparison: Comparison | None = Field(
        default=None, description="Set when the question compared two reviews side by side."
    )

    def quoted_citations(self) -> list[Citation]:
        """The citations the answer quotes, in the order of their [n] markers."""
        return sorted((c for c in self.citations if c.quoted), key=lambda c: c.marker)


class IndexManifest(Frozen):
    """What an index folder was built from; any mismatch on load triggers a rebuild."""

    format_version: int = Field(description="Layout version of the index folder.")
    model_id: str = Field(description="Embedding model as configured.")
    model_fingerprint: str = Field(description="sha256 of the model's weight files.")
    dimension: int = Field(ge=1, description="Embedding dimension.")
    corpus_fingerprint: str = Field(description="sha256 over every corpus file's name and hash.")
    corpus_files: dict[str, str] = Field(description="sha256 of each corpus file.")
    chunker_version: str
    counts: dict[str, int] = Field(description="Reviews, chunks, and chunks of each kind.")
    files: dict[str, str] = Field(description="sha256 of every artifact, by relative path.")
    built_at: str = Field(description="UTC time of the build, ISO 8601.")
    versions: dict[str, str] = Field(description="Versions of the libraries that built it.")


class EvalQuestion(Frozen):
    """One line of an evaluation file (the ../shared/eval format)."""

    q: str = Field(description="The question as a user would type it.")
    gold: tuple[tuple[str, str], ...] = Field(
        description="(review key, section heading) pairs; empty means the question is off-topic."
    )
    expect: str | None = Field(None, description="Phrase expected in one of the top 3 texts.")
    style: str = Field(default="", description="How it is asked: everyday, scenario, acronym...")
    brief: str = Field(default="", description="The file of the brief it was written for.")


class EvalMiss(Frozen):
    question: str
    problem: str = Field(description="'MISS@1', 'NOT IN TOP 5', 'ABSTAINED' or 'NOT ABSTAINED'.")
    top: tuple[str, ...] = Field(description="The first three citations as review › section.")


class EvalReport(Frozen):
    """Retrieval quality over a question file, scored as ../shared/eval/score.py does."""

    n: int = Field(description="On-topic questions.")
    hit1: float
    recall5: float
    mrr: float
    expect3: float
    false_abstain: int = Field(description="On-topic questions wrongly abstained.")
    off_topic: int = Field(description="Off-topic questions.")
    off_topic_abstained: int
    misses: tuple[EvalMiss, ...]


class GlossaryEntry(Frozen):
    """A term as practitioners type it, and the reviews' words for the same idea."""

    term: str = Field(min_length=1, description="Word, phrase or acronym as people type it.")
    aliases: tuple[str, ...] = Field(default=(), description="Other spellings that match.")
    expansions: tuple[str, ...] = Field(default=(), description="What an acronym stands for.")
    synonyms: tuple[str, ...] = Field(default=(), description="The reviews' own words for it.")
    meaning: str = Field(default="", description="One plain-English line; may be empty.")
    match_case: bool = Field(
        default=False,
        description="Forms in capitals match only in capitals (LA, not 'la').",
    )
    topic: bool = Field(
        default=False,
        description="A safeguarding topic: if the corpus never mentions it, questions about "
        "it are told it is not covered.",
    )


class SearchFilters(Frozen):
    """Narrow a search to some reviews; empty fields do not filter."""

    reviews: tuple[str, ...] = Field(default=(), description="Review ids to search within.")
    kinds: tuple[ReviewKind, ...] = Field(default=(), description="Kinds of review to search.")
    themes: tuple[str, ...] = Field(
        default=(), description="Themes (or section headings) a review must have."
    )
    since: int | None = Field(default=None, description="Earliest year; undated reviews drop.")
    until: int | None = Field(default=None, description="Latest year; undated reviews drop.")

    @property
    def active(self) -> bool:
        return bool(
            self.reviews
            or self.kinds
            or self.themes
            or self.since is not None
            or self.until is not None
        )


class HandoutItem(Frozen):
    """One cited excerpt a trainer kept for a session handout."""

    citation: Citation
    question: str = Field(default="", description="The question whose answer it came from.")


class ThemeCount(Frozen):
    """One theme of the collection and how many reviews speak to it."""

    name: str = Field(description="The theme's most used published name.")
    variants: tuple[str, ...] = Field(description="Every published name merged into it.")
    reviews: int = Field(ge=0, description="Reviews that list it or hold learning on it.")


class ThemeView(Frozen):
    """Everything the collection says on one theme or topic, counted across reviews."""

    topic: str = Field(description="The theme or topic as the user named it.")
    theme: str = Field(default="", description="The collection's theme it matched, if any.")
    review_ids: tuple[str, ...] = Field(description="Reviews that speak to it, best first.")
    reviews: tuple[str, ...] = Field(description="Titles of those reviews, in the same order.")
    total_reviews: int = Field(ge=0, description="Reviews in the collection (or the filter).")
    answer: Answer = Field(
        description="One cited point from each review, then the next steps that go with them."
    )
    related: tuple[str, ...] = Field(default=(), description="Other themes close in meaning.")


class ComparisonRow(Frozen):
    """A line of a side-by-side comparison; a shared row holds the same learning twice."""

    left: Citation | None = None
    right: Citation | None = None
    shared: bool = Field(False, description="Both reviews hold this learning almost verbatim.")


class Comparison(Frozen):
    """What two reviews said, on a topic or in full, side by side and cited."""

    topic: str = Field(default="", description="The topic compared; empty for everything.")
    left_id: str
    left: str = Field(description="Title of the first review.")
    right_id: str
    right: str = Field(description="Title of the second review.")
    rows: tuple[ComparisonRow, ...]
    note: str = Field(default="", description="The assistant's own framing line.")


class Excerpt(Frozen):
    """A verbatim passage of a longer unit (whole sentences); `cut` marks an omission."""

    text: str
    cut: bool = Field(description="True when the unit goes on after this text.")
    citation: str = Field(description="review › section, for the line under the quote.")
    source: SourceRef
    also_in: tuple[str, ...] = Field(
        default=(), description="Other reviews' units that open with the same words."
    )


class Briefing(Frozen):
    """A one-page 7-minute briefing: quoted learning plus clearly marked framing."""

    title: str
    background: tuple[Excerpt, ...] = Field(description="From the reviews' summaries.")
    why_it_matters: tuple[str, ...] = Field(
        description="The assistant's own sentences (counts, glossary meaning), not quotes."
    )
    key_learning: tuple[Citation, ...] = Field(description="Verbatim, cited learning points.")
    what_to_do: tuple[Citation, ...] = Field(description="Verbatim, cited next steps.")
    questions: tuple[str, ...] = Field(description="Three reflective questions for the team.")


Answer.model_rebuild()
ThemeView.model_rebuild()


class Definition(Frozen):
    """A glossary term and the passages of the collection that use it."""

    entry: GlossaryEntry
    uses: tuple[Place, ...] = Field(description="Units that use the term, in corpus order.")


class IndexReport(Frozen):
    """What the live index holds and, when this process built it, what the build did."""

    path: str = Field(description="The live build's folder.")
    files: int = Field(ge=0, description="Corpus files the build read.")
    reviews: int = Field(ge=0)
    learning_points: int = Field(ge=0)
    next_steps: int = Field(ge=0)
    summaries: int = Field(ge=0)
    units: int = Field(ge=0, description="Citable units: points, steps and summaries.")
    built: bool = Field(description="True when this process built or updated the index.")
    added: tuple[str, ...] = Field(default=(), description="Files new since the last build.")
    changed: tuple[str, ...] = Field(default=(), description="Files changed since then.")
    removed: tuple[str, ...] = Field(default=(), description="Files gone since then.")
    unchanged: int = Field(default=0, ge=0, description="Files read from the last build.")
    embedded: int = Field(default=0, ge=0, description="Texts sent to the model.")
    reused: int = Field(default=0, ge=0, description="Texts whose vectors were reused.")
    failed: tuple[str, ...] = Field(default=(), description="One line per unreadable file.")
    dropped: int = Field(default=0, ge=0, description="Lines of furniture and resources left out.")
    warnings: tuple[str, ...] = Field(default=(), description="Lines a reader could not place.")
