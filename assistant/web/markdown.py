"""Render answers, reviews, glossary entries and the handout as Markdown for the web UI.

Pure. Corpus text is untrusted: every string from a document (or from the user) passes
through `escape_markdown`, so markup in a source document shows as text and never runs,
links or loads anything. Only this module's own structure is Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from assistant import messages
from assistant.answer.compose import grouped
from assistant.exports.briefing import excerpt_source, quoted
from assistant.messages import (
    BRIEFING_PARTS as PARTS,
)
from assistant.messages import (
    OWN_WORDS,
    QUESTIONS_NOTE,
    REFLECTIVE_QUESTIONS,
    also_in_line,
    citation_path,
    full_citation,
    how_close,
)
from assistant.models import (
    SUMMARY_HEADING,
    Answer,
    Briefing,
    Citation,
    Comparison,
    GlossaryEntry,
    HandoutItem,
    Review,
)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<:$])")


def escape_markdown(text: str) -> str:
    """Escape HTML, then every Markdown metacharacter, so the text renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _note(text: str) -> str:
    return "\n\n".join(escape_markdown(p) for p in text.split("\n\n") if p.strip())


def answer_markdown(answer: Answer) -> str:
    """Quoted points grouped by review and section, with [n] markers."""
    if answer.abstained or not answer.citations:
        return _note(answer.text)
    if answer.comparison is not None:
        return comparison_markdown(answer.comparison)
    lines: list[str] = [_note(answer.note)] if answer.note else []
    for new_review, new_section, c in grouped(answer.quoted_citations()):
        if new_review:
            lines.append(f"**{escape_markdown(c.review)}**")
        if new_section:
            lines.append(f"*{escape_markdown(c.section)}*")
        # A summary can run to several paragraphs: every line stays inside the quote.
        quote = f"> **\\[{c.marker}\\]** {escape_markdown(c.text)}".replace("\n", "\n> ")
        for place in c.also_in:
            also = messages.also_in_review(escape_markdown(place.review), how_close(place, c))
            quote += f"  \n> *{also}*"
        lines.append(quote)
    return "\n\n".join(lines)


def sources_markdown(answer: Answer) -> str:
    """One line per quoted unit: [n] review › section › point, then the quoted text."""
    rows = []
    for c in answer.quoted_citations():
        path, text = escape_markdown(citation_path(c)), escape_markdown(c.text)
        row = f"- **\\[{c.marker}\\]** {path}: \u201c{text}\u201d"
        row += f" *({escape_markdown(c.source.file)}, {c.source.label})*"
        rows.extend(
            [
                row,
                *(
                    "  - "
                    + messages.also_under(
                        f"{escape_markdown(p.review)} \u203a {escape_markdown(p.section)}"
                    )
                    for p in c.also_in
                ),
            ]
        )
    return "\n".join(rows)


def pick_label(c: Citation, width: int = 90, *, marker: bool = True) -> str:
    """A short plain-text label for choosing a cited point (checkbox labels are not Markdown)."""
    text = c.text if len(c.text) <= width else c.text[: width - 1].rstrip() + "\u2026"
    label = f"{c.review} \u203a {c.section}: {text}"
    return f"[{c.marker}] {label}" if marker else label


def glossary_markdown(entries: Iterable[GlossaryEntry]) -> str:
    rows = [
        f"- **{escape_markdown(e.term)}**: {escape_markdown(e.meaning)}"
        for e in entries
        if e.meaning
    ]
    return "\n".join(rows)


def review_summary_markdown(reviews: Sequence[Review]) -> str:
    """Every review with its kind, themes and summary."""
    blocks = []
    for r in reviews:
        themes = "; ".join(r.themes) or messages.NO_THEMES_LISTED
        facts = " · ".join(
            [str(r.kind).capitalize(), *(str(x) for x in (r.year, r.partnership) if x)]
        )
        blocks.append(
            f"### {escape_markdown(r.title)}\n\n*{escape_markdown(facts)}* · "
            + messages.review_counts(
                len(r.sections), sum(len(s.points) for s in r.sections), len(r.next_steps)
            )
            + f"\n\n**{messages.THEMES}:** {escape_markdown(themes)}\n\n"
            f"{_note(r.summary)}"
        )
    return "\n\n---\n\n".join(blocks)


