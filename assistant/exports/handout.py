"""A trainer's handout: cited excerpts plus reflective questions, as Markdown or DOCX.

`handout_markdown` and the list operations are pure; `write_docx` writes one file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant import messages
from assistant.messages import full_citation
from assistant.models import HandoutItem


def add(items: Sequence[HandoutItem], new: Sequence[HandoutItem]) -> list[HandoutItem]:
    """Append excerpts not already in the handout, keeping order."""
    have = {i.citation.id for i in items}
    out = list(items)
    for item in new:
        if item.citation.id not in have:
            out.append(item)
            have.add(item.citation.id)
    return out


def move(items: Sequence[HandoutItem], index: int, step: int) -> list[HandoutItem]:
    """Move the item at `index` up (step -1) or down (step +1); out of range does nothing."""
    out = list(items)
    target = index + step
    if 0 <= index < len(out) and 0 <= target < len(out):
        out[index], out[target] = out[target], out[index]
    return out


def remove(items: Sequence[HandoutItem], index: int) -> list[HandoutItem]:
    return [item for i, item in enumerate(items) if i != index]


def handout_markdown(items: Sequence[HandoutItem]) -> str:
    lines = [f"# {messages.HANDOUT_TITLE}", ""]
    if not items:
        lines += [messages.NO_EXCERPTS_YET, ""]
    for n, item in enumerate(items, start=1):
        c = item.citation
        lines += [f"## {n}. {c.review} \u2014 {c.section}", "", f"> {c.text}", ""]
        lines.append(messages.source_line(full_citation(c)))
        lines.extend(messages.also_in_line(f"{p.review} \u203a {p.section}") for p in c.also_in)
        if item.question:
            lines.append(messages.asked(item.question))
        lines.append("")
    lines += [f"## {messages.REFLECTIVE_QUESTIONS_HEADING}", ""]
    lines += [f"{n}. {q}" for n, q in enumerate(messages.REFLECTIVE_QUESTIONS, start=1)]
    return "\n".join(lines) + "\n"


def write_docx(items: Sequence[HandoutItem], path: Path) -> Path:
    """The same handout as a Word document."""
    from docx import Document

    doc = Document()
    doc.add_heading(messages.HANDOUT_TITLE, level=0)
    if not items:
        doc.add_paragraph(messages.NO_EXCERPTS_YET)
    for n, item in enumerate(items, start=1):
        c = item.citation
        doc.add_heading(f"{n}. {c.review} \u2014 {c.section}", level=2)
        doc.add_paragraph(c.text, style="Quote")
        doc.add_paragraph(messages.source_line(full_citation(c)))
        for p in c.also_in:
            doc.add_paragraph(messages.also_in_line(f"{p.review} \u203a {p.section}"))
        if item.question:
            doc.add_paragraph(messages.asked(item.question))
    doc.add_heading(messages.REFLECTIVE_QUESTIONS_HEADING, level=1)
    for q in messages.REFLECTIVE_QUESTIONS:
        doc.add_paragraph(q, style="List Number")
        doc.add_paragraph("")
    doc.save(str(path))
    return path
