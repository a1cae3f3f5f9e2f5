"""A 7-minute briefing as Markdown or DOCX: one page a team lead can talk through.

`briefing_markdown` is pure; `write_briefing_docx` writes one file. Quotes keep their
citation on the line below; the assistant's own words are labelled as such.
"""

from __future__ import annotations

from pathlib import Path

from assistant.messages import (
    BRIEFING_PARTS as PARTS,
)
from assistant.messages import (
    NOTHING_FOR_THIS_PART as NOTHING,
)
from assistant.messages import (
    OWN_WORDS,
    QUESTIONS_NOTE,
    also_in_line,
    full_citation,
    how_close,
    published_in,
    source_line,
)
from assistant.models import Briefing, Citation, Excerpt


def excerpt_source(e: Excerpt) -> str:
    return f"{e.citation} {published_in(e.source)}"


def quoted(e: Excerpt) -> str:
    """The excerpt, with "[…]" where the summary goes on: an omission, marked as such."""
    return e.text + (" [\u2026]" if e.cut else "")


def _also(c: Citation) -> list[str]:
    return [also_in_line(f"{p.review} \u203a {p.section}, {how_close(p, c)}") for p in c.also_in]


def briefing_markdown(b: Briefing) -> str:
    lines = [f"# {b.title}", ""]
    lines += [f"## {PARTS[0]}", ""]
    for e in b.background:
        lines += [f"> {quoted(e)}", "", source_line(excerpt_source(e))]
        lines += [*(also_in_line(c) for c in e.also_in), ""]
    if not b.background:
        lines += [NOTHING, ""]
    lines += [f"## {PARTS[1]}", "", f"*{OWN_WORDS}*", ""]
    for line in b.why_it_matters:
        lines += [line, ""]
    for part, quotes in ((PARTS[2], b.key_learning), (PARTS[3], b.what_to_do)):
        lines += [f"## {part}", ""]
        for c in quotes:
            lines += [f"- \u201c{c.text}\u201d", f"  \u2014 {full_citation(c)}"]
            lines += [f"  {line}" for line in _also(c)]
        if not quotes:
            lines.append(NOTHING)
        lines.append("")
    lines += [f"## {PARTS[4]}", "", f"*{QUESTIONS_NOTE}*", ""]
    lines += [f"{n}. {q}" for n, q in enumerate(b.questions, start=1)]
    return "\n".join(lines) + "\n"


def write_briefing_docx(b: Briefing, path: Path) -> Path:
    """The same briefing as a Word document; each quote is one bullet, cited beneath."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.add_heading(b.title, level=0)
    doc.add_heading(PARTS[0], level=1)
    for e in b.background:
        doc.add_paragraph(quoted(e), style="Quote")
        source = doc.add_paragraph(source_line(excerpt_source(e)))
        for c in e.also_in:
            source.add_run("\n" + also_in_line(c))
    if not b.background:
        doc.add_paragraph(NOTHING)
    doc.add_heading(PARTS[1], level=1)
    doc.add_paragraph(OWN_WORDS).runs[0].italic = True
    for line in b.why_it_matters:
        doc.add_paragraph(line)
    for part, quotes in ((PARTS[2], b.key_learning), (PARTS[3], b.what_to_do)):
        doc.add_heading(part, level=1)
        for c in quotes:
            doc.add_paragraph(c.text, style="List Bullet")
            cite = doc.add_paragraph(f"\u2014 {full_citation(c)}")
            for line in _also(c):
                cite.add_run("\n" + line)
            for run in cite.runs:
                run.font.size = Pt(8)
        if not quotes:
            doc.add_paragraph(NOTHING)
    doc.add_heading(PARTS[4], level=1)
    doc.add_paragraph(QUESTIONS_NOTE).runs[0].italic = True
    for q in b.questions:
        doc.add_paragraph(q, style="List Number")
    doc.save(str(path))
    return path