def review_markdown(review: Review) -> str:
    """A review's full structured learning, verbatim."""
    facts = [str(review.kind).capitalize()]
    facts += [str(x) for x in (review.published or review.year, review.partnership) if x]
    lines = [
        f"## {escape_markdown(review.title)}",
        f"*{escape_markdown(' · '.join(facts))}* · {messages.SOURCE}: "
        f"{escape_markdown(review.source.file)}, {review.source.label}",
    ]
    if review.source_url:
        lines.append(f"{messages.PUBLISHED_AT}: {escape_markdown(review.source_url)}")
    if review.themes:
        lines.append(f"**{messages.THEMES}:** " + escape_markdown("; ".join(review.themes)))
    if review.summary:
        lines += [f"### {SUMMARY_HEADING}", _note(review.summary)]
    if review.sections:
        lines.append(f"### {messages.KEY_LEARNING}")
    for section in review.sections:
        lines.append(f"#### {escape_markdown(section.heading)}")
        lines.append("\n".join(f"{p.position}. {escape_markdown(p.text)}" for p in section.points))
    if review.next_steps:
        lines.append(f"### {escape_markdown(review.next_steps_heading)}")
        lines.append(
            "\n".join(
                f"- {str(s.number) + chr(92) + '. ' if s.number is not None else ''}"
                f"{escape_markdown(s.text)}"
                for s in review.next_steps
            )
        )
    return "\n\n".join(lines)


def handout_preview(items: Sequence[HandoutItem]) -> str:
    """The handout as it will read, escaped for display."""
    if not items:
        return messages.HANDOUT_EMPTY
    blocks = [
        f"**{n}\\.** \u201c{escape_markdown(i.citation.text)}\u201d  \n"
        f"*{escape_markdown(full_citation(i.citation))}*"
        + (f"  \n{escape_markdown(messages.asked(i.question))}" if i.question else "")
        for n, i in enumerate(items, start=1)
    ]
    questions = "\n".join(
        f"{n}. {escape_markdown(q)}" for n, q in enumerate(REFLECTIVE_QUESTIONS, 1)
    )
    heading = f"**{messages.REFLECTIVE_QUESTIONS_HEADING}**"
    return "\n\n".join(blocks) + f"\n\n{heading}\n\n" + questions


def _cell(c: Citation | None) -> str:
    if c is None:
        return ""
    text = " ".join(c.text.split())  # a table cell holds one line
    return f"**\\[{c.marker}\\]** {escape_markdown(text)} *({escape_markdown(c.section)})*"


def comparison_markdown(comparison: Comparison) -> str:
    """Two reviews side by side; learning they share is marked in both columns."""
    lines = [_note(comparison.note)]
    if not comparison.rows:
        return lines[0]
    lines.append(
        f"| {escape_markdown(comparison.left)} | {escape_markdown(comparison.right)} |\n"
        "|---|---|\n"
        + "\n".join(
            f"| {f'**{messages.SHARED}:** ' if row.shared else ''}{_cell(row.left)} "
            f"| {f'**{messages.SHARED}:** ' if row.shared else ''}{_cell(row.right)} |"
            for row in comparison.rows
        )
    )
    return "\n\n".join(lines)


def briefing_preview(b: Briefing) -> str:
    """The briefing as it will read, escaped for display."""

    def quote(c: Citation) -> str:
        text = " ".join(c.text.split())  # one list item, one paragraph
        return f"- \u201c{escape_markdown(text)}\u201d  \n  *{escape_markdown(full_citation(c))}*"

    lines = [f"### {escape_markdown(b.title)}", f"**{PARTS[0]}**"]
    lines += [
        f"> {escape_markdown(quoted(e))}  \n> *{escape_markdown(excerpt_source(e))}*"
        + "".join(f"  \n> *{also_in_line(escape_markdown(c))}*" for c in e.also_in)
        for e in b.background
    ]
    lines += [f"**{PARTS[1]}** *{OWN_WORDS}*", *(escape_markdown(w) for w in b.why_it_matters)]
    lines += [f"**{PARTS[2]}**", "\n".join(quote(c) for c in b.key_learning) or "\u2014"]
    lines += [f"**{PARTS[3]}**", "\n".join(quote(c) for c in b.what_to_do) or "\u2014"]
    lines += [f"**{PARTS[4]}** *{QUESTIONS_NOTE}*"]
    lines.append("\n".join(f"{n}. {escape_markdown(q)}" for n, q in enumerate(b.questions, 1)))
    return "\n\n".join(lines)
