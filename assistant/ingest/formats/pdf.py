"""PDF: headings from layout (larger or bold type), bullets from their glyphs, paragraphs
from line spacing. Running headers, footers and page numbers are dropped.

Words are read in the order the PDF draws them (`use_text_flow`), which keeps the boxes
of a designed briefing together instead of mixing columns line by line.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, replace

from assistant.ingest.cues import BULLET_RE, is_furniture, marker_of, typed_item
from assistant.ingest.outline import (
    MAX_HEADING_CHARS,
    PSEUDO_HEADING_LEVEL,
    Block,
    BlockKind,
    Outline,
)
from assistant.text import clean

DASHES = ("-", "\u2013", "\u2014")
BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)
PAGE_NUMBER_RE = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)
JUNK_TITLE_RE = re.compile(r"^(?:microsoft (?:word|powerpoint)|untitled|document\d*)\b|\.\w{3,4}$")


class PdfError(ValueError):
    """The PDF cannot be read; the message says why in a few words."""


@dataclass
class _Line:
    text: str
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    page_height: float
    colour: tuple = ()


def _colour(word: dict) -> tuple:
    value = word.get("non_stroking_color")
    if value is None:
        return ()
    return tuple(round(float(v), 2) for v in value) if isinstance(value, list | tuple) else (value,)


def _marker_number(word: dict, position: int, group: list[dict], size: float) -> bool:
    if not word["text"].isdigit():
        return False
    superscript = position > 0 and word["size"] < size * 0.8
    # A large number beside a short heading is a box number, not a statistic.
    rest = " ".join(w["text"] for w in group[1:])
    heading_like = 0 < len(rest) <= 60 and not re.search(r"[.,;:]$", rest)
    drop_number = position == 0 and heading_like and word["size"] > size * 1.3
    return superscript or drop_number


def _lines(words: list[dict], page: int, height: float) -> list[_Line]:
    lines: list[_Line] = []
    group: list[dict] = []

    def close() -> None:
        if group:
            # The size most of the line's text is set in: a large drop number beside a
            # heading ("1  Background") does not make the heading larger.
            by_size: Counter = Counter()
            by_colour: Counter = Counter()
            for w in group:
                by_size[round(w["size"], 1)] += len(w["text"])
                by_colour[_colour(w)] += len(w["text"])
            size = by_size.most_common(1)[0][0]
            # Superscript footnote markers ("guidance\u00b9") and a briefing box's large
            # drop number beside its heading are not part of the text.
            kept = [w for i, w in enumerate(group) if not _marker_number(w, i, group, size)]
            bold = sum(len(w["text"]) for w in kept if BOLD_RE.search(w["fontname"]))
            lines.append(
                _Line(
                    text=clean(" ".join(w["text"] for w in kept)),
                    x0=min(w["x0"] for w in group),
                    top=min(w["top"] for w in group),
                    bottom=max(w["bottom"] for w in group),
                    size=size,
                    bold=bold * 2 > sum(len(w["text"]) for w in kept),
                    colour=by_colour.most_common(1)[0][0],
                    page=page,
                    page_height=height,
                )
            )
            group.clear()

    for word in words:
        if group:
            last = group[-1]
            same_line = abs(word["top"] - last["top"]) < max(word["size"], last["size"]) * 0.5
            if not same_line or word["x0"] < last["x0"]:
                close()
        group.append(word)
    close()
    return lines


def _at_edge(line: _Line, share: float) -> bool:
    return line.top < line.page_height * share or line.bottom > line.page_height * (1 - share)


def _furniture(lines: list[_Line], pages: int, body: float) -> set[str]:
    """Running headers and footers: text repeated at the top or bottom of most pages, or
    (in a short document) small type in the page margins."""
    edge = Counter(_shape(line.text) for line in lines if _at_edge(line, 0.1))
    repeated = {text for text, n in edge.items() if pages >= 2 and n >= max(2, pages * 0.6)}
    small = {_shape(ln.text) for ln in lines if _at_edge(ln, 0.07) and ln.size < body - 0.5}
    return repeated | small


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _body_size(lines: list[_Line]) -> float:
    """The size most text is set in, margins aside (a long footer is not the body)."""
    inner = [line for line in lines if not _at_edge(line, 0.07)] or lines
    weights: Counter = Counter()
    for line in inner:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def read_pdf(data: bytes) -> Outline:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            meta_title = clean(str((pdf.metadata or {}).get("Title", "")))
            lines: list[_Line] = []
            for number, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(
                    use_text_flow=True,
                    extra_attrs=["size", "fontname", "non_stroking_color"],
                    keep_blank_chars=False,
                )
                lines.extend(_lines(words, number, float(page.height)))
            pages = len(pdf.pages)
    except (PdfminerException, MalformedPDFException, PDFSyntaxError) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise PdfError("is password-protected; save an unprotected copy") from exc
        raise PdfError("is not a readable PDF (damaged, or not really a PDF)") from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfError("is password-protected; save an unprotected copy") from exc
    if not lines:
        raise PdfError("has no text layer (a scanned image?); use a PDF with selectable text")
    body = _body_size(lines)
    furniture = _furniture(lines, pages, body)
    chrome = [ln.text for ln in lines if _shape(ln.text) in furniture]
    lines = [
        ln
        for ln in lines
        if _shape(ln.text) not in furniture
        # Page numbers and bare links only in the margins: in the text, "12" may be a
        # date wrapped onto its own line.
        and not (_at_edge(ln, 0.1) and (PAGE_NUMBER_RE.match(ln.text) or is_furniture(ln.text)))
    ]
    title = "" if JUNK_TITLE_RE.search(meta_title.lower()) else meta_title
    hints = {"page_chrome": "\n".join(dict.fromkeys(chrome))} if chrome else {}
    return Outline(blocks=tuple(_blocks(lines, body)), title=title, hints=hints)


def _blocks(lines: list[_Line], body: float) -> list[Block]:
    colours: Counter = Counter()
    for line in lines:
        colours[line.colour] += len(line.text)
    body_colour = colours.most_common(1)[0][0] if colours else ()
    heading_sizes = sorted({ln.size for ln in lines if ln.size >= body * 1.15}, reverse=True)
    levels = {size: n for n, size in enumerate(heading_sizes, start=1)}

    def heading_level(line: _Line) -> int | None:
        if len(line.text) > MAX_HEADING_CHARS or BULLET_RE.match(line.text):
            return None
        sentence = line.text.endswith(".") and len(line.text.split()) > 6
        if line.size in levels and not sentence:
            return levels[line.size]
        short = not re.search(r"[.,;]$", line.text) and len(line.text) <= 80
        capitals = line.text.isupper() and len(line.text) <= 60 and len(line.text.split()) <= 8
        if short and (line.bold or line.colour != body_colour or capitals):
            # bold, coloured or CAPITALS type
            return PSEUDO_HEADING_LEVEL
        if marker_of(line.text) and len(line.text) <= 40:
            return PSEUDO_HEADING_LEVEL
        return None

    blocks: list[Block] = []
    prev: _Line | None = None
    open_block = False  # the last block may take a continuation line
    item_x0: float | None = None  # where the open list item's bullet sits

    def add(kind: BlockKind, text: str, line: _Line, **extra) -> None:
        blocks.append(Block(kind, text, len(blocks) + 1, page=line.page, **extra))

    for line in lines:
        level = heading_level(line)
        gap = (line.top - prev.bottom) if prev and prev.page == line.page else None
        text = line.text
        if level is not None:
            last = blocks[-1] if blocks else None
            if (
                last is not None
                and last.kind == BlockKind.HEADING
                and last.level == level
                and prev is not None
                and gap is not None
                and gap < line.size * 0.8
            ):  # a heading wrapped over two lines
                blocks[-1] = Block(
                    last.kind, f"{last.text} {text}", last.line, level, page=last.page
                )
            else:
                add(BlockKind.HEADING, text, line, level=level)
            open_block, item_x0 = False, None
        elif (typed := typed_item(text)) and not (
            # A dash at the indent of an open item's text, before a lower-case word, continues
            # it ("... staying with relatives / \u2013 for example"); it is not a sub-bullet.
            text.startswith(DASHES)
            and typed[1][:1].islower()
            and open_block
            and item_x0 is not None
            and line.x0 > item_x0 + 1
        ):
            add(BlockKind.ITEM, typed[1], line, number=typed[0])
            open_block, item_x0 = True, line.x0
        else:
            new_paragraph = gap is not None and gap > line.size * 0.7
            ended = bool(re.search(r"[.!?:]$", blocks[-1].text)) if blocks else True
            # A line back at the bullet's edge ends the list, unless it goes on with the
            # item's unfinished sentence (a bullet typed in the text wraps to its edge).
            outdented = item_x0 is not None and line.x0 <= item_x0 + 1
            goes_on = not ended and text[:1].islower()
            if (
                open_block
                and not new_paragraph
                and (goes_on or not outdented)
                and not (gap is None and ended)
            ):
                last = blocks[-1]
                joiner = "" if last.text.endswith("-") and text[:1].islower() else " "
                blocks[-1] = replace(last, text=last.text + joiner + text)
            else:
                add(BlockKind.PARAGRAPH, text, line)
                open_block, item_x0 = True, None
        prev = line
    return blocks
