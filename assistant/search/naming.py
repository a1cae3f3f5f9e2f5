"""Which reviews a phrase names: "the neglect audit", "Child B", "the DA audit".

Pure. Reviews are told apart by the words only their titles use; acronyms are read
through the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.models import Review
from assistant.search.glossary import Glossary
from assistant.text import content_words, theme_words

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
