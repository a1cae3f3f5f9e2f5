"""What every format's parser shares: review drafts, and turning a draft into a `Review`.

Pure. A parser fills `ReviewDraft`s as it reads (title, themes, summary paragraphs,
sections of points, next steps, each with the line it starts on); `build_review` turns
a draft into the frozen model with stable ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.ingest.roles import QUOTED, Cue, heading_cue, names_a_case, part_roles
from assistant.models import (
    NEXT_STEPS_HEADING,
    LearningPoint,
    NextStep,
    Review,
    ReviewKind,
    Role,
    Section,
    SourceRef,
)
from assistant.text import slugify, text_hash

CONTINUED_RE = re.compile(
    r"^(?P<base>.+?)\s*(?:[(\[]\s*continued\s*[)\]]|[-\u2013\u2014:,]?\s*\bcontinued)\s*:?$",
    re.IGNORECASE,
)

# Checked against the title first, then the summary; the first match wins.
KIND_PATTERNS: tuple[tuple[ReviewKind, re.Pattern[str]], ...] = (
    (ReviewKind.SEVEN_MINUTE_BRIEFING, re.compile(r"\b(?:7|seven)[- ]minute brief", re.I)),
    (ReviewKind.APPRECIATIVE_INQUIRY, re.compile(r"appreciative inquiry", re.I)),
    (
        ReviewKind.JOINT_INSPECTION_AUDIT,
        re.compile(r"joint targeted area|\bJTAI\b|multi-?agency (?:case )?audit", re.I),
    ),
    (ReviewKind.RAPID_REVIEW, re.compile(r"\brapid reviews?\b", re.I)),
    (
        ReviewKind.SAFEGUARDING_ADULTS_REVIEW,
        re.compile(r"(?i:safeguarding adults? review)|\bSARs?\b"),
    ),
    (
        ReviewKind.SERIOUS_CASE_REVIEW,
        re.compile(r"serious case review|safeguarding practice review|\b(?:L?CSPR|SCR)s?\b", re.I),
    ),
    (ReviewKind.THEMATIC, re.compile(r"\bthematic\b", re.I)),
)
# A title "learning from our reviews", "what our reviews tell us": drawn from several.
FROM_SEVERAL = re.compile(r"\b(?:from|what) (?:our|local|recent) (?:\w+ )?reviews\b", re.I)


def infer_kind(title: str, summary: str, *rest: str) -> ReviewKind:
    """The kind the title names, else the summary, else the rest of the brief's text in
    order ("this rapid review found...")."""
    for n, text in enumerate((title, summary, *rest)):
        for kind, pattern in KIND_PATTERNS:
            if pattern.search(text):
                return kind
        if n == 0 and FROM_SEVERAL.search(title):
            return ReviewKind.THEMATIC
    return ReviewKind.OTHER


def unique_id(base: str, seen: set[str], counters: dict[str, int] | None = None) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not yet in `seen` (which it joins).
    `counters` remembers where each base got to, so many repeats stay linear."""
    candidate, n = base, (counters or {}).get(base, 2)
    while candidate in seen:
        candidate, n = f"{base}-{n}", n + 1
    if counters is not None:
        counters[base] = n
    seen.add(candidate)
    return candidate


@dataclass
class SectionDraft:
    heading: str
    line: int
    points: list[tuple[str, int]] = field(default_factory=list)
    # What the heading's wording says (`roles.Cue`), or None for a topical heading; the
    # points' roles are read from it and from their text when the review is built.
    cue: Cue | None = None
    role: Role | None = None  # set by formats whose structure says it (the page format)


@dataclass
class ReviewDraft:
    title: str
    line: int
    themes: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    next_steps: list[tuple[int | None, str, int]] = field(default_factory=list)
    next_steps_heading: str = NEXT_STEPS_HEADING

    def section(
        self, heading: str, line: int, cue: Cue | None = None, role: Role | None = None
    ) -> SectionDraft:
        """The section for a heading; '<heading> continued' returns the earlier section."""
        if m := CONTINUED_RE.match(heading):
            base = m["base"].rstrip(":").strip().lower()
            for existing in self.sections:
                if existing.heading.rstrip(":").strip().lower() == base:
                    return existing
        self.sections.append(SectionDraft(heading, line, cue=cue, role=role))
        return self.sections[-1]

    @property
    def has_content(self) -> bool:
        return bool(self.summary or any(s.points for s in self.sections) or self.next_steps)


