"""Gradio handlers and layout of the Themes tab: every theme with its count, a theme's
view across reviews, a side-by-side comparison, and 7-minute briefings to download.

Handlers take the assistant first; `themes_tab` binds them to the app's one assistant.
"""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from assistant import messages
from assistant.core import Assistant, InvalidQuestion, UnknownReview
from assistant.exports.handout import add
from assistant.models import Answer, HandoutItem
from assistant.web.markdown import (
    answer_markdown,
    comparison_markdown,
    escape_markdown,
)
from assistant.web.tabs.handout import briefing_downloads, handout_views, items_of

TABLE_HEADERS = ["Theme", "Reviews", "Also published as"]
CHOOSE = messages.CHOOSE_THEME


def theme_rows(a: Assistant) -> list[list[str]]:
    total = len(a.reviews)
    return [[c.name, f"{c.reviews} of {total}", "; ".join(c.variants[1:])] for c in a.themes()]


def show_theme(a: Assistant, topic: str | None):
    """The theme view as Markdown, and the view's answer kept for the handout."""
    if not (topic or "").strip():
        return CHOOSE, None
    try:
        view = a.theme(topic or "")
    except InvalidQuestion as exc:
        return escape_markdown(str(exc)), None
    body = answer_markdown(view.answer)
    if view.related and view.review_ids:
        body += f"\n\n**{messages.RELATED_THEMES}:** " + escape_markdown("; ".join(view.related))
    return body, view.answer.model_dump(mode="json")


def add_view_to_handout(view, raw):
    """Add every point of the theme view shown to the handout."""
    if not view:
        return raw, *handout_views(raw)
    answer = Answer.model_validate(view)
    new = [HandoutItem(citation=c, question=answer.question) for c in answer.quoted_citations()]
    updated = [i.model_dump(mode="json") for i in add(items_of(raw), new)]
    gr.Info(messages.handout_count(len(updated)))
    return updated, *handout_views(updated)


def theme_briefing(a: Assistant, topic: str | None):
    """A 7-minute briefing on the theme: a preview and both files."""
    try:
        return briefing_downloads(a.briefing(topic or ""))
    except InvalidQuestion:
        return CHOOSE, None, None


def compare(a: Assistant, left: str | None, right: str | None, topic: str | None) -> str:
    if not left or not right:
        return messages.CHOOSE_TWO_REVIEWS
    if left == right:
        return messages.CHOOSE_DIFFERENT_REVIEWS
    try:
        comparison = a.compare(left, right, topic or "")
    except UnknownReview as exc:
        return escape_markdown(str(exc))
    return comparison_markdown(comparison)


def themes_tab(get: Callable[[], Assistant], handout, handout_outputs) -> dict:
    """Lay out the tab inside the current gr.Tab; return the components filled on load."""
    gr.Markdown(messages.THEMES_INTRO)
    table = gr.Dataframe(headers=TABLE_HEADERS, interactive=False, elem_id="theme-table", wrap=True)
    with gr.Row():
        choice = gr.Dropdown(
            [],
            label="Theme or topic",
            allow_custom_value=True,
            elem_id="theme-choice",
            scale=4,
        )
        show = gr.Button("Show", elem_id="theme-show", scale=1)
    view = gr.Markdown(CHOOSE, elem_id="theme-view")
    shown = gr.State(None)
    with gr.Row():
        to_handout = gr.Button("Add these points to the handout", elem_id="theme-to-handout")
        brief = gr.Button("Build a 7-minute briefing", elem_id="theme-briefing")
    preview = gr.Markdown("", elem_id="briefing-preview")
    with gr.Row():
        md_file = gr.DownloadButton("Briefing as Markdown", elem_id="briefing-md")
        docx_file = gr.DownloadButton("Briefing as Word (.docx)", elem_id="briefing-docx")
    with gr.Accordion("Compare two reviews", open=False):
        with gr.Row():
            # Custom values let people type a few words of a title ("neglect audit").
            left = gr.Dropdown(
                [], label="First review", elem_id="compare-left", allow_custom_value=True
            )
            right = gr.Dropdown(
                [], label="Second review", elem_id="compare-right", allow_custom_value=True
            )
        topic = gr.Textbox(label="On a topic (optional)", elem_id="compare-topic")
        go = gr.Button("Compare", elem_id="compare-go")
        compared = gr.Markdown("", elem_id="comparison")

    def on_select(evt: gr.SelectData):
        name = evt.row_value[0] if evt.row_value else None
        return (name, *show_theme(get(), name))

    def theme_counts() -> list[dict]:
        """Every theme with the number of reviews that speak to it (API only)."""
        return [c.model_dump(mode="json") for c in get().themes()]

    gr.api(theme_counts, api_name="themes")
    table.select(on_select, None, [choice, view, shown])
    show.click(lambda t: show_theme(get(), t), choice, [view, shown], api_name="theme")
    choice.input(lambda t: show_theme(get(), t), choice, [view, shown])
    to_handout.click(add_view_to_handout, [shown, handout], [handout, *handout_outputs])
    brief.click(
        lambda t: theme_briefing(get(), t),
        choice,
        [preview, md_file, docx_file],
        api_name="briefing",
    )
    go.click(
        lambda a, b, t: compare(get(), a, b, t), [left, right, topic], compared, api_name="compare"
    )
    return {"table": table, "choice": choice, "left": left, "right": right}


def loaded(a: Assistant, parts: dict) -> dict:
    """Updates for the components `themes_tab` returns, once the assistant is ready."""
    rows = theme_rows(a)
    reviews = [(r.title, r.id) for r in a.reviews]
    return {
        parts["table"]: gr.update(value=rows),
        parts["choice"]: gr.update(choices=[r[0] for r in rows]),
        parts["left"]: gr.update(choices=reviews),
        parts["right"]: gr.update(choices=reviews),
    }
