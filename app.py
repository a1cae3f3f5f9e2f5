"""Web UI: ask a question, get verbatim cited learning. `python app.py` serves it."""

from __future__ import annotations

import functools
import logging

import gradio as gr

from assistant.render import answer_markdown, escape_markdown, sources_markdown
from assistant.service import Assistant, InvalidQuestion
from assistant.settings import Settings

SETTINGS = Settings()


@functools.cache
def get_assistant() -> Assistant:
    return Assistant(SETTINGS)


def respond(message: str, history: list) -> list[gr.ChatMessage]:
    try:
        answer = get_assistant().ask(message)
    except InvalidQuestion as exc:
        return [gr.ChatMessage(role="assistant", content=escape_markdown(str(exc)))]
    messages = [gr.ChatMessage(role="assistant", content=answer_markdown(answer))]
    if not answer.abstained:
        messages.append(
            gr.ChatMessage(
                role="assistant",
                content=sources_markdown(answer),
                metadata={"title": "Sources", "status": "done"},
            )
        )
    return messages


demo = gr.ChatInterface(
    respond,
    title="Learning from safeguarding reviews",
    description=(
        "Ask in plain words. Answers quote the published reviews verbatim and cite them. "
        "This tool holds only published, anonymised learning: do not enter details that "
        "identify a child or family. If a child is at risk now, call 999 or your local "
        "children's social care front door."
    ),
    examples=[
        "What did reviews say about forced marriage?",
        "How should we respond to chronic neglect?",
        "What is the role of the lead practitioner in early help?",
    ],
    analytics_enabled=False,
    save_history=False,
    flagging_mode="never",
    concurrency_limit=4,
)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="assistant: %(message)s")
    logging.getLogger("assistant").setLevel(logging.INFO)
    get_assistant().warm_up()  # load the model before the first visitor arrives
    demo.queue(max_size=32).launch(
        server_name=SETTINGS.server.host,
        server_port=SETTINGS.server.port,
        show_error=False,
        enable_monitoring=False,
        footer_links=[],
    )
