"""Turn a document outline (headings, paragraphs, list items) into reviews.

Pure. Every structured format (Markdown, HTML, PDF, Word) is first read into an
`Outline`, a flat list of blocks in reading order; this module then finds the reviews in
it the same way for all of them:

- Headings with the usual section names ("Summary", "Key learning", "Next steps",
  "Recommendations", "Reflective questions"...) are *markers*. The heading level just above
  the highest marker is the *title level*: each heading there starts a review, so a page
  holding several briefs yields several reviews. Headings above it (site banners) are
  dropped.
- Other headings inside a review start key-learning sections; their list items and
  paragraphs become points. Paragraphs before any section are the summary.
- A document with text but nothing recognisable becomes one review with a single
  "Summary" section, with a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from assistant.ingest.cues import (
    FURNITURE,
    INLINE_THEMES,
    NUMBER_RE,
    PROPERTY_LINE,
    banner,
    heading_text,
    is_furniture,
    marker_of,
    meta_line,
    typed_item,
)
from assistant.ingest.draft import (
    ParsedDocument,
    ReviewDraft,
    SectionDraft,
    build_review,
    infer_kind,
)
from assistant.ingest.roles import Cue, heading_cue
from assistant.models import SUMMARY_HEADING, ReviewKind
from assistant.text import clean

# A bold-only line (in Word, HTML or Markdown) is a heading below every styled one.
PSEUDO_HEADING_LEVEL = 9
# An unstyled line that names a part ("Background"): lowest of all, and it never decides
# where the review titles are.
PROMOTED_LEVEL = 10
MAX_HEADING_CHARS = 120


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    line: int = 1  # 1-based line, or position among blocks where a format has no lines
    level: int = 0  # heading level: 1 is the highest; ignored for other blocks
    number: int | None = None  # the published number of a numbered list item
    page: int | None = None


@dataclass(frozen=True)
class Outline:
    """A document as blocks in reading order, plus what its container says about it."""

    blocks: tuple[Block, ...]
    title: str = ""  # from document properties (<title>, PDF or Word metadata)
    hints: dict[str, str] = field(default_factory=dict)  # e.g. source_url from <link>


def text_blocks(text: str, line: int, *, bold: bool) -> list[Block]:
    """A paragraph's blocks: a heading if it is bold alone, list items if its lines start
    with typed bullets ("• a<br>• b"), else one paragraph."""
    lines = text.split("\n")
    if not text:
        return []
    if bold and len(clean(text)) <= MAX_HEADING_CHARS and not clean(text).endswith("."):
        return [Block(BlockKind.HEADING, clean(text), line, level=PSEUDO_HEADING_LEVEL)]
    if len(lines) > 1 and all(PROPERTY_LINE.match(x) for x in lines):
        return [Block(BlockKind.PARAGRAPH, x, line) for x in lines]  # one property each
    items = [typed_item(x) for x in lines]
    if len(lines) > 1 and all(items[1:]):
        lead = [] if items[0] else [Block(BlockKind.PARAGRAPH, lines[0], line)]
        rest = items if items[0] else items[1:]
        return lead + [Block(BlockKind.ITEM, t, line, number=n) for n, t in rest]
    if len(lines) == 1 and items[0]:
        return [Block(BlockKind.ITEM, items[0][1], line, number=items[0][0])]
    return [Block(BlockKind.PARAGRAPH, clean(text), line)]


def _title_level(headings: Sequence[Block]) -> int | None:
    """The heading level whose headings are review titles, or None for one review."""
    # "Further information" or "Related documents" may sit at any level: only a review's
    # own parts show where its title is.
    marker_levels = [
        h.level
        for h in headings
        if marker_of(h.text) not in (None, "skip") and h.level != PROMOTED_LEVEL
    ]
    if marker_levels:
        above = {
            h.level
            for h in headings
            if h.level < min(marker_levels) and marker_of(h.text) != "skip"
        }
        return max(above) if above else None
    # Unstyled part names ("Background" on a line of its own) settle it only when a single
    # heading level sits above them.
    if any(h.level == PROMOTED_LEVEL for h in headings):
        above = {h.level for h in headings if h.level < PROMOTED_LEVEL}
        if len(above) == 1:
            return above.pop()
    counts = Counter(h.level for h in headings if h.level != PROMOTED_LEVEL)
    if len(counts) > 1:  # one top heading above the rest: it is the title
        top = min(counts)
        return top if counts[top] == 1 else None
    return None


# Topical headings under these parts are learning, actions, questions or the story, like
# their part ("5.2 Care at home" under "5. Summary of events").
_INHERITED = (Cue.LEARNING, Cue.ACTION, Cue.REFLECTIVE, Cue.STORY)


@dataclass
class _Reader:
    """State while reading one review's blocks."""

    draft: ReviewDraft
    part: str = "intro"  # intro, themes, summary, section, next_steps, skip
    part_level: int = 0
    section: SectionDraft | None = None
    meta: dict[str, str] = field(default_factory=dict)
    summary_lines: list[int] = field(default_factory=list)
    had_marker: bool = False
    banner: str = ""  # text of the headings just above this review's title
    titled: bool = False  # the title is a heading of the document
    dropped: int = 0  # lines of resources and furniture left out
    summary_heading: str = SUMMARY_HEADING
    parent: tuple[int, Cue | None] | None = None  # the last part heading: level and cue

    def heading(self, block: Block) -> None:
        text = heading_text(block.text)
        marker = marker_of(text)
        # The heading's own cue: its marker's, or more ("The case" is a story, background).
        cue = None if marker in ("themes", "skip") else heading_cue(text)
        if marker:
            self.had_marker = True
        nested = block.level > self.part_level and self.part != "intro"
        if nested and self.part in ("next_steps", "summary", "themes", "skip") and not marker:
            # A topical sub-heading inside next steps or the summary ("For managers") stays
            # with them as text of its own, so nothing the brief says is lost; one that
            # names a part ("4. Findings" under "Executive summary") starts that part.
            if self.part in ("next_steps", "summary"):
                self.content(replace(block, kind=BlockKind.PARAGRAPH, number=None))
            elif self.part == "skip":
                self.dropped += 1
            return
        self.section = None
        self.part_level = block.level
        if marker is not None:
            self.parent = (block.level, cue)
        if marker in ("themes", "skip"):
            self.part = marker
            return
        begun = bool(self.draft.sections or self.draft.next_steps)
        if marker == "summary" and not begun:
            self.part, self.summary_heading = "summary", text
            return
        if marker == "next_steps" and not self.draft.next_steps:
            self.part, self.draft.next_steps_heading = "next_steps", text
            return
        self.part = "section"
        parent = self.parent
        if cue is None and parent and block.level > parent[0] and parent[1] in _INHERITED:
            cue = parent[1]  # "4.1 Known concerns did not travel" under "4. Findings"
        else:
            self.parent = (block.level, cue)
        self.section = self.draft.section(text, block.line, cue=cue)

    def content(self, block: Block) -> None:
        text = clean(block.text)
        if self.part == "skip" or FURNITURE.match(text):
            self.dropped += 1
            return
        if self.part in ("intro", "summary") and (m := meta_line(text)):
            self.meta.setdefault(_meta_key(m["key"]), clean(m["value"]))
            return
        if self.part in ("intro", "summary", "themes") and (m := INLINE_THEMES.match(text)):
            self.draft.themes.extend(_split_themes(m["rest"]))
            return
        if self.part == "themes" and (block.kind == BlockKind.ITEM or len(text) <= 150):
            themes = [text] if block.kind == BlockKind.ITEM else _split_themes(text)
            self.draft.themes.extend(t.rstrip(".") for t in themes)
        elif self.part in ("intro", "summary") and block.kind == BlockKind.ITEM:
            # A list under no heading of its own: its text says what it is ("professionals
            # should..." is learning or action, not summary prose).
            if self.section is None:
                heading = self.summary_heading
                self.section = self.draft.section(heading, block.line, cue=Cue.SUMMARY)
            self.section.points.append((text, block.line))
        elif self.part in ("intro", "summary", "themes"):  # (prose under "Themes" too)
            self.section = None
            self.draft.summary.append(text)
            self.summary_lines.append(block.line)
        elif self.part == "section":
            if self.section is None:
                self.section = self.draft.section(SUMMARY_HEADING, block.line, cue=Cue.SUMMARY)
            self.section.points.append((text, block.line))
        else:
            self.draft.next_steps.append((block.number, text, block.line))


