"""Review metadata: kind, date or year, partnership, themes, source URL.

Pure. Taken from the document itself where it says so ("Published: June 2022", a year
in the title, "... Safeguarding Children Partnership"), then overridden by Markdown front
matter or a sidecar `<file>.yaml`, which the user controls.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.ingest.draft import infer_kind
from assistant.models import Review, ReviewKind
from assistant.text import clean

MONTHS = [name.lower() for name in calendar.month_name[1:]]
_MONTH = (
    r"(?:spring|summer|autumn|winter|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    + (r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
)
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_DATE_RE = re.compile(
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?:(?P<month>{_MONTH})\.?,?\s+)?(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)
_ISO_RE = re.compile(rf"\b(?P<year>{_YEAR})-(?P<month>\d{{1,2}})(?:-(?P<day>\d{{1,2}}))?\b")
_PUBLISHED_RE = re.compile(
    rf"\b(?:published|posted|issued|dated|date)\b[^.\n]{{0,20}}?\b((?:\d{{1,2}}\s+)?(?:{_MONTH}\s+)?{_YEAR})\b",
    re.IGNORECASE,
)
_UPDATED_RE = re.compile(
    rf"\b(?:updated|reviewed|modified)\b[^.\n]{{0,20}}?\b((?:\d{{1,2}}\s+)?(?:{_MONTH}\s+)?{_YEAR})\b",
    re.IGNORECASE,
)
# "Anytown Safeguarding Children Partnership, May 2020": a month and year closing a line.
_DATELINE_RE = re.compile(
    rf"(?:^|[,\u2013\u2014|\u00b7\u2022-]\s*)((?:\d{{1,2}}\s+)?{_MONTH}\s+{_YEAR})\s*(?:$|[,\u2013\u2014|\u00b7\u2022])",
    re.I,
)
PARTNERSHIP_RE = re.compile(
    r"\b((?:[A-Z][\w'&.-]*[ \t]+(?:and[ \t]+|&[ \t]+|of[ \t]+)?){1,4}Safeguarding[ \t]+"
    r"(?:Children(?:'s)?[ \t]+|Adults[ \t]+)?(?:Partnership|Board))\b"
)
_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)

KIND_ALIASES: dict[str, ReviewKind] = {
    **{kind.value: kind for kind in ReviewKind},
    "jtai": ReviewKind.JOINT_INSPECTION_AUDIT,
    "joint targeted area inspection": ReviewKind.JOINT_INSPECTION_AUDIT,
    "joint inspection": ReviewKind.JOINT_INSPECTION_AUDIT,
    "audit": ReviewKind.JOINT_INSPECTION_AUDIT,
    "scr": ReviewKind.SERIOUS_CASE_REVIEW,
    "cspr": ReviewKind.SERIOUS_CASE_REVIEW,
    "lcspr": ReviewKind.SERIOUS_CASE_REVIEW,
    "child safeguarding practice review": ReviewKind.SERIOUS_CASE_REVIEW,
    "local child safeguarding practice review": ReviewKind.SERIOUS_CASE_REVIEW,
    "safeguarding practice review": ReviewKind.SERIOUS_CASE_REVIEW,
    "ai": ReviewKind.APPRECIATIVE_INQUIRY,
    "sar": ReviewKind.SAFEGUARDING_ADULTS_REVIEW,
    "thematic review": ReviewKind.THEMATIC,
    "7 minute briefing": ReviewKind.SEVEN_MINUTE_BRIEFING,
    "seven minute briefing": ReviewKind.SEVEN_MINUTE_BRIEFING,
    "7-minute briefing": ReviewKind.SEVEN_MINUTE_BRIEFING,
    "other": ReviewKind.OTHER,
}


def parse_kind(text: str) -> ReviewKind | None:
    """A kind from what people type ('SCR', 'CSPR', '7 minute briefing'...), or None."""
    key = clean(text).lower().replace("\u2013", "-")
    return KIND_ALIASES.get(key) or KIND_ALIASES.get(key.removesuffix("s"))


def parse_date(value: Any) -> tuple[dt.date | None, int | None]:
    """(full date if known, year) from a date, '2019', 'March 2019', '2019-03-01'..."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value.year
    if isinstance(value, int) and 1980 <= value <= 2049:
        return None, value
    text = clean(str(value or ""))
    if m := _ISO_RE.search(text):
        year, month, day = int(m["year"]), int(m["month"]), int(m["day"] or 0)
        try:
            return (dt.date(year, month, day) if day else None), year
        except ValueError:
            return None, year
    if m := _DATE_RE.search(text):
        year = int(m["year"])
        if m["day"] and m["month"]:
            month = next(
                (i for i, name in enumerate(MONTHS, 1) if name.startswith(m["month"][:3].lower())),
                None,
            )
            try:
                if month is not None:  # not "Spring"
                    return dt.date(year, month, int(m["day"])), year
            except ValueError:
                pass
        return None, year
    return None, None


