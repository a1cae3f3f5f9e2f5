"""Is a question about what the collection covers? Pure functions of the question, its
glossary reading and the corpus's words: which words it shares with the corpus (plainly and
weighted by rarity), which topics it names that no review mentions, and the rule that
decides."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence

import numpy as np

from assistant.index.keywords import terms_of, tokenize
from assistant.search.glossary import ExpandedQuery, Match
from assistant.settings import RetrievalSettings

# Words of asking, not of the topic; they do not count towards term coverage.
QUESTION_WORDS = frozenset(
    tokenize(
        [
            "what how why who whom which when where whether tell about say said reviews review "
            "learning lessons practice anything something know think should could would can "
            "do does did done i me my we us our you your there is are was were been please "
            "any some more much many also really just thing things"
        ]
    )[0]
)


def content_terms(text: str) -> list[str]:
    """The text's words that name something, less the words of asking."""
    return [t for t in terms_of(text) if t not in QUESTION_WORDS]


def _known_terms(question: str, expanded: ExpandedQuery, known: Container[str]):
    """The question's content words, and which of them the corpus (or the glossary) knows."""
    terms = content_terms(question)
    via_glossary: set[str] = set()
    for m in expanded.matches:
        added = terms_of(" ".join((*m.entry.expansions, *m.entry.synonyms)))
        if any(t in known for t in added):
            via_glossary.update(terms_of(m.text))
    return terms, [t in known or t in via_glossary for t in terms]


def term_coverage(question: str, expanded: ExpandedQuery, known: Container[str]) -> float:
    """Share of the question's content words that the corpus (or the glossary) knows."""
    terms, is_known = _known_terms(question, expanded, known)
    return sum(is_known) / len(terms) if terms else 0.0


MAX_IDF = float(np.log(1000 / 0.5))


def weighted_coverage(
    question: str, expanded: ExpandedQuery, frequency: Mapping[str, int], units: int
) -> float:
    """The same share with each word weighted by how rare it is among the units (its IDF;
    a word no unit uses weighs most): "time", "open" and "check" are known to any large
    collection, and "recycling" or "pivot" say what the question is about."""
    terms, is_known = _known_terms(question, expanded, frequency)
    # Capped, so that one unknown word (a typo, a name) weighs no more in a large collection
    # than in a collection of a few hundred units.
    weights = [min(np.log((units + 1) / (frequency.get(t, 0) + 0.5)), MAX_IDF) for t in terms]
    total = sum(weights)
    return sum(w for w, k in zip(weights, is_known, strict=True) if k) / total if total else 0.0


def is_off_topic(
    best_dense: float,
    coverage: float,
    s: RetrievalSettings,
    *,
    weighted: float = 1.0,
    recognised: bool = True,
) -> bool:
    """Nothing in the corpus is close in meaning; or it is weakly close and the corpus knows
    too few of the question's words; or it is not close, the glossary recognises none of
    its words and the corpus does not know its rarest ones (a large collection knows the
    common words of any question)."""
    if best_dense < s.min_dense_score:
        return True
    if best_dense < s.weak_dense_score and coverage < s.min_term_coverage:
        return True
    return (
        not recognised
        and best_dense < s.unrecognised_dense_score
        and weighted < s.min_weighted_coverage
    )


def uncovered_topics(matches: Sequence[Match], covered: Mapping[str, bool]) -> tuple[Match, ...]:
    """Glossary safeguarding topics in the question that no corpus text mentions."""
    return tuple(m for m in matches if m.entry.topic and not covered.get(m.entry.term, True))


def without(text: str, matches: Sequence[Match]) -> str:
    """The question with the matched words taken out."""
    for m in sorted(matches, key=lambda m: m.start, reverse=True):
        text = text[: m.start] + " " + text[m.end :]
    return " ".join(text.split())
