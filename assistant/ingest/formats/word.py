"""Word (.docx): heading styles become headings, list paragraphs become items (numbered
when Word numbers them), other paragraphs stay paragraphs. Tables are read cell by cell,
since briefings often lay their boxes out as tables."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import replace

from assistant.ingest.cues import meta_line
from assistant.ingest.outline import (
    MAX_HEADING_CHARS,
    PSEUDO_HEADING_LEVEL,
    Block,
    BlockKind,
    Outline,
    text_blocks,
)
from assistant.ingest.roles import Cue, heading_cue
from assistant.text import clean

HEADING_STYLE_RE = re.compile(r"^heading\s*(?P<level>\d)$", re.IGNORECASE)
MAX_STYLE_DEPTH = 8
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word saves a text box twice (mc:Choice and an mc:Fallback copy for old readers).
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
TEXT_BOX = f"{W}txbxContent"
MOVED_FROM = f"{W}moveFrom"  # tracked moves keep the old copy too: read the new one only


class WordError(ValueError):
    """The file cannot be read as a Word document."""


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> Word's number format ('decimal', 'bullet'...)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in root.iter(f"{W}abstractNum"):
        levels = {
            lvl.get(f"{W}ilvl"): (
                fmt.get(f"{W}val") if (fmt := lvl.find(f"{W}numFmt")) is not None else ""
            )
            for lvl in node.iter(f"{W}lvl")
        }
        abstract[node.get(f"{W}abstractNumId")] = levels
    formats = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            for ilvl, fmt in abstract.get(ref.get(f"{W}val"), {}).items():
                formats[(num.get(f"{W}numId"), ilvl)] = fmt or ""
    return formats


def _list_info(paragraph, formats) -> tuple[bool, tuple[str, str] | None, bool]:
    """(is a list item, its (numId, ilvl), numbered rather than bulleted)."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None and num_pr.numId.val != 0:
        key = (str(num_pr.numId.val), str(num_pr.ilvl.val if num_pr.ilvl is not None else 0))
        fmt = formats.get(key, "")
        return True, key, fmt not in ("bullet", "none", "")
    if style.lower().startswith("list"):
        return True, (style, "0"), "number" in style.lower()
    return False, None, False


def _style_level(paragraph) -> int | None:
    """0 for a title, 1-6 for a heading, from the style or the styles it is based on
    ('LSCP Heading' based on 'Heading 1'), or from Word's outline level; else None."""
    style = paragraph.style
    for _ in range(MAX_STYLE_DEPTH):
        if style is None:
            break
        name = (style.name or "").strip().lower()
        if name == "title":
            return 0
        if m := HEADING_STYLE_RE.match(name):
            return int(m["level"])
        style = style.base_style
    for ppr in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
        node = ppr.find(f".//{W}outlineLvl") if ppr is not None else None
        if node is not None and (value := node.get(f"{W}val", "")).isdigit() and int(value) < 6:
            return int(value) + 1
    return None


def _is_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    style_bold = paragraph.style is not None and bool(paragraph.style.font.bold)
    return bool(runs) and all(
        r.bold or (r.bold is None and style_bold) or (r.style is not None and r.style.font.bold)
        for r in runs
    )


def _size(paragraph) -> float:
    """The largest type size set on the paragraph's runs, else its style's (or a style it
    is based on), in points; 0 when nothing sets one (Word's default)."""
    sizes = [r.font.size.pt for r in paragraph.runs if r.text.strip() and r.font.size]
    style = paragraph.style
    for _ in range(MAX_STYLE_DEPTH):
        if sizes or style is None:
            break
        if style.font.size:
            sizes = [style.font.size.pt]
        style = style.base_style
    return max(sizes, default=0.0)


def _default_size(document) -> float:
    """The document's default type size (Word's own default is 11 pt)."""
    try:
        node = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        return int(node.get(f"{W}val")) / 2 if node is not None else 11.0
    except (TypeError, ValueError, AttributeError):
        return 11.0


def _paragraphs(document):
    """Every paragraph of the body in reading order: table cells (nested tables too) and
    content controls included. Each cell is stored once in the XML, merged or not."""
    from docx.text.paragraph import Paragraph

    for element in document.element.body.iter(f"{W}p"):
        if not any(a.tag == FALLBACK for a in element.iterancestors()):
            yield Paragraph(element, document._body)


