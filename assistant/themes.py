"""Themes across reviews: normalised theme names, units tagged with the themes they speak
to, and the units that speak to any topic a user names.

Pure: vectors come in as arrays (the caller embeds the theme names). A unit speaks to a
theme on one of three kinds of evidence, strongest first:

- section: it sits under a key-learning heading that is the theme ("Forced marriage");
- mention: its text names the theme, or a glossary form of it ("DVA" for "domestic
  violence and abuse");
- similarity: its embedding is close to the theme name's, and clearly closer than to
  any other theme (an ambiguous tag is left off rather than guessed).

A next step also goes with a theme when it follows from one of the theme's learning
points: that point is the closest in meaning of its review's points.

A summary is long and often describes the review's setting ("the inspections look at
responses to neglect"), so it only speaks for a review that has no key learning of its
own, such as a thematic brief, and only by mention. Elsewhere a mention in a summary is
kept aside ("summary" evidence): shown, but not counted.

Thresholds come from `bench/calibrate_themes.py` (see docs/themes.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .glossary import Glossary, normalise
from .models import Chunk, ChunkKind, GlossaryEntry, Review

# Words that do not make two theme names different ("Joint working between agencies").
_STOP = frozenset(
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
    return " ".join(w for w in theme_words(name) if w not in _STOP)


def content_words(text: str) -> list[str]:
    """Words that carry a topic: not small words, not pronouns, three letters or more."""
    return [w for w in theme_words(text) if w not in _STOP and w not in _VAGUE and len(w) > 2]


def has_content(text: str) -> bool:
    """Does the text name anything ("DV", "neglect"), rather than "this" or "s"?"""
    return bool(content_words(text) or _ACRONYM.search(text))


def same_words(a: str, b: str) -> bool:
    """The same content words in any order: "Domestic abuse and violence" and "Domestic
    violence and abuse"."""
    ka = sorted(w for w in theme_words(a) if w not in _STOP)
    return bool(ka) and ka == sorted(w for w in theme_words(b) if w not in _STOP)


def starts(short: str, long: str) -> bool:
    """A name of two or more content words that starts a longer one: "Joint working" and
    "Joint working between agencies". One general word ("Abuse") never does."""
    ws, wl = theme_words(short), theme_words(long)
    content = [w for w in ws if w not in _STOP]
    return len(content) >= 2 and len(wl) > len(ws) and wl[: len(ws)] == ws


def same_theme(a: str, b: str) -> bool:
    """Two names for one theme: the same words, or one starting the other."""
    return same_words(a, b) or starts(a, b) or starts(b, a)


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


def linked_entries(names: Iterable[str], glossary: Glossary) -> list[GlossaryEntry]:
    """Glossary entries that are another name for the theme (DVA for "Domestic violence and
    abuse", EH for "Early Help"): one of their forms is the same theme as one of the names."""
    names = list(names)
    return [
        e
        for e in glossary.entries
        if any(same_theme(form, n) for form in (e.term, *e.aliases, *e.expansions) for n in names)
    ]


def mention_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """Whole-word matches of the phrases, any case, with a plural or possessive ending."""
    forms = sorted({normalise(p) for p in phrases if has_content(p)}, key=len, reverse=True)
    if not forms:
        return None
    parts = "|".join(re.escape(f).replace(r"\ ", r"[\s-]+") for f in forms)
    return re.compile(rf"(?i)(?<!\w)(?:{parts})(?:s|'s)?(?!\w)")


@dataclass(frozen=True)
class Evidence:
    """Why a unit speaks to a theme or topic; `score` ranks units within a review."""

    row: int
    kind: str  # "section", "mention", "similarity", "follows" (a step after a point),
    # or "summary": named only in the summary of a review with key learning of its own
    similarity: float

    @property
    def counts(self) -> bool:
        """Does this make the review count as speaking to the theme?"""
        return self.kind != "summary"

    @property
    def score(self) -> float:
        return self.similarity + {"section": 1.0, "mention": 0.5}.get(self.kind, 0.0)


