"""What each part of a brief is: learning, action, reflective question, background, or not
worth keeping (resources and page furniture).

Pure functions of text. A part's heading says what it is when it uses one of the usual
wordings ("What the review found", "What can practitioners do?", "Questions for your
team", "The story of Mr D", "Useful links", "What is a SAR?"). Background headings are
weak: briefs put their learning under "Background" or "Why it matters" too, so the text
decides. A part with a topical heading ("Fathers were invisible") or none is read from
its text: questions are reflective, instructions are actions, a story about a person in
the past is background, and general statements about practice are learning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from enum import StrEnum

from assistant.models import Role
from assistant.text import clean


class Cue(StrEnum):
    """What a heading's wording says about its part."""

    LEARNING = "learning"
    ACTION = "action"
    REFLECTIVE = "reflective"
    SUMMARY = "summary"  # the brief's own summary or introduction
    BACKGROUND = "background"  # context: the text may still hold the learning
    STORY = "story"  # the case, the people, how the review was done: background, always
    EXPLAINER = "explainer"  # what a term or topic means ("What is FII?"): background, always
    RESOURCES = "resources"  # links, further reading, training, where to get help
    FURNITURE = "furniture"  # explainers of review types, newsletters, feedback


# Leading numbering of a heading: "3.", "4.1", "Box 2:", "Finding 3:", "Learning point 1:".
NUMBERING = re.compile(
    r"^(?:(?:box|part|section|step|finding|learning point|key message|message|theme)\s+)?"
    r"(?:\d{1,2}(?:\.\d{1,2})*|[ivx]{1,4}|[a-h])(?:[.):\-\u2013\u2014]\s*|\s+(?=\S))",
    re.IGNORECASE,
)

