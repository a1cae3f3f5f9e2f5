"""The page format parser recovers every review, section, point and next step verbatim."""

from __future__ import annotations

import pytest

from assistant.ingest.formats.page import clean, parse_document
from assistant.models import ReviewKind

TITLES = [
    "Joint Targeted Area Inspections (JTAI) - Domestic Abuse",
    "Joint Targeted Area Inspections (JTAI) - Neglect",
    "Appreciative Inquiry: strong & effective early help planning",
    "Child B Serious Case Review",
    "Thematic Learning from Leeds Safeguarding Reviews",
]

HEADINGS = {
    "Joint Targeted Area Inspections (JTAI) - Domestic Abuse": [
        ("Holistic picture", 3),
        ("Engagement with children, young people and families", 3),
        ("Responding to children\u2019s individual needs", 2),
        ("Abuse in relationships between young people", 5),
        ("Joint working between agencies", 2),
        ("Forced marriage", 5),
    ],
    "Joint Targeted Area Inspections (JTAI) - Neglect": [
        ("Parental difficulties", 3),
        ("Chronic neglect", 4),
        ("Responding to children\u2019s individual needs", 2),
        ("Joint working between agencies", 3),
    ],
    "Appreciative Inquiry: strong & effective early help planning": [
        ("Child and family centred approach", 2),
        ("Early Help", 4),
        ("Getting the basics right", 4),
        ("Professional confidence & mutual respect", 1),
        ("Strengths-based approach to learning", 2),
    ],
    "Child B Serious Case Review": [
        ("Risk assessments", 6),
        ("Attendance at meetings", 1),
        ("Positive relationships", 3),
    ],
    "Thematic Learning from Leeds Safeguarding Reviews": [],
}

# (lead-in items without a number, numbered items)
NEXT_STEPS = {
    "Joint Targeted Area Inspections (JTAI) - Domestic Abuse": (3, 5),
    "Joint Targeted Area Inspections (JTAI) - Neglect": (1, 6),
    "Appreciative Inquiry: strong & effective early help planning": (0, 5),
    "Child B Serious Case Review": (0, 4),
    "Thematic Learning from Leeds Safeguarding Reviews": (0, 0),
}


@pytest.fixture(scope="module")
def reviews():
    from tests.conftest import CORPUS_FILE

    doc = parse_document(CORPUS_FILE.read_text(encoding="utf-8"), "learning-from-reviews.txt")
    assert doc.warnings == ()
    return {r.title: r for r in doc.reviews}


def test_recovers_all_five_reviews_in_order(reviews):
    assert list(reviews) == TITLES


def test_headings_and_point_counts_are_exact(reviews):
    for title, expected in HEADINGS.items():
        got = [(s.heading, len(s.points)) for s in reviews[title].sections]
        assert got == expected, title


def test_total_counts(reviews):
    assert sum(len(s.points) for r in reviews.values() for s in r.sections) == 55
    assert sum(len(r.sections) for r in reviews.values()) == 18


def test_continued_heading_merges_into_its_section(reviews):
    da = reviews[TITLES[0]]
    section = next(s for s in da.sections if s.heading.startswith("Abuse in relationships"))
    assert [p.position for p in section.points] == [1, 2, 3, 4, 5]
    assert section.points[3].text.startswith("Many young people in abusive relationships")
    assert not any("continued" in s.heading for r in reviews.values() for s in r.sections)


def test_next_steps_include_unnumbered_lead_in_items(reviews):
    for title, (lead_ins, numbered) in NEXT_STEPS.items():
        steps = reviews[title].next_steps
        assert sum(s.number is None for s in steps) == lead_ins, title
        assert [s.number for s in steps if s.number is not None] == list(range(1, numbered + 1))
    da_steps = reviews[TITLES[0]].next_steps
    assert da_steps[1].text == (
        "Ensure a holistic picture is obtained to inform risk assessments and planning."
    )
    assert da_steps[0].text.endswith("consider the implications for your practice including:")


def test_themes(reviews):
    assert reviews[TITLES[0]].themes[-1] == "Forced marriage"
    assert len(reviews[TITLES[0]].themes) == 7
    assert reviews[TITLES[1]].themes == (
        "Parental difficulties",
        "Chronic neglect",
        "Responding to children\u2019s individual needs",
        "Joint working between agencies",
    )
    assert reviews["Child B Serious Case Review"].themes == ()


def test_summaries_are_verbatim_including_source_oddities(reviews):
    # The domestic-abuse brief says "responses to neglect"; we do not correct the source.
    assert "responses to neglect" in reviews[TITLES[0]].summary
    assert reviews["Child B Serious Case Review"].summary.startswith("Child B was a 14 year old")
    assert "\n\n" in reviews["Child B Serious Case Review"].summary  # two paragraphs
    thematic = reviews[TITLES[4]]
    assert thematic.summary.startswith("This brief is based on the findings from 4 safeguarding")


def test_points_are_verbatim_apart_from_whitespace(reviews, corpus_text):
    source = clean(corpus_text)
    for review in reviews.values():
        for section in review.sections:
            for point in section.points:
                assert point.text in source
        for step in review.next_steps:
            assert step.text in source
    fm = next(s for s in reviews[TITLES[0]].sections if s.heading == "Forced marriage")
    assert "risks may be identified earlier" in fm.points[2].text  # double space collapsed


