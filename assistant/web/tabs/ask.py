"""The Ask tab: a chat that answers in the reviews' own words, with filters, a Sources box
under each answer, and the cited points to tick for the handout."""

from __future__ import annotations

from collections.abc import Callable

import gradio as gr

from assistant import messages
from assistant.core import (
    Assistant,
    CorpusError,
    GlossaryError,
    InvalidQuestion,
    ModelNotFound,
)
from assistant.exports.handout import add
from assistant.models import Answer, HandoutItem, ReviewKind, SearchFilters
from assistant.web.markdown import (
    answer_markdown,
    escape_markdown,
    glossary_markdown,
    pick_label,
    sources_markdown,
)
from assistant.web.tabs.handout import handout_views, items_of

EXAMPLES = [
    "What did reviews say about forced marriage?",
    "Mum says she doesn't see her ex any more, how much should I trust that?",
    "How should we respond to chronic neglect?",
    "What does TAF mean?",
    "DV in a teenager's relationship",
]


def last_answer(session) -> Answer | None:
    """The previous answer kept in the session, if any."""
    return Answer.model_validate(session["last"]) if session and session.get("last") else None


def search_filters(review_ids, kinds, themes, since, until) -> SearchFilters:
    return SearchFilters(
        reviews=tuple(review_ids or ()),
        kinds=tuple(kinds or ()),
        themes=tuple(themes or ()),
        since=int(since) if since else None,
        until=int(until) if until else None,
    )


def respond(get: Callable[[], Assistant], message, history, *filters_and_session):
    """One chat turn: the answer, a collapsible Sources box, and the points to pick from.
    The last input is the session; the others are the filters."""
    *filters, session = filters_and_session
    session = dict(session or {})
    try:
        a = get()
        answer = a.ask(message, filters=search_filters(*filters), previous=last_answer(session))
    except (InvalidQuestion, CorpusError, GlossaryError, ModelNotFound) as exc:
        return (
            [gr.ChatMessage(role="assistant", content=escape_markdown(str(exc)))],
            gr.update(choices=[], value=[]),
            session,
        )
    replies = [gr.ChatMessage(role="assistant", content=answer_markdown(answer))]
    if not answer.abstained:
        replies.append(
            gr.ChatMessage(
                role="assistant",
                content=sources_markdown(answer),
                metadata={"title": "Sources", "status": "done"},
            )
        )
        terms = a.terms_in(answer)
        if terms:
            replies.append(
                gr.ChatMessage(
                    role="assistant",
                    content=glossary_markdown(terms),
                    metadata={"title": "Glossary terms in this answer", "status": "done"},
                )
            )
    session["last"] = answer.model_dump(mode="json")
    picks = [(pick_label(c), c.id) for c in answer.quoted_citations()]
    return replies, gr.update(choices=picks, value=[]), session


def add_to_handout(picked, session, items):
    """Add the ticked points of the last answer to the handout."""
    last = last_answer(session)
    if last is None or not picked:
        return items, *handout_views(items), gr.update(value=[])
    chosen = [
        HandoutItem(citation=c, question=last.question)
        for c in last.quoted_citations()
        if c.id in picked
    ]
    updated = [i.model_dump(mode="json") for i in add(items_of(items), chosen)]
    gr.Info(messages.handout_count(len(updated)))
    return updated, *handout_views(updated), gr.update(value=[])


def ask_tab(
    get: Callable[[], Assistant], session, handout, handout_outputs, max_chars: int
) -> dict:
    """Lay out the tab inside the current gr.Tab; return the components filled on load."""
    with gr.Accordion("Filters", open=False):
        reviews = gr.Dropdown([], multiselect=True, label="Reviews")
        kinds = gr.Dropdown([str(k) for k in ReviewKind], multiselect=True, label="Kinds of review")
        themes = gr.Dropdown([], multiselect=True, label="Themes")
        with gr.Row():
            since = gr.Number(None, label="From year", precision=0)
            until = gr.Number(None, label="To year", precision=0)
    picks = gr.CheckboxGroup(
        [], label="Cited points in the last answer", elem_id="picks", render=False
    )

    def chat(message, history, review_ids, kinds_, themes_, since_, until_, session_):
        return respond(get, message, history, review_ids, kinds_, themes_, since_, until_, session_)

    interface = gr.ChatInterface(
        chat,
        chatbot=gr.Chatbot(
            height=760, buttons=["copy", "copy_all"], elem_id="answer", label="Answers"
        ),
        textbox=gr.Textbox(
            placeholder=messages.QUESTION_PLACEHOLDER,
            max_length=max_chars,
            elem_id="question",
            show_label=False,
            submit_btn=True,
        ),
        additional_inputs=[reviews, kinds, themes, since, until, session],
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
    interface.chatbot.clear(lambda: ({}, gr.update(choices=[], value=[])), None, [session, picks])
    add_button = gr.Button("Add ticked points to the handout", elem_id="add-to-handout")
    add_button.click(
        add_to_handout,
        [picks, session, handout],
        [handout, *handout_outputs, picks],
        api_name="add_to_handout",
    )
    return {"reviews": reviews, "kinds": kinds, "themes": themes, "since": since, "until": until}


def loaded(a: Assistant, parts: dict) -> dict:
    """The filters' choices, once the assistant is ready."""
    reviews = list(a.reviews)
    years = messages.years_note(sorted({r.year for r in reviews if r.year is not None}))
    return {
        parts["reviews"]: gr.update(choices=[(r.title, r.id) for r in reviews]),
        parts["kinds"]: gr.update(choices=sorted({str(r.kind) for r in reviews})),
        parts["themes"]: gr.update(choices=[c.name for c in a.themes()]),
        parts["since"]: gr.update(info=years),
        parts["until"]: gr.update(info=years),
    }
