"""Urgent and identifying questions are met with where to get help."""

from __future__ import annotations

import pytest

from assistant.answer.safety import IDENTIFYING_NOTICE, URGENT_NOTICE, safety_notes


@pytest.mark.parametrize(
    "question",
    [
        "a 4 year old has fresh bruises today, what do I do?",
        "child is in danger right now",
        "this is an emergency",
    ],
)
def test_urgent_questions(question):
    assert URGENT_NOTICE in safety_notes(question)


@pytest.mark.parametrize(
    "question",
    [
        "Jayden Smith, 4, lives with his mum",
        "the family at 12 Acacia Road",
        "postcode LS1 4AP",
        "call mum on 07700900123",
        "born 03/04/2019",
    ],
)
def test_identifying_details(question):
    assert IDENTIFYING_NOTICE in safety_notes(question)


@pytest.mark.parametrize(
    "question",
    [
        "What did reviews say about forced marriage?",
        "Mum says she doesn't see her ex any more, how much should I trust that?",
        "How should we respond to chronic neglect?",
        "What happened to Child B?",
        "Which inspectorates carry out JTAI inspections?",
    ],
)
def test_ordinary_questions_get_no_notice(question):
    assert safety_notes(question) == []
