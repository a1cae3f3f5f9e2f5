"""What a question asks: one reading decides the intent, with the words that said so."""

from __future__ import annotations

import pytest

from assistant.answer.intents import (
    Intent,
    InvalidQuestion,
    asks_about_a_review,
    asks_for_next_steps,
    clean_question,
    definition,
    describes_a_case,
    read_question,
    theme_topic,
)
from assistant.models import ReviewKind, SourceRef
from assistant.search.glossary import load_glossary
from assistant.search.retrieval import Emphasis
from tests.conftest import GLOSSARY_FILE, PREVIOUS, corpus_reviews

CASE_WORDS = 12


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(GLOSSARY_FILE)


@pytest.fixture(scope="module")
def reviews():
    return corpus_reviews()


def read(question, glossary, reviews, previous=None):
    return read_question(
        question, glossary=glossary, reviews=reviews, previous=previous, case_words=CASE_WORDS
    )


# Each intent with questions that should read as it, and close ones that should not.
INTENTS = [
    (Intent.COMPARISON, "compare the neglect and domestic abuse audits on joint working", None),
    (Intent.COMPARISON, "Compare what the JTAI neglect and the DA audit said", None),
    (Intent.QUESTION, "compare chronic neglect and early help", None),  # ideas, not reviews
    (Intent.QUESTION, "compare the neglect audit", None),  # one review
    (Intent.THEME, "what keeps coming up about information sharing?", None),
    (Intent.THEME, "Which reviews mention forced marriage?", None),
    (Intent.THEME, "theme: early help", None),
    (Intent.QUESTION, "what did reviews say about forced marriage?", None),
    (Intent.QUESTION, "How many reviews mention this?", None),  # names nothing
    (Intent.FOLLOW_UP_STEPS, "what are the next steps for that?", PREVIOUS),
    (Intent.FOLLOW_UP_STEPS, "next steps?", PREVIOUS),
    (Intent.FOLLOW_UP_STEPS, "what should we do about this", PREVIOUS),
    (Intent.QUESTION, "next steps?", None),  # nothing to follow
    (Intent.QUESTION, "What are the next steps after the neglect audits?", PREVIOUS),
    (Intent.QUESTION, "what should I do about neglect?", PREVIOUS),  # a new topic
    (Intent.FOLLOW_UP_POINT, "tell me more about the second point", PREVIOUS),
    (Intent.FOLLOW_UP_POINT, "expand on [1]", PREVIOUS),
    (Intent.QUESTION, "tell me more about point 9", PREVIOUS),  # there is no point 9
    (Intent.DEFINITION, "what does TAF mean?", None),
    (Intent.DEFINITION, "define LADO", None),
    (Intent.QUESTION, "what does TAF do about neglect in large families?", None),
    (Intent.QUESTION, "How should we respond to chronic neglect?", None),
]


@pytest.mark.parametrize(("intent", "question", "previous"), INTENTS)
def test_each_intent_is_read_from_its_questions_and_not_from_others(
    glossary, reviews, intent, question, previous
):
    reading = read(question, glossary, reviews, previous)
    assert reading.intent == intent, reading
    assert reading.intents[-1] == Intent.QUESTION


def test_a_reading_says_which_words_told_it(glossary, reviews):
    compare = read("compare the neglect and DA audits on joint working", glossary, reviews)
    assert {s.what: s.text for s in compare.spans} == {
        "reviews compared": "the neglect and DA audits",
        "topic": "joint working",
    }
    assert compare.compared == (
        "joint-targeted-area-inspections-jtai-neglect",
        "joint-targeted-area-inspections-jtai-domestic-abuse",
    )
    meaning = read("What does the acronym TAF stand for?", glossary, reviews)
    assert meaning.term.term == "TAF"
    (span,) = meaning.spans
    assert (span.what, span.text) == ("term", "TAF")
    assert meaning.question[span.start : span.end] == "TAF"
    more = read("more about the last point", glossary, reviews, PREVIOUS)
    assert more.point.marker == 3  # the last point quoted, not the unquoted [4]
    assert [s.what for s in more.spans] == ["point"]


