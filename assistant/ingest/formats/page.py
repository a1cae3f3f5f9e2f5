"""Parse the 'learning from reviews' page format into `Review` models.

A pure function of (text, file name). The page format, as partnerships publish it:

    <review title, one or more lines>
    Themes            -> bullet list (may be empty)
    Summary           -> prose paragraphs
    Key learning and practice improvements
    <section heading> -> bullet list; "<heading> continued" merges into <heading>
    Your next steps   -> lead-in lines, then a numbered list
    Click the image below to download a printable version of this review:
    <image caption>

A brief may also be just a title and prose (a thematic brief). Page furniture (the
"Click the image" lines, repeated banners, image captions) is dropped. Text is kept
verbatim apart from whitespace: runs of spaces collapse to one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.draft import ParsedDocument, ReviewDraft, SectionDraft, build_review
from assistant.models import Role
from assistant.text import clean

# Bullets as typed, pasted from Word (private-use glyphs, "o") or written in Markdown.
BULLET_RE = re.compile(
    r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u00b7\u25ba\uf0b7\uf0a7]\s*|[*\u2013\u2014-]\s+|o\s+)"
    r"(?P<text>\S.*)$"
)
NUMBERED_RE = re.compile(r"^\s*(?P<num>\d{1,2})[.)]\s+(?P<text>.+)$")
FURNITURE_RE = re.compile(r"^click (on )?the image\b", re.IGNORECASE)
FURNITURE_SENTENCE_RE = re.compile(r"\s*\bClick (?:on )?the image\b[^.]*(?:\.|$)", re.IGNORECASE)
MD_HEADING_RE = re.compile(r"^\s*#{1,6}\s+")
MD_BOLD_RE = re.compile(r"(\*\*|__)(?P<inner>.+?)\1")
MARKER_RE = re.compile(
    r"^(?P<name>themes|summary|key learning(?: and practice improvements)?|(?:your )?next steps)"
    r"\s*(?::\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
MARKER_PARTS = {
    "themes": "themes",
    "summary": "summary",
    "key": "learning",
    "your": "next_steps",
    "next": "next_steps",
}
# A heading is short and does not end like a sentence.
MAX_HEADING_CHARS = 100
MAX_HEADING_LINES = 3


def marker_part(line: str) -> str | None:
    """The part a line of the page format names ("Your next steps" -> "next_steps")."""
    m = MARKER_RE.match(strip_markdown(line))
    return MARKER_PARTS[m["name"].split()[0].lower()] if m else None


def looks_like_page_format(text: str) -> bool:
    """Does the text use the page format's part names on lines of their own ("Summary",
    "Key learning and practice improvements", "Your next steps")? Two of them make it so;
    other plain text is read by its own headings."""
    found = {part for line in text.splitlines() if (part := marker_part(line)) is not None}
    return len(found - {"themes"}) >= 2


def strip_markdown(line: str) -> str:
    """A line less Markdown heading marks and bold: "## **Summary**" -> "Summary"."""
    line = MD_HEADING_RE.sub("", line)
    return clean(MD_BOLD_RE.sub(r"\g<inner>", line))


def drop_furniture(text: str) -> str:
    """Remove "Click on the image..." sentences that refer to the web page's pictures."""
    return clean(FURNITURE_SENTENCE_RE.sub(" ", text))


def heading_text(text: str) -> str:
    """A heading as published, less the colon that introduces its list."""
    return clean(text).removesuffix(":").rstrip()


@dataclass(frozen=True)
class Paragraph:
    """A run of non-blank lines, with the 1-based number of its first line."""

    lines: tuple[str, ...]
    line: int

    @property
    def text(self) -> str:
        return clean(" ".join(strip_markdown(x) for x in self.lines))

    @property
    def marker(self) -> str | None:
        return marker_part(self.lines[0])

    @property
    def marker_rest(self) -> str:
        """Text on the marker's own line after a colon, as in "Themes: a, b"."""
        m = MARKER_RE.match(strip_markdown(self.lines[0]))
        return clean(m["rest"] or "") if m else ""

    @property
    def is_furniture(self) -> bool:
        return len(self.lines) == 1 and bool(FURNITURE_RE.match(clean(self.lines[0])))

    @property
    def is_list(self) -> bool:
        return _is_list_line(self.lines[0])

    @property
    def is_heading(self) -> bool:
        if self.is_list or self.is_furniture or len(self.lines) > MAX_HEADING_LINES:
            return False
        return all(len(clean(x)) <= MAX_HEADING_CHARS for x in self.lines) and not re.search(
            r"[.!;,]$", self.text
        )


def _is_list_line(line: str) -> bool:
    return bool(BULLET_RE.match(line) or NUMBERED_RE.match(line))


def paragraphs(text: str) -> list[Paragraph]:
    """Runs of non-blank lines. A heading line directly above a list becomes its own run."""
    runs: list[Paragraph] = []
    run: list[str] = []
    start = 0
    for number, raw in enumerate([*text.splitlines(), ""], start=1):
        if raw.strip():
            if not run:
                start = number
            run.append(raw)
            continue
        if run:
            if len(run) > 1 and not _is_list_line(run[0]) and _is_list_line(run[1]):
                runs.append(Paragraph((run[0],), start))
                run, start = run[1:], start + 1
            runs.append(Paragraph(tuple(run), start))
            run = []
    return runs


