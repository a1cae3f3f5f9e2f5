"""Text helpers shared by every layer: whitespace, slugs and hashes of text, curly
apostrophes, the words of a name, and many texts joined for one-pass pattern searches.

Pure; no module of the package is imported here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

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


def clean(text: str) -> str:
    """Collapse whitespace (including non-breaking spaces); nothing else changes."""
    return " ".join(text.split())


def slugify(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("\u2019", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "untitled"


def text_hash(text: str) -> str:
    return hashlib.sha256(clean(text).encode("utf-8")).hexdigest()[:10]


def normalise(text: str) -> str:
    """Curly apostrophes as straight ones, so "children’s" matches "children's" (same length,
    so match offsets still point into the original)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


@dataclass(frozen=True)
class JoinedTexts:
    """Many texts joined once, so that one regex pass finds every text a pattern matches
    (rather than one search per text). NUL joins them: no word pattern crosses it."""

    text: str
    starts: np.ndarray  # where each text begins in `text`

    @classmethod
    def of(cls, texts: Sequence[str]) -> JoinedTexts:
        parts = [normalise(t) for t in texts]
        starts = np.cumsum([0, *(len(p) + 1 for p in parts[:-1])]) if parts else np.zeros(0)
        return cls("\x00".join(parts), np.asarray(starts, dtype=np.int64))

    def rows(self, pattern: re.Pattern[str]) -> np.ndarray:
        """Sorted numbers of the texts the pattern matches."""
        found = [m.start() for m in pattern.finditer(self.text)]
        return np.unique(np.searchsorted(self.starts, found, side="right") - 1)


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


def plain_title(text: str, limit: int = 120) -> str:
    """A user's title for a document: control characters dropped, spaces collapsed."""
    kept = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(kept.split())[:limit]
