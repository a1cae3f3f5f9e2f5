"""The Browse tab: every review with its kind, themes and summary; one review's learning
in full, as published."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from assistant import messages
from assistant.core import Assistant
from assistant.web.markdown import review_markdown, review_summary_markdown


def show_review(a: Assistant, review_id: str | None) -> str:
    review = a.review(review_id) if review_id else None
    return review_markdown(review) if review else review_summary_markdown(a.reviews)


def browse_tab(get: Callable[[], Assistant]) -> dict:
    """Lay out the tab inside the current gr.Tab; return the components filled on load."""
    gr.Markdown(messages.BROWSE_INTRO)
    choice = gr.Dropdown([], label="Review", elem_id="review-choice")
    view = gr.Markdown("", elem_id="review-view")
    choice.change(lambda r: show_review(get(), r), choice, view, api_name="review")
    return {"choice": choice, "view": view}


def loaded(a: Assistant, parts: dict) -> dict:
    return {
        parts["choice"]: gr.update(choices=[(r.title, r.id) for r in a.reviews]),
        parts["view"]: review_summary_markdown(a.reviews),
    }