class ReviewMetadata(BaseModel):
    """Front matter or a sidecar `.yaml`: every field optional, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = Field(default=None, description="Replaces the title found in the file.")
    kind: str | None = Field(default=None, description="e.g. 'serious case review', 'CSPR'.")
    date: dt.date | str | int | None = Field(default=None, description="Date or year.")
    year: int | None = Field(default=None, ge=1980, le=2049)
    partnership: str | None = None
    themes: tuple[str, ...] | None = None
    source_url: str | None = None

    @field_validator("themes", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return (
            [t.strip() for t in value.split(",") if t.strip()] if isinstance(value, str) else value
        )


# Other tools' names for our fields (static-site generators, CMS exports).
FIELD_ALIASES = {
    "tags": "themes",
    "topics": "themes",
    "categories": "themes",
    "type": "kind",
    "review_type": "kind",
    "published": "date",
    "url": "source_url",
    "link": "source_url",
    "source": "source_url",
    "lscp": "partnership",
    "board": "partnership",
}


class MetadataError(ValueError):
    """Front matter or a sidecar that cannot be used; the message names the problem."""


def _simple_fields(text: str) -> dict[str, str] | None:
    """'field: value' lines read literally, for front matter that YAML refuses only because
    a value holds a colon (title: Serious Case Review: Family H)."""
    data = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z_ ]{1,30}", key.strip()):
            return None
        data[key.strip()] = value.strip().strip("'\"")
    return data


def _load_yaml(text: str):
    """YAML, with every way it can fail (bad syntax, impossible dates such as 2019-02-30,
    nesting deep enough to exhaust the stack) raised as yaml.YAMLError."""
    try:
        return yaml.safe_load(text)
    except (ValueError, TypeError, RecursionError, OverflowError) as exc:
        raise yaml.YAMLError(str(exc)[:80]) from exc


def _normalised(data: dict) -> dict:
    keys = (str(k).strip().lower().replace(" ", "_") for k in data)
    return {FIELD_ALIASES.get(k, k): v for k, v in zip(keys, data.values(), strict=True)}


def read_metadata(text: str) -> ReviewMetadata:
    try:
        data = _load_yaml(text) or {}
    except yaml.YAMLError as exc:
        data = _simple_fields(text)
        if data is None:
            where = getattr(exc, "problem_mark", None)
            at = f" at line {where.line + 1}" if where is not None else ""
            raise MetadataError(f"is not valid YAML{at}") from exc
        if "themes" in data and data["themes"].startswith("["):
            data["themes"] = data["themes"].strip("[]")
    if not isinstance(data, dict):
        raise MetadataError("should be a list of 'field: value' lines")
    data = _normalised(data)
    try:
        return ReviewMetadata.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(x) for x in error["loc"]) or "?"
        raise MetadataError(f"has a bad field '{field}': {error['msg']}") from exc


def read_metadata_leniently(text: str) -> tuple[ReviewMetadata, list[str]]:
    """Metadata from front matter written for other tools: the fields we know are used and
    each unknown or bad one is reported and dropped, rather than losing all of them."""
    try:
        return read_metadata(text), []
    except MetadataError as first:
        try:
            data = _load_yaml(text)
        except yaml.YAMLError:
            data = _simple_fields(text)
        if not isinstance(data, dict):
            raise first from None
        data = _normalised(data)
        kept, problems = {}, []
        for key, value in data.items():
            try:
                ReviewMetadata.model_validate({key: value})
                kept[key] = value
            except ValidationError:
                problems.append(f"field '{key}' ignored")
        return ReviewMetadata.model_validate(kept), problems


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, the rest, lines the front matter took)."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return None, text, 0
    return m["body"], text[m.end() :], text[: m.end()].count("\n")


def found_in_text(review: Review, meta_lines: Mapping[str, str], full_text: str) -> dict[str, Any]:
    """What the document itself says about a review's date and partnership."""
    found: dict[str, Any] = {}
    published, year = parse_date(meta_lines.get("date", ""))
    if year is None and (m := re.search(_YEAR, review.title)):
        year = int(m.group(0))
    # Then the review's summary, then anywhere in the document (footers, closing lines);
    # a page's "last updated" date only when nothing says when it was published.
    texts = (*review.summary.split("\n\n"), *full_text.splitlines())
    for text in texts:
        if year is not None:
            break
        m = _PUBLISHED_RE.search(text)
        if m is None and len(text) <= 100:
            # (less a page number closing a footer: "... · April 2024  1")
            m = _DATELINE_RE.search(re.sub(r"\s+\d{1,3}$", "", text.strip().rstrip("._*")))
        if m:
            published, year = parse_date(m.group(1))
    for text in texts:
        if year is None and (m := _UPDATED_RE.search(text)):
            published, year = parse_date(m.group(1))
    found.update(published=published, year=year)
    partnership = meta_lines.get("partnership", "")
    if not partnership and (m := PARTNERSHIP_RE.search(full_text)):
        partnership = re.sub(r"^(?:The|In|By|And)\s+", "", clean(m.group(1)))
    found["partnership"] = partnership
    if kind := parse_kind(meta_lines.get("kind", "")):
        found["kind"] = kind
    elif review.kind == ReviewKind.OTHER:
        # The kind said anywhere in the page ("Discretionary Safeguarding Adults Review").
        found["kind"] = infer_kind("", full_text)
    return found


