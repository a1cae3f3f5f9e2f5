"""A trainer's handout: cited excerpts plus reflective questions, as Markdown or DOCX.

`handout_markdown` and the list operations are pure; `write_docx` writes one file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.answer.compose import citation_path
from assistant.models import Citation, HandoutItem

TITLE = "Learning from safeguarding reviews: handout"
REFLECTIVE_QUESTIONS = (
    "Key thoughts: what stands out for you and your team from this learning?",
    "How will the learning be embedded in our practice, and how will we know it has been?",
    "What goes into the team's improvement plan?",
)


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


def full_citation(c: Citation) -> str:
    """review › section › point, then where it is published."""
    return f"{citation_path(c)} (source: {c.source.file}, {c.source.label})"


def handout_markdown(items: Sequence[HandoutItem]) -> str:
    lines = [f"# {TITLE}", ""]
    if not items:
        lines += ["No excerpts yet.", ""]
    for n, item in enumerate(items, start=1):
        c = item.citation
        lines += [f"## {n}. {c.review} \u2014 {c.section}", "", f"> {c.text}", ""]
        lines.append(f"Source: {full_citation(c)}")
        lines.extend(f"Also in: {p.review} \u203a {p.section}" for p in c.also_in)
        if item.question:
            lines.append(f"Asked: {item.question}")
        lines.append("")
    lines += ["## Reflective questions for the team", ""]
    lines += [f"{n}. {q}" for n, q in enumerate(REFLECTIVE_QUESTIONS, start=1)]
    return "\n".join(lines) + "\n"


def write_docx(items: Sequence[HandoutItem], path: Path) -> Path:
    """The same handout as a Word document."""
    from docx import Document

    doc = Document()
    doc.add_heading(TITLE, level=0)
    if not items:
        doc.add_paragraph("No excerpts yet.")
    for n, item in enumerate(items, start=1):
        c = item.citation
        doc.add_heading(f"{n}. {c.review} \u2014 {c.section}", level=2)
        doc.add_paragraph(c.text, style="Quote")
        doc.add_paragraph(f"Source: {full_citation(c)}")
        for p in c.also_in:
            doc.add_paragraph(f"Also in: {p.review} \u203a {p.section}")
        if item.question:
            doc.add_paragraph(f"Asked: {item.question}")
    doc.add_heading("Reflective questions for the team", level=1)
    for q in REFLECTIVE_QUESTIONS:
        doc.add_paragraph(q, style="List Number")
        doc.add_paragraph("")
    doc.save(str(path))
    return path
