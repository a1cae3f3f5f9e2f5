"""The Glossary tab: a term's meaning and the passages of the reviews that use it."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from assistant import messages
from assistant.core import Assistant
from assistant.web.markdown import escape_markdown, glossary_markdown

USES_SHOWN = 12


def show_term(a: Assistant, term: str | None) -> str:
    found = a.define(term) if term else None
    if found is None:
        return messages.CHOOSE_TERM
    entry = found.entry
    lines = [glossary_markdown([entry]) or f"**{escape_markdown(entry.term)}**"]
    if entry.expansions:
        lines.append(messages.stands_for([escape_markdown(e) for e in entry.expansions]))
    if found.uses:
        lines.append(f"**{messages.WHERE_THE_REVIEWS_USE_IT}**")
        lines += [
            f"- {escape_markdown(p.review)} \u203a {escape_markdown(p.section)}: "
            f"\u201c{escape_markdown(p.text)}\u201d"
            for p in found.uses[:USES_SHOWN]
        ]
    else:
        lines.append(messages.TERM_UNUSED)
    return "\n\n".join(lines)


def glossary_tab(get: Callable[[], Assistant]) -> dict:
    """Lay out the tab inside the current gr.Tab; return the components filled on load."""
    choice = gr.Dropdown([], label="Term", elem_id="term-choice")
    view = gr.Markdown(messages.CHOOSE_TERM_INTRO)
    choice.change(lambda t: show_term(get(), t), choice, view, api_name="term")
    return {"choice": choice}


def loaded(a: Assistant, parts: dict) -> dict:
    return {parts["choice"]: gr.update(choices=a.terms())}