_WHO = (
    r"(?:you|we|i|practitioners|professionals|staff|managers|agencies|partners|services"
    r"|the (?:board|partnership|partners))"
)
_CUES: list[tuple[Cue, re.Pattern[str]]] = [
    (
        Cue.FURNITURE,
        re.compile(
            r"^what (?:is|are) (?:an? |the )?(?:local |national )?(?:child |adult )?"
            r"(?:safeguarding (?:adults?|practice|children)|serious case|rapid|thematic|case|"
            r"practice|7[- ]minute|seven[- ]minute|learning)\b"
            r"|^about (?:safeguarding adults? reviews|(?:child )?safeguarding practice reviews|"
            r"rapid reviews|7[- ]minute briefings|serious case reviews|our reviews)"
            r"|^(?:sign up|subscribe|newsletter|stay up to date|let us know|tell us what you|"
            r"feedback|was this (?:page|briefing) (?:helpful|useful)|share this|browse|"
            r"related (?:briefings|reviews|pages|content)|more (?:learning )?briefings|"
            r"recent (?:briefings|reviews)|published (?:reviews|safeguarding)|case reviews$|"
            r"in this section|quick links|filter|contact us|cookies?\b|7[- ]minute briefings$)",
        ),
    ),
    (
        Cue.RESOURCES,
        re.compile(
            r"^(?:useful |learning |other |more |key )?(?:links|resources|downloads?|training"
            r"|watch|videos?|references|bibliography|contacts?)\b"
            r"|\b(?:useful (?:links|resources|contacts|information)|further (?:reading|"
            r"information|resources|help|support|advice)|find out more|more (?:help|"
            r"information)|where to (?:get|find) (?:help|advice|support|out more)|"
            r"report a concern|worried about (?:a|an) (?:child|adult|young person)|"
            r"support and further information)\b",
        ),
    ),
    (
        Cue.REFLECTIVE,
        re.compile(
            r"^(?:\w+ )?questions?\b(?! (?:the review|we) (?:asked|considered|looked))"
            r"|\bquestions (?:for|to)\b|^(?:time to )?reflect(?:ion|ive)?\b|\breflective\b"
            r"|^ask yourself|^think about|talking points|^points? (?:for|to) (?:reflection|"
            r"consider|discuss)|^things to (?:consider|think)",
        ),
    ),
    (
        Cue.ACTION,
        re.compile(
            r"^(?:your |key |our |next )?(?:next steps?|recommendations?|actions?(?! taken)"
            r"|practice points|practice reminders|top tips|what to do|how to\b)"
            r"|^things (?:to remember|you can try)|^what (?:happens )?next\b"
            rf"|^what {_WHO} (?:can|should|could|must|need to|will|would like to) "
            r"(?:do|try|change|see)"
            rf"|^what can {_WHO} do|^what should (?:happen|{_WHO})|^what needs to (?:change|happen)"
            r"|^what this means for (?:you|your|practice|practitioners|professionals)"
            r"|\bimplications for (?:practice|practitioners)"
            r"|^(?:\w+ )?messages for (?:practitioners|practice|professionals|managers)"
            r"|^(?:practice )?(?:learning|advice|tips) for (?:practitioners|practice|"
            r"professionals|managers)|^practice learning"
            r"|^what the (?:board|partnership|partners) (?:has committed|is doing|will do)"
            r"|^key messages",
        ),
    ),
    (
        Cue.LEARNING,
        re.compile(
            r"^(?:key |main |the |our |shared |wider |practice |summary of )?(?:learning|"
            r"lessons?|findings?|messages)(?:$|[:?]|\s+(?:\d|points?\b|from (?:this|the|our) "
            r"(?:review|case|audit|inquiry)\b|for\b|and\b|identified|themes|learn[te]d?|so far|"
            r"of the|we|in brief))"
            r"|^(?:key|main) (?:points|issues|themes)"
            r"|^what (?:we|the reviews?|the reviewer|the audit|the inquiry|did we|have we|"
            r"our reviews?) (?:found|find|learn\w*|identified|told us|tell us|tells us|"
            r"showed|shows|know)"
            r"|^what (?:went|worked|was working) well|^good practice|^what helped|^strengths"
            r"|^what made (?:the|a) difference|^what (?:was|is) missing|^what got in the way"
            r"|gets? in the way|^analysis|^issues (?:identified|for)",
        ),
    ),
    (
        Cue.SUMMARY,
        re.compile(
            r"^(?:(?:executive |brief |case )?summary(?: of (?:the )?(?:review|brief))?|"
            r"introduction|overview|about this (?:review|brief|briefing|summary|audit|page)|"
            r"purpose(?: of (?:this|the) (?:brief|briefing|summary|review))?|"
            r"what is this (?:brief|briefing) for\??|why this briefing\??)$",
        ),
    ),
    (
        Cue.STORY,
        re.compile(
            r"^(?:summary|sequence|outline|timeline) of (?:the )?(?:key )?events\b"
            r"|\b(?:his|her) (?:\d{1,2}(?:st|nd|rd|th)|eighteenth|sixteenth) birthday\b"
            r"|^(?:the )?(?:case summary|summary of the case|chronology|timeline|methodology|"
            r"method|terms of reference|scope|incident|key (?:events|episodes|dates))\b"
            r"|^the case\b|^case (?:summary|history|study)\b|^what happened|\bstory\b"
            r"|^how (?:the|this|we) (?:review|audit"
            r"|inquiry)|^how we (?:carried|did|looked)|^why (?:we|the partnership|the board) "
            r"(?:carried out|commissioned|chose|looked)|^why this review"
            r"|^(?:the )?family\b|^about (?:the )?(?:child|family|adult|young person)"
            r"|^who (?:was|is|were|are)\b|^who \w+ (?:is|was)\b"
            r"|^the (?:people|children|young people)\b|whose lives"
            r"|^what (?:the )?(?:audit|review) looked at|^before the|^the placement",
        ),
    ),
    (
        Cue.EXPLAINER,
        re.compile(
            r"^what (?:do we|we) mean by|^what do we know about"
            r"|^what (?:is|are) (?!.*\b(?:working|went|messages|findings?|learning|lessons?|"
            r"next steps?|happened)\b)(?:an? |the )?[^?]{1,50}\?$"
        ),
    ),
    (
        Cue.BACKGROUND,
        re.compile(
            r"^(?:the )?(?:background|context)\b|^why (?:it|this) matters|^what (?:is|are) \w+"
        ),
    ),
]