def test_a_theme_question_keeps_the_intents_that_follow_it(glossary, reviews):
    """When a theme view finds nothing, the question is answered as the next intent says."""
    reading = read("how many reviews mention the next steps for that", glossary, reviews, PREVIOUS)
    assert reading.intents == (Intent.THEME, Intent.FOLLOW_UP_STEPS, Intent.QUESTION)
    assert reading.after(Intent.THEME).intent == Intent.FOLLOW_UP_STEPS


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what keeps coming up about information sharing?", "information sharing"),
        ("Which reviews mention forced marriage?", "forced marriage"),
        ("how many reviews talk about neglect", "neglect"),
        ("theme: early help", "early help"),
        ("what did reviews say about forced marriage?", None),
        ("information sharing", None),
        ("Which reviews look at fathers?", "fathers"),
        ("which reviews mention DV", "DV"),
        # Nothing named: the question goes to the ordinary answer.
        ("How many reviews mention this?", None),
        ("which reviews say that?", None),
        ("what keeps coming up about s?", None),
    ],
)
def test_theme_questions_name_their_topic(question, topic):
    span = theme_topic(question)
    assert (span.text if span else None) == topic
    if span:
        assert question[span.start : span.end] == topic


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what does TAF mean?", "TAF"),
        ("What is a MASH?", "MASH"),
        ("define LADO", "LADO"),
        ("meaning of CIN", "CIN"),
        ("what does FMPO stand for", "FMPO"),
        ("What is appreciative inquiry?", "AI"),
        ("what is the meaning of DV?", "DV"),
        ("What is meant by DV?", "DV"),
        ("whats DV", "DV"),
        ("what\u2019s DV?", "DV"),
        ("what does the acronym DV mean?", "DV"),
        ("what does DV mean in this context?", "DV"),
        ("DV meaning", "DV"),
    ],
)
def test_ways_of_asking_what_a_term_means(glossary, question, term):
    entry, _ = definition(question, glossary)
    assert entry.term == term


@pytest.mark.parametrize(
    "question",
    [
        "what the DV",
        "what about DV and young people?",
        "what does TAF do about neglect in large families?",
        "How should we respond to chronic neglect?",
        "what is a zeppelin?",  # not in the glossary
    ],
)
def test_not_every_what_question_asks_for_a_meaning(glossary, question):
    assert definition(question, glossary) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("JTAI DA audits - what are the next steps for practitioners?", True),
        ("any action points from the Child B SCR?", True),
        ("what next-step did they suggest", True),
        ("What should nursing home staff do when an ulcer gets worse?", True),
        ("What practical things can I do to be more curious?", True),
        ("What questions should I ask a family about the men in the house?", True),
        ("What needs to be in place before closing a self-neglect case?", True),
        ("What did the staff do well?", False),
        ("How should we respond to chronic neglect?", False),
        ("the steps we took next were", False),
    ],
)
def test_questions_asking_for_next_steps(question, expected):
    assert asks_for_next_steps(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Our 14 year old in the children's home keeps wandering off at night and the "
            "night staff don't know what to do",
            True,
        ),
        ("How should we respond to chronic neglect?", False),  # short
        (
            "the thematic brief - who carried out those reviews and what did they have in common?",
            False,  # long, but about a review itself
        ),
    ],
)
def test_long_questions_describe_a_case(question, expected):
    assert describes_a_case(question, CASE_WORDS) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What was the neglect review based on?", True),
        ("Who carried out the JTAI inspections?", True),
        ("the early help review - which case was it actually about?", True),
        ("What did reviews say about forced marriage?", False),
        ("How should we respond to chronic neglect?", False),
    ],
)
def test_questions_about_a_review_itself(question, expected):
    assert asks_about_a_review(question) is expected


def test_the_emphasis_goes_with_the_reading(glossary, reviews):
    assert read("forced marriage", glossary, reviews).emphasis == Emphasis()
    steps = read("any action points from the Child B SCR?", glossary, reviews)
    assert steps.emphasis == Emphasis(next_steps=True)
    assert ("next steps", "action points") in {(s.what, s.text) for s in steps.spans}


