"""Which reviews a phrase names: "the neglect audit", "Child B", "the DA audit".

Pure. Reviews are told apart by the words only their titles use; acronyms are read
through the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.models import Review
from assistant.search.glossary import Glossary
from assistant.text import content_words, theme_words

_WORD = re.compile(r"[a-z']+")
# A letter or number that tells reviews apart: "Child B", "Adult 3".
_IDENTIFIER = re.compile(r"(?<![\w'\u2019])(?:[A-Z]|\d{1,3})(?![\w'\u2019])")

# Words that name a review without being in its title: "the neglect and DA audits".
_REVIEW_WORDS = frozenset(
    {"review", "audit", "inspection", "brief", "briefing", "report", "inquiry", "one"}
    | {"both", "two", "versus", "v", "vs", "jtai", "scr", "cspr", "sar", "learning"}
)


def names_only(pair: str, named: Sequence[Review], glossary: Glossary) -> bool:
    """Is the phrase made of the named reviews' title words (and words such as "audit")?
    "compare chronic neglect and early help" names ideas, not reviews, and is not."""
    titles = {w for r in named for w in theme_words(r.title)}
    text = pair
    for m in glossary.find(pair):
        spelled = {w for e in m.entry.expansions for w in theme_words(e)}
        if spelled and spelled <= titles:  # "DA" for "Domestic Abuse"
            text = text.replace(m.text, " ")
    left = [w for w in content_words(text) if w not in titles and w not in _REVIEW_WORDS]
    named_ids = {i for r in named for i in _IDENTIFIER.findall(r.title)}
    return not left and set(_IDENTIFIER.findall(text)) <= named_ids


def find_reviews(
    text: str, reviews: Sequence[Review], glossary: Glossary, pick: int | None = None
) -> list[str]:
    """Reviews a phrase names by the words that set their titles apart ("the neglect
    audit", "Child B"), best matches first; with `pick`, the best `pick` in the order the
    phrase names them. Acronyms are read through the glossary ("the DA audit")."""
    said = list(theme_words(glossary.expand(text).text))
    df: dict[str, int] = {}
    title_words = {r.id: set(theme_words(r.title)) for r in reviews}
    for words in title_words.values():
        for w in words:
            df[w] = df.get(w, 0) + 1
    asked_ids = set(_IDENTIFIER.findall(text))
    scored = []
    for r in reviews:
        ids = set(_IDENTIFIER.findall(r.title))
        if ids and asked_ids and not ids & asked_ids:
            continue  # "Child A" is not "Child B"
        own = {w for w in title_words[r.id] if df[w] == 1}
        hits = [i for i, w in enumerate(said) if w in own]
        share = len(own.intersection(said)) / len(own) if own else 0.0
        if share >= 0.25:
            scored.append((-share, hits[0], r.id))
    best = sorted(scored)[:pick]
    if pick is not None:
        best.sort(key=lambda s: s[1])
    return [rid for *_, rid in best]


# Who or what a title is about: "Child T", "Mr and Mrs H", "Baby Z", "SAR Rose", "'Kieran'".
_DESIGNATION = re.compile(
    r"\b(?i:child|baby|adult|young person|family|mr and mrs|mr|mrs|ms|miss)\.?\s+[A-Z0-9]{1,2}\b"
    r"|\b(?i:sar|cspr|lcspr|scr)\s+([A-Z][a-z]+)\b"
    r"|[\u2018\u201c'\"]([A-Z][a-z]+)[\u2019\u201d'\"]"
)
# What a partnership's name says besides where it is.
_PARTNERSHIP_WORDS = frozenset(
    {"safeguarding", "children", "children's", "childrens", "adults", "adult", "partnership"}
    | {"board", "local", "and", "the", "of", "for", "multi", "agency", "partners"}
)


def designations(title: str) -> set[str]:
    """How a question can name the review by its title: the people it is about."""
    found = set()
    for m in _DESIGNATION.finditer(title):
        found.add(" ".join((m.group(1) or m.group(2) or m.group(0)).split()))
    return found


def places(partnership: str) -> set[str]:
    """The place words of a partnership's name: "Westmere and Dunholt Safeguarding
    Children Partnership" -> {"westmere", "dunholt"}."""
    words = _WORD.findall(partnership.lower())
    return {w for w in words if w not in _PARTNERSHIP_WORDS and len(w) > 2}


# Words of a title that say what kind of document it is, not which one.
_BRIEF_WORDS = frozenset(
    {"review", "learning", "brief", "briefing", "minute", "summary", "executive", "thematic"}
    | {"safeguarding", "practice", "local", "partnership", "rapid", "serious", "case", "child"}
    | {"adult", "sar", "cspr", "lcspr", "scr", "our", "tell", "lesson", "key", "page", "what"}
    | {"multi", "agency", "audit", "joint", "targeted", "area", "inspection", "jtai", "who"}
)
PHRASE_WORDS = 3  # consecutive title words a question must repeat to name it by its title


def title_phrases(title: str) -> set[tuple[str, ...]]:
    """Runs of consecutive title words that name the brief ("Seeing the Men Around the
    Baby", "Hearing Every Child"): each run holds two words that say which brief it is,
    not what kind."""
    words = theme_words(title)
    runs = (words[i : i + PHRASE_WORDS] for i in range(len(words) - PHRASE_WORDS + 1))
    return {run for run in runs if len(set(content_words(" ".join(run))) - _BRIEF_WORDS) >= 2}


@dataclass(frozen=True)
class ReviewNames:
    """How questions can name a collection's reviews, worked out once per collection:
    the pattern of each designation or place that only a few reviews carry, the runs of
    title words only a few titles share, and every partnership's place words."""

    patterns: tuple[tuple[re.Pattern[str] | str, tuple[str, ...]], ...]
    places: frozenset[str]
    phrases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()

    @classmethod
    def of(cls, reviews: Sequence[Review]) -> ReviewNames:
        owners: dict[str, list[str]] = {}
        for r in reviews:
            for d in designations(r.title):
                owners.setdefault(d, []).append(r.id)
            for place in places(r.partnership):
                owners.setdefault(place, []).append(r.id)
        patterns: list[tuple[re.Pattern[str] | str, tuple[str, ...]]] = []
        for key, ids in owners.items():
            if len(ids) > 3:
                continue  # a name many reviews share names none of them
            if key.islower():  # a place: a word of the question
                patterns.append((key, tuple(ids)))
                continue
            # "Child T": the word in any case, the letter a capital; "Kieran" as written
            head, _, tail = key.rpartition(" ")
            lead = rf"(?i:{re.escape(head)})\s+" if head else r"(?<![\w'])"
            name = re.escape(tail) if head else rf"(?i:{re.escape(tail)})"
            patterns.append((re.compile(rf"{lead}{name}(?![\w'])"), tuple(ids)))
        known = frozenset(w for r in reviews for w in places(r.partnership))
        by_phrase: dict[tuple[str, ...], list[str]] = {}
        for r in reviews:
            for run in title_phrases(r.title):
                by_phrase.setdefault(run, []).append(r.id)
        phrases = tuple((run, tuple(ids)) for run, ids in by_phrase.items() if len(ids) <= 3)
        return cls(tuple(patterns), known, phrases)

    def titled(self, question: str) -> tuple[str, ...]:
        """Reviews the question names by repeating a run of their title's words ("in the
        Hearing Every Child briefing")."""
        words = theme_words(question)
        runs = {words[i : i + PHRASE_WORDS] for i in range(len(words) - PHRASE_WORDS + 1)}
        named: dict[str, None] = {}
        for run, ids in self.phrases:
            if run in runs:
                named.update(dict.fromkeys(ids))
        return tuple(named)

    def named(self, question: str) -> tuple[str, ...]:
        """Reviews the question names by the people their titles are about ("the Adult J
        SAR", "what happened to Kieran?") or by the place of their partnership ("the
        Northmoor review"), each of which only that review (or a few) carries."""
        asked_words = set(_WORD.findall(question.lower()))
        titled = self.titled(question)
        named: dict[str, None] = dict.fromkeys(titled)
        for key, ids in self.patterns:
            hit = key in asked_words if isinstance(key, str) else key.search(question)
            if hit and titled and not isinstance(key, str) and not set(ids) & set(titled):
                continue  # "Child 2" in "the Hearing Every Child briefing" is its child
            if hit:
                named.update(dict.fromkeys(ids))
        return tuple(named)

    def places_in(self, question: str) -> tuple[str, ...]:
        """The words of the question that are the places of the collection's partnerships
        ("Leeds", "Redwater"): they say where, not what, so they never make a question
        about something the reviews cover."""
        asked = _WORD.findall(question.lower())
        return tuple(dict.fromkeys(w for w in asked if w in self.places))


def named_reviews(question: str, reviews: Sequence[Review]) -> tuple[str, ...]:
    """`ReviewNames.named` for a one-off question."""
    return ReviewNames.of(reviews).named(question)


def places_named(question: str, reviews: Sequence[Review]) -> tuple[str, ...]:
    """`ReviewNames.places_in` for a one-off question."""
    return ReviewNames.of(reviews).places_in(question)
