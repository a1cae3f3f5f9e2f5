"""Web UI: ask in plain words, get verbatim cited learning; explore themes across reviews;
browse reviews; build a handout and 7-minute briefings.

`python app.py` serves it at http://127.0.0.1:7860 (see Settings.server). Importing this
module builds the interface but loads nothing heavy; the assistant (model and index)
loads on first use, or in the background when served.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path

# Gradio reads this at import; a nested ChatInterface would otherwise report usage.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import gradio as gr
from starlette.middleware import Middleware

from assistant.core import Assistant, InvalidQuestion
from assistant.exports.handout import add
from assistant.index.encoders.base import ModelNotFound, resolve_model_dir
from assistant.ingest.collection import CorpusError
from assistant.models import Answer, HandoutItem, ReviewKind, SearchFilters
from assistant.settings import Settings
from assistant.web.auth import AuthFileError, checker, read_users
from assistant.web.guard import GuardMiddleware
from assistant.web.markdown import (
    answer_markdown,
    escape_markdown,
    glossary_markdown,
    handout_preview,
    pick_label,
    review_markdown,
    review_summary_markdown,
    sources_markdown,
)
from assistant.web.tabs.handout import (
    clear_handout,
    export_handout,
    handout_views,
    items_of,
    move_item,
    remove_item,
)
from assistant.web.tabs.themes import handout_briefing, themes_tab
from assistant.web.tabs.themes import loaded as themes_loaded

log = logging.getLogger("assistant")
SETTINGS = Settings()
EXAMPLES = [
    "What did reviews say about forced marriage?",
    "Mum says she doesn't see her ex any more, how much should I trust that?",
    "How should we respond to chronic neglect?",
    "What does TAF mean?",
    "DV in a teenager's relationship",
]
NOTICE = (
    "**This tool holds only published, anonymised learning from safeguarding reviews.** "
    "Do not enter names or details that could identify a child or family. "
    "**If a child is at immediate risk, call 999.** For other worries about a child, contact "
    "your local children's social care front door or your designated safeguarding lead."
)

_assistant: Assistant | None = None
_assistant_lock = threading.Lock()


def get_assistant() -> Assistant:
    """The one assistant, built on first use (a first start builds the index)."""
    global _assistant
    with _assistant_lock:
        if _assistant is None:
            _assistant = Assistant(SETTINGS)
            _assistant.warm_up()
            log.info(
                "ready: %d reviews, %d units", len(_assistant.reviews), len(_assistant.index.chunks)
            )
        return _assistant


def on_load(progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
    """Show a loading state until the assistant is ready, then fill the choices."""
    progress(0, desc="Loading the reviews and the search index (a first start builds it)")
    try:
        a = get_assistant()
    except (CorpusError, ModelNotFound) as exc:
        return f"**The assistant could not start:** {escape_markdown(str(exc))}", *[
            gr.update()
        ] * 12
    except Exception:
        log.exception("could not load the assistant")
        return "**The assistant could not start.** See the server log.", *[gr.update()] * 12
    reviews = list(a.reviews)
    counts = a.index.manifest.counts
    review_choices = [(r.title, r.id) for r in reviews]
    years = sorted({r.year for r in reviews if r.year is not None})
    return (
        f"Ready: {counts['reviews']} reviews, {counts['chunks']} citable points, next steps "
        "and summaries.",
        gr.update(choices=review_choices),
        gr.update(choices=sorted({str(r.kind) for r in reviews})),
        gr.update(choices=[c.name for c in a.explorer.counts()]),
        gr.update(info=_years_note(years)),
        gr.update(info=_years_note(years)),
        gr.update(choices=review_choices),
        review_summary_markdown(reviews),
        gr.update(choices=sorted(e.term for e in a.glossary.entries if e.meaning)),
        *themes_loaded(a),
    )


def _years_note(years: list[int]) -> str:
    if not years:
        return "No review in the collection gives its year, so a year filter matches none."
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}\u2013{years[-1]}"
    return f"Reviews give years {span}; reviews without a year are left out by this filter."


# --- Chat -----------------------------------------------------------------------------


def _last_answer(session) -> Answer | None:
    """The previous answer kept in the session, if any."""
    return Answer.model_validate(session["last"]) if session and session.get("last") else None


def respond(message, history, review_ids, kinds, themes, since, until, session):
    """One chat turn: the answer, a collapsible Sources box, and the points to pick from."""
    session = dict(session or {})
    previous = _last_answer(session)
    filters = SearchFilters(
        reviews=tuple(review_ids or ()),
        kinds=tuple(kinds or ()),
        themes=tuple(themes or ()),
        since=int(since) if since else None,
        until=int(until) if until else None,
    )
    try:
        a = get_assistant()
        answer = a.ask(message, filters=filters, previous=previous)
    except (InvalidQuestion, CorpusError, ModelNotFound) as exc:
        return (
            [gr.ChatMessage(role="assistant", content=escape_markdown(str(exc)))],
            gr.update(choices=[], value=[]),
            session,
        )
    messages = [gr.ChatMessage(role="assistant", content=answer_markdown(answer))]
    if not answer.abstained:
        messages.append(
            gr.ChatMessage(
                role="assistant",
                content=sources_markdown(answer),
                metadata={"title": "Sources", "status": "done"},
            )
        )
        terms = a.terms_in(answer)
        if terms:
            messages.append(
                gr.ChatMessage(
                    role="assistant",
                    content=glossary_markdown(terms),
                    metadata={"title": "Glossary terms in this answer", "status": "done"},
                )
            )
    session["last"] = answer.model_dump(mode="json")
    picks = [(pick_label(c), c.id) for c in answer.quoted_citations()]
    return messages, gr.update(choices=picks, value=[]), session


def add_to_handout(picked, session, items):
    last = _last_answer(session)
    if last is None or not picked:
        return items, *handout_views(items), gr.update(value=[])
    chosen = [
        HandoutItem(citation=c, question=last.question)
        for c in last.quoted_citations()
        if c.id in picked
    ]
    updated = [i.model_dump(mode="json") for i in add(items_of(items), chosen)]
    gr.Info(f"The handout now has {len(updated)} excerpt(s); see the Handout tab.")
    return updated, *handout_views(updated), gr.update(value=[])


# --- Browse and glossary -----------------------------------------------------------------


def show_review(review_id):
    a = get_assistant()
    review = next((r for r in a.reviews if r.id == review_id), None)
    return review_markdown(review) if review else review_summary_markdown(a.reviews)


def show_term(term):
    a = get_assistant()
    entry = next((e for e in a.glossary.entries if e.term == term), None)
    if entry is None:
        return "*Choose a term.*"
    uses = [c for _, c in a.uses_of(entry)]
    lines = [glossary_markdown([entry]) or f"**{escape_markdown(entry.term)}**"]
    if entry.expansions:
        lines.append("Stands for: " + escape_markdown("; ".join(entry.expansions)))
    if uses:
        lines.append("**Where the reviews use it:**")
        lines += [
            f"- {escape_markdown(c.review_title)} \u203a {escape_markdown(c.section)}: "
            f"\u201c{escape_markdown(c.text)}\u201d"
            for c in uses[:12]
        ]
    else:
        lines.append("*The reviews in this collection do not use this term.*")
    return "\n\n".join(lines)


def build_ui() -> gr.Blocks:
    """The interface; choices that come from the corpus are filled in when it loads."""
    with gr.Blocks(title="Learning from safeguarding reviews", analytics_enabled=False) as demo:
        session = gr.State({})
        handout = gr.State([])
        gr.Markdown("# Learning from safeguarding reviews")
        gr.Markdown(NOTICE, elem_id="safety-notice")
        status = gr.Markdown("Loading the reviews and the search index\u2026", elem_id="status")
        with gr.Tab("Ask"):
            with gr.Accordion("Filters", open=False):
                review_filter = gr.Dropdown([], multiselect=True, label="Reviews")
                kind_filter = gr.Dropdown(
                    [str(k) for k in ReviewKind], multiselect=True, label="Kinds of review"
                )
                theme_filter = gr.Dropdown([], multiselect=True, label="Themes")
                with gr.Row():
                    since_filter = gr.Number(None, label="From year", precision=0)
                    until_filter = gr.Number(None, label="To year", precision=0)
            picks = gr.CheckboxGroup(
                [], label="Cited points in the last answer", elem_id="picks", render=False
            )
            chat = gr.ChatInterface(
                respond,
                chatbot=gr.Chatbot(
                    height=760, buttons=["copy", "copy_all"], elem_id="answer", label="Answers"
                ),
                textbox=gr.Textbox(
                    placeholder="Ask about the reviews, in your own words",
                    max_length=SETTINGS.max_question_chars,
                    elem_id="question",
                    show_label=False,
                    submit_btn=True,
                ),
                additional_inputs=[
                    review_filter,
                    kind_filter,
                    theme_filter,
                    since_filter,
                    until_filter,
                    session,
                ],
                additional_outputs=[picks, session],
                examples=[[q, None, None, None, None, None] for q in EXAMPLES],
                api_name="chat",
                analytics_enabled=False,
                save_history=False,
                flagging_mode="never",
                fill_height=False,
            )
            with gr.Row():
                picks.render()
            # Clearing the conversation forgets the last answer, so follow-ups start fresh.
            chat.chatbot.clear(
                lambda: ({}, gr.update(choices=[], value=[])), None, [session, picks]
            )
            add_button = gr.Button("Add ticked points to the handout", elem_id="add-to-handout")
        # The handout's list and preview are laid out in its tab, but the Themes tab adds
        # to them too, so they exist before either.
        items = gr.Radio(
            [], label="Excerpts (choose one to move or remove)", type="value", render=False
        )
        preview = gr.Markdown(handout_preview([]), elem_id="handout-preview", render=False)
        with gr.Tab("Themes"):
            themes = themes_tab(get_assistant, handout, [items, preview])
        with gr.Tab("Browse"):
            gr.Markdown("Every review in the collection. Choose one to read its full learning.")
            review_choice = gr.Dropdown([], label="Review", elem_id="review-choice")
            review_view = gr.Markdown("", elem_id="review-view")
            review_choice.change(show_review, review_choice, review_view, api_name="review")
        with gr.Tab("Glossary"):
            term_choice = gr.Dropdown([], label="Term", elem_id="term-choice")
            term_view = gr.Markdown("*Choose a term to see its meaning and where it is used.*")
            term_choice.change(show_term, term_choice, term_view, api_name="term")
        with gr.Tab("Handout"):
            gr.Markdown(
                "Excerpts you add from answers, with their full citations and three reflective "
                "questions for a team discussion."
            )
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
        add_button.click(
            add_to_handout, [picks, session, handout], [handout, items, preview, picks],
            api_name="add_to_handout",
        )  # fmt: skip
        up.click(lambda h, i: move_item(h, i, -1), [handout, items], [handout, items, preview])
        down.click(lambda h, i: move_item(h, i, +1), [handout, items], [handout, items, preview])
        drop.click(remove_item, [handout, items], [handout, items, preview])
        clear.click(clear_handout, None, [handout, items, preview], api_name="clear_handout")
        handout.change(export_handout, handout, [md_button, docx_button], api_name="export")
        brief.click(
            lambda h, t: handout_briefing(get_assistant(), h, t),
            [handout, brief_title],
            [brief_preview, brief_md, brief_docx],
            api_name="handout_briefing",
        )
        demo.load(
            on_load,
            None,
            [status, review_filter, kind_filter, theme_filter, since_filter, until_filter,
             review_choice, review_view, term_choice, themes["table"], themes["choice"],
             themes["left"], themes["right"]],
            show_progress="full",
            api_visibility="private",
        )  # fmt: skip
    return demo


def launch_options(settings: Settings) -> dict:
    """How the app is served: loopback by default, no error details, no analytics, and
    the corpus, index and model folders never served as files."""
    options = dict(
        server_name=settings.server.host,
        server_port=settings.server.port,
        show_error=False,
        enable_monitoring=False,
        run_history=False,
        footer_links=[],
        max_file_size="1mb",
        blocked_paths=[str(p) for p in protected_paths(settings)],
        state_session_capacity=settings.server.sessions,
    )
    sign_in = settings.auth_file is not None
    if sign_in:
        options["auth"] = checker(read_users(settings.auth_file))
        options["auth_message"] = "Sign in to use the learning from reviews assistant."
    # Security headers on every response; with sign-in, every route but the sign-in page.
    options["app_kwargs"] = {"middleware": [Middleware(GuardMiddleware, sign_in=sign_in)]}
    return options


def protected_paths(settings: Settings) -> list[Path]:
    paths = [settings.corpus_dir.resolve(), settings.index_dir.resolve()]
    with contextlib.suppress(ModelNotFound):
        paths.append(resolve_model_dir(settings.embedding_model))
    if settings.auth_file is not None:
        paths.append(settings.auth_file.resolve())
    return paths


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="assistant: %(message)s")
    log.setLevel(logging.INFO)
    try:
        options = launch_options(SETTINGS)
    except AuthFileError as exc:
        # Never start open when a sign-in was asked for.
        raise SystemExit(f"assistant: {exc}") from None
    # Start loading now (a first start builds the index) while the page already serves.
    threading.Thread(target=get_assistant, name="load-assistant", daemon=True).start()
    server = SETTINGS.server
    demo.queue(default_concurrency_limit=server.concurrency, max_size=server.queue_size)
    demo.launch(**options)


demo = build_ui()  # importable without loading the model or the index

if __name__ == "__main__":
    main()