def apply_metadata(
    reviews: Sequence[Review],
    found: Sequence[Mapping[str, Any]],
    override: ReviewMetadata | None,
    *,
    content_hash: str,
) -> tuple[list[Review], list[str]]:
    """Reviews with their metadata set; problems come back as short messages."""
    problems: list[str] = []
    given: dict[str, Any] = {}
    source_url = ""
    if override is not None:
        if override.title and len(reviews) > 1:
            problems.append(f"metadata title ignored: the file holds {len(reviews)} reviews")
        elif override.title:
            given["title"] = clean(override.title)
        if override.kind:
            if kind := parse_kind(override.kind):
                given["kind"] = kind
            else:
                choices = ", ".join(k.value for k in ReviewKind)
                problems.append(f"unknown kind '{override.kind}' ignored (use one of: {choices})")
        published, year = parse_date(override.date)
        if year is not None:  # an unreadable date leaves the document's own
            given["published"], given["year"] = published, year
        if override.year is not None:
            given["year"] = override.year
        if override.partnership:
            given["partnership"] = clean(override.partnership)
        if override.themes is not None:
            given["themes"] = tuple(clean(t) for t in override.themes if clean(t))
        if override.source_url:
            source_url = override.source_url.strip()
    updated = []
    for review, facts in zip(reviews, found, strict=True):
        values = {k: v for k, v in facts.items() if v is not None}
        values.update(given, content_hash=content_hash, source_url=source_url)
        # The kind may show in a title given as metadata.
        kind = infer_kind(given.get("title", ""), review.summary)
        if "title" in given and "kind" not in given and kind != ReviewKind.OTHER:
            values["kind"] = kind
        updated.append(review.model_copy(update=values))
    return updated, problems