@dataclass(frozen=True)
class ParsedDocument:
    """What one source file yields: its reviews and any lines the parser could not place."""

    title: str
    reviews: tuple[Review, ...]
    warnings: tuple[str, ...]
    # Per review: "Date: ...", "Partnership: ..." lines found in its text, by key.
    metadata: tuple[dict[str, str], ...] = ()
    dropped: int = 0  # lines of resources and page furniture left out


# A declared "topic" that is where a site files the brief, not what it is about.
SITE_SECTION = re.compile(
    r"(?:(?:local|national|serious|rapid|child|children's|adult|adults'?|safeguarding|practice"
    r"|learning|case|thematic|our|latest|published|7[- ]minute)\s+)*(?:reviews?|briefings?"
    r"|briefs|case reviews|publications|resources|news|learning)",
    re.IGNORECASE,
)


def build_review(
    draft: ReviewDraft, file: str, order: int, pages: Mapping[int, int] | None = None
) -> Review:
    """The draft as a `Review`. `pages` maps a draft's line numbers to PDF pages."""
    review_id = slugify(draft.title)
    seen: set[str] = set()
    counters: dict[str, int] = {}

    def where(line: int) -> SourceRef:
        return SourceRef(file=file, line=line, page=(pages or {}).get(line))

    sections = []
    summary_parts = list(draft.summary)
    begun = False  # a part of learning or actions has been read
    for s in draft.sections:
        section_slug = slugify(s.heading)
        cue = s.cue
        roles = [s.role] * len(s.points) if s.role else part_roles(cue, [t for t, _ in s.points])
        story = cue in (Cue.BACKGROUND, Cue.STORY, Cue.SUMMARY)
        if (
            not begun
            and story
            and set(roles) == {Role.BACKGROUND}
            and (cue is Cue.SUMMARY or not summary_parts)
        ):
            # A summary before any learning, or the first story or background when the
            # brief opens with no summary: the review's summary. A headed story after an
            # opening summary ("Rose's story") keeps its heading, to be asked about.
            summary_parts += [t for t, _ in s.points]
            continue
        begun = begun or any(r in QUOTED for r in roles)
        # A topical heading names a theme (a format whose structure says so, or a heading
        # with no cue that is not the label of a case).
        topical = s.role is not None or (
            heading_cue(s.heading) is None and not names_a_case(s.heading)
        )
        # Parts of one role each: a story paragraph and the learning drawn from it may
        # share a heading, and each keeps its place (positions count across the heading).
        start = 0
        for end in range(1, len(s.points) + 1):
            if end < len(s.points) and roles[end] == roles[start]:
                continue
            points = tuple(
                LearningPoint(
                    id=unique_id(f"{review_id}/{section_slug}/{text_hash(text)}", seen, counters),
                    text=text,
                    position=pos,
                    source=where(line),
                )
                for pos, (text, line) in enumerate(s.points[start:end], start=start + 1)
            )
            role = roles[start]
            sections.append(
                Section(
                    heading=s.heading,
                    points=points,
                    source=where(s.line),
                    role=role,
                    theme=role in QUOTED and topical,
                )
            )
            start = end
    summary = "\n\n".join(summary_parts)
    next_steps = tuple(
        NextStep(
            id=unique_id(f"{review_id}/next-steps/{text_hash(text)}", seen, counters),
            number=number,
            position=pos,
            text=text,
            source=where(line),
        )
        for pos, (number, text, line) in enumerate(draft.next_steps, start=1)
    )
    return Review(
        id=review_id,
        title=draft.title,
        kind=infer_kind(
            draft.title, summary, *(t for sec in draft.sections for t, _ in sec.points)
        ),
        themes=tuple(t for t in draft.themes if not SITE_SECTION.fullmatch(t.strip())),
        summary=summary,
        summary_id=f"{review_id}/summary/{text_hash(summary)}" if summary else "",
        sections=tuple(sections),
        next_steps=next_steps,
        next_steps_heading=draft.next_steps_heading,
        source=where(draft.line),
        order=order,
    )