def _cell_text(cell) -> str:
    """A table cell's words, its paragraphs joined by a space."""
    paragraphs = ("".join(t.text or "" for t in p.iter(f"{W}t")) for p in cell.iter(f"{W}p"))
    return clean(" ".join(paragraphs))


def _cover_tables(document) -> tuple[dict, set]:
    """Two-column tables of short labels and values (a template's cover: "Title | ...",
    "Date | 12 January 2024"). Returns {first paragraph: ["Label: value", ...]} and every
    paragraph inside them, so each row is read as one "Label: value" line."""
    starts, inside = {}, set()
    for table in document.element.body.iter(f"{W}tbl"):
        rows = [row.findall(f"{W}tc") for row in table.findall(f"{W}tr")]
        if len(rows) < 2 or any(len(cells) != 2 for cells in rows):
            continue
        texts = [[_cell_text(c) for c in r] for r in rows]
        # Only a table of known labels (Title, Date, Author, Version...) is a cover.
        if any(not label or not meta_line(f"{label}: x") for label, _ in texts):
            continue
        paragraphs = list(table.iter(f"{W}p"))
        starts[paragraphs[0]] = [f"{label}: {value}" for label, value in texts if value]
        inside.update(paragraphs)
    return starts, inside


MAX_HEADER_WORDS = 6  # a table's first row of labels this short is its header row


def _header_tables(document) -> tuple[dict, set]:
    """Tables with a header row of short labels over at least two rows of text. Where every
    column's label says learning or actions ("Finding | What this means for practice",
    the usual layout of a review's findings) the table is read column by column: the
    findings stay in the part the table sits in ("6. Findings"), and each other label is a
    heading over its column's cells; where no label says what its part is ("Ask |
    Why", "Audit sample | Number") each row is one item, its cells joined, and the labels
    are left out. Returns {first paragraph: [(kind, text)...]} and the paragraphs read so."""
    starts, left_out = {}, set()
    for table in document.element.body.iter(f"{W}tbl"):
        rows = [row.findall(f"{W}tc") for row in table.findall(f"{W}tr")]
        if len(rows) < 3 or len(rows[0]) < 2 or any(len(r) != len(rows[0]) for r in rows):
            continue
        if any(t is not table for t in table.iter(f"{W}tbl")) or table.find(f"{W}sdt") is not None:
            continue  # nested tables, rows in content controls: read cell by cell as before
        if any(a.tag == f"{W}tbl" for a in table.iterancestors()):
            continue
        header = [_cell_text(c) for c in rows[0]]
        if not all(
            h and len(h.split()) <= MAX_HEADER_WORDS and not h.endswith(".") and not h.isdigit()
            for h in header
        ):
            continue
        cues = [heading_cue(h) for h in header]
        if all(c in (Cue.LEARNING, Cue.ACTION) for c in cues):
            lines = []
            for i, (label, cue) in enumerate(zip(header, cues, strict=True)):
                if i or cue is not Cue.LEARNING:  # the findings stay in the part they sit in
                    lines.append((BlockKind.HEADING, label))
                lines += [(BlockKind.ITEM, t) for r in rows[1:] if (t := _cell_text(r[i]))]
            paragraphs = list(table.iter(f"{W}p"))
            starts[paragraphs[0]] = lines
            left_out.update(paragraphs)
        elif not any(cues):  # each row one line, as its labels would be read across
            rows_read = [" \u2013 ".join(t for c in r if (t := _cell_text(c))) for r in rows[1:]]
            paragraphs = list(table.iter(f"{W}p"))
            starts[paragraphs[0]] = [(BlockKind.ITEM, t) for t in rows_read if t]
            left_out.update(paragraphs)
    return starts, left_out


def _own(node, paragraph_element) -> bool:
    """The node belongs to this paragraph, not to a text box anchored in it (whose
    paragraphs are read on their own)."""
    for ancestor in node.iterancestors():
        if ancestor is paragraph_element:
            return True
        if ancestor.tag in (TEXT_BOX, FALLBACK, MOVED_FROM):
            return False
    return True


