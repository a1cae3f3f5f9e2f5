"""Follow-up questions: which ones lean on the previous answer, and what they ask for.

Pure. "what are the next steps for that?" asks for the next steps of the reviews just
quoted; "tell me more about the second point" asks for the whole section of point [2].
Anything else is a new question and starts fresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.models import Answer, Citation

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "last": -1,
}  # fmt: skip
_ORDINAL = "|".join(ORDINALS)
_ORDINAL_REF = re.compile(
    rf"\b(?:the\s+)?(?P<ord>{_ORDINAL})\s+(?:point|one|bit|quote|item)\b"
    r"|(?:\bpoint|\bnumber|\bitem|\bquote|#|\[)\s*(?P<num>\d{1,2})\b",
    re.IGNORECASE,
)
_MORE = re.compile(
    r"\b(?:more|expand|elaborate|detail|details|explain|open up|unpack|go into|what about)\b",
    re.IGNORECASE,
)
_NEXT_STEPS = re.compile(
    r"\bnext steps?\b|\bwhat (?:should|do|can|could) (?:i|we) do\b|\bactions?\b"
    r"|\bwhat now\b|\bhow do (?:i|we) (?:act on|apply|use) (?:that|this|it)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:that|this|those|these|it|them|above|there|the same)\b", re.IGNORECASE
)
# Words a bare follow-up is made of; anything else is a new topic ("...about neglect?").
_FOLLOW_UP_WORDS = frozenset(
    [
        "what",
        "are",
        "the",
        "next",
        "step",
        "steps",
        "for",
        "should",
        "could",
        "can",
        "do",
        "we",
        "i",
        "now",
        "action",
        "actions",
        "then",
        "so",
        "and",
        "please",
        "any",
        "how",
        "about",
        "on",
        "with",
        "from",
        "to",
        "of",
        "in",
    ]
)


@dataclass(frozen=True)
class FollowUp:
    kind: Literal["next steps", "more"]
    citation: Citation | None = None  # the point asked about, for "more"


def detect_follow_up(question: str, previous: Answer | None) -> FollowUp | None:
    """A follow-up to `previous`, or None when the question stands on its own.

    The previous answer may have abstained; the caller then says there is nothing to follow.
    """
    if previous is None:
        return None
    short = len(question.split()) <= 7
    if (m := _ORDINAL_REF.search(question)) and (short or _MORE.search(question)):
        number = ORDINALS[m["ord"].lower()] if m["ord"] else int(m["num"])
        points = previous.quoted_citations()
        by_marker = {c.marker: c for c in points}
        target = points[-1] if number == -1 and points else by_marker.get(number)
        if target or not previous.citations:
            return FollowUp("more", target)
        return None
    if _NEXT_STEPS.search(question) and (_BACK_REFERENCE.search(question) or _bare(question)):
        return FollowUp("next steps")
    return None


def _bare(question: str) -> bool:
    """Nothing in the question but asking words: "next steps?", "what should we do now?"."""
    words = re.findall(r"[a-z']+", question.lower())
    return bool(words) and all(w in _FOLLOW_UP_WORDS for w in words)


def previous_reviews(answer: Answer) -> list[str]:
    """Review ids the previous answer quoted, best first, including repeated learning."""
    ids: dict[str, None] = {}
    for c in answer.quoted_citations():
        ids.setdefault(c.review_id, None)
        for place in c.also_in:
            ids.setdefault(place.review_id, None)
    return list(ids)