# A heading that names a person or a case: the story of that person.
_SOMEONE = (
    r"(?:(?i:child|baby|adult|young person|person|parent|mother|father)\s+(?:[A-Z]{1,2}|\d{1,2})"
    r"|(?i:mr|mrs|ms|miss)\.?\s+(?:(?i:and) (?i:mrs|mr)\.?\s+)?[A-Z]|[A-Z](?:[a-z]+)?)"
)
PERSON = re.compile(
    rf"^(?i:about |the story of |who (?:was|is) )?{_SOMEONE}"
    r"(?:(?i: and (?:his |her |their )?family)|['\u2019]s (?i:story|family|voice|words))?\??$"
)


def heading_key(text: str) -> str:
    """A heading without its numbering, in lower case: "4.1 Key Findings:" -> "key findings"."""
    text = clean(text).strip(" :")
    while (m := NUMBERING.match(text)) and m.end() < len(text):
        text = text[m.end() :]
    return text.lower().replace("\u2019", "'").strip(" :")


def heading_cue(text: str) -> Cue | None:
    """What a heading's wording says its part is, or None for a topical heading."""
    key = heading_key(text)
    if not key:
        return None
    for cue, pattern in _CUES:
        if pattern.search(key):
            return cue
    if names_a_person(text) or _VOICE.match(NUMBERING.sub("", clean(text), count=1)):
        return Cue.STORY
    return None


# "What Rose said mattered to her": the person's own words, part of their story.
_VOICE = re.compile(
    r"^(?i:what) (?!(?i:practitioners|professionals|staff|families|parents|children|young|"
    r"managers|agencies|partners|people|carers|workers|we|they)\b)[A-Z][a-z]+ "
    r"(?:said|told us|wanted|asked for)\b"
)


_CASE_LABEL = re.compile(r"^(?:case|vignette|example|scenario|family)\s+(?:\d{1,2}|[A-Z])\b", re.I)


def names_a_case(text: str) -> bool:
    """ "Case 1: Baby T", "Vignette 2": a label of one of the brief's cases, not a theme."""
    return bool(_CASE_LABEL.match(NUMBERING.sub("", clean(text), count=1))) or names_a_person(text)


def names_a_person(text: str) -> bool:
    """Whether the heading is only about someone ("Child 1", "Mrs W", "Rose's story"), not
    a topic (a title such as "Adult J: cuckooing and exploitation" names a topic too)."""
    rest = NUMBERING.sub("", clean(text), count=1)
    bare = re.fullmatch(r"[A-Z](?:[a-z]+)?\??", rest)  # "Rose" alone is not a story heading
    return not bare and bool(PERSON.match(rest) or PERSON.match(clean(text)))


# --- Reading a part's text -------------------------------------------------------------

