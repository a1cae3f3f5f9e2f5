"""The Handout tab: the excerpts a trainer has collected, reordered and exported as
Markdown or Word, and turned into a 7-minute briefing."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import gradio as gr

from assistant import messages
from assistant.core import Assistant
from assistant.exports.briefing import briefing_markdown, write_briefing_docx
from assistant.exports.handout import handout_markdown, move, remove, write_docx
from assistant.models import Briefing, HandoutItem
from assistant.web.markdown import briefing_preview, handout_preview, pick_label


def items_of(raw) -> list[HandoutItem]:
    return [HandoutItem.model_validate(i) for i in raw or []]


def handout_views(raw, selected: int | None = None):
    items = items_of(raw)
    choices = [
        (f"{n}. {pick_label(i.citation, 70, marker=False)}", n - 1) for n, i in enumerate(items, 1)
    ]
    return gr.update(choices=choices, value=selected), handout_preview(items)


def move_item(raw, index, step):
    if index is None:
        return raw, *handout_views(raw)
    updated = [i.model_dump(mode="json") for i in move(items_of(raw), int(index), step)]
    target = int(index) + step
    return updated, *handout_views(updated, target if 0 <= target < len(updated) else index)


def remove_item(raw, index):
    if index is None:
        return raw, *handout_views(raw)
    updated = [i.model_dump(mode="json") for i in remove(items_of(raw), int(index))]
    return updated, *handout_views(updated)


def clear_handout():
    return [], *handout_views([])


_EXPORTS = Path(tempfile.mkdtemp(prefix="handouts-"))
_EXPORT_LIFETIME_S = 3600


def export_folder() -> Path:
    """A new folder for one download. Files older than an hour are removed, so exports do
    not pile up."""
    now = time.time()
    for old in _EXPORTS.glob("*/*"):
        if now - old.stat().st_mtime > _EXPORT_LIFETIME_S:
            old.unlink(missing_ok=True)
    return Path(tempfile.mkdtemp(dir=_EXPORTS))


def export_handout(raw):
    """Write the handout as Markdown and DOCX; both buttons get a path."""
    items = items_of(raw)
    folder = export_folder()
    md = folder / "handout.md"
    md.write_text(handout_markdown(items), encoding="utf-8")
    docx = write_docx(items, folder / "handout.docx")
    return str(md), str(docx)


def handout_tab(get: Callable[[], Assistant], handout, items, preview) -> None:
    """Lay out the tab inside the current gr.Tab. `items` and `preview` are made before
    the tabs (the Ask and Themes tabs add to them too) and rendered here."""
    gr.Markdown(messages.HANDOUT_INTRO)
    items.render()
    with gr.Row():
        up = gr.Button("Move up")
        down = gr.Button("Move down")
        drop = gr.Button("Remove")
        clear = gr.Button("Clear handout")
    preview.render()
    with gr.Row():
        md_button = gr.DownloadButton("Download Markdown", elem_id="download-md")
        docx_button = gr.DownloadButton("Download Word (.docx)", elem_id="download-docx")
    with gr.Accordion("7-minute briefing from the handout", open=False):
        brief_title = gr.Textbox(label="Briefing title", elem_id="handout-brief-title")
        brief = gr.Button("Build the briefing", elem_id="handout-briefing")
        brief_preview = gr.Markdown("")
        with gr.Row():
            brief_md = gr.DownloadButton("Briefing as Markdown")
            brief_docx = gr.DownloadButton("Briefing as Word (.docx)")
    up.click(lambda h, i: move_item(h, i, -1), [handout, items], [handout, items, preview])
    down.click(lambda h, i: move_item(h, i, +1), [handout, items], [handout, items, preview])
    drop.click(remove_item, [handout, items], [handout, items, preview])
    clear.click(clear_handout, None, [handout, items, preview], api_name="clear_handout")
    handout.change(export_handout, handout, [md_button, docx_button], api_name="export")
    brief.click(
        lambda h, t: handout_briefing(get(), h, t),
        [handout, brief_title],
        [brief_preview, brief_md, brief_docx],
        api_name="handout_briefing",
    )


def handout_briefing(a: Assistant, raw, title: str | None):
    """A 7-minute briefing from the handout's excerpts: a preview and both files."""
    items = items_of(raw)
    if not items:
        return messages.ADD_TO_HANDOUT_FIRST, None, None
    return briefing_downloads(a.briefing_from(items, title or ""))


def briefing_downloads(briefing: Briefing):
    """A briefing's preview, and its Markdown and Word files for the download buttons."""
    folder = export_folder()
    md = folder / "7-minute-briefing.md"
    md.write_text(briefing_markdown(briefing), encoding="utf-8")
    docx = write_briefing_docx(briefing, folder / "7-minute-briefing.docx")
    return briefing_preview(briefing), str(md), str(docx)
