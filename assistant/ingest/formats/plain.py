"""Plain text as people paste it from an email or a PDF, read into an `Outline`.

Pure. Paragraphs are separated by blank lines and their wrapped lines are joined. A heading
is a line underlined with `====` or `----`, a paragraph of lines in capitals, or a short
line on its own without a full stop ("1. Introduction", "Terms of reference"); its level
comes from its style, in the order the styles first appear, as a writer uses them
top-down. Lines starting with a bullet (`-`, `*`, `o`, `•`) or a number ("1.", "a)")
are list items, and the lines under them that do not start a new item continue them.
Separator lines (`______`, `-----`) are dropped.
"""

from __future__ import annotations

import re

from assistant.ingest.cues import (
    INLINE_THEMES,
    banner,
    marker_of,
    meta_line,
    typed_item,
)
from assistant.ingest.outline import PSEUDO_HEADING_LEVEL, Block, BlockKind, Outline
from assistant.text import clean

SEPARATOR = re.compile(r"^\s*[-_=*~#.\u2013\u2014\u2022\s]{4,}\s*$")
UNDERLINE = re.compile(r"^\s*(?P<char>[=\-~^])(?P=char){2,}\s*$")
# "1.1 This is..." numbers a paragraph of a report: not a list item.
PARAGRAPH_NUMBER = re.compile(r"^\s*\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\s+\S")
NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+\S")
MAX_HEADING_CHARS = 100


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_item_start(line: str) -> bool:
    if PARAGRAPH_NUMBER.match(line):
        return False
    return typed_item(line.strip()) is not None


def _short_line(text: str) -> bool:
    """A line that can stand as a heading: short, and not ending like a sentence."""
    text = clean(text)
    return 0 < len(text) <= MAX_HEADING_CHARS and not re.search(r"[.;,:!]$", text)


def _standalone_heading(text: str) -> bool:
    """A short line on its own is a heading ("1. Introduction", "Child 1", "Terms of
    reference"), unless it is a "Label: value" line or a list item ending like one."""
    if not _short_line(text) or INLINE_THEMES.match(text) or meta_line(text):
        return False
    return not _is_item_start(text) or bool(NUMBERED_HEADING.match(text))


def _paragraphs(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines, with the 1-based number of each run's first line."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = n
            current.append(line)
        elif current:
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return runs


def _runs(paragraphs: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """Paragraphs split after an underline, so a heading underlined straight above its text
    ("Finding 1: ..." / "-----" / "Mental health services...") stands on its own."""
    out = []
    for start, lines in paragraphs:
        begin = 0
        for i in range(1, len(lines)):
            if UNDERLINE.match(lines[i]) and i < len(lines) - 1:
                out.append((start + begin, lines[begin : i + 1]))
                begin = i + 1
        out.append((start + begin, lines[begin:]))
    return [(n, lines) for n, lines in out if lines]


class _Styles:
    """Heading levels by style, in the order the styles first appear."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def level(self, style: str) -> int:
        if style not in self.order:
            self.order.append(style)
        return self.order.index(style) + 1


def _heading_lines(lines: list[str], start: int, style: str, styles: _Styles) -> list[Block]:
    """The headings of a run of heading lines: lines in capitals that wrap one title join;
    a line naming a part, a banner or a date stands on its own."""
    blocks: list[Block] = []
    joined: list[str] = []

    def flush() -> None:
        if joined:
            blocks.append(
                Block(BlockKind.HEADING, clean(" ".join(joined)), start, styles.level(style))
            )
            joined.clear()

    capitals = bool(lines) and _is_caps(lines[0])
    for offset, line in enumerate(lines):
        text = clean(line)
        if banner(text) or (capitals and not _is_caps(text) and joined):
            flush()  # a partnership, a date or a subtitle under a title in capitals
            blocks.append(Block(BlockKind.PARAGRAPH, text, start + offset))
        elif marker_of(text) and joined:
            flush()
            blocks.append(Block(BlockKind.HEADING, text, start + offset, styles.level(style)))
        else:
            joined.append(text)
    flush()
    return blocks


def _body(lines: list[str], start: int) -> list[Block]:
    """A run of text lines: list items, each with its continuation lines, and paragraphs."""
    blocks: list[Block] = []
    kind, parts, first, number = None, [], start, None

    def flush() -> None:
        if parts:
            blocks.append(Block(kind, clean(" ".join(parts)), first, number=number))
            parts.clear()

    for offset, line in enumerate(lines):
        if _is_item_start(line):
            flush()
            number, text = typed_item(line.strip())  # an item start is a typed item
            kind, first = BlockKind.ITEM, start + offset
            parts.append(text)
        else:
            if kind is None:
                kind, first, number = BlockKind.PARAGRAPH, start + offset, None
            parts.append(line.strip())
    flush()
    return blocks


def read_plain(text: str) -> Outline:
    styles = _Styles()
    blocks: list[Block] = []
    for start, lines in _runs(_paragraphs(text)):
        if (underline := UNDERLINE.match(lines[-1])) and len(lines) > 1:
            char = underline["char"]
            heading = [x for x in lines[:-1] if not SEPARATOR.match(x)]
            blocks += _heading_lines(heading, start, f"underline {char}", styles)
            continue
        lines = [x for x in lines if not SEPARATOR.match(x)]
        if not lines:
            continue
        caps = 0
        while caps < len(lines) and _is_caps(lines[caps]) and _short_line(lines[caps]):
            caps += 1
        if caps:  # headings in capitals, then what stands under them
            blocks += _heading_lines(lines[:caps], start, "caps", styles)
            if rest := lines[caps:]:
                blocks += _body(rest, start + caps)
            continue
        first = clean(lines[0])
        if len(lines) == 1 and _standalone_heading(first):
            style = "numbered" if NUMBERED_HEADING.match(first) else "line"
            level = styles.level(style) if style == "numbered" else PSEUDO_HEADING_LEVEL
            blocks.append(Block(BlockKind.HEADING, first, start, level))
            continue
        blocks += _body(lines, start)
    return Outline(blocks=tuple(blocks))