_IMPERATIVE = frozenset(
    {
        "ask", "make", "ensure", "consider", "use", "record", "check", "think", "remember", "share",
        "talk", "include", "look", "revisit", "refer", "seek", "speak", "listen", "escalate",
        "challenge", "find", "arrange", "offer", "invite", "keep", "read", "discuss", "agree", "be",
        "do", "don't", "never", "always", "try", "follow", "complete", "contact", "plan", "explain",
        "write", "build", "notice", "learn", "assess", "treat", "give", "take", "bring", "tell",
        "attend", "report", "avoid", "identify", "work", "see", "visit", "recognise", "recognize",
        "hold", "involve", "capture", "create", "raise", "respond", "act", "support", "help",
        "understand", "know", "note", "apply", "photograph", "grade", "request", "call", "phone",
        "book", "start", "stop", "step", "set", "put", "provide", "question",
    }
)  # fmt: skip
_ACTION_PHRASE = re.compile(
    r"^(?:please |you |practitioners |professionals |staff |managers |agencies |all "
    r"(?:practitioners|professionals|agencies|staff) )?(?:should|must|need to|can|will)\b"
    r"|^(?:make sure|if you\b|when you\b|where you\b|before you\b|as soon as)"
    r"|^(?:the (?:partnership|board|partners|safeguarding partners|local authority)|"
    r"partners|agencies) (?:should|will|must|is asked|are asked|has agreed|have agreed|"
    r"to\b)",
    re.IGNORECASE,
)
# A story: a named or described person, ages, dates and events in the past.
_NUMBER = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)"
)
# A person called by an initial ("J is 34", "L's mother"): in capitals, so case matters.
_INITIAL = re.compile(
    r"(?:^|[.;:]\s+|\band\s)[B-HJ-Z](?:['\u2019]s)?\s+(?:is|was|had|has|lived|told|said|moved|"
    r"went|died|and|who|\w+ed)\b"
)
_STORY = re.compile(
    r"\b(?:child|baby|adult|young person|mr|mrs|ms|miss)\.? (?:[A-Z]|\d{1,2})\b"
    rf"|\b(?:aged|age) {_NUMBER}\b|\b{_NUMBER}[- ](?:year|month|week)s?[- ]old\b"
    rf"|\b(?:{_NUMBER} (?:days?|weeks?|months?|years?) (?:old|later|before|after|earlier)"
    r"|the age of \w+|old|later)\b"
    r"|\b(?:in|by|from|until|during|on) (?:early |late |mid[- ])?(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december|spring|summer|autumn|"
    r"winter)\b|\b(?:19|20)\d\d\b"
    r"|\b(?:his|her|their) (?:mother|father|mum|dad|partner|son|daughter|brother|sister|"
    r"grandmother|grandfather|carer|wife|husband|girlfriend|boyfriend|stepfather|"
    r"stepmother|baby|flat|home|school|gp|family)\b"
    r"|\b(?:died|death|was found|was born|was admitted|was discharged|was taken|moved|"
    r"lived|was living|were living|had been|attended|told (?:the|her|him|staff)|"
    r"was referred|was placed|was excluded|was arrested|was seen|was known)\b",
    re.IGNORECASE,
)
_METHOD = re.compile(
    r"\b(?:the (?:review|audit|inquiry|reviewer|lead reviewer|panel) (?:used|looked|"
    r"considered|covered|read|spoke|met|examined|sampled|was (?:carried|led|commissioned|"
    r"asked|agreed|undertaken|set up|requested|prompted))|terms of reference|records from|"
    r"practitioner (?:event|workshop)s?|"
    r"(?:was|were) commissioned|independent (?:lead )?reviewer|learning event|methodology|"
    r"systems approach|case records|chronology|(?:was|were) (?:looked at|examined|audited|"
    r"reviewed|sampled|chosen|selected))\b",
    re.IGNORECASE,
)
# Learning: general statements about practice and services.
_PRACTICE = re.compile(
    r"\b(?:practitioners?|professionals?|agencies|agency|services?|staff|teams?|workers?|"
    r"managers?|partners?|practice|assessments?|plans?|planning|referrals?|information|"
    r"risks?|safeguarding|multi-agency|records?|recording|curiosity|escalat\w+|supervision|"
    r"systems?|policy|policies|procedures?|guidance|thresholds?|responses?|support)\b",
    re.IGNORECASE,
)
_GENERAL = re.compile(
    r"\b(?:should|must|need(?:s|ed)? to|it is (?:important|essential|vital)|can|often|"
    r"always|never|every|any|when|where|too (?:often|easily|late|narrow)|"
    r"(?:was|were|is|are) not|did not|no one|nobody|not (?:always|enough|routinely)|"
    r"missed|lack(?:ed|ing)?|rather than|instead of)\b",
    re.IGNORECASE,
)