def test_page_furniture_is_dropped(reviews):
    everything = " ".join(
        [r.title + r.summary + " ".join(r.themes) for r in reviews.values()]
        + [p.text for r in reviews.values() for s in r.sections for p in s.points]
        + [s.text for r in reviews.values() for s in r.next_steps]
        + [s.heading for r in reviews.values() for s in r.sections]
    )
    for furniture in (
        "Click the image below",
        "LSCP Learning Lessons Review",
        "Leeds Safeguarding Children Partnership Learning from Reviews",
        "Leeds Safeguarding Children Board - Learning lessons from reviews",
        "We are committed to supporting practitioners",
    ):
        assert furniture not in everything


def test_kinds_are_inferred(reviews):
    assert [r.kind for r in reviews.values()] == [
        ReviewKind.JOINT_INSPECTION_AUDIT,
        ReviewKind.JOINT_INSPECTION_AUDIT,
        ReviewKind.APPRECIATIVE_INQUIRY,
        ReviewKind.SERIOUS_CASE_REVIEW,
        ReviewKind.THEMATIC,
    ]


def test_source_positions_point_at_the_text(reviews, corpus_text):
    lines = corpus_text.splitlines()
    for review in reviews.values():
        assert clean(lines[review.source.line - 1]) in review.title
        for section in review.sections:
            for point in section.points:
                assert clean(lines[point.source.line - 1]).lstrip("\u2022 ") in point.text


def test_a_single_review_file_without_a_page_title():
    text = (
        "Practice Review - Bruising in non-mobile babies\n\nThemes:\n\n  \u2022 Bruising\n\n"
        "Summary\n\nA short summary.\n\nKey learning and practice improvements\n\n"
        "Seeing the child:\n  \u2022 Any bruise on a non-mobile baby needs a\n"
        "    referral, however small.\n  \u2022 Second point.\n\nYour next steps\n\n"
        "  1. Know the protocol.\n"
    )
    doc = parse_document(text, "x.txt")
    (review,) = doc.reviews
    assert review.title == "Practice Review - Bruising in non-mobile babies"
    assert review.sections[0].heading == "Seeing the child"
    assert review.sections[0].points[0].text == (
        "Any bruise on a non-mobile baby needs a referral, however small."
    )
    assert [s.number for s in review.next_steps] == [1]


def test_text_without_reviews_yields_none_and_no_crash():
    doc = parse_document("just some words\n\nand a sentence.\n", "notes.txt")
    assert doc.reviews == ()
    assert parse_document("", "empty.txt").reviews == ()
    assert parse_document("\u2022 a stray bullet\n", "stray.txt").reviews == ()


def _one_review(text: str):
    doc = parse_document(text, "x.md")
    assert len(doc.reviews) == 1, doc
    return doc.reviews[0]


def test_wrapped_numbered_steps_and_lead_ins_stay_whole():
    review = _one_review(
        "A Review\n\nSummary\n\nWhat happened.\n\nYour next steps\n\n"
        "Share this learning with colleagues,\nthinking about your own practice:\n"
        "Ensure plans are shared.\n"
        "  1. Ensure risk assessments are reviewed and kept up to date and\n"
        "     shared with partners.\n  2. Attend meetings.\n"
    )
    assert [(s.number, s.text) for s in review.next_steps] == [
        (None, "Share this learning with colleagues, thinking about your own practice:"),
        (None, "Ensure plans are shared."),
        (1, "Ensure risk assessments are reviewed and kept up to date and shared with partners."),
        (2, "Attend meetings."),
    ]


def test_markdown_headings_bold_and_inline_themes():
    review = _one_review(
        "# Rapid Review - Baby C\n\n**Themes:** bruising, non-mobile babies\n\n## Summary\n\n"
        "A baby was harmed.\n\n## Key learning\n\n### **What worked well?**\n\n"
        "- Health visitors escalated quickly.\n\n## Your next steps\n\n1. Read the protocol.\n"
    )
    assert review.title == "Rapid Review - Baby C"
    assert review.themes == ("bruising", "non-mobile babies")
    assert review.summary == "A baby was harmed."
    assert [(s.heading, [p.text for p in s.points]) for s in review.sections] == [
        ("What worked well?", ["Health visitors escalated quickly."])
    ]
    assert [s.text for s in review.next_steps] == ["Read the protocol."]


@pytest.mark.parametrize(
    "heading", ["Risk (continued)", "Risk \u2013 continued", "Risk continued:", "Risk - Continued"]
)
def test_continued_forms_merge(heading):
    review = _one_review(
        f"A Review\n\nKey learning\n\nRisk\n\n\u2022 One.\n\n{heading}\n\n\u2022 Two.\n"
    )
    assert [(s.heading, len(s.points)) for s in review.sections] == [("Risk", 2)]


def test_word_bullets_and_prose_learning():
    review = _one_review(
        "A Review\n\nKey learning\n\nRisk\n\n\uf0b7Pasted from Word.\no Second level.\n\n"
        "Context\n\nA prose paragraph of learning\nwrapped over two lines.\n"
    )
    assert [[p.text for p in s.points] for s in review.sections] == [
        ["Pasted from Word.", "Second level."],
        ["A prose paragraph of learning wrapped over two lines."],
    ]


def test_click_on_the_image_sentences_are_dropped_from_prose(reviews):
    thematic = reviews[TITLES[4]]
    assert "Click on the image" not in thematic.summary
    assert thematic.summary.endswith("a level of domestic violence and abuse was evident.")