def test_questions_are_cleaned_or_refused_with_a_message():
    assert clean_question("  forced\x01marriage\n ", 100) == "forced marriage"
    with pytest.raises(InvalidQuestion, match="Please type a question"):
        clean_question(" \t ", 100)
    with pytest.raises(InvalidQuestion, match="101 characters long; please keep it under 100"):
        clean_question("x" * 101, 100)


def test_a_review_kind_is_not_an_intent(glossary, reviews):
    """Kinds of review filter a search; naming one does not make a comparison."""
    question = f"what did the {ReviewKind.SERIOUS_CASE_REVIEW} say about bruising?"
    assert read(question, glossary, reviews).intent == Intent.QUESTION


def test_a_question_names_a_review_by_its_people_or_its_partnerships_place():
    from assistant.models import Review

    def review(rid, title, partnership):
        return Review(
            id=rid, title=title, kind="other review", partnership=partnership,
            source=SourceRef(file="x.md", line=1), order=1,
        )  # fmt: skip

    board = "Safeguarding Adults Board"
    brief = [
        review("j", "Adult J: cuckooing \u2013 SAR learning brief", f"Marrowby {board}"),
        review("k", "7-Minute Briefing: \u2018Kieran\u2019", f"Corriston {board}"),
        review("r", "Learning brief \u2013 SAR Rose", f"Pellingham {board}"),
    ]
    from assistant.search.naming import named_reviews, places_named

    assert named_reviews("What did the adult J review say?", brief) == ("j",)
    assert named_reviews("what should I do after reading the kieran briefing?", brief) == ("k",)
    assert named_reviews("What happened to Rose?", brief) == ("r",)
    assert named_reviews("the Marrowby review on exploitation", brief) == ("j",)
    assert named_reviews("What did the Adult j review say?", brief) == ()  # "j" is not "J"
    assert places_named("parking permits in Corriston?", brief) == ("corriston",)


def test_a_question_names_a_review_by_a_run_of_its_title_words():
    from assistant.models import Review
    from assistant.search.naming import named_reviews

    def review(rid, title):
        return Review(
            id=rid, title=title, kind="other review", partnership="",
            source=SourceRef(file="x.md", line=1), order=1,
        )  # fmt: skip

    brief = [
        review("h", "Hearing Every Child: Disabled Children Who Communicate Differently"),
        review("c", "Rapid Review Learning Brief Child 1 and Child 2: Missed Appointments"),
        review("m", "Seeing the Men Around the Baby"),
    ]
    asked = "What went well in the Seeing the Men Around the Baby briefing?"
    assert named_reviews(asked, brief) == ("m",)
    # "Child 2" is a child of the brief the question names by its title, not the other one's
    asked = "In the Hearing Every Child briefing, what worked when Child 2 told his TA?"
    assert named_reviews(asked, brief) == ("h",)
    assert named_reviews("What went well for Child 2?", brief) == ("c",)
    # the words of a kind of brief name none ("rapid review learning brief")
    assert named_reviews("the rapid review learning brief about men", brief) == ()


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("What happened to Child T?", True),
        ("who was Kieran?", True),
        ("what was the Child L review about?", True),
        ("What happened to the plan after the meeting?", False),
        ("Who is responsible for the next review meeting?", False),
    ],
)
def test_questions_asking_for_the_story_of_a_case(question, story):
    from assistant.answer.intents import asks_for_the_story

    assert asks_for_the_story(question) is story


@pytest.mark.parametrize(
    ("question", "aspects"),
    [
        ("What went well in the Child H briefing?", {"good practice"}),
        (
            "What did the audit find was working well in strategy meetings?",
            {"good practice"},  # the narrower of the two
        ),
        ("Has anyone got it right? What did good look like?", {"good practice"}),
        ("any good practice examples for early help?", {"good practice"}),
        ("What did the Baby J review find about fathers?", {"findings"}),
        ("How well do agencies share information?", set()),
        ("What did the father find when he got home?", set()),
        ("What should I do about missed appointments?", set()),
    ],
)
def test_questions_asking_for_a_kind_of_part(question, aspects):
    from assistant.answer.intents import emphasis_of

    assert emphasis_of(question, case_words=12).aspects == aspects
