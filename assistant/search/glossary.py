"""The glossary: query expansion, coverage of topics, and terms' meanings.

`load_glossary` reads the domain glossary that ships with the package and a collection's
own overlay (the only I/O here); everything else is pure.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from pydantic import ValidationError

from assistant.models import GlossaryEntry
from assistant.text import JoinedTexts, normalise

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    entry: GlossaryEntry
    text: str = ""  # the words of the question that matched
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class ExpandedQuery:
    original: str
    text: str  # the question with each matched term followed by its corpus words
    matches: tuple[Match, ...]


MIN_INFLECTED = 4  # shorter words (ex, mum, SW) are too easily part of another word


def _inflected(word: str) -> str:
    """A regex for an everyday word and its regular endings: climb, climbs, climbed,
    climbing; close, closed, closing; worry, worried, worrying; drop, dropped. Acronyms
    and short words match as written (the plural "s" is added for every form)."""
    if len(word) < MIN_INFLECTED or not word.isalpha() or not word.islower():
        return re.escape(word)
    if word.endswith("e"):
        return f"{word[:-1]}(?:e|ed|ing)"
    if word.endswith("y") and word[-2] not in "aeiou":
        return f"{word[:-1]}(?:y|ies|ied|ying)"
    return f"{word}(?:{word[-1]}?(?:ed|ing)|es)?"


def base_forms(word: str) -> set[str]:
    """The words `_inflected` could have started from to match this (lower-case) word:
    its inverse, used to find which entries a question's words can match."""
    forms = {word}
    for ending in ("'s", "s", "es"):
        if word.endswith(ending):
            forms.add(word[: -len(ending)])
    for ending in ("ed", "ing"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            forms |= {stem, stem + "e"}
            if len(stem) > 1 and stem[-1] == stem[-2]:
                forms.add(stem[:-1])
    for ending in ("ies", "ied", "ying"):
        if word.endswith(ending):
            forms.add(word[: -len(ending)] + "y")
    return forms


def _form(form: str) -> str:
    words = normalise(form).split(" ")
    *rest, last = words
    head = r"[\s-]+".join(re.escape(w) for w in rest)
    return (head + r"[\s-]+" if rest else "") + _inflected(last)


def _alternatives(forms: list[str]) -> str:
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(_form(f) for f in ordered)


def _pattern(entry: GlossaryEntry, *, with_synonyms: bool = False) -> re.Pattern[str]:
    """Whole words, any case, with a plural or possessive ending. With `match_case`, forms in
    capitals (LA, MASH) match only in capitals, so "mash" or "la" are left alone."""
    forms = {entry.term, *entry.aliases, *entry.expansions}
    if with_synonyms:
        forms |= set(entry.synonyms)
    capitals = {f for f in forms if entry.match_case and f.isupper()}
    groups = [f"(?i:{_alternatives(sorted(forms - capitals))})"] if forms - capitals else []
    if capitals:
        groups.append(f"(?:{_alternatives(sorted(capitals))})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?:s|'s)?(?!\w)")


_WORD = re.compile(r"\w+")
COVERAGE_BLOCK = 4096  # texts joined at a time to find which glossary terms occur


def _could_occur(entry: GlossaryEntry, words: set[str]) -> bool:
    """Could any form or synonym of the entry occur in a text with these (lower-case)
    words, given as `base_forms`? A match is whole words, the last one perhaps inflected."""
    for form in (entry.term, *entry.aliases, *entry.expansions, *entry.synonyms):
        *rest, last = _WORD.findall(normalise(form).lower()) or [""]
        if last and all(w in words for w in rest) and last in words:
            return True
    return False


_GAPS = re.compile(r"[\s-]+")
_ACRONYM = re.compile(r"[A-Z]{2}")


def _needles(entry: GlossaryEntry) -> set[str]:
    """For each form or synonym, a literal that every match of it contains once the text is
    lower-cased with each run of spaces and hyphens made one space (as `_flat` does): the
    form so written, less its last letter, which an ending may change (close: closing)."""
    needles: set[str] = set()
    for form in (entry.term, *entry.aliases, *entry.expansions, *entry.synonyms):
        flat = _flat(normalise(form)).strip()
        last = flat.rsplit(" ", 1)[-1]
        needles.add(flat[:-1] if len(last) >= MIN_INFLECTED else flat)
    return needles


def _flat(text: str) -> str:
    return _GAPS.sub(" ", text.lower())


def leftmost_longest(found: list[Match]) -> list[Match]:
    """The matches left to right, the longest first where they overlap."""
    found = sorted(found, key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Match] = []
    for m in found:
        if not chosen or m.start >= chosen[-1].end:
            chosen.append(m)
    return chosen


class Glossary:
    def __init__(self, entries: tuple[GlossaryEntry, ...] = ()) -> None:
        self.entries = entries
        self._patterns = [(e, _pattern(e)) for e in entries]
        self._by_term = {e.term: p for e, p in self._patterns}
        # Each entry under the last word of each of its forms: a question can only match
        # the entries its words point to, so `find` runs a few patterns rather than all.
        self._by_last_word: dict[str, set[int]] = {}
        self._always: set[int] = set()  # entries with a form of no words ("+"): always tried
        for i, e in enumerate(entries):
            for form in (e.term, *e.aliases, *e.expansions):
                if words := _WORD.findall(normalise(form).lower()):
                    self._by_last_word.setdefault(words[-1], set()).add(i)
                else:
                    self._always.add(i)

    def __len__(self) -> int:
        return len(self.entries)

    def coverage(self, corpus_texts: list[str]) -> dict[str, bool]:
        """For each topic and each term with a meaning (what a question can be told is not
        covered, or asked to define): does the corpus use any of its words (forms or
        synonyms)? A term none of whose words appear is a topic the reviews do not cover.

        Everyday case vocabulary is left out: it only expands questions, and at 128,000
        units checking its hundreds of forms doubled this step of start-up."""
        # The texts are read in blocks: joining 128,000 units at once cost 400 MiB at
        # start-up. NUL joins them, so no match spans two texts.
        blocks = [
            normalise("\x00".join(corpus_texts[i : i + COVERAGE_BLOCK]))
            for i in range(0, len(corpus_texts), COVERAGE_BLOCK)
        ]
        lowered = [_flat(block) for block in blocks]
        words: set[str] = set()
        for block in lowered:
            words.update(_WORD.findall(block))
        words = {b for w in words for b in base_forms(w)}  # "neglected" can match "neglect"
        # A pattern that cannot match (one of a form's words never occurs) would still
        # scan every text, which at 128,000 units took 17 s of start-up; the set of words
        # rules most of those out in one pass. A form's words can each occur somewhere
        # without the form ("forced to work"), so a block is searched only if it contains
        # a literal that every match of some form contains (a fast substring test):
        # with the case vocabulary's forms, 4.3 -> 2.3 s at 128,000 units.
        asked = [e for e in self.entries if e.topic or e.meaning]
        covered: set[str] = set()
        for entry in (e for e in asked if _could_occur(e, words)):
            pattern = _pattern(entry, with_synonyms=True)
            needles = _needles(entry)
            if any(
                any(n in low for n in needles) and pattern.search(block)
                for block, low in zip(blocks, lowered, strict=True)
            ):
                covered.add(entry.term)
        return {e.term: e.term in covered for e in asked}

    def mentions(self, entry: GlossaryEntry, text: str) -> bool:
        """Does the text use the term itself (a form or what it stands for)?"""
        return bool(self._by_term[entry.term].search(normalise(text)))

    def rows_using(self, entry: GlossaryEntry, texts: JoinedTexts) -> np.ndarray:
        """Which of the texts use the term itself (as `mentions` decides for one)."""
        return texts.rows(self._by_term[entry.term])

    def find(self, text: str) -> list[Match]:
        """Glossary terms in the text, left to right, longest first where they overlap."""
        text = normalise(text)
        words = {b for w in _WORD.findall(text.lower()) for b in base_forms(w)}
        wanted = sorted(self._always.union(*(self._by_last_word.get(w, ()) for w in words)))
        found = [
            Match(entry, m.group(0), m.start(), m.end())
            for entry, pattern in (self._patterns[i] for i in wanted)
            for m in pattern.finditer(text)
        ]
        return leftmost_longest(found)

    def expand(self, question: str) -> ExpandedQuery:
        """Follow each matched term with what it stands for and the corpus's words for it."""
        matches = self.find(question)
        parts: list[str] = []
        cursor = 0
        seen: set[str] = set()
        for m in matches:
            # A professional term met by another form ("CSE", "runaway") also brings its
            # own name; an everyday entry's term is just one way of saying it.
            named = (m.entry.term,) if m.entry.meaning and not _ACRONYM.search(m.entry.term) else ()
            added = [
                t
                for t in dict.fromkeys((*named, *m.entry.expansions, *m.entry.synonyms))
                if t.lower() not in question.lower() and m.entry.term not in seen
            ]
            seen.add(m.entry.term)
            parts.append(question[cursor : m.end])
            if added:
                parts.append(" (" + "; ".join(added) + ")")
            cursor = m.end
        parts.append(question[cursor:])
        return ExpandedQuery(question, "".join(parts), tuple(matches))

    def entry_named(self, name: str) -> GlossaryEntry | None:
        """The entry with a meaning that `name` is, as a whole, one form of ("TAF")."""
        for entry, pattern in self._patterns:
            if pattern.fullmatch(name) and entry.meaning:
                return entry
        return None


# The domain glossary that ships with the package: it serves any collection.
DOMAIN_GLOSSARY = Path(__file__).resolve().parent / "glossary.yaml"


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message names the file and the line."""


def read_entries(path: Path) -> tuple[GlossaryEntry, ...]:
    """The entries of one glossary file. Raises GlossaryError naming the file and the line
    of the first problem, so a typo is found and fixed rather than silently ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot be read ({exc.__class__.__name__})") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GlossaryError(f"{path}{line}: {problem}") from exc
    if root is None:
        return ()
    if not isinstance(root, yaml.SequenceNode):
        raise GlossaryError(f"{path}, line {root.start_mark.line + 1}: expected a list of entries")
    entries = []
    for node in root.value:
        line = node.start_mark.line + 1
        try:
            data = yaml.safe_load(yaml.serialize(node))
            entries.append(GlossaryEntry.model_validate(data))
        except (ValidationError, yaml.YAMLError) as exc:
            problem = exc.errors()[0] if isinstance(exc, ValidationError) else None
            where = ".".join(str(p) for p in problem["loc"]) if problem else ""
            reason = f"{where}: {problem['msg']}" if problem else str(exc).splitlines()[0]
            raise GlossaryError(f"{path}, line {line}: entry {reason}") from exc
    return tuple(entries)


def load_glossary(domain: Path = DOMAIN_GLOSSARY, overlay: Path | None = None) -> Glossary:
    """The domain glossary, with a collection's own glossary (if it has one) adding entries
    or replacing those with the same term. A missing overlay is normal; a malformed file of
    either kind raises GlossaryError."""
    entries = {e.term: e for e in read_entries(domain)}
    if overlay is not None and overlay.is_file():
        added = read_entries(overlay)
        entries.update({e.term: e for e in added})
        log.info("glossary: %d entries from %s over the domain glossary", len(added), overlay)
    return Glossary(tuple(entries.values()))
