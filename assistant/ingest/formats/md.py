"""Markdown: `#` headings, bullet and numbered lists, paragraphs (front matter is removed
before this reader runs). Inline markup is dropped, so quotes read as the page does."""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from assistant.ingest.outline import (
    MAX_HEADING_CHARS,
    PSEUDO_HEADING_LEVEL,
    Block,
    BlockKind,
    Outline,
    text_blocks,
)
from assistant.text import clean

FOOTNOTE_REF = re.compile(r"\[\^\w+\]")
CHECKBOX = re.compile(r"^\[[ xX]\]\s+")
FOOTNOTE_DEF = re.compile(r"^\s*\[\^\w+\]:")


def _lines(inline: Token) -> str:
    """The inline text as it renders, line by line: no emphasis marks, links as their
    words, footnote references left out; line breaks (and <br>) kept as new lines."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(FOOTNOTE_REF.sub("", child.content))
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and child.content.lower().startswith("<br")
        ):
            parts.append("\n")
    return "\n".join(clean(x) for x in "".join(parts).split("\n") if x.strip())


def _plain(inline: Token) -> str:
    return clean(_lines(inline))


def _bold_first_line(inline: Token) -> bool:
    """The paragraph's first line is bold alone ("**Speech and language**" then lines)."""
    first = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            break
        if not (child.type == "text" and not child.content.strip()):
            first.append(child.type)
    return len(first) == 3 and first[0] == "strong_open" and first[-1] == "strong_close"


def _bold_only(inline: Token) -> bool:
    kinds = [c.type for c in inline.children or [] if not (c.type == "text" and not c.content)]
    return len(kinds) == 3 and kinds[0] == "strong_open" and kinds[-1] == "strong_close"


def read_markdown(text: str, line_offset: int = 0) -> Outline:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    heading_level: int | None = None
    lists: list[bool] = []  # ordered?, innermost last
    item_number: int | None = None
    items: list[int | None] = []  # per open list item: its block, once it has text
    row: list[str] | None = None  # cells of the table row being read
    header_row = False
    for token in tokens:
        kind = token.type
        if kind in ("thead_open", "thead_close"):
            header_row = kind == "thead_open"
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            # A table of learning: each body row is one point, its cells in order.
            if not header_row and any(row):
                line = (token.map[0] if token.map else 0) + 1 + line_offset
                blocks.append(Block(BlockKind.ITEM, ": ".join(c for c in row if c), line))
            row = None
        elif kind == "inline" and row is not None:
            row.append(_plain(token))
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_number = int(token.info) if lists and lists[-1] and token.info.isdigit() else None
            items.append(None)
        elif kind == "list_item_close":
            items.pop()
        elif kind == "inline":
            text_ = _plain(token)
            line = (token.map[0] if token.map else 0) + 1 + line_offset
            if not text_:
                continue
            if heading_level is not None:
                blocks.append(Block(BlockKind.HEADING, text_, line, level=heading_level))
            elif items and items[-1] is not None:  # a later paragraph of the same item
                own = items[-1]
                blocks[own] = replace(blocks[own], text=f"{blocks[own].text} {text_}")
            elif items:
                items[-1] = len(blocks)
                text_ = CHECKBOX.sub("", text_)  # a task-list box: "[ ] Ask every child"
                blocks.append(Block(BlockKind.ITEM, text_, line, number=item_number))
            elif _bold_only(token) and len(text_) <= MAX_HEADING_CHARS and not text_.endswith("."):
                blocks.append(Block(BlockKind.HEADING, text_, line, level=PSEUDO_HEADING_LEVEL))
            elif FOOTNOTE_DEF.match(token.content):
                continue  # a footnote's text, not learning
            else:  # a paragraph, "Recommendation 1: ..." or lines of typed bullets
                lines = _lines(token)
                if _bold_first_line(token) and "\n" in lines:
                    lead, lines = lines.split("\n", 1)
                    blocks.append(Block(BlockKind.HEADING, lead, line, level=PSEUDO_HEADING_LEVEL))
                blocks += text_blocks(lines, line, bold=False)
    return Outline(blocks=tuple(blocks))