def list_items(para: Paragraph) -> list[tuple[int | None, str, int]]:
    """Split a paragraph into (number, text, line) items.

    A bullet or number starts an item and plain lines after it continue it (wrapped text).
    Without a marker, a plain line starts an item when the line before ended a sentence or
    clause (the lead-in lines of "Your next steps"), and otherwise continues it.
    """
    items: list[tuple[int | None, str, int]] = []
    marked = False
    for offset, raw in enumerate(para.lines):
        line = para.line + offset
        if m := BULLET_RE.match(raw):
            items.append((None, clean(m["text"]), line))
            marked = True
        elif m := NUMBERED_RE.match(raw):
            items.append((int(m["num"]), clean(m["text"]), line))
            marked = True
        elif items and (marked or not re.search(r"[.:;!?\u201d\"]$", items[-1][1])):
            number, text, first = items[-1]
            items[-1] = (number, clean(f"{text} {raw}"), first)
        else:
            items.append((None, clean(raw), line))
            marked = False
    return [item for item in items if item[1]]


def parse_document(text: str, file: str) -> ParsedDocument:
    paras = paragraphs(text)
    drafts: list[ReviewDraft] = []
    warnings: list[str] = []
    doc_title = ""
    part = "preamble"
    current: ReviewDraft | None = None
    section: SectionDraft | None = None

    def following(i: int) -> Paragraph | None:
        """The next paragraph that is not page furniture."""
        for p in paras[i + 1 :]:
            if not p.is_furniture and clean(p.text).lower() != doc_title.lower():
                return p
        return None

    for i, p in enumerate(paras):
        nxt = following(i)
        if i == 0 and p.is_heading and p.marker is None and not (nxt and nxt.marker):
            doc_title = p.text
            continue
        if p.is_furniture or (doc_title and p.text.lower() == doc_title.lower()):
            if p.is_furniture and current is not None:
                part = "between"  # the download link closes a review
            continue
        if p.marker:
            if current is None:
                warnings.append(f"{file}:{p.line}: '{p.text}' appears before any review title")
                part = "orphan"
                continue
            part = p.marker
            section = None
            inline = p.marker_rest
            if inline and part == "themes":
                current.themes.extend(t.strip() for t in re.split(r"[,;]", inline) if t.strip())
            elif inline:
                p = Paragraph((inline, *p.lines[1:]), p.line)
            if p.marker and len(p.lines) == 1:
                continue
            if p.marker:
                p = Paragraph(p.lines[1:], p.line + 1)
        elif p.is_heading and _starts_review(p, nxt, part):
            current = ReviewDraft(title=p.text, line=p.line)
            drafts.append(current)
            part, section = "title", None
            continue

        if part == "themes":
            current.themes.extend(text for _, text, _ in list_items(p))
        elif part in ("summary", "title"):
            if p.is_heading and (nxt is None or nxt.is_heading):
                continue  # an image caption or banner trailing a brief
            if p.is_heading and nxt is not None and nxt.is_list and not nxt.marker:
                part, section = (
                    "learning",
                    current.section(heading_text(p.text), p.line, role=Role.LEARNING),
                )
                continue
            part = "summary"
            if text := drop_furniture(p.text):
                current.summary.append(text)
        elif part == "learning":
            if p.is_heading:
                section = current.section(heading_text(p.text), p.line, role=Role.LEARNING)
                continue
            if section is None:
                section = current.section("Key learning", p.line, role=Role.LEARNING)
            if p.is_list:
                section.points.extend((text, line) for _, text, line in list_items(p))
            else:  # a prose paragraph of learning is one point
                section.points.append((p.text, p.line))
        elif part == "next_steps":
            current.next_steps.extend(list_items(p))
        elif p.is_heading and (nxt is None or nxt.is_heading or nxt.is_furniture):
            continue  # a caption between briefs
        elif part == "preamble":
            continue  # the page's introduction, not a review
        else:
            warnings.append(f"{file}:{p.line}: text outside any review was skipped: {p.text[:60]}")

    reviews = tuple(build_review(d, file, order) for order, d in enumerate(drafts, start=1))
    for review in reviews:
        if not (review.summary or review.sections or review.next_steps):
            warnings.append(f"{file}:{review.source.line}: '{review.title}' has no content")
    return ParsedDocument(
        title=doc_title,
        reviews=tuple(r for r in reviews if r.summary or r.sections or r.next_steps),
        warnings=tuple(warnings),
    )


def _starts_review(p: Paragraph, nxt: Paragraph | None, part: str) -> bool:
    """A heading starts a review when a review marker follows it, or, between briefs,
    when prose follows it (a brief with no Themes/Summary headings)."""
    if nxt is None:
        return False
    if nxt.marker in ("themes", "summary", "learning"):
        return True
    return part in ("between", "preamble") and not nxt.is_heading and not nxt.is_list