def _text_of(paragraph) -> str:
    """The paragraph's text as Word shows it, tracked insertions included and deletions
    left out; a manual line break is kept as a new line."""
    parts = []
    for node in paragraph._p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if not _own(node, paragraph._p):
            continue
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == f"{W}tab" else "\n")
    return "\n".join(clean(line) for line in "".join(parts).split("\n") if line.strip())


def _chrome_text(document) -> str:
    """Page header and footer text: not content, but often the partnership and date."""
    parts = []
    for section in document.sections:
        for part in (section.header, section.footer):
            try:
                parts += [clean(p.text) for p in part.paragraphs if p.text.strip()]
            except (AttributeError, KeyError, ValueError):
                continue
    return "\n".join(dict.fromkeys(parts))


def read_docx(data: bytes) -> Outline:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise WordError("is not a readable Word document (.docx)") from exc
    formats = _numbering_formats(document)
    counters: dict[tuple[str, str], int] = {}
    blocks: list[Block] = []
    bold_sizes: dict[int, float] = {}  # block index -> type size of a bold or large line
    covers, in_covers = _cover_tables(document)
    columns, in_columns = _header_tables(document)
    paragraphs = []
    for n, paragraph in enumerate(_paragraphs(document), start=1):
        if paragraph._p in covers:
            paragraphs += [(n, BlockKind.PARAGRAPH, line) for line in covers[paragraph._p]]
        elif paragraph._p in columns:
            paragraphs += [(n, kind, text) for kind, text in columns[paragraph._p]]
        elif (
            paragraph._p not in in_covers
            and paragraph._p not in in_columns
            and (lines := _text_of(paragraph)).strip()
        ):
            paragraphs.append((n, paragraph, lines))
    # The size most text is set in; a short line in clearly larger type is a heading even
    # when it is neither bold nor styled as one.
    default = _default_size(document)
    size_of = {
        n: (0 if isinstance(p, BlockKind) else _size(p)) or default for n, p, _ in paragraphs
    }
    weights: Counter = Counter()
    for n, _, lines in paragraphs:
        weights[size_of[n]] += len(lines)
    body = weights.most_common(1)[0][0] if weights else default
    for n, paragraph, lines in paragraphs:
        text = clean(lines)
        if isinstance(paragraph, BlockKind):  # a row of a cover table, a column's label or cell
            level = PSEUDO_HEADING_LEVEL if paragraph is BlockKind.HEADING else None
            blocks.append(Block(paragraph, text, n, level=level))
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        is_item, key, numbered = _list_info(paragraph, formats)
        level = _style_level(paragraph)
        if style.lower() == "subtitle":
            # Under the title, not part of it: the partnership, a date, or what the brief is.
            blocks.append(Block(BlockKind.PARAGRAPH, text, n))
        elif level is not None:
            blocks.append(Block(BlockKind.HEADING, text, n, level=level))
        elif is_item:
            number = None
            if numbered and key is not None:
                number = counters[key] = counters.get(key, 0) + 1
            blocks.append(Block(BlockKind.ITEM, text, n, number=number))
        elif (
            (_is_bold(paragraph) or size_of[n] >= body * 1.15)
            and len(text) <= MAX_HEADING_CHARS
            and not text.endswith(".")
        ):
            bold_sizes[len(blocks)] = size_of[n]
            blocks.append(Block(BlockKind.HEADING, text, n, level=PSEUDO_HEADING_LEVEL))
        else:  # a paragraph, or typed bullets ("\u2022 a", "\u2022 b") on its lines
            blocks += text_blocks(lines, n, bold=False)
    # Bold or large lines in larger type rank above smaller ones, below styled headings.
    ranks = {size: rank for rank, size in enumerate(sorted(set(bold_sizes.values()), reverse=True))}
    for i, size in bold_sizes.items():
        level = 7 + ranks[size]  # below styled headings (0-6)
        blocks[i] = replace(blocks[i], level=level)
    title = clean(document.core_properties.title or "")
    chrome = _chrome_text(document)
    return Outline(
        blocks=tuple(blocks), title=title, hints={"page_chrome": chrome} if chrome else {}
    )
