"""Theme names: words, merging published names into themes, and naming a topic.

Pure. `normalise_themes` turns every review's Themes list and key-learning headings into
one list of themes; the helpers decide when two names are one theme and when a question
names a topic at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.models import GlossaryEntry, Review
from assistant.search.glossary import Glossary, normalise

# Words that do not make two theme names different ("Joint working between agencies").
STOP_WORDS = frozenset(
    {"a", "an", "and", "at", "between", "by", "for", "from", "in", "into", "of", "on", "the"}
    | {"to", "with"}
)
# Words that say nothing about a topic: "which reviews mention this?" is not a theme question.
_VAGUE = frozenset(
    {"this", "that", "these", "those", "it", "its", "them", "they", "there", "here", "one"}
    | {"thing", "things", "stuff", "anything", "something", "everything", "what", "which"}
    | {"he", "she", "him", "her", "we", "you", "us", "same", "other", "others"}
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ACRONYM = re.compile(r"(?<!\w)[A-Z]{2,}(?!\w)")

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


@lru_cache(maxsize=65536)  # names are compared pairwise with every glossary form
def theme_words(name: str) -> tuple[str, ...]:
    """Lower-case words of a name, '&' read as 'and', simple plurals made singular."""
    text = normalise(name).lower().replace("&", " and ")
    return tuple(_singular(w) for w in _WORD.findall(text))


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


def theme_key(name: str) -> str:
    """What identifies a theme: its content words, in order."""
    return " ".join(w for w in theme_words(name) if w not in STOP_WORDS)


def content_words(text: str) -> list[str]:
    """Words that carry a topic: not small words, not pronouns, three letters or more."""
    return [w for w in theme_words(text) if w not in STOP_WORDS and w not in _VAGUE and len(w) > 2]


def has_content(text: str) -> bool:
    """Does the text name anything ("DV", "neglect"), rather than "this" or "s"?"""
    return bool(content_words(text) or _ACRONYM.search(text))


def same_words(a: str, b: str) -> bool:
    """The same content words in any order: "Domestic abuse and violence" and "Domestic
    violence and abuse"."""
    ka = sorted(w for w in theme_words(a) if w not in STOP_WORDS)
    return bool(ka) and ka == sorted(w for w in theme_words(b) if w not in STOP_WORDS)


def starts(short: str, long: str) -> bool:
    """A name of two or more content words that starts a longer one: "Joint working" and
    "Joint working between agencies". One general word ("Abuse") never does."""
    ws, wl = theme_words(short), theme_words(long)
    content = [w for w in ws if w not in STOP_WORDS]
    return len(content) >= 2 and len(wl) > len(ws) and wl[: len(ws)] == ws


def theme_question(question: str) -> str | None:
    """The topic of a "what keeps coming up about X?" question, if it is one."""
    m = _THEME_QUESTION.match(question)
    topic = m.group("topic").strip(" \"'\u201c\u201d") if m else ""
    return topic if has_content(topic) else None


@dataclass(frozen=True)
class Theme:
    name: str  # the most used of its published names
    variants: tuple[str, ...]  # every published name, most used first
    listed_by: frozenset[str]  # reviews that list it or have a section headed by it


def review_theme_names(review: Review) -> list[str]:
    """Names a review gives its themes: its Themes list and its key-learning headings."""
    return [*review.themes, *(s.heading for s in review.sections)]


def normalise_themes(reviews: Sequence[Review]) -> list[Theme]:
    """Every review's themes, with names for the same theme merged into one.

    Names with the same words merge. A shorter name merges with the longer names it starts
    only when they are all one theme: "Domestic abuse" does not pull "Domestic abuse in
    teenage relationships" and "Domestic abuse and violence" together."""
    uses: Counter[str] = Counter()
    owners: dict[str, set[str]] = {}
    for review in reviews:
        for raw in review_theme_names(review):
            name = " ".join(normalise(raw).split()).strip(" :")
            if theme_key(name):
                uses[name] += 1
                owners.setdefault(name, set()).add(review.id)
    names = list(uses)
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(names):
        for j in range(i + 1, len(names)):
            if same_words(a, names[j]):
                parent[root(j)] = root(i)
    for i, short in enumerate(names):
        longer = {root(j) for j, long in enumerate(names) if starts(short, long)} - {root(i)}
        if len(longer) == 1:
            parent[longer.pop()] = root(i)
    groups: dict[int, list[str]] = {}
    for i, name in enumerate(names):
        groups.setdefault(root(i), []).append(name)
    themes = []
    for members in groups.values():
        # Merge case variants ("Early Help", "Early help") under the most used spelling.
        ordered = sorted(members, key=lambda n: (-uses[n], len(n), n))
        themes.append(
            Theme(
                name=ordered[0],
                variants=tuple(dict.fromkeys(ordered)),
                listed_by=frozenset(rid for n in members for rid in owners[n]),
            )
        )
    return sorted(themes, key=lambda t: t.name.lower())


def linked_entries(
    names: Iterable[str], glossary: Glossary, *, wider: bool = True
) -> list[GlossaryEntry]:
    """Glossary entries that are another name for the theme (DVA for "Domestic violence and
    abuse", EH for "Early Help"): one of their forms is the same theme as one of the names.
    With `wider=False`, a form that only starts a name ("domestic abuse" for "domestic
    abuse in teenage relationships") is too general to count."""
    names = list(names)

    def linked(form: str, name: str) -> bool:
        return same_words(form, name) or starts(name, form) or (wider and starts(form, name))

    return [
        e
        for e in glossary.entries
        if any(linked(form, n) for form in (e.term, *e.aliases, *e.expansions) for n in names)
    ]


def mention_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word matches of the phrases, any case, with a plural or possessive ending."""
    forms = sorted({normalise(p) for p in phrases if has_content(p)}, key=len, reverse=True)
    if not forms:
        return None
    parts = "|".join(re.escape(f).replace(r"\ ", r"[\s-]+") for f in forms)
    return re.compile(rf"(?i)(?<!\w)(?:{parts})(?:s|'s)?(?!\w)")
