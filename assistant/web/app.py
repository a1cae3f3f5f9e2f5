"""The web app: ask in plain words, get verbatim cited learning; explore themes across
reviews; browse reviews; build a handout and 7-minute briefings.

`assistant serve` (or `python app.py`) serves it at http://127.0.0.1:7860 (see
Settings.server). Importing this module builds the interface but loads nothing heavy; the
assistant (model and index) loads on first use, or in the background when served.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

# Gradio reads this at import; a nested ChatInterface would otherwise report usage.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import gradio as gr
from starlette.middleware import Middleware

from assistant import messages
from assistant.core import Assistant, CorpusError, GlossaryError, ModelNotFound, model_folder
from assistant.settings import Settings
from assistant.web.auth import AuthFileError, checker, read_users
from assistant.web.guard import GuardMiddleware
from assistant.web.markdown import escape_markdown, handout_preview
from assistant.web.tabs import ask, browse, glossary, handout, themes

log = logging.getLogger("assistant")
SETTINGS = Settings()

_assistant: Assistant | None = None
_assistant_lock = threading.Lock()


def get_assistant() -> Assistant:
    """The one assistant, built on first use (a first start builds the index)."""
    global _assistant
    with _assistant_lock:
        if _assistant is None:
            _assistant = Assistant(SETTINGS)
            _assistant.warm_up()
            status = _assistant.status()
            log.info("ready: %d reviews, %d units", status.reviews, status.units)
        return _assistant


@dataclass
class Layout:
    """The interface and the components its load event fills, by tab."""

    demo: gr.Blocks
    status: gr.Markdown
    parts: dict[str, dict] = field(default_factory=dict)  # tab -> name -> component

    def on_load(self, progress=gr.Progress()) -> dict:  # noqa: B008 (Gradio's idiom)
        """Show a loading state until the assistant is ready, then fill the choices: updates
        keyed by component, or only the status line when the assistant cannot start."""
        progress(0, desc=messages.LOADING_PROGRESS)
        try:
            a = get_assistant()
            report = a.status()
            updates = {self.status: messages.ready(report.reviews, report.units)}
            for tab, parts in self.parts.items():
                updates.update(FILLS[tab](a, parts))
        except (CorpusError, GlossaryError, ModelNotFound) as exc:
            return {self.status: messages.could_not_start(escape_markdown(str(exc)))}
        except Exception:
            log.exception("could not load the assistant")
            return {self.status: messages.COULD_NOT_START}
        return updates

    @property
    def filled(self) -> list:
        return [self.status, *(c for parts in self.parts.values() for c in parts.values())]


# What each tab fills in once the assistant is ready.
FILLS = {"ask": ask.loaded, "themes": themes.loaded, "browse": browse.loaded}
FILLS["glossary"] = glossary.loaded


def build_ui() -> Layout:
    """The interface; choices that come from the corpus are filled in when it loads."""
    with gr.Blocks(title=messages.APP_TITLE, analytics_enabled=False) as demo:
        session = gr.State({})
        handout_items = gr.State([])
        gr.Markdown(f"# {messages.APP_TITLE}")
        gr.Markdown(messages.APP_NOTICE, elem_id="safety-notice")
        layout = Layout(demo, gr.Markdown(messages.LOADING, elem_id="status"))
        # The handout's list and preview are laid out in its tab, but the Ask and Themes
        # tabs add to them too, so they exist before any tab.
        items = gr.Radio(
            [], label="Excerpts (choose one to move or remove)", type="value", render=False
        )
        preview = gr.Markdown(handout_preview([]), elem_id="handout-preview", render=False)
        to_handout = [items, preview]
        with gr.Tab("Ask"):
            layout.parts["ask"] = ask.ask_tab(
                get_assistant, session, handout_items, to_handout, SETTINGS.max_question_chars
            )
        with gr.Tab("Themes"):
            layout.parts["themes"] = themes.themes_tab(get_assistant, handout_items, to_handout)
        with gr.Tab("Browse"):
            layout.parts["browse"] = browse.browse_tab(get_assistant)
        with gr.Tab("Glossary"):
            layout.parts["glossary"] = glossary.glossary_tab(get_assistant)
        with gr.Tab("Handout"):
            handout.handout_tab(get_assistant, handout_items, items, preview)
        demo.load(
            layout.on_load,
            None,
            layout.filled,
            show_progress="full",
            api_visibility="private",
        )
    return layout


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
        options["auth_message"] = messages.SIGN_IN
    # Security headers on every response; with sign-in, every route but the sign-in page.
    options["app_kwargs"] = {"middleware": [Middleware(GuardMiddleware, sign_in=sign_in)]}
    return options


def protected_paths(settings: Settings) -> list[Path]:
    paths = [settings.corpus_dir.resolve(), settings.index_dir.resolve()]
    if (model := model_folder(settings)) is not None:
        paths.append(model)
    if settings.auth_file is not None:
        paths.append(settings.auth_file.resolve())
    return paths


def main(settings: Settings | None = None) -> None:
    """Serve the app; `settings` (read from the environment when not given) replace the
    ones read at import."""
    global SETTINGS
    SETTINGS = settings or SETTINGS
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


layout = build_ui()  # importable without loading the model or the index
demo = layout.demo
