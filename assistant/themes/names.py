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

from assistant.models import GlossaryEntry, Review
from assistant.search.glossary import Glossary
from assistant.text import has_content, normalise, same_words, starts, theme_key


@dataclass(frozen=True)
class Theme:
    name: str  # the most used of its published names
    variants: tuple[str, ...]  # every published name, most used first
    listed_by: frozenset[str]  # reviews that list it or have a section headed by it


def normalise_themes(reviews: Sequence[Review]) -> list[Theme]:
    """Every review's themes, with names for the same theme merged into one.

    Names with the same words merge. A shorter name merges with the longer names it starts
    only when they are all one theme: "Domestic abuse" does not pull "Domestic abuse in
    teenage relationships" and "Domestic abuse and violence" together."""
    uses: Counter[str] = Counter()
    owners: dict[str, set[str]] = {}
    for review in reviews:
        for raw in review.theme_names:
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
