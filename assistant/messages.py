"""Every sentence the assistant says in its own words, in one place to read and review.

Quotations are never here: learning is always the reviews' own text. What is here frames
it: refusals, notices, prefaces, citation labels, theme views, comparisons, briefings,
handouts and the web app's guidance. A safeguarding lead can change the wording in this
file alone. (The short labels of buttons and boxes stay beside them in `web/tabs/`.) Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.models import ChunkKind, Citation, IndexReport, Place, SourceRef

# --- Asking -------------------------------------------------------------------------------

EMPTY_QUESTION = "Please type a question, for example: what did reviews say about forced marriage?"


def question_too_long(length: int, limit: int) -> str:
    return f"That question is {length} characters long; please keep it under {limit}."


# --- Refusals: nothing to quote -----------------------------------------------------------

NO_ANSWER = "The reviews in this collection don't cover that."
NOTHING_TO_FOLLOW = (
    "There is no earlier answer with learning to follow up; please ask the whole question."
)
NO_MATCHING_REVIEWS = "No reviews match the filters you chose; clear a filter and ask again."


def not_covered(topics: Sequence[str]) -> str:
    """Name the uncovered topics in the user's own words."""
    return f"The reviews in this collection don't cover {' or '.join(topics)}."


def themes_covered(themes: Sequence[str]) -> str:
    """Where to look instead, after a refusal."""
    return " Themes they do cover include: " + "; ".join(themes) + "."


def filters_leave_out(titles: Sequence[str]) -> str:
    """A comparison of reviews the filters exclude."""
    named = " and ".join(f"\u201c{t}\u201d" for t in titles)
    return f"The filters you chose leave out {named}; clear them to compare."


def better_without_filters(review: str, section: str) -> str:
    return (
        f"The reviews your filters allow don't cover that. Without the filters, the "
        f"closest learning is in \u201c{review}\u201d \u203a {section}."
    )


def term_not_used(meaning_line: str, term: str) -> str:
    return f"{meaning_line}\n\nThe reviews in this collection don't mention {term}."


# --- Prefaces: what the quotes below are --------------------------------------------------

CLOSEST_LEARNING = "The closest learning:"
ON_THE_REST = "On the rest of your question:"
NEXT_STEPS_FROM_LAST_ANSWER = "Next steps from the reviews in the last answer:"
WHERE_THE_REVIEWS_USE_IT = "Where the reviews use it:"
TERM_NOT_USED_CLOSEST = "The reviews do not use the term; the closest learning is:"


def more_from(review: str, section: str) -> str:
    return f"More from \u201c{review}\u201d \u203a {section}:"


def glossary_meaning(meaning: str) -> str:
    """A glossary line: the assistant's words, marked as not from the reviews."""
    return f"Glossary (not from the reviews): {meaning}"


# --- Notices: before everything else ------------------------------------------------------

URGENT_NOTICE = (
    "If a child is at immediate risk, call 999 now. For a worry about a child today, contact "
    "your local children's social care front door or your designated safeguarding lead. "
    "This tool holds published learning from reviews only and cannot advise on a live case."
)
IDENTIFYING_NOTICE = (
    "Please do not enter names, addresses or other details that could identify a child or "
    "family; the learning below does not need them."
)
APP_NOTICE = (
    "**This tool holds only published, anonymised learning from safeguarding reviews.** "
    "Do not enter names or details that could identify a child or family. "
    "**If a child is at immediate risk, call 999.** For other worries about a child, contact "
    "your local children's social care front door or your designated safeguarding lead."
)

# --- Citations ----------------------------------------------------------------------------


def unit_label(c: Citation) -> str:
    """Where a unit sits in its section: "point 3", "step 2"."""
    if c.kind == ChunkKind.LEARNING_POINT:
        return f"point {c.position}"
    return f"step {c.number}" if c.number is not None else f"item {c.position} (unnumbered)"


def citation_path(c: Citation) -> str:
    """review › section › point n (or step n); a summary is review › section."""
    if c.kind == ChunkKind.SUMMARY:
        return f"{c.review} \u203a {c.section}"
    return f"{c.review} \u203a {c.section} \u203a {unit_label(c)}"


def published_in(source: SourceRef) -> str:
    """Where a quote is published: "(source: brief.pdf, page 2)"."""
    return f"(source: {source.file}, {source.label})"


def full_citation(c: Citation) -> str:
    """review › section › point, then where it is published."""
    return f"{citation_path(c)} {published_in(c.source)}"


def how_close(place: Place, c: Citation) -> str:
    """How a copy of a point in another review compares with the one quoted."""
    return "word for word" if place.text == c.text else "almost word for word"


def quoted_from(review: str) -> str:
    return f"From \u201c{review}\u201d:"


def also_in(place: Place, c: Citation) -> str:
    return f"(also in \u201c{place.review}\u201d, {how_close(place, c)})"


