"""Spot questions that describe a child at risk now, or that carry identifying details.

Pure. The tool holds published learning only; it cannot advise on a live case. When a
question reads like one, the answer starts with where to get help and a reminder not to
enter identifying details.
"""

from __future__ import annotations

import re

from assistant.messages import IDENTIFYING_NOTICE, URGENT_NOTICE

_URGENT = re.compile(
    r"\b(?:right now|at the moment|tonight|today|this morning|this afternoon|currently"
    r"|immediate(?:ly)?|emergency|urgent(?:ly)?|in danger|being (?:hurt|hit|abused|attacked)"
    r"|fresh (?:bruis\w*|injur\w*|marks?)|has (?:bruis\w*|injur\w*|marks?)"
    r"|(?:what|who) do i (?:do|call|ring|tell)\b.*\b(?:now|today)|call the police)\b",
    re.IGNORECASE,
)
_IDENTIFYING = re.compile(
    r"\b\d{1,4}\s+[A-Z][a-z]+\s+(?:Road|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Court|Crescent"
    r"|Grove|Place|Terrace|Gardens|Walk)\b"  # a street address
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"  # a UK postcode
    r"|\b(?:0|\+44)\d{9,10}\b|\b0\d{3,4}\s\d{3}\s?\d{3,4}\b"  # a phone number
    r"|\b(?:born|d\.?o\.?b\.?)\s*:?\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # a date of birth
    r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+,\s*(?:aged\s*)?\d{1,2}\b",  # "Firstname Surname, 4"
)


def safety_notes(question: str) -> list[str]:
    """The notices a question calls for, most urgent first (empty for most questions)."""
    notes = []
    if _URGENT.search(question):
        notes.append(URGENT_NOTICE)
    if _IDENTIFYING.search(question):
        notes.append(IDENTIFYING_NOTICE)
    return notes
