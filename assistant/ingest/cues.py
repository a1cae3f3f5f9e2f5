"""How briefs word their parts, whatever the format: section names ("Summary", "Key
learning", "Recommendations"...), typed list markers, page furniture and partnership
banners. Pure functions of a line of text."""

from __future__ import annotations

import re
import unicodedata

from assistant.ingest.metadata import PARTNERSHIP_RE
from assistant.ingest.roles import Cue, heading_cue
from assistant.text import clean


def _marker_key(text: str) -> str:
    text = strip_symbols(clean(text)).lower().replace("&", "and").replace("\u2019", "'")
    text = re.sub(r"^(?:step\s+)?\d{1,2}\s*[.):\-\u2013]?\s*", "", text)  # "3. Background"
    return re.sub(r"[^a-z' ]+", " ", text).strip()


_THEMES = re.compile(r"(?:key |main )?themes?(?: identified| covered)?")
# Page parts that are not learning: their text is skipped.
_SKIP = re.compile(
    r"(?:useful |related |other )?(?:links|resources|pages|content|documents)"
    r"|further (?:information|reading|resources|help)|more information|references"
    r"|contact(?: us| details)?|share(?: this page)?|downloads?|acknowledge?ments"
    r"|table of contents|contents|cookies|feedback|print(?: this page)?|glossary"
    r"|on this page|in this section|(?:was|is) this page (?:helpful|useful)|help us improve"
    r"|page contents|quick links|(?:add a )?comments?|leave a (?:comment|reply)"
    r"|rate this page|cookie (?:settings|policy|preferences)|share this"
)
# Page furniture that can sit anywhere in a saved page or a PDF: never learning.
FURNITURE = re.compile(
    r"^(?:click|tap)\b.{0,40}\b(?:image|link|here)\b"
    r"|^download\b.{0,60}\b(?:printable|pdf|version)\b|^printable version\b"
    r"|^(?:page \d+(?: of \d+)?|\d{1,3})$"
    r"|^(?:we use|this (?:site|website) uses) cookies\b|^(?:accept|reject|manage)\b.{0,20}\bcookies"
    r"|^cookie (?:settings|preferences|policy)$|^back to top$|^skip to (?:main )?content$"
    r"|^(?:page )?last (?:updated|reviewed|modified)\b.{0,40}$"
    r"|^(?:yes|no)(?: (?:yes|no))?$|^(?:share|print|email) this page$"
    r"|^(?:(?:email|print|share|tweet|facebook|twitter|x|linkedin|whatsapp)\b[\s|]*){2,6}$"
    r"|^(?:was|is) this page (?:helpful|useful)\??$"
    r"|^.{0,100}\((?:pdf|docx?|word)?[,\s]*\d+(?:\.\d+)?\s?[kKmM][bB]\)$"
    r"|^\[\^\w+\]:|^.{0,100}\bpage \d{1,3} of \d{1,3}$|^(?:table|figure|chart) \d+[:.]"
    r"|^(?:https?://|www\.)\S+$|^\S+@\S+\.\w+$|^(?:tel(?:ephone)?:?\s*)?[\d ()+-]{9,}$"
    r"|^.{0,100}?(?:(?:\.\s?){4,}|\u2026)\s*\d{1,3}$"
    r"|^[\u00b9\u00b2\u00b3\u2070-\u2079]+\s*\S"
    r"|^for (?:more|further) (?:information|details)\b.{0,60}(?:www\.\S+|https?://\S+|\S+@\S+)\.?$"
    r"|^how to use this (?:briefing|brief|resource|page)\b"
    r"|^the (?:table|diagram|chart|figure|boxes) below (?:sets? out|shows?|summari[sz]es?)\b"
    r"|^(?:select|click|tap) (?:each|a|any|the) (?:heading|title|tab|panel)s?\b"
    r"|^back to (?:top|the top|(?:all |our )?(?:case reviews|reviews|briefings|learning|news|"
    r"resources|publications)|previous page|home(?:page)?)\b.{0,80}$"
    r"|^read the full (?:report|review|brief|briefing|summary)\b"
    r"|^(?:our )?(?:7|seven)[- ]minute briefings (?:are|were)\b"
    r"|^if you are worried about an? (?:child|young person|adult)\b.{0,200}?"
    r"\b(?:contact|call|ring|phone)\b.{0,120}?(?:\d{4}|@|www\.|https?://)"
    r"|^\d+ (?:comments?|thoughts?|responses?) on\b|^(?:reply|like|loading\W*)+$",
    re.IGNORECASE,
)
# Typed list markers, for formats where bullets are characters rather than structure.
BULLET_RE = re.compile(
    r"^(?:[\u2022\u25cf\u25aa\u25a0\u25e6\u00b7\u25ba\u27a2\u2713\u2714\u2023\u2043\uf0b7"
    r"\uf0a7\uf076\uf0d8\uf0fc*\u2013\u2014-]|o(?=\s))\s*"
)
NUMBER_RE = re.compile(
    r"^(?:(?:recommendation|action|step)\s+)?(?P<num>\d{1,2})(?:[.)]|\s*:)\s+", re.IGNORECASE
)
LETTER_RE = re.compile(r"^(?:\((?:[a-h]|i{1,3}|iv|v|vi{1,3})\)|[a-h]\)|\[[ xX]\])\s+")
# "Anytown Safeguarding Children Partnership | Published: March 2021": a banner, not text.
_BANNER_TAIL = re.compile(
    r"^(?:\s*(?:[|,\u2013\u2014:\u00b7\u2022-]|\s(?=published|date|updated|issued))\s*[^.|]{0,60}){0,3}$",
    re.IGNORECASE,
)
INLINE_THEMES = re.compile(
    r"^\s*(?:(?:key )?themes?|tags|topics)\s*:\s*(?P<rest>\S.*)$", re.IGNORECASE
)
META_LINE = re.compile(
    r"^\s*(?P<key>date(?: of publication)?|published(?: on| by)?|publication date|year"
    r"|partnership|review type|type of review|type|title|author|authors?|version|status"
    r"|reviewer|lead reviewer|independent reviewer|prepared by|document owner|owner"
    r"|classification|security classification|review date)\s*:\s*(?P<value>\S.{0,160})$",
    re.IGNORECASE,
)