SOURCES = "Sources:"
SHARED = "Shared"
BOTH = "Both"
ONLY = "Only"


def also_in_review(review: str, how: str) -> str:
    """Under a quote: the other review holding the same learning."""
    return f"Also in {review}, {how}."


def also_under(where: str) -> str:
    """Under a source line: another review › section holding the same learning."""
    return f"also {where}"


# --- Theme views --------------------------------------------------------------------------

IN_THIS_COLLECTION = "in this collection"
YOUR_FILTERS_ALLOW = "your filters allow"


def plural(n: int, word: str) -> str:
    """'1 review', '5 reviews'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def theme_not_named(total: int, scope: str, name: str, related: Sequence[str]) -> str:
    text = f"None of the {plural(total, 'review')} {scope} names {name}."
    if related:
        text += " Related themes to try: " + "; ".join(related) + "."
    return text


def theme_view_lead(
    name: str,
    *,
    counted: int,
    total: int,
    scope: str,
    is_theme: bool,
    shown: int,
    with_steps: bool,
    only_in_summaries: int,
) -> str:
    """How many reviews speak to a theme, and what the view shows."""
    verb = "speaks" if counted == 1 else "speak"
    lead = f"{name}: {counted} of the {plural(total, 'review')} {scope} {verb} to this"
    lead += " theme." if is_theme else " topic."
    if counted > shown:
        lead += f" Points from the {shown} closest are shown."
    lead += " One point from each review"
    lead += ", then the next steps that go with them." if with_steps else "."
    if only_in_summaries:
        names = "names" if only_in_summaries == 1 else "name"
        lead += (
            f" Not counted: {plural(only_in_summaries, 'other review')} {names} it only in a "
            "summary, shown last."
        )
    return lead


def theme_only_in_summaries(name: str, total: int, scope: str, summaries: int) -> str:
    return (
        f"{name}: none of the {plural(total, 'review')} {scope} has "
        f"learning on this topic, but {plural(summaries, 'review')} "
        f"{'names' if summaries == 1 else 'name'} it in a summary:"
    )


RELATED_THEMES = "Related themes"


def related_themes(related: Sequence[str]) -> str:
    return f"{RELATED_THEMES}: " + "; ".join(related)


# --- Comparisons --------------------------------------------------------------------------


def comparison_note(topic: str, shared: int, only_left: int, only_right: int) -> str:
    about = f" on {topic}" if topic else ""
    if not (shared or only_left or only_right):
        return f"Neither review has learning{about}."
    return (
        f"What the two reviews said{about}: {plural(shared, 'point')} shared almost word "
        f"for word, {only_left} only in the first, {only_right} only in the second."
    )


def unknown_review(name: str) -> str:
    return f"No review matches {name!r}; choose one of the reviews in the collection."


def ambiguous_review(name: str, titles: Sequence[str]) -> str:
    return f"{name!r} matches {len(titles)} reviews ({'; '.join(titles)}); name one."


def same_review(left: str, right: str) -> str:
    return f"{left!r} and {right!r} are the same review; choose two."


# --- Briefings ----------------------------------------------------------------------------

BRIEFING_PARTS = (
    "Background",
    "Why it matters",
    "Key learning",
    "What to do",
    "Reflective questions",
)
OWN_WORDS = "(The assistant's words, not a quotation.)"
QUESTIONS_NOTE = "(Prompts for discussion, not from the reviews.)"
NOTHING_FOR_THIS_PART = "Nothing in the reviews for this part."
BRIEFING_QUESTIONS = (
    "Where do you see {topic} in the work you and your team hold now?",
    "Which of these points would have changed what happened in a case you know, and how?",
    "What one change will the team make, and how will you know it has made a difference?",
)
THIS_LEARNING = "this learning"
LEARNING_FROM_REVIEWS = "learning from reviews"


def briefing_title(topic: str) -> str:
    return f"7-minute briefing: {topic}"


def reviews_speak_to(name: str, titles: Sequence[str], total: int) -> str:
    """Why a briefing's topic matters: how many reviews speak to it."""
    if not titles:
        return f"None of the reviews in this collection speak to {name}."
    verb = "speaks" if len(titles) == 1 else "speak"
    return (
        f"{len(titles)} of the {total} reviews in this collection {verb} to {name}: "
        + "; ".join(titles)
        + "."
    )


def glossary_line(meaning: str) -> str:
    return f"Glossary: {meaning}"


def handout_briefing_why(reviews: int, total: int) -> str:
    return f"Learning from {reviews} of the {total} reviews in this collection."


def source_line(where: str) -> str:
    return f"Source: {where}"


def also_in_line(where: str) -> str:
    return f"Also in: {where}"


# --- Handouts -----------------------------------------------------------------------------