def text_role(text: str) -> Role:
    """What one paragraph or item reads as."""
    text = clean(text)
    body = NUMBERING.sub("", text, count=1)
    if body.rstrip(" \"'\u201d\u2019)]").endswith("?") and len(body) < 400:
        return Role.REFLECTIVE
    first = re.sub(r"^[^A-Za-z']+", "", body).split(" ", 1)[0].lower().strip(",.:;")
    if first in _IMPERATIVE or _ACTION_PHRASE.search(body):
        return Role.ACTION
    story = len(_STORY.findall(body)) + len(_INITIAL.findall(body))
    story += 2 * len(_METHOD.findall(body))
    practice = len(_PRACTICE.findall(body)) + len(_GENERAL.findall(body))
    if story > practice:
        return Role.BACKGROUND
    return Role.LEARNING


QUOTED = (Role.LEARNING, Role.ACTION)
# A paragraph the brief labels as the learning: "Learning: ...", "Key learning - ...".
LABELLED_LEARNING = re.compile(
    r"^[*_\s]*(?:key |the )?(?:learning(?: point)?|lessons?(?: learned| learnt)?"
    r"|what we learn[te]d)[*_]*(?:\s*:|\s+[\u2013\u2014-]\s)",
    re.IGNORECASE,
)


def _speaks_of_practice(text: str) -> bool:
    return len(_PRACTICE.findall(text)) + len(_GENERAL.findall(text)) >= 1


def part_roles(cue: Cue | None, texts: Sequence[str]) -> list[Role]:
    """The role of each text of one part, given what its heading says."""
    read = [text_role(t) for t in texts]
    if cue in (Cue.LEARNING, Cue.ACTION):
        # The heading says learning or action: questions under it stay questions, and a
        # "learning" part of instructions is still quoted; nothing else changes it.
        given = Role.LEARNING if cue == Cue.LEARNING else Role.ACTION
        return [r if r == Role.REFLECTIVE or (r in QUOTED) else given for r in read]
    if cue == Cue.REFLECTIVE:  # questions to discuss, however they are worded
        return [Role.REFLECTIVE] * len(read)
    if cue in (Cue.STORY, Cue.EXPLAINER):
        return [Role.BACKGROUND] * len(read)
    counts = Counter(read)
    if cue in (Cue.BACKGROUND, Cue.SUMMARY):
        # Weak: learning under "Background" when most of it plainly reads as learning
        # (it speaks of practice) or as actions; a bare statement stays background.
        plain = sum(
            r == Role.ACTION or (r == Role.LEARNING and _speaks_of_practice(t))
            for r, t in zip(read, texts, strict=True)
        )
        if plain > len(read) / 2 and counts[Role.BACKGROUND] <= 1:
            return [r if r in QUOTED else Role.LEARNING for r in read]
        return [Role.BACKGROUND] * len(read)
    # A case told and then its learning labelled as such ("Learning: any explanation..."):
    # the brief says which paragraph is the learning; the rest is the case.
    labelled = [bool(LABELLED_LEARNING.match(clean(t))) for t in texts]
    if any(labelled):
        return [
            Role.LEARNING if mark else r if r in (Role.ACTION, Role.REFLECTIVE) else Role.BACKGROUND
            for mark, r in zip(labelled, read, strict=True)
        ]
    # A topical heading or none: the text decides, part by part (a part is one thing).
    if not read:
        return []
    role, n = counts.most_common(1)[0]
    if role == Role.REFLECTIVE and n <= len(read) / 2:
        role = Role.LEARNING
    return [r if role in QUOTED and r in QUOTED else role for r in read]