@dataclass
class ThemeIndex:
    """The collection's themes and, for each, the units that speak to it."""

    themes: list[Theme]
    chunks: Sequence[Chunk]
    unit_vectors: np.ndarray  # one L2-normalised row per chunk
    theme_vectors: np.ndarray  # one row per theme
    glossary: Glossary
    min_similarity: float
    margin: float
    step_similarity: float = 0.5
    tags: list[list[Evidence]] = field(init=False)  # per theme
    follows: dict[int, tuple[int, float]] = field(init=False)  # next step -> its point
    has_learning: set[str] = field(init=False)  # reviews with units beyond a summary

    def __post_init__(self) -> None:
        self.has_learning = {c.review_id for c in self.chunks if c.kind != ChunkKind.SUMMARY}
        self.follows = following_steps(self.chunks, self.unit_vectors, self.step_similarity)
        self.tags = []
        if not self.themes:
            return
        sims = self.unit_vectors @ self.theme_vectors.T
        # Each unit's closest and second-closest theme, to find the closest *other* theme.
        top = np.argsort(-sims, axis=1)[:, :2]
        rows = np.arange(len(sims))
        first = sims[rows, top[:, 0]]
        second = sims[rows, top[:, 1]] if sims.shape[1] > 1 else np.full(len(sims), -1.0)
        for t, theme in enumerate(self.themes):
            other = np.where(top[:, 0] == t, second, first)
            entries = linked_entries(theme.variants, self.glossary)
            self.tags.append(self._evidence(theme.variants, entries, sims[:, t], other))

    def _evidence(
        self,
        names: Sequence[str],
        entries: Sequence[GlossaryEntry],
        sims: np.ndarray | None,
        second: np.ndarray | None,
    ) -> list[Evidence]:
        keys = {theme_key(n) for n in names}
        pattern = mention_pattern(names)
        found = []
        for row, chunk in enumerate(self.chunks):
            sim = float(sims[row]) if sims is not None else 0.0
            text = normalise(chunk.text)
            if chunk.kind == ChunkKind.LEARNING_POINT and theme_key(chunk.section) in keys:
                found.append(Evidence(row, "section", sim))
            elif (pattern is not None and pattern.search(text)) or any(
                self.glossary.mentions(e, text) for e in entries
            ):
                aside = chunk.kind == ChunkKind.SUMMARY and chunk.review_id in self.has_learning
                found.append(Evidence(row, "summary" if aside else "mention", sim))
            elif (
                chunk.kind != ChunkKind.SUMMARY
                and sim >= self.min_similarity
                and (second is None or sim - float(second[row]) >= self.margin)
            ):
                found.append(Evidence(row, "similarity", sim))
        return found

    def find(self, topic: str) -> int | None:
        """The theme a topic names, directly, by a glossary form, or as one of its words."""
        for t, theme in enumerate(self.themes):
            if any(theme_key(v) == theme_key(topic) for v in theme.variants):
                return t
        for t, theme in enumerate(self.themes):
            if any(same_theme(topic, v) for v in theme.variants):
                return t
        for match in self.glossary.find(topic):
            if len(match.text) < len(topic.strip()) * 0.6:
                continue  # the term is only part of the topic
            e = match.entry
            for form in (*e.expansions, *e.synonyms):
                for t, theme in enumerate(self.themes):
                    if any(same_theme(form, v) for v in theme.variants):
                        return t
        return None

    def topic_evidence(self, topic: str, topic_vector: np.ndarray) -> list[Evidence]:
        """Units that speak to a topic that is not one of the themes."""
        matches = self.glossary.find(topic)
        entries = [m.entry for m in matches] + linked_entries([topic], self.glossary)
        # The topic's own words, unless they are only glossary forms (an acronym such as
        # "DA" must keep matching in capitals only).
        rest = topic
        for m in matches:
            rest = rest.replace(m.text, " ")
        phrases = [topic] if has_content(rest) else []
        for m in matches:
            # A topic entry's synonyms are the reviews' words for the same topic (deaf:
            # hearing impairment); an everyday word's are wider (mum: parents), and would
            # count reviews that never speak to it.
            phrases += [*m.entry.expansions, *(m.entry.synonyms if m.entry.topic else ())]
        sims = self.unit_vectors @ topic_vector
        found = {e.row: e for e in self._evidence(phrases, entries, sims, None)}
        # A theme whose name holds every word of the topic is part of it: "Chronic
        # neglect" for "neglect".
        words = set(content_words(topic))
        for t, theme in enumerate(self.themes):
            if words and any(words <= set(theme_key(v).split()) for v in theme.variants):
                for e in self.tags[t]:
                    found.setdefault(e.row, e)
        return sorted(found.values(), key=lambda e: e.row)

    def related(self, topic_vector: np.ndarray, exclude: int | None, limit: int) -> list[str]:
        """Themes closest in meaning to a topic, for pointing a user onwards."""
        if not self.themes:
            return []
        order = np.argsort(-(self.theme_vectors @ topic_vector), kind="stable")
        return [self.themes[t].name for t in order if t != exclude][:limit]

    def with_steps(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """Add the next steps that follow from the learning points in the evidence."""
        have = {e.row for e in evidence}
        out = list(evidence)
        for step, (point, sim) in self.follows.items():
            if point in have and step not in have:
                out.append(Evidence(step, "follows", sim))
        return out

    def reviews_for(self, t: int) -> set[str]:
        """Reviews that list the theme or hold a unit that speaks to it."""
        tagged = {self.chunks[e.row].review_id for e in self.tags[t] if e.counts}
        return tagged | set(self.themes[t].listed_by)


def following_steps(
    chunks: Sequence[Chunk], vectors: np.ndarray, floor: float
) -> dict[int, tuple[int, float]]:
    """Next step -> the learning point of its review it follows from: the point closest in
    meaning, if close enough. Generic steps ("share this learning with colleagues") are
    close to no point and follow none."""
    by_review: dict[str, tuple[list[int], list[int]]] = {}
    for row, c in enumerate(chunks):
        points, steps = by_review.setdefault(c.review_id, ([], []))
        if c.kind == ChunkKind.LEARNING_POINT:
            points.append(row)
        elif c.kind == ChunkKind.NEXT_STEP:
            steps.append(row)
    out: dict[int, tuple[int, float]] = {}
    for points, steps in by_review.values():
        if not points or not steps:
            continue
        sims = vectors[steps] @ vectors[points].T
        for i, step in enumerate(steps):
            j = int(np.argmax(sims[i]))
            if sims[i, j] >= floor:
                out[step] = (points[j], float(sims[i, j]))
    return out


SHARED_BONUS = 0.1


def one_per_review(
    evidence: Sequence[Evidence], chunks: Sequence[Chunk], steps_per_review: int
) -> tuple[list[Evidence], list[Evidence]]:
    """The best unit of each review (a learning point where there is one, else its summary
    or a next step), and up to `steps_per_review` next steps of each, best first."""
    # Learning that several of these reviews share is what "keeps coming up": it wins a
    # near tie within a review.
    evidence = [e for e in evidence if e.counts]
    ids = {chunks[e.row].id for e in evidence}
    shared = {e.row for e in evidence if ids.intersection(chunks[e.row].twins)}
    ranked = sorted(evidence, key=lambda e: -(e.score + SHARED_BONUS * (e.row in shared)))
    preference = {ChunkKind.LEARNING_POINT: 0, ChunkKind.SUMMARY: 1, ChunkKind.NEXT_STEP: 2}
    best: dict[str, Evidence] = {}
    for e in sorted(ranked, key=lambda e: preference[chunks[e.row].kind]):
        best.setdefault(chunks[e.row].review_id, e)
    # Where a review holds learning already chosen for another (almost word for word),
    # choose that copy, so the shared learning shows once with both reviews cited.
    points = []
    chosen_ids: set[str] = set()
    for e in sorted(best.values(), key=lambda e: -e.score):
        review = chunks[e.row].review_id
        copy = next(
            (
                c
                for c in ranked
                if chunks[c.row].review_id == review
                and chunks[c.row].kind == ChunkKind.LEARNING_POINT
                and chosen_ids & set(chunks[c.row].twins)
            ),
            e,
        )
        points.append(copy)
        chosen_ids.add(chunks[copy.row].id)
    chosen = {e.row for e in points}
    steps: list[Evidence] = []
    taken: Counter[str] = Counter()
    for e in ranked:
        chunk = chunks[e.row]
        wanted = chunk.kind == ChunkKind.NEXT_STEP and e.row not in chosen
        if wanted and taken[chunk.review_id] < steps_per_review:
            taken[chunk.review_id] += 1
            steps.append(e)
    return points, steps
