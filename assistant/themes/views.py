"""Theme views, side-by-side comparisons and 7-minute briefings, composed from units.

Pure. Every quoted string is a unit's own text (or whole sentences of a summary, with an
omission marked); counts and framing are this module's own words and say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answer.compose import citation_path, cite, compose_answer
from assistant.models import (
    Answer,
    Briefing,
    Chunk,
    ChunkKind,
    Citation,
    Comparison,
    ComparisonRow,
    Excerpt,
    Review,
    ScoredChunk,
    ThemeView,
)
from assistant.search.glossary import Glossary
from assistant.settings import RetrievalSettings
from assistant.text import content_words, theme_words
from assistant.themes.tagging import Evidence, one_per_review

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u2018\u201c\"'(])")
_COMPARE = re.compile(
    r"^\s*(?:please\s+)?compare\s+(?:what\s+)?(?P<pair>.+?)"
    r"(?:\s+(?:said|say|says|found|find|learned|learnt|had to say))?"
    r"(?:\s+(?:about|on|regarding|around|in relation to)\s+(?P<topic>.+?))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
BRIEFING_QUESTIONS = (
    "Where do you see {topic} in the work you and your team hold now?",
    "Which of these points would have changed what happened in a case you know, and how?",
    "What one change will the team make, and how will you know it has made a difference?",
)


def _hits(evidence: Sequence[Evidence], chunks: Sequence[Chunk]) -> list[ScoredChunk]:
    return [
        ScoredChunk(chunk=chunks[e.row], score=e.score, dense_score=e.similarity, keyword_score=0)
        for e in evidence
    ]


def plural(n: int, word: str) -> str:
    """'1 review', '5 reviews'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def build_theme_view(
    topic: str,
    theme: str,
    evidence: Sequence[Evidence],
    chunks: Sequence[Chunk],
    total_reviews: int,
    related: Sequence[str],
    settings: RetrievalSettings,
    *,
    steps_per_review: int = 2,
    reviews_shown: int = 12,
    scope: str = "in this collection",
) -> ThemeView:
    """How many reviews speak to the topic, one cited point from each, and their next steps;
    then, not counted, reviews that only name it in their summary."""
    points, steps = one_per_review(evidence, chunks, steps_per_review)
    review_ids = tuple(chunks[e.row].review_id for e in points)
    titles = tuple(chunks[e.row].review_title for e in points)
    counted = set(review_ids)
    aside = {}
    for e in sorted(evidence, key=lambda e: -e.score):
        rid = chunks[e.row].review_id
        if e.kind == "summary" and rid not in counted:
            aside.setdefault(rid, e)
    name = theme or topic
    also = ""
    if aside:
        names = "names" if len(aside) == 1 else "name"
        also = (
            f" Not counted: {plural(len(aside), 'other review')} {names} it only in a "
            "summary, shown last."
        )
    if not points and not aside:
        text = f"None of the {plural(total_reviews, 'review')} {scope} names {name}."
        if related:
            text += " Related themes to try: " + "; ".join(related) + "."
        answer = Answer(question=topic, abstained=True, text=text, citations=(), note=text)
        return ThemeView(
            topic=topic,
            theme=theme,
            review_ids=(),
            reviews=(),
            total_reviews=total_reviews,
            answer=answer,
            related=tuple(related),
        )
    shown = {*review_ids[:reviews_shown]}
    if points:
        verb = "speaks" if len(points) == 1 else "speak"
        lead = f"{name}: {len(points)} of the {plural(total_reviews, 'review')} {scope}"
        lead += f" {verb} to this"
        lead += " theme." if theme else " topic."
        if len(points) > reviews_shown:
            lead += f" Points from the {reviews_shown} closest are shown."
        lead += " One point from each review"
        lead += ", then the next steps that go with them." if steps else "."
        lead += also
    else:
        lead = (
            f"{name}: none of the {plural(total_reviews, 'review')} {scope} has "
            f"learning on this topic, but {plural(len(aside), 'review')} "
            f"{'names' if len(aside) == 1 else 'name'} it in a summary:"
        )
    chosen = [e for e in (*points, *steps) if chunks[e.row].review_id in shown]
    hits = _hits([*chosen, *aside.values()], chunks)
    wide = settings.model_copy(update={"max_citations": len(hits) or 1})
    answer = compose_answer(topic, hits, wide, lead, quote_all=True)
    return ThemeView(
        topic=topic,
        theme=theme,
        review_ids=review_ids,
        reviews=titles,
        total_reviews=total_reviews,
        answer=answer,
        related=tuple(related),
    )


def theme_citations(
    evidence: Sequence[Evidence],
    chunks: Sequence[Chunk],
    settings: RetrievalSettings,
    steps_per_review: int,
) -> list[Citation]:
    """Every unit that speaks to a theme, for a briefing: each review's best point first,
    then the rest of the learning, then next steps; copies in other reviews merged."""
    points, steps = one_per_review(evidence, chunks, steps_per_review)
    chosen = {e.row for e in (*points, *steps)}
    rest = sorted(
        (
            e
            for e in evidence
            if e.counts and e.row not in chosen and chunks[e.row].kind != ChunkKind.NEXT_STEP
        ),
        key=lambda e: -e.score,
    )
    hits = _hits([*points, *rest, *steps], chunks)
    wide = settings.model_copy(update={"max_citations": len(hits) or 1})
    return compose_answer("", hits, wide, quote_all=True).quoted_citations()