def _meta_key(label: str) -> str:
    """What a "Label: value" line gives: partnership, kind, date, title, or nothing to keep
    (author, version, status...: document-management facts, not learning)."""
    label = label.lower()
    if label in ("partnership", "published by"):
        return "partnership"
    if "type" in label:
        return "kind"
    if label == "title":
        return "title"
    if label.startswith(("date", "published", "publication", "year", "review date")):
        return "date"
    return "ignored"


def _split_themes(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;\u2022\u00b7|]", text) if t.strip()]


def _names_a_part(text: str) -> bool:
    text = clean(text)
    return len(text) <= 60 and not re.search(r"[.;,!?]$", text) and marker_of(text) is not None


BOX_NUMBER = re.compile(r"^\s*(?:box|step|part|section|no\.?)?\s*\d{1,2}[.):]?\s*$", re.IGNORECASE)


# A line under the title that says who the brief is for: "Learning briefing for
# practitioners and managers", "A summary for all staff".
DESCRIBES_THE_BRIEF = re.compile(
    r"^(?:[\w-]+ ){0,3}(?:briefing|brief|summary|bulletin|note)\b.{0,40}?\b(?:for|to share with)"
    r" (?:all |front[- ]line )?(?:practitioners|professionals|managers|staff|partners|everyone"
    r"|colleagues|teams)\b",
    re.IGNORECASE,
)


