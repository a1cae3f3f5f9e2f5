"""One interface for every format: a corpus file's bytes in, a `ParsedSource` out.

Pure (bytes in, models out). The format comes from the file name; each reader gives an
`Outline` that `assistant.ingest.outline` turns into reviews, except plain text and
Markdown without headings, which use the page format of the seed corpus
(`assistant.ingest.formats.page`).
Nothing raises: a file that cannot be read comes back with a one-line `error`.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath

from assistant.ingest.draft import ParsedDocument
from assistant.ingest.formats.md import read_markdown
from assistant.ingest.formats.page import looks_like_page_format, parse_document
from assistant.ingest.formats.plain import read_plain
from assistant.ingest.metadata import (
    MetadataError,
    ReviewMetadata,
    apply_metadata,
    found_in_text,
    read_metadata_leniently,
    split_front_matter,
)
from assistant.ingest.outline import BlockKind, Outline, reviews_from_outline
from assistant.models import ParsedSource

log = logging.getLogger(__name__)

FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "word",
}
SIDECAR_SUFFIXES = (".yaml", ".yml")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Markdown structure: headings, list markers or bold-only lines. A .md file with none of
# these (only the page format's own bullets) is read as the page format.
MARKDOWN_RE = re.compile(
    r"^(?:#{1,6}\s+\S|\s*[-*+]\s+\S|\s*\d{1,2}[.)]\s+\S|\*\*[^*\n]+\*\*\s*$)", re.M
)
UNSUPPORTED_HINTS = {
    ".doc": "an old Word file; save it as .docx",
    ".rtf": "save it as .docx or PDF",
    ".odt": "save it as .docx or PDF",
    ".pptx": "save it as PDF",
    ".ppt": "save it as PDF",
}


class UnreadableFile(ValueError):
    """The file cannot be read; the message says why, after the file's name."""


def looks_binary(data: bytes) -> bool:
    if data.startswith(UTF16_BOMS):
        return False
    sample = data[:8192]
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    return b"\0" in sample or controls > len(sample) * 0.05


def decode(data: bytes) -> tuple[str, str | None]:
    """The text, and a note when it was not UTF-8."""
    if looks_binary(data):
        raise UnreadableFile("looks like a binary file, not text")
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "is not UTF-8; read it as Windows-1252"


def _title_from_name(name: str) -> str:
    return re.sub(r"[-_]+", " ", PurePosixPath(name).stem).strip() or name


def _web_page(data: bytes) -> Outline:
    if looks_binary(data):
        raise UnreadableFile("looks like a binary file, not a web page")
    from assistant.ingest.formats.web import read_html

    return read_html(data)


def _pdf(data: bytes) -> Outline:
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile("is not a PDF (it has no PDF header)")
    from assistant.ingest.formats.pdf import PdfError, read_pdf

    try:
        return read_pdf(data)
    except PdfError as exc:
        raise UnreadableFile(str(exc)) from exc


def _word(data: bytes) -> Outline:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile("is an old-style Word file; save it as .docx")
    if not data.startswith(b"PK"):
        raise UnreadableFile("is not a Word .docx file")
    from assistant.ingest.formats.word import WordError, read_docx

    try:
        return read_docx(data)
    except WordError as exc:
        raise UnreadableFile(str(exc)) from exc


# Readers of the formats kept as bytes (text and Markdown are decoded first, in `_parse`);
# each imports its library only when a file of its kind turns up.
OUTLINE_READERS: dict[str, Callable[[bytes], Outline]] = {
    "html": _web_page,
    "pdf": _pdf,
    "word": _word,
}