def meta_line(text: str) -> re.Match[str] | None:
    """A "Label: value" line of metadata (Date, Partnership, Title, Author...), but not a
    sentence that happens to start that way ("Status: the child's status was not...")."""
    m = META_LINE.match(text)
    if m is None:
        return None
    value = m["value"].strip()
    words = len(value.split())
    if re.search(r"[.!?;]$", value) or words > (20 if m["key"].lower() == "title" else 10):
        return None
    return m


# Property lines exported from Notion and the like: "Partnership: ...", "Tags: ...".
PROPERTY_LINE = re.compile(r"^[A-Z][A-Za-z ]{1,24}:\s+\S")


def is_furniture(text: str) -> bool:
    """Page furniture (cookie notices, page numbers, bare links...), never learning."""
    return bool(FURNITURE.match(clean(text)))


def typed_item(text: str) -> tuple[int | None, str] | None:
    """(number, text) when a line starts with a typed bullet or number, else None."""
    if (m := BULLET_RE.match(text)) and text[m.end() :].strip():
        return None, text[m.end() :].strip()
    if m := NUMBER_RE.match(text):
        return int(m["num"]), text[m.end() :].strip()
    if (m := LETTER_RE.match(text)) and text[m.end() :].strip():
        return None, text[m.end() :].strip()
    return None


# "Safeguarding Adults Review · Published November 2022": what the brief is and when.
_DATELINE = re.compile(
    r"^(?:[\w'’&-]+ ){0,6}?[|·•,–—-]?\s*(?:published|issued)"
    r"(?: on| in)?:?\s+(?P<date>(?:\d{1,2}(?:st|nd|rd|th)? )?(?-i:[A-Z][a-z]+ )?(?:19|20)\d\d)$",
    re.IGNORECASE,
)


def banner(text: str) -> dict[str, str] | None:
    """The partnership (and any date) of a line that only names them, or the date of a
    line that only says what the brief is and when it was published; else None."""
    text = clean(text)
    if (found := _partnership_banner(text)) is not None:
        return found
    if len(text) <= 80 and (m := _DATELINE.match(text)):
        return {"date": m.group("date")}
    return None


def _partnership_banner(text: str) -> dict[str, str] | None:
    if text.isupper():  # "HILLSIDE SAFEGUARDING ADULTS BOARD"
        text = text.title()
    m = PARTNERSHIP_RE.match(text.removeprefix("The "))
    if m is None or len(text) > 160:
        return None
    rest = text.removeprefix("The ")[m.end() :]
    # Only a date, a link or a "published" note may follow the name.
    dated = re.search(r"\b(?:19|20)\d\d\b|www\.|https?://|published", rest, re.IGNORECASE)
    if not _BANNER_TAIL.match(rest) or (rest.strip() and not dated):
        return None
    found = {"partnership": m.group(1)}
    if tail := rest.strip(" |,\u2013\u2014:\u00b7\u2022-"):
        found["date"] = tail
    return found


# What each cue of `roles.heading_cue` makes of a heading in a review's outline.
_PARTS = {
    Cue.LEARNING: "learning",
    Cue.ACTION: "next_steps",
    Cue.REFLECTIVE: "reflective",
    Cue.SUMMARY: "summary",
    Cue.BACKGROUND: "background",
    Cue.STORY: "background",
    Cue.EXPLAINER: "background",
    Cue.RESOURCES: "skip",
    Cue.FURNITURE: "skip",
}


def marker_of(text: str) -> str | None:
    """The part of a review a heading names ('summary', 'learning', 'next_steps',
    'reflective', 'background', 'themes', or 'skip' for resources and furniture), or None
    for a heading that names a topic."""
    key = _marker_key(text)
    if _THEMES.fullmatch(key):
        return "themes"
    if _SKIP.fullmatch(key):
        return "skip"
    cue = heading_cue(text)
    return _PARTS[cue] if cue is not None else None


def strip_symbols(text: str) -> str:
    """Text less leading pictographs ("\U0001f50e Rapid review" -> "Rapid review")."""
    i = 0
    while i < len(text) and (
        unicodedata.category(text[i])[0] in "SZC" or text[i] in "\u200d\ufe0f"
    ):
        i += 1
    return text[i:]


# A box's number read into its heading ("4 Key learning" in a 7-minute briefing): the
# number labels the box, not the heading. "4. Findings" numbers a report's part and stays.
_BOX_NUMBER = re.compile(r"^\d{1,2}\s+(?=[A-Z\u2018\u201c'\"])(?!Minute\b|MINUTE\b)")


def heading_text(text: str) -> str:
    """A heading as published, less leading pictographs, a box number, and the colon that
    introduces its list."""
    return _BOX_NUMBER.sub("", strip_symbols(clean(text))).removesuffix(":").rstrip()
