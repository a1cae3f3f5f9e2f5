"""Gradio handlers of the Handout tab: list operations and exports (Markdown, DOCX).

Only app.py (the web UI) imports this module.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import gradio as gr

from assistant.exports.handout import handout_markdown, move, remove, write_docx
from assistant.models import HandoutItem
from assistant.web.markdown import handout_preview, pick_label


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