def _parse(name: str, kind: str, data: bytes) -> tuple[ParsedDocument, str, ReviewMetadata | None]:
    """The parsed document, its full text (for metadata) and its front matter."""
    warnings: list[str] = []
    if kind in ("text", "markdown"):
        text, note = decode(data)
        if note:
            warnings.append(f"{name}: {note}")
        front = None
        if kind == "markdown":
            raw, body, offset = split_front_matter(text)
            if raw is not None:
                try:
                    front, problems = read_metadata_leniently(raw)
                    warnings += [f"{name}: front matter {p}" for p in problems]
                except MetadataError as exc:
                    warnings.append(f"{name}: front matter {exc}; ignored")
            if raw is not None or MARKDOWN_RE.search(body):
                outline = read_markdown(body, offset)
                own_title = any(
                    b.kind == BlockKind.HEADING and b.level == 1 for b in outline.blocks
                )
                if front is not None and front.title and own_title:
                    # A site's short name for the page; the brief's own heading is its title.
                    front = front.model_copy(update={"title": None})
                doc = reviews_from_outline(outline, name, _title_from_name(name))
                return _with(doc, warnings), "\n".join(b.text for b in outline.blocks), front
        if looks_like_page_format(text):
            doc = parse_document(text, name)
        else:  # plain text as pasted from an email or a PDF: headings on their own lines
            doc = reviews_from_outline(read_plain(text), name, _title_from_name(name))
        return _with(doc, warnings), text, front
    outline = OUTLINE_READERS[kind](data)
    doc = reviews_from_outline(outline, name, _title_from_name(name))
    full_text = "\n".join([*(b.text for b in outline.blocks), outline.hints.get("page_chrome", "")])
    url = outline.hints.get("source_url")
    front = ReviewMetadata(source_url=url) if url else None
    return _with(doc, warnings), full_text, front


def _with(doc: ParsedDocument, warnings: list[str]) -> ParsedDocument:
    return replace(doc, warnings=(*warnings, *doc.warnings))


def parse_source(
    name: str, data: bytes, *, key: str = "", sidecar: tuple[str, bytes] | None = None
) -> ParsedSource:
    """Everything one corpus file yields. `sidecar` is (its name, its bytes), if present.

    Never raises: whatever goes wrong comes back as the source's one-line `error`."""
    key = key or hashlib.sha256(data).hexdigest()
    try:
        return _read(name, data, key, sidecar)
    except UnreadableFile as exc:
        return ParsedSource(file=name, key=key, error=f"{name}: {exc}")
    except RecursionError:
        return ParsedSource(file=name, key=key, error=f"{name}: is nested too deeply to read")
    except Exception as exc:  # a reader library failed on a malformed file: report it, go on
        log.debug("reading %s failed", name, exc_info=True)
        return ParsedSource(file=name, key=key, error=f"{name}: could not be read ({exc!r:.80})")


def _read(name: str, data: bytes, key: str, sidecar: tuple[str, bytes] | None) -> ParsedSource:
    kind = FORMATS.get(PurePosixPath(name).suffix.lower())
    if kind is None:
        suffix = PurePosixPath(name).suffix.lower() or "(none)"
        hint = UNSUPPORTED_HINTS.get(suffix, "use .md, .txt, .html, .pdf or .docx")
        raise UnreadableFile(f"is not a supported format ({suffix}); {hint}")
    if not data.strip():
        raise UnreadableFile("is empty")
    doc, full_text, front = _parse(name, kind, data)

    warnings = list(doc.warnings)
    override = front
    if sidecar is not None:
        side_name, side_bytes = sidecar
        try:
            side, problems = read_metadata_leniently(
                side_bytes.decode("utf-8-sig", errors="replace")
            )
            warnings += [f"{side_name}: {p}" for p in problems]
            merged = {**(front.model_dump(exclude_none=True) if front else {})}
            merged.update(side.model_dump(exclude_none=True))
            override = ReviewMetadata.model_validate(merged)
        except (MetadataError, ValueError) as exc:
            warnings.append(f"{side_name}: {str(exc)[:120]}; ignored")
    if not doc.reviews:
        return ParsedSource(
            file=name,
            key=key,
            warnings=tuple(warnings),
            error=f"{name}: no review found (no text, or no title followed by review content)",
        )
    metadata = doc.metadata or tuple({} for _ in doc.reviews)
    found = [found_in_text(r, m, full_text) for r, m in zip(doc.reviews, metadata, strict=True)]
    reviews, problems = apply_metadata(
        doc.reviews, found, override, content_hash=hashlib.sha256(data).hexdigest()
    )
    warnings += [f"{name}: {p}" for p in problems]
    return ParsedSource(
        file=name, key=key, reviews=tuple(reviews), warnings=tuple(warnings), dropped=doc.dropped
    )