def _title_and_subtitle(
    blocks: list[Block], headings: list[Block], level: int | None
) -> tuple[list[Block], int | None]:
    """Two lone headings one straight after the other above the parts, the lower one
    bolder-looking by level only: the first is the title, the second its subtitle (a
    topic line, a date), which is text under the title rather than a title of its own."""
    if level is None or sum(h.level == level for h in headings) != 1:
        return blocks, level
    at = next(i for i, b in enumerate(blocks) if b.kind == BlockKind.HEADING and b.level == level)
    above = blocks[at - 1] if at else None
    if (
        above is not None
        and above.kind == BlockKind.HEADING
        and above.level < level
        and sum(h.level == above.level for h in headings) == 1
        and not marker_of(above.text)
        and not marker_of(blocks[at].text)
    ):
        blocks = list(blocks)
        blocks[at] = replace(blocks[at], kind=BlockKind.PARAGRAPH, level=0)
        return blocks, above.level
    return blocks, level


def reviews_from_outline(outline: Outline, file: str, fallback_title: str) -> ParsedDocument:
    blocks, banner_meta, dropped = [], {}, 0
    for block in outline.blocks:
        if not clean(block.text):
            continue
        if block.kind != BlockKind.HEADING and is_furniture(block.text):
            dropped += 1
            continue  # (a heading such as "Share this page" instead starts a skipped part)
        if block.kind == BlockKind.PARAGRAPH and _names_a_part(block.text):
            # "Background" or "What happens next" on a line of its own, unstyled: a heading.
            block = replace(block, kind=BlockKind.HEADING, level=PROMOTED_LEVEL)
        if block.kind != BlockKind.ITEM and (found := banner(block.text)):
            for key, value in found.items():
                banner_meta.setdefault(key, value)
            continue
        if (
            block.kind == BlockKind.HEADING
            and blocks
            and blocks[-1].kind == BlockKind.HEADING
            and sum(b.kind == BlockKind.HEADING for b in blocks) == 1  # under the title
            and DESCRIBES_THE_BRIEF.match(clean(block.text))
        ):  # a subtitle, not a part
            block = replace(block, kind=BlockKind.PARAGRAPH, level=0)
        blocks.append(block)
    # A heading that is only a number ("1", "Box 3") labels a box: its own heading follows.
    kept = [b for b in blocks if not (b.kind == BlockKind.HEADING and BOX_NUMBER.match(b.text))]
    dropped += len(blocks) - len(kept)
    blocks = kept
    headings = [b for b in blocks if b.kind == BlockKind.HEADING]
    level = _title_level(headings)
    blocks, level = _title_and_subtitle(blocks, headings, level)
    headings = [b for b in blocks if b.kind == BlockKind.HEADING]
    if (
        level is None
        and len(headings) == 1
        and blocks[0] is headings[0]
        and not marker_of(headings[0].text)
    ):
        level = headings[0].level  # a lone heading on top is the title
    warnings: list[str] = []
    readers: list[_Reader] = []
    current: _Reader | None = None
    banners: list[str] = []  # headings above the review titles ("7-Minute Briefing")
    for i, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING and level is not None and block.level <= level:
            if marker_of(block.text) == "skip":
                current = None  # "Further information" after the last review: not a review
            elif block.level == level:
                current = _Reader(ReviewDraft(title=heading_text(block.text), line=block.line))
                current.banner, current.titled = " ".join(banners[-2:]), True
                readers.append(current)
            else:
                banners.append(clean(block.text))
            continue  # a banner above the review titles
        if current is None:
            if level is not None:
                continue  # text before the first review title: page furniture
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            title_like = (block.kind == BlockKind.HEADING and not NUMBER_RE.match(block.text)) or (
                block.kind == BlockKind.PARAGRAPH
                and len(clean(block.text)) <= MAX_HEADING_CHARS
                and not re.search(r"[.!?;,:]$", block.text.strip())
                and not meta_line(clean(block.text))  # "Title: ...", "Date: ..."
                and bool(headings)
            )
            if (
                title_like
                and not marker_of(block.text)
                and (nxt is None or nxt.kind != BlockKind.ITEM)
            ):  # a heading (or a short line) on top, not over a list: the title
                current = _Reader(ReviewDraft(title=heading_text(block.text), line=block.line))
                current.titled = True
                readers.append(current)
                continue
            title = clean(outline.title) or fallback_title
            current = _Reader(ReviewDraft(title=title, line=block.line))
            readers.append(current)
        if block.kind == BlockKind.HEADING:
            current.heading(block)
        else:
            current.content(block)

    pages = {b.line: b.page for b in blocks if b.page is not None}
    reviews = []
    for reader in readers:
        draft = reader.draft
        if not reader.titled and reader.meta.get("title"):
            draft.title = reader.meta["title"]  # "Title: ..." on a cover page
        if not draft.has_content:
            continue
        unstructured = not any(s.points for s in draft.sections) and not draft.next_steps
        if unstructured and not reader.had_marker:
            warnings.append(
                f"{file}: no recognisable sections in '{draft.title}'; "
                f"indexed as a single '{SUMMARY_HEADING}' section"
            )
            section = draft.section(SUMMARY_HEADING, draft.line)  # its text says what it is
            section.points.extend(zip(draft.summary, reader.summary_lines, strict=True))
            draft.summary = []
        review = build_review(draft, file, len(reviews) + 1, pages)
        # The kind named by the title, else by a banner above it ("7-Minute Briefing"),
        # else whatever the summary mentions.
        above = infer_kind(reader.banner, "")
        if infer_kind(review.title, "") == ReviewKind.OTHER and above != ReviewKind.OTHER:
            review = review.model_copy(update={"kind": above})
        reviews.append((review, {**banner_meta, **reader.meta}))
    return ParsedDocument(
        title=clean(outline.title),
        reviews=tuple(r for r, _ in reviews),
        warnings=tuple(warnings),
        metadata=tuple(m for _, m in reviews),
        dropped=dropped + sum(r.dropped for r in readers),
    )