HANDOUT_TITLE = "Learning from safeguarding reviews: handout"
REFLECTIVE_QUESTIONS_HEADING = "Reflective questions for the team"
REFLECTIVE_QUESTIONS = (
    "Key thoughts: what stands out for you and your team from this learning?",
    "How will the learning be embedded in our practice, and how will we know it has been?",
    "What goes into the team's improvement plan?",
)
NO_EXCERPTS_YET = "No excerpts yet."


def asked(question: str) -> str:
    return f"Asked: {question}"


# --- The web app --------------------------------------------------------------------------

APP_TITLE = "Learning from safeguarding reviews"
SIGN_IN = "Sign in to use the learning from reviews assistant."
LOADING = "Loading the reviews and the search index\u2026"
LOADING_PROGRESS = "Loading the reviews and the search index (a first start builds it)"
COULD_NOT_START = "**The assistant could not start.** See the server log."
QUESTION_PLACEHOLDER = "Ask about the reviews, in your own words"
BROWSE_INTRO = "Every review in the collection. Choose one to read its full learning."
THEMES_INTRO = (
    "Every theme the reviews name, with how many reviews speak to it. Choose one (or type "
    "any topic) to see one cited point from each review and the next steps that go with "
    "them."
)
CHOOSE_THEME = "*Choose a theme in the table or type a topic, then press Show.*"
CHOOSE_TWO_REVIEWS = "*Choose two reviews to compare.*"
CHOOSE_DIFFERENT_REVIEWS = "*Choose two different reviews.*"
CHOOSE_TERM = "*Choose a term.*"
CHOOSE_TERM_INTRO = "*Choose a term to see its meaning and where it is used.*"
TERM_UNUSED = "*The reviews in this collection do not use this term.*"
HANDOUT_INTRO = (
    "Excerpts you add from answers, with their full citations and three reflective "
    "questions for a team discussion."
)
HANDOUT_EMPTY = "*The handout is empty. Tick cited points under an answer and add them.*"
ADD_TO_HANDOUT_FIRST = "*Add excerpts to the handout first.*"
NO_THEMES_LISTED = "none listed"
THEMES = "Themes"
SOURCE = "source"
PUBLISHED_AT = "Published at"
KEY_LEARNING = "Key learning and practice improvements"


def review_counts(sections: int, points: int, steps: int) -> str:
    return f"{sections} sections, {points} points, {steps} next steps"


def could_not_start(reason: str) -> str:
    """`reason` is already escaped for Markdown."""
    return f"**The assistant could not start:** {reason}"


def ready(reviews: int, units: int) -> str:
    return f"Ready: {reviews} reviews, {units} citable points, next steps and summaries."


def years_note(years: Sequence[int]) -> str:
    if not years:
        return "No review in the collection gives its year, so a year filter matches none."
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}\u2013{years[-1]}"
    return f"Reviews give years {span}; reviews without a year are left out by this filter."


def handout_count(n: int) -> str:
    return f"The handout now has {n} excerpt(s); see the Handout tab."


def stands_for(expansions: Sequence[str]) -> str:
    return "Stands for: " + "; ".join(expansions)


# --- Problems with the collection or the model ---------------------------------------------


def corpus_missing(folder: object) -> str:
    return f"Corpus folder {folder} does not exist. Put review documents there."


def no_reviews_read(folder: object) -> str:
    return f"No reviews could be read from {folder}."


def model_not_found(model: str, bundled: str) -> str:
    return (
        f"Embedding model {model!r} is neither a folder nor in the local cache. "
        f"Set ASSISTANT_EMBEDDING_MODEL to a model folder, or unset it to use the "
        f"bundled {bundled}."
    )


def no_model_weights(folder: object) -> str:
    return f"No model weights found in {folder}."


# --- The command line's report of an index build ----------------------------------------------


def index_summary(report: IndexReport, seconds: float) -> list[str]:
    """What `assistant index` did, as short lines: files, reviews and units, time."""
    if not report.built:
        head = (
            f"Index is up to date: 0 added, 0 changed, 0 removed ({plural(report.files, 'file')})"
        )
    else:
        head = (
            f"Indexed: {len(report.added)} added, {len(report.changed)} changed, "
            f"{len(report.removed)} removed, {report.unchanged} unchanged"
        )
    lines = [
        f"{head}, {len(report.failed)} failed.",
        f"{plural(report.reviews, 'review')}: "
        f"{plural(report.learning_points, 'learning point')}, "
        f"{plural(report.next_steps, 'next step')}, {report.summaries} summaries.",
    ]
    if report.dropped:
        lines.append(
            f"Left out {plural(report.dropped, 'line')} of page furniture and resources "
            "(links, menus, explainers)."
        )
    if report.built:
        lines.append(f"Embedded {report.embedded} texts, reused {report.reused}.")
    lines.append(f"Took {seconds:.1f} s. Index: {report.path}")
    lines += [f"failed: {error}" for error in report.failed]
    lines += [f"warning: {w}" for w in report.warnings]
    return lines
