"""What a question asks, read once: the one place that decides what kind of question it is.

Pure. `read_question` says what the question is (a comparison of two named reviews, a
question about a theme across reviews, a follow-up to the last answer, a request for a
term's meaning, or an ordinary question), with the words that said so, and how it should
tilt the ranking (about a review itself, asking for next steps, describing a case).
`Assistant.ask` dispatches on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from assistant import messages
from assistant.models import Answer, Citation, GlossaryEntry, Review
from assistant.search.glossary import Glossary
from assistant.search.naming import ReviewNames, find_reviews, names_only
from assistant.search.retrieval import Emphasis
from assistant.text import has_content, normalise


class InvalidQuestion(ValueError):
    """A question that cannot be searched; the message is meant for the user."""


def clean_question(question: str, max_chars: int) -> str:
    """Strip control characters and surrounding space; reject empty or over-long input."""
    if len(question) > 4 * max_chars:  # far too long: say so before reading it all
        raise InvalidQuestion(messages.question_too_long(len(question), max_chars))
    # Control characters become spaces so that "a\x01b" stays two words.
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in question)
    text = " ".join(text.split())
    if not text:
        raise InvalidQuestion(messages.EMPTY_QUESTION)
    if len(text) > max_chars:
        raise InvalidQuestion(messages.question_too_long(len(text), max_chars))
    return text


class Intent(StrEnum):
    """What a question asks for, in the order the assistant tries them."""

    COMPARISON = "comparison"  # "compare the neglect and DA audits on joint working"
    THEME = "theme"  # "what keeps coming up about information sharing?"
    FOLLOW_UP_STEPS = "follow-up: next steps"  # "what should we do about that?"
    FOLLOW_UP_POINT = "follow-up: one point"  # "tell me more about the second point"
    DEFINITION = "definition"  # "what does TAF mean?"
    QUESTION = "question"  # anything else: search the learning


@dataclass(frozen=True)
class Span:
    """Words of the question that told what it asks."""

    what: str  # "reviews compared", "topic", "point", "term", "next steps", "review"...
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Reading:
    """A question as read: what it asks for, with what it names.

    `intents` lists every intent that applies, best first, always ending with QUESTION:
    when a theme view finds nothing, the question is answered as the next one says."""

    question: str
    intents: tuple[Intent, ...]
    emphasis: Emphasis
    spans: tuple[Span, ...] = ()
    compared: tuple[str, ...] = ()  # the two review ids a comparison names
    named: tuple[str, ...] = ()  # reviews the question names, whatever it asks
    places: tuple[str, ...] = ()  # partnerships' places it names ("Leeds", "Redwater")
    topic: str = ""  # what a comparison or a theme question is about
    point: Citation | None = None  # the point a FOLLOW_UP_POINT asks about
    term: GlossaryEntry | None = None  # the term a DEFINITION asks about
    previous: Answer | None = field(default=None, repr=False)

    @property
    def intent(self) -> Intent:
        return self.intents[0]

    def after(self, intent: Intent) -> Reading:
        """The same reading with `intent` (and those before it) passed over."""
        return replace(self, intents=self.intents[self.intents.index(intent) + 1 :])


# --- A comparison of two reviews ----------------------------------------------------------

_COMPARE = re.compile(
    r"^\s*(?:please\s+)?compare\s+(?:what\s+)?(?P<pair>.+?)"
    r"(?:\s+(?:said|say|says|found|find|learned|learnt|had to say))?"
    r"(?:\s+(?:about|on|regarding|around|in relation to)\s+(?P<topic>.+?))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def comparison_pair(question: str) -> tuple[re.Match[str], str] | None:
    """The match and topic of "compare X and Y [on topic]", if the question is one."""
    m = _COMPARE.match(question)
    if not m or not re.search(r"\s(?:and|with|vs\.?|versus)\s", f" {m.group('pair')} "):
        return None
    return m, (m.group("topic") or "").strip()


# --- A theme across reviews ---------------------------------------------------------------

# "what keeps coming up about X", "how many reviews mention X", "theme: X"...
_THEME_QUESTION = re.compile(
    r"^\s*(?:"
    r"what (?:keeps|kept) (?:coming|cropping) up (?:about|on|around|in relation to|for)"
    r"|what (?:comes|came) up (?:again and again|repeatedly|most often|often) (?:about|on)"
    r"|(?:how many|which) reviews? (?:(?:talk|speak|say|said|mention|cover|raise|look)s?"
    r"(?: anything)?(?: about| to| on| at)?|(?:are|were) about"
    r"|have (?:learning|anything) (?:on|about))"
    r"|(?:show|list|give) (?:me )?(?:the )?(?:theme|topic)(?: of)?"
    r"|themes? ?[:\-]"
    r")\s+(?P<topic>.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def theme_topic(question: str) -> Span | None:
    """The topic of a "what keeps coming up about X?" question, if it is one."""
    m = _THEME_QUESTION.match(question)
    if not m:
        return None
    topic = m.group("topic").strip(" \"'\u201c\u201d")
    if not has_content(topic):
        return None
    start = question.index(topic, m.start("topic"))
    return Span("topic", start, start + len(topic), topic)


# --- A follow-up to the last answer ------------------------------------------------------------

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "last": -1,
}  # fmt: skip
_ORDINAL_REF = re.compile(
    rf"\b(?:the\s+)?(?P<ord>{'|'.join(ORDINALS)})\s+(?:point|one|bit|quote|item)\b"
    r"|(?:\bpoint|\bnumber|\bitem|\bquote|#|\[)\s*(?P<num>\d{1,2})\b",
    re.IGNORECASE,
)
_MORE = re.compile(
    r"\b(?:more|expand|elaborate|detail|details|explain|open up|unpack|go into|what about)\b",
    re.IGNORECASE,
)
# Asking what to do, as a follow-up: broader than asking for a review's next steps.
_WHAT_TO_DO = re.compile(
    r"\bnext steps?\b|\bwhat (?:should|do|can|could) (?:i|we) do\b|\bactions?\b"
    r"|\bwhat now\b|\bhow do (?:i|we) (?:act on|apply|use) (?:that|this|it)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"\b(?:that|this|those|these|it|them|above|there|the same)\b", re.IGNORECASE
)
# Words a bare follow-up is made of; anything else is a new topic ("...about neglect?").
_FOLLOW_UP_WORDS = frozenset(
    {"what", "are", "the", "next", "step", "steps", "for", "should", "could", "can", "do"}
    | {"we", "i", "now", "action", "actions", "then", "so", "and", "please", "any", "how"}
    | {"about", "on", "with", "from", "to", "of", "in"}
)


def follow_up(
    question: str, previous: Answer | None
) -> tuple[Intent, Span, Citation | None] | None:
    """(intent, words, point asked about) when the question leans on `previous`, else None.

    The previous answer may have abstained; the assistant then says there is nothing to
    follow."""
    if previous is None:
        return None
    short = len(question.split()) <= 7
    if (m := _ORDINAL_REF.search(question)) and (short or _MORE.search(question)):
        number = ORDINALS[m["ord"].lower()] if m["ord"] else int(m["num"])
        points = previous.quoted_citations()
        by_marker = {c.marker: c for c in points}
        target = points[-1] if number == -1 and points else by_marker.get(number)
        if target or not previous.citations:
            return Intent.FOLLOW_UP_POINT, _span("point", m), target
        return None
    m = _WHAT_TO_DO.search(question)
    if m and (_BACK_REFERENCE.search(question) or _bare(question)):
        return Intent.FOLLOW_UP_STEPS, _span("next steps", m), None
    return None


def _bare(question: str) -> bool:
    """Nothing in the question but asking words: "next steps?", "what should we do now?"."""
    words = re.findall(r"[a-z']+", question.lower())
    return bool(words) and all(w in _FOLLOW_UP_WORDS for w in words)


# --- A term's meaning ---------------------------------------------------------------------

# "what does TAF mean?", "what is a MASH?", "whats CIN", "what is meant by DV?",
# "what does the acronym FMPO stand for?", "define LADO", "meaning of CIN", "TAF meaning"
_MEANING = re.compile(
    r"^\s*(?:"
    r"what(?:'s|s| is| are)\s+(?:meant by\s+|the (?:meaning|definition) of\s+)?(?P<a>.+?)"
    r"|what (?:does|do)\s+(?:the (?:acronym|abbreviation|term|word)\s+)?(?P<b>.+?)\s+"
    r"(?:mean|stand for)(?:\s+in this context)?"
    r"|define\s+(?P<c>.+?)"
    r"|(?:the\s+)?(?:meaning|definition) of\s+(?P<d>.+?)"
    r"|(?P<e>.+?)\s+(?:meaning|definition|stands for|stand for)"
    r")\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def definition(question: str, glossary: Glossary) -> tuple[GlossaryEntry, Span] | None:
    """The glossary entry a "what does X mean?" question asks about, if X is the whole
    subject and the entry has a meaning."""
    text = normalise(question)
    m = _MEANING.match(text)
    if not m:
        return None
    group = next(g for g in "abcde" if m.group(g))
    subject = re.sub(r"^(?:an?|the)\s+", "", m.group(group).strip(" ?.'\""), flags=re.I)
    entry = glossary.entry_named(subject)
    if entry is None:
        return None
    start = text.index(subject, m.start(group))
    return entry, Span("term", start, start + len(subject), question[start : start + len(subject)])


# --- How the question tilts the ranking ---------------------------------------------------

# "What was the neglect review based on?", "who carried out the JTAI?": about a review
# itself, which its summary answers, rather than about its learning.
_REVIEW_WORDS = r"\b(?:review|reviews|audit|audits|inspection|inspections|inquiry|brief|SCR|JTAI)\b"
_ABOUT_WORDS = (
    r"\b(?:based on|(?:was|were|is) (?:it|they|this|that)(?: \w+)? about|carried out|"
    r"undertaken|conducted|happened|how many|when was|"
    r"who (?:did|does|carried|carries|ran|runs|led|commissioned)|method|methodology|purpose)\b"
)
_ABOUT_A_REVIEW = re.compile(
    rf"{_REVIEW_WORDS}.*{_ABOUT_WORDS}|{_ABOUT_WORDS}.*{_REVIEW_WORDS}", re.IGNORECASE
)
# "What happened to Child T?", "who was Kieran?", "tell me about the case of Mrs W": the
# story of a case, which its background tells.
_STORY = re.compile(
    r"\bwhat (?:happened|went on) (?:to|with|in the case of) "
    r"(?:(?-i:[A-Z])|child|baby|adult|mr|mrs|ms)"
    r"|\bwho (?:was|is) (?:(?-i:[A-Z])\w*|child \w+|baby \w+|adult \w+|mrs? \w+|ms \w+)\s*\??$"
    r"|\bthe story (?:of|behind)\b|\bthe circumstances (?:of|around|in)\b"
    r"|\b(?:tell me|what do we know|what's known) about (?:the )?(?:case|family|child|adult|baby)\b"
    r"|\bwhat (?:was|is) (?:the |this |that )?(?:[\w'\u2019-]+ ){0,4}(?:case|review|brief|"
    r"briefing|audit|inquiry|sar|cspr|lcspr|scr) about\b"
    r"|\b(?:how|why) did (?:he|she|they|\w+ (?-i:[A-Z])|(?-i:[A-Z])\w*) die\b"
    r"|\bbackground (?:to|of)\b",
    re.IGNORECASE,
)
# "what are the next steps from the DA audits?", "what should staff do when...": the
# reviews' next steps and other actions.
_NEXT_STEPS_ASKED = re.compile(
    r"\bnext[\s-]+steps?\b|\baction[\s-]+points?\b|\bwhat steps\b|\bwhat to do\b"
    r"|\bwhat (?:[a-z]+ ){0,2}(?:should|can|could|must) (?:i|we|you|they|staff|practitioners|"
    r"professionals|(?:the |a |an )?[a-z]+(?: [a-z]+){0,2}) do\b"
    r"|\bwhat (?:should|needs to) happen\b|\bwhat needs to be in place\b"
    r"|\bwhat (?:questions|checks) (?:should|can|could|must) (?:i|we|you|they|staff)\b"
    r"|\bwhat should (?:i|we|you|they|staff) (?:ask|check|say|record|look for)\b",
    re.IGNORECASE,
)


# Kinds of part a question asks for by name: "what went well in the Child H briefing?",
# "has anyone got it right?"; "what did the audit find about...?".
_ASPECTS_ASKED = {
    "good practice": re.compile(
        r"\b(?:went|go|goes|going|worked|working|work|works|done|did) (?:really )?well\b"
        r"|\bgood (?:practice|work)\b|\bwhat worked\b|\bg[eo]t(?:ting)? it right\b"
        r"|\bwhat (?:did |does )?good look(?:s|ed)? like\b|\bstrengths?\b(?![\s-]based)"
        r"|\bpositive practice\b|\bmade (?:a|the) difference\b|\bwhat helped\b",
        re.IGNORECASE,
    ),
    "findings": re.compile(
        r"\bwhat did (?:the|this|that|our|their) (?:[\w'-]+ ){0,8}?(?:review|reviews|audit|"
        r"inspection|inquiry|reviewer|inspectors|panel|brief|briefing|report|sar|cspr|scr|"
        r"jtai|page|summary)\b[^?]{0,60}?\b(?:find|found|identify|identified)\b"
        r"|\bfindings?\b|\bwhat (?:was|were) (?:found|identified)\b",
        re.IGNORECASE,
    ),
}


def aspects_asked(question: str) -> frozenset[str]:
    """The kinds of part asked for; "what did the audit find was working well?" asks for
    what went well, the narrower of the two."""
    asked = {name for name, p in _ASPECTS_ASKED.items() if p.search(question)}
    if "good practice" in asked:
        asked.discard("findings")
    return frozenset(asked)


def asks_about_a_review(question: str) -> bool:
    return bool(_ABOUT_A_REVIEW.search(question))


def asks_for_next_steps(question: str) -> bool:
    return bool(_NEXT_STEPS_ASKED.search(question))


def asks_for_the_story(question: str) -> bool:
    return bool(_STORY.search(question))


def describes_a_case(question: str, case_words: int) -> bool:
    """A long question describing a case ("our 14 year old in the children's home keeps
    ..."): its many details match a review's summary, a story told in general words, more
    than the learning the case needs. Not a question about a review itself."""
    return len(question.split()) >= case_words and not asks_about_a_review(question)


def emphasis_of(question: str, case_words: int) -> Emphasis:
    return Emphasis(
        about_review=asks_about_a_review(question),
        next_steps=asks_for_next_steps(question),
        case=describes_a_case(question, case_words),
        story=asks_for_the_story(question),
        aspects=aspects_asked(question),
    )


# --- The whole reading --------------------------------------------------------------------


def _span(what: str, m: re.Match[str], group: int | str = 0) -> Span:
    return Span(what, m.start(group), m.end(group), m.group(group))


def read_question(
    question: str,
    *,
    glossary: Glossary,
    reviews: Sequence[Review] = (),
    names: ReviewNames | None = None,
    previous: Answer | None = None,
    case_words: int,
) -> Reading:
    """What the (cleaned) question asks for, and the words that say so. `names` is
    `ReviewNames.of(reviews)`, worked out once by a caller that asks many questions."""
    intents: list[Intent] = []
    spans: list[Span] = []
    compared: tuple[str, ...] = ()
    topic = ""
    if found := comparison_pair(question):
        m, about = found
        named = find_reviews(m.group("pair"), reviews, glossary, pick=2)
        chosen = [r for rid in named for r in reviews if r.id == rid]
        if len(chosen) == 2 and names_only(m.group("pair"), chosen, glossary):
            intents.append(Intent.COMPARISON)
            spans.append(_span("reviews compared", m, "pair"))
            compared, topic = tuple(named), about
            if about:
                spans.append(_span("topic", m, "topic"))
    if not intents and (theme := theme_topic(question)):
        intents.append(Intent.THEME)
        spans.append(theme)
        topic = theme.text
    point = None
    if leaning := follow_up(question, previous):
        intent, span, point = leaning
        intents.append(intent)
        spans.append(span)
    term = None
    if meaning := definition(question, glossary):
        term, span = meaning
        intents.append(Intent.DEFINITION)
        spans.append(span)
    emphasis = emphasis_of(question, case_words)
    names = names or ReviewNames.of(reviews)
    named = names.named(question)
    places = names.places_in(question)
    for what, pattern, asked in (
        ("next steps", _NEXT_STEPS_ASKED, emphasis.next_steps),
        ("about a review", _ABOUT_A_REVIEW, emphasis.about_review),
        ("the story", _STORY, emphasis.story),
        *((name, _ASPECTS_ASKED[name], True) for name in sorted(emphasis.aspects)),
    ):
        if asked and (m := pattern.search(question)):
            spans.append(_span(what, m))
    return Reading(
        question=question,
        intents=(*intents, Intent.QUESTION),
        emphasis=emphasis,
        spans=tuple(spans),
        compared=compared,
        named=named,
        places=places,
        topic=topic,
        point=point,
        term=term,
        previous=previous,
    )
