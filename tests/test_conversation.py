"""Follow-ups, filters, notices and meanings, answered by the assistant (fake encoder)."""

from __future__ import annotations

import pytest

from assistant.answer.conversation import previous_reviews
from assistant.core import Assistant
from assistant.models import ChunkKind, ReviewKind, SearchFilters
from tests.conftest import PREVIOUS


def test_previous_reviews_in_order():
    assert previous_reviews(PREVIOUS) == ["r1", "r2"]


@pytest.fixture
def assistant(settings, fake_encoder):
    return Assistant(settings, encoder=fake_encoder)


def test_next_steps_follow_up_quotes_the_same_reviews_steps(assistant):
    first = assistant.ask("forced marriage protection orders")
    reviews = set(previous_reviews(first))
    follow = assistant.ask("what are the next steps for that?", previous=first)
    assert follow.text.startswith("Next steps from the reviews in the last answer:")
    assert follow.citations and all(c.kind == ChunkKind.NEXT_STEP for c in follow.citations)
    assert {c.review_id for c in follow.citations} <= reviews


def test_more_about_a_point_quotes_its_whole_section(assistant):
    first = assistant.ask("What did reviews say about forced marriage?")
    target = first.quoted_citations()[1]
    more = assistant.ask("tell me more about the second point", previous=first)
    section = [c for c in more.citations if c.section == target.section]
    assert target.id in {c.id for c in section}
    assert len(section) >= 2 and all(c.quoted for c in more.citations)


def test_filters_that_exclude_the_answer_say_so(assistant):
    answer = assistant.ask(
        "forced marriage protection orders",
        filters=SearchFilters(kinds=(ReviewKind.APPRECIATIVE_INQUIRY,)),
    )
    assert answer.abstained
    assert "The reviews your filters allow don't cover that" in answer.text
    assert "Forced marriage" in answer.text


def test_urgent_questions_start_with_where_to_get_help(assistant):
    answer = assistant.ask("a child has fresh bruises today, what about neglect?")
    assert answer.text.startswith("If a child is at immediate risk, call 999")


def test_filters_narrow_the_search(assistant):
    answer = assistant.ask("risk", filters=SearchFilters(kinds=(ReviewKind.SERIOUS_CASE_REVIEW,)))
    assert {c.review for c in answer.citations} == {"Child B Serious Case Review"}
    themed = assistant.ask("referrals", filters=SearchFilters(themes=("Chronic neglect",)))
    assert {c.review_id for c in themed.citations} == {
        "joint-targeted-area-inspections-jtai-neglect"
    }
    none = assistant.ask("risk", filters=SearchFilters(reviews=("no-such-review",)))
    assert none.abstained and "No reviews match the filters" in none.text


def test_meaning_questions_have_three_outcomes(assistant):
    used = assistant.ask("what does TAF mean?")
    assert used.note.startswith("Glossary (not from the reviews): Team Around the Family")
    assert used.citations[0].text.startswith("The Team Around the Family (TAF)")
    unused = assistant.ask("what is a MASH?")
    assert "do not use the term" in unused.note and unused.citations
    absent = assistant.ask("define LADO")
    assert absent.abstained and "don't mention LADO" in absent.text


def test_meaning_answers_respect_the_citation_limit(settings, fake_encoder):
    small = settings.model_copy(
        update={"retrieval": settings.retrieval.model_copy(update={"max_citations": 3})}
    )
    answer = Assistant(small, encoder=fake_encoder).ask("what does YP mean?")
    assert len(answer.citations) <= 3
