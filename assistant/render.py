"""Render answers as Markdown for the web UI. Pure.

Corpus text is untrusted: every quoted string is escaped so that markup in a source
document shows as text and never runs or links.
"""

from __future__ import annotations

import html
import re

from .models import Answer, Citation

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<:])")


def escape_markdown(text: str) -> str:
    """Escape HTML, then Markdown syntax, so the text renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


def citation_label(c: Citation) -> str:
    return f"{c.review} \u203a {c.section}"


def quoted(answer: Answer) -> list[Citation]:
    """The citations the answer quotes, in the order of their [n] markers."""
    return sorted((c for c in answer.citations if c.quoted), key=lambda c: c.marker)


def answer_markdown(answer: Answer) -> str:
    """Quoted points grouped by review and section, with [n] markers, as Markdown."""
    if answer.abstained or not answer.citations:
        return escape_markdown(answer.text)
    lines: list[str] = []
    review = section = None
    for c in quoted(answer):
        if c.review != review:
            lines.append(f"\n**{escape_markdown(c.review)}**\n")
            review, section = c.review, None
        if c.section != section:
            lines.append(f"\n*{escape_markdown(c.section)}*\n")
            section = c.section
        lines.append(f"> \\[{c.marker}\\] {escape_markdown(c.text)}\n>")
    return "\n".join(lines).strip()


def sources_markdown(answer: Answer) -> str:
    return "\n".join(
        f"\\[{c.marker}\\] {escape_markdown(citation_label(c))} (line {c.source.line} of "
        f"{escape_markdown(c.source.file)})"
        for c in quoted(answer)
    )