def comparison_question(question: str) -> tuple[str, str] | None:
    """("the neglect and domestic abuse audits", "joint working") for a compare question."""
    m = _COMPARE.match(question)
    if not m or not re.search(r"\s(?:and|with|vs\.?|versus)\s", f" {m.group('pair')} "):
        return None
    return m.group("pair"), (m.group("topic") or "").strip()


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


def build_comparison(
    left: Review,
    right: Review,
    left_units: Sequence[Chunk],
    right_units: Sequence[Chunk],
    topic: str = "",
) -> Comparison:
    """Side by side: shared learning first (one row, both cited), then each review's own."""
    right_ids = {c.id for c in right_units}
    shared: list[ComparisonRow] = []
    used: set[str] = set()
    marker = 0
    for c in left_units:
        twin = next((t for t in c.twins if t in right_ids and t not in used), None)
        if twin is not None:
            used.add(twin)
            other = next(u for u in right_units if u.id == twin)
            shared.append(
                ComparisonRow(left=cite(c, marker + 1), right=cite(other, marker + 2), shared=True)
            )
            marker += 2
    twinned = {r.left.id for r in shared if r.left} | used
    only_left = [c for c in left_units if c.id not in twinned]
    only_right = [c for c in right_units if c.id not in twinned]
    rows = list(shared)
    for n in range(max(len(only_left), len(only_right))):
        lc = only_left[n] if n < len(only_left) else None
        rc = only_right[n] if n < len(only_right) else None
        row = ComparisonRow(
            left=cite(lc, marker + 1) if lc else None,
            right=cite(rc, marker + 1 + (lc is not None)) if rc else None,
        )
        marker += (lc is not None) + (rc is not None)
        rows.append(row)
    about = f" on {topic}" if topic else ""
    note = (
        f"What the two reviews said{about}: {plural(len(shared), 'point')} shared almost word "
        f"for word, {len(only_left)} only in the first, {len(only_right)} only in the second."
    )
    if not rows:
        note = f"Neither review has learning{about}."
    return Comparison(
        topic=topic,
        left_id=left.id,
        left=left.title,
        right_id=right.id,
        right=right.title,
        rows=tuple(rows),
        note=note,
    )


def comparison_answer(question: str, comparison: Comparison) -> Answer:
    """The comparison as an answer, so chat, handouts and follow-ups work as for any other."""
    citations = tuple(
        c.model_copy(update={"quoted": True})
        for row in comparison.rows
        for c in (row.left, row.right)
        if c is not None
    )
    lines = [comparison.note]
    for c in citations:
        lines.append(f"[{c.marker}] {c.review} \u203a {c.section}: {c.text}")
    return Answer(
        question=question,
        abstained=not citations,
        text="\n".join(lines),
        citations=citations,
        note=comparison.note,
        comparison=comparison,
    )


def comparison_text(comparison: Comparison) -> str:
    """The comparison as plain text: shared learning once with both citations, then each
    review's own."""
    lines = [comparison.note, "", f"[A] {comparison.left}", f"[B] {comparison.right}"]
    for row in comparison.rows:
        if row.shared and row.left and row.right:
            lines += ["", f"Both: {row.left.text}", f"  A: {citation_path(row.left)}"]
            lines.append(f"  B: {citation_path(row.right)}")
            continue
        for side, c in (("A", row.left), ("B", row.right)):
            if c is not None:
                lines += ["", f"Only {side}: {c.text}", f"  {side}: {citation_path(c)}"]
    return "\n".join(lines)


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


def summary_excerpt(review: Review, chunk: Chunk | None, max_chars: int = 420) -> Excerpt | None:
    """The first whole sentences of a review's summary, up to about `max_chars`."""
    if chunk is None or not review.summary:
        return None
    sentences = _SENTENCE_END.split(chunk.text)
    taken: list[str] = []
    for s in sentences:
        if taken and len(" ".join([*taken, s])) > max_chars:
            break
        taken.append(s)
    text = " ".join(taken)
    return Excerpt(
        text=text,
        cut=len(taken) < len(sentences),
        citation=f"{review.title} \u203a {chunk.section}",
        source=chunk.source,
    )


def build_briefing(
    title: str,
    topic: str,
    citations: Sequence[Citation],
    reviews: Sequence[Review],
    summaries: dict[str, Chunk],
    why: Sequence[str],
    *,
    max_points: int = 8,
    max_steps: int = 6,
) -> Briefing:
    """A one-page briefing from cited units: learning, next steps, background, questions."""
    learning = [c for c in citations if c.kind == ChunkKind.LEARNING_POINT][:max_points]
    steps = [c for c in citations if c.kind == ChunkKind.NEXT_STEP][:max_steps]
    involved = dict.fromkeys(c.review_id for c in citations)
    background: dict[str, Excerpt] = {}
    for review in reviews:
        excerpt = summary_excerpt(review, summaries.get(review.id))
        if review.id not in involved or excerpt is None:
            continue
        same = background.get(excerpt.text)
        if same is None:
            background[excerpt.text] = excerpt
        else:  # reviews from one series often open alike: quote once, cite each
            also = (*same.also_in, excerpt.citation)
            background[excerpt.text] = same.model_copy(update={"also_in": also})
    return Briefing(
        title=title,
        background=tuple(list(background.values())[:3]),
        why_it_matters=tuple(why),
        key_learning=tuple(learning),
        what_to_do=tuple(steps),
        questions=tuple(q.format(topic=topic or "this learning") for q in BRIEFING_QUESTIONS),
    )
