"""Themes across reviews: normalising names, tagging units, counting, comparing, briefing."""

from __future__ import annotations

import re

import numpy as np
import pytest
from docx import Document

from assistant.answer.intents import comparison_pair
from assistant.cli import main
from assistant.core import Assistant
from assistant.exports.briefing import briefing_markdown, write_briefing_docx
from assistant.models import Chunk, ChunkKind, GlossaryEntry, Review, SourceRef
from assistant.search.glossary import Glossary
from assistant.search.naming import find_reviews
from assistant.settings import RetrievalSettings
from assistant.text import plain_title, theme_key
from assistant.themes.names import normalise_themes
from assistant.themes.tagging import ThemeIndex, one_per_review
from assistant.themes.views import build_theme_view

JTAI_DA = "joint-targeted-area-inspections-jtai-domestic-abuse"
JTAI_N = "joint-targeted-area-inspections-jtai-neglect"


@pytest.fixture
def assistant(settings, fake_encoder) -> Assistant:
    return Assistant(settings, encoder=fake_encoder)


def squash(text: str) -> str:
    return " ".join(text.split())


# --- Names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Joint working", "Joint working between agencies", True),
        ("Early Help", "Early help", True),
        (
            "Professional confidence & mutual respect",
            "professional confidence and mutual respect",
            True,
        ),
        ("Domestic abuse and violence", "Domestic violence and abuse", True),
        ("Risk assessment", "Risk assessments:", True),
        ("Abuse", "Abuse in relationships between young people", False),
        ("Domestic abuse and violence", "Abuse in relationships between young people", False),
        ("Chronic neglect", "Parental difficulties", False),
    ],
)
def test_names_for_the_same_theme_are_merged_and_others_are_not(a, b, same):
    for first, second in ((a, b), (b, a)):
        themes = normalise_themes([_review("x", themes=[first]), _review("y", themes=[second])])
        assert (len(themes) == 1) is same


def test_a_short_name_does_not_chain_two_longer_themes_together():
    reviews = [
        _review("a", themes=["Domestic abuse", "Early help"]),
        _review("b", themes=["Domestic abuse and violence", "Early help planning"]),
        _review("c", themes=["Domestic abuse in teenage relationships"]),
    ]
    names = sorted(t.variants for t in normalise_themes(reviews))
    assert names == [
        ("Domestic abuse",),
        ("Domestic abuse and violence",),
        ("Domestic abuse in teenage relationships",),
        ("Early help", "Early help planning"),
    ]


def test_theme_keys_ignore_case_apostrophes_and_small_words():
    assert theme_key("Responding to children\u2019s individual needs") == theme_key(
        "responding to children's individual need"
    )


def test_the_seed_collection_has_one_joint_working_theme(assistant):
    themes = normalise_themes(assistant.reviews)
    joint = [t for t in themes if "joint working" in t.name.lower()]
    assert len(joint) == 1
    assert set(joint[0].variants) == {"Joint working", "Joint working between agencies"}
    assert joint[0].listed_by == {JTAI_DA, JTAI_N}
    # Child B lists no themes: its headings stand in for them.
    assert any(t.name == "Risk assessments" for t in themes)
    assert len({t.name.lower() for t in themes}) == len(themes)


def test_a_comparison_names_two_reviews_in_the_order_asked(assistant):
    found, topic = comparison_pair(
        "Compare what the neglect and domestic abuse audits said about joint working"
    )
    assert topic == "joint working"
    pair = found.group("pair")
    assert find_reviews(pair, assistant.reviews, assistant.glossary, pick=2) == [JTAI_N, JTAI_DA]
    found, _ = comparison_pair("compare the DA audit with the neglect one")
    pair = found.group("pair")
    assert find_reviews(pair, assistant.reviews, assistant.glossary, pick=2) == [JTAI_DA, JTAI_N]
    assert comparison_pair("compare notes on forced marriage") is None


@pytest.mark.parametrize(
    ("question", "compares"),
    [
        ("Compare what the neglect and domestic abuse audits said about joint working", True),
        ("compare the DA audit with the neglect one", True),
        ("compare Child B and the early help inquiry", True),
        # Ideas, not reviews: answered as ordinary questions.
        ("compare chronic neglect and early help", False),
        ("compare neglect and domestic abuse as risk factors for children", False),
    ],
)
def test_only_questions_naming_two_reviews_become_comparisons(assistant, question, compares):
    answer = assistant.ask(question)
    assert (answer.comparison is not None) is compares


def test_a_comparison_respects_the_filters(assistant):
    from assistant.models import SearchFilters

    answer = assistant.ask(
        "compare the neglect and domestic abuse audits",
        filters=SearchFilters(reviews=("child-b-serious-case-review",)),
    )
    assert answer.comparison is None


def test_titles_for_documents_lose_control_characters():
    assert plain_title("Team\x00meeting\x0b  notes") == "Team meeting notes"
    assert plain_title("\x0b") == ""
    assert len(plain_title("x" * 500)) == 120


# --- Tagging ----------------------------------------------------------------------------


def _chunk(n: int, review: str, section: str, text: str, kind=ChunkKind.LEARNING_POINT, twins=()):
    return Chunk(
        id=f"{review}/{n}",
        kind=kind,
        review_id=review,
        review_title=review.title(),
        review_kind="thematic",
        section=section,
        position=1,
        text=text,
        twins=tuple(twins),
        source=SourceRef(file="x.md", line=n + 1),
    )


def _unit(*values: float) -> np.ndarray:
    v = np.array(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def _review(rid: str, themes=(), sections=()) -> Review:
    from assistant.models import Section

    return Review(
        id=rid,
        title=rid,
        kind="thematic",
        themes=tuple(themes),
        sections=tuple(
            Section(heading=h, points=(), source=SourceRef(file="x.md", line=1)) for h in sections
        ),
        source=SourceRef(file="x.md", line=1),
        order=1,
    )


def test_units_are_tagged_by_section_mention_and_clear_similarity_only():
    reviews = [_review("a", sections=["Housing"]), _review("b", themes=["Schooling"])]
    themes = normalise_themes(reviews)
    assert [t.name for t in themes] == ["Housing", "Schooling"]
    chunks = [
        _chunk(0, "a", "Housing", "Families moved often."),  # section
        _chunk(1, "b", "Other", "Poor schooling records were kept."),  # mention
        _chunk(2, "b", "Other", "Tenancy was insecure."),  # clearly close to Housing
        _chunk(3, "b", "Other", "Both at once."),  # as close to both: ambiguous
        _chunk(4, "b", "Summary", "Housing was poor.", kind=ChunkKind.SUMMARY),  # b has learning
    ]
    units = np.stack(
        [_unit(1, 0, 0), _unit(0, 1, 0), _unit(1, 0.2, 0), _unit(1, 1, 0), _unit(1, 0, 0)]
    )
    names = np.stack([_unit(1, 0, 0), _unit(0, 1, 0)])
    index = ThemeIndex(themes, chunks, units, names, Glossary(), 0.55, 0.05)
    housing = {(e.row, e.kind) for e in index.tags[0]}
    schooling = {(e.row, e.kind) for e in index.tags[1]}
    # The summary of a review with learning of its own is kept aside: shown, not counted.
    assert housing == {(0, "section"), (2, "similarity"), (4, "summary")}
    assert schooling == {(1, "mention")}
    assert index.reviews_for(0) == {"a", "b"}


def test_a_summary_speaks_only_for_a_review_without_key_learning():
    reviews = [_review("brief"), _review("audit", sections=["Neglect"])]
    chunks = [
        _chunk(0, "brief", "Summary", "Reviews where neglect was evident.", ChunkKind.SUMMARY),
        _chunk(1, "audit", "Summary", "Inspections look at neglect.", ChunkKind.SUMMARY),
        _chunk(2, "audit", "Neglect", "Chronologies matter."),
    ]
    themes = normalise_themes(reviews)
    units = np.stack([_unit(0, 1), _unit(0, 1), _unit(0, 1)])
    index = ThemeIndex(themes, chunks, units, np.stack([_unit(1, 0)]), Glossary(), 0.55, 0.05)
    assert {(e.row, e.counts) for e in index.tags[0]} == {(0, True), (1, False), (2, True)}
    assert index.reviews_for(0) == {"brief", "audit"}
    view = build_theme_view("neglect", "", index.tags[0][:2], chunks, 2, [], RetrievalSettings())
    assert view.review_ids == ("brief",)
    assert "Not counted: 1 other review names it only in a summary" in view.answer.note
    assert [c.review_id for c in view.answer.quoted_citations()] == ["brief", "audit"]


def test_glossary_forms_of_a_theme_count_as_mentions():
    glossary = Glossary((GlossaryEntry(term="EH", match_case=True, expansions=("early help",)),))
    reviews = [_review("a", themes=["Early Help"])]
    chunks = [_chunk(0, "a", "Other", "The EH offer was clear."), _chunk(1, "a", "Other", "eh?")]
    units = np.stack([_unit(0, 1), _unit(0, 1)])
    index = ThemeIndex(
        normalise_themes(reviews), chunks, units, np.stack([_unit(1, 0)]), glossary, 0.55, 0.05
    )
    assert [e.row for e in index.tags[0]] == [0]


def test_learning_shared_by_reviews_is_chosen_once_for_both():
    from assistant.themes.tagging import Evidence

    chunks = [
        _chunk(0, "a", "T", "Own point, a little closer.", twins=()),
        _chunk(1, "a", "T", "Shared point.", twins=("b/2",)),
        _chunk(2, "b", "T", "Shared point.", twins=("a/1",)),
    ]
    evidence = [
        Evidence(0, "section", 0.62),
        Evidence(1, "section", 0.56),
        Evidence(2, "section", 0.5),
    ]
    points, _ = one_per_review(evidence, chunks, 2)
    assert sorted(e.row for e in points) == [1, 2]


def test_a_next_step_follows_its_closest_learning_point_if_close_enough():
    from assistant.themes.tagging import following_steps

    chunks = [
        _chunk(0, "a", "T", "Chronologies matter."),
        _chunk(1, "a", "U", "Meetings were missed."),
        _chunk(2, "a", "Your next steps", "Keep a chronology.", ChunkKind.NEXT_STEP),
        _chunk(3, "a", "Your next steps", "Share this learning.", ChunkKind.NEXT_STEP),
        _chunk(4, "b", "Your next steps", "Keep a chronology.", ChunkKind.NEXT_STEP),
    ]
    vectors = np.stack(
        [_unit(1, 0, 0), _unit(0, 1, 0), _unit(1, 0.3, 0), _unit(0.3, 0.3, 1), _unit(0, 0, 1)]
    )
    # Step 4 is in another review, which has no learning points: it follows nothing.
    follows = following_steps(chunks, vectors, 0.5)
    assert list(follows) == [2] and follows[2][0] == 0
    reviews = [_review("a", sections=["T", "U"])]
    index = ThemeIndex(
        normalise_themes(reviews), chunks, vectors, np.stack([_unit(1, 0, 0), _unit(0, 1, 0)]),
        Glossary(), 0.99, 0.05,
    )  # fmt: skip
    assert {(e.row, e.kind) for e in index.with_steps(index.tags[0])} == {
        (0, "section"), (2, "follows"),
    }  # fmt: skip


# --- Views on the seed corpus (fake encoder: section and mention evidence) ---------------


def test_joint_working_reports_both_joint_inspections_with_cited_points(assistant):
    view = assistant.theme("joint working")
    assert view.theme == "Joint working between agencies"
    assert set(view.review_ids) == {JTAI_DA, JTAI_N} and view.total_reviews == 5
    assert view.answer.note.startswith(
        "Joint working between agencies: 2 of the 5 reviews in this collection"
    )
    cited = {c.review_id for c in view.answer.quoted_citations()}
    cited |= {p.review_id for c in view.answer.quoted_citations() for p in c.also_in}
    assert cited == {JTAI_DA, JTAI_N}


def test_forced_marriage_reports_one_review_and_its_next_steps(assistant):
    view = assistant.theme("forced marriage")
    assert view.review_ids == (JTAI_DA,)
    steps = [c for c in view.answer.quoted_citations() if c.kind == ChunkKind.NEXT_STEP]
    assert steps and all("forced marriage" in c.text for c in steps)


def test_a_topic_nothing_speaks_to_reports_none(assistant):
    # Not a glossary topic: the zero comes from the evidence, not an early exit.
    view = assistant.theme("zeppelin maintenance")
    assert view.review_ids == () and view.answer.abstained
    assert view.answer.text.startswith("None of the 5 reviews in this collection names")


def test_an_everyday_words_wider_glossary_terms_do_not_count(assistant):
    # "father" is an alias of "mum", whose synonym "parents" is far wider than fathers.
    view = assistant.theme("fathers")
    texts = [c.text.lower() for c in view.answer.quoted_citations()]
    assert all("father" in t or "dad" in t for t in texts)


def test_a_topic_no_review_covers_reports_none_and_offers_themes(assistant):
    view = assistant.theme("county lines")
    assert view.review_ids == () and view.answer.abstained
    assert "None of the 5 reviews" in view.answer.text
    assert len(view.related) == assistant.settings.themes.related
    assert "Related themes to try" in view.answer.text


def test_theme_questions_in_chat_get_the_counted_view(assistant):
    answer = assistant.ask("what keeps coming up about forced marriage?")
    assert answer.note.startswith(
        "Forced marriage: 1 of the 5 reviews in this collection speaks to this theme"
    )
    assert answer.question == "what keeps coming up about forced marriage?"


def test_comparison_marks_shared_learning_and_cites_both(assistant):
    answer = assistant.ask(
        "Compare what the neglect and domestic abuse audits said about joint working"
    )
    comparison = answer.comparison
    assert comparison is not None and comparison.left_id == JTAI_N
    shared = [r for r in comparison.rows if r.shared]
    assert len(shared) == 2
    for row in shared:
        assert row.left.text == row.right.text
        assert (row.left.review_id, row.right.review_id) == (JTAI_N, JTAI_DA)
    only = [r for r in comparison.rows if not r.shared]
    assert only and all(not (r.left and r.right and r.left.text == r.right.text) for r in only)
    markers = [c.marker for c in answer.citations]
    assert markers == sorted(set(markers))


def test_the_neglect_briefing_quotes_the_corpus_verbatim(assistant, corpus_text, tmp_path):
    briefing = assistant.briefing("neglect")
    assert briefing.key_learning and briefing.what_to_do and len(briefing.questions) == 3
    path = write_briefing_docx(briefing, tmp_path / "neglect.docx")
    doc = Document(str(path))
    corpus = squash(corpus_text)
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == len(briefing.key_learning) + len(briefing.what_to_do)
    for text in bullets:
        assert squash(text) in corpus, text
    # Each bullet is followed by its citation.
    paragraphs = [p.text for p in doc.paragraphs]
    for text in bullets:
        assert paragraphs[paragraphs.index(text) + 1].startswith("\u2014 ")
        assert "\u203a" in paragraphs[paragraphs.index(text) + 1]
    for excerpt in briefing.background:
        assert squash(excerpt.text) in corpus
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Background",
        "Why it matters",
        "Key learning",
        "What to do",
        "Reflective questions",
    ]
    markdown = briefing_markdown(briefing)
    quoted = re.findall(r"^- \u201c(.+)\u201d$", markdown, flags=re.M)
    assert quoted and all(squash(q) in corpus for q in quoted)
    assert "(The assistant's words, not a quotation.)" in markdown


# --- Command line -------------------------------------------------------------------------


@pytest.fixture
def cli_env(settings, fake_encoder, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))


def test_cli_theme_lists_counts_and_shows_one_theme(cli_env, capsys):
    assert main(["theme"]) == 0
    listing = capsys.readouterr().out
    assert re.search(r"^\s+2 of 5  Joint working between agencies$", listing, flags=re.M)
    assert main(["theme", "joint", "working"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Joint working between agencies: 2 of the 5 reviews in this collection speak to this theme"
    )
    assert "\u203a Joint working between agencies \u203a point" in out


def test_cli_compare_and_briefing(cli_env, capsys, tmp_path):
    assert main(["compare", "neglect", "domestic abuse", "--on", "joint working"]) == 0
    out = capsys.readouterr().out
    assert out.count("Both: ") == 2
    assert main(["compare", "neglect", "no such review"]) == 2
    assert "No review matches 'no such review'" in capsys.readouterr().err
    target = tmp_path / "b.docx"
    assert main(["briefing", "forced", "marriage", "--out", str(target)]) == 0
    assert Document(str(target)).paragraphs[0].text == "7-minute briefing: Forced marriage"
    assert main(["briefing", "neglect", "--out", str(tmp_path / "b.pdf")]) == 2


def test_joint_working_briefing_quotes_a_shared_opening_once_and_has_next_steps(assistant):
    briefing = assistant.briefing("joint working")
    # Both joint inspections open their summaries alike: one quote, both cited.
    assert len(briefing.background) == 1
    assert len(briefing.background[0].also_in) == 1 and briefing.background[0].cut
    # The next steps that follow from the joint-working points.
    assert briefing.what_to_do
    assert all(c.kind == ChunkKind.NEXT_STEP for c in briefing.what_to_do)
    assert {c.review_id for c in briefing.what_to_do} <= {JTAI_DA, JTAI_N}


def test_markup_in_quotes_is_escaped_and_stays_inside_tables_and_quotes():
    from assistant.answer.compose import cite
    from assistant.models import Briefing, Comparison, ComparisonRow
    from assistant.web.markdown import answer_markdown, briefing_preview, comparison_markdown

    hostile = _chunk(
        0, "a", "S<b>", "Two <script>alert(1)</script> | cells\n\n[link](javascript:x)"
    )
    c = cite(hostile, 1)
    table = comparison_markdown(
        Comparison(
            left_id="a", left="A <i>", right_id="b", right="B", rows=(ComparisonRow(left=c),)
        )
    )
    row = table.splitlines()[-1]
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert row.startswith("| ") and row.count(" | ") == 1  # the pipe in the text is escaped
    assert "](javascript" not in table
    preview = briefing_preview(
        Briefing(title="<h1>T</h1>", background=(), why_it_matters=("<img src=x onerror=y>",),
                 key_learning=(c,), what_to_do=(), questions=("q?",))
    )  # fmt: skip
    assert "<script>" not in preview and "<img" not in preview and "<h1>" not in preview
    summary = _chunk(1, "a", "Summary", "First paragraph.\n\nSecond paragraph.", ChunkKind.SUMMARY)
    from assistant.models import Answer

    answer = Answer(question="q", abstained=False, text="t", citations=(cite(summary, 1),))
    quote = answer_markdown(answer).split("\n\n", 2)[-1]
    assert all(line.startswith(">") for line in quote.splitlines())


def test_a_letter_or_number_tells_reviews_apart(assistant):
    assert find_reviews("Child A", assistant.reviews, assistant.glossary) == []
    assert find_reviews("Child B", assistant.reviews, assistant.glossary) == [
        "child-b-serious-case-review"
    ]
    assert assistant.ask("compare Child A and the neglect audit on risk").comparison is None
    assert assistant.ask("compare Child B and the neglect audit on risk").comparison is not None


@pytest.mark.parametrize(
    "topic",
    [
        "MARAC",  # its glossary synonyms are related words, not names for a theme
        "joint working with schools",  # says more than the theme "Joint working"
        "domestic abuse in teenage relationships",
    ],
)
def test_a_topic_that_says_more_than_a_theme_is_not_that_theme(assistant, topic):
    assert assistant.explorer.themes.find(topic) is None


def test_part_of_a_topic_does_not_count_on_its_own(assistant):
    # "domestic abuse" and "teenage" are glossary terms, but neither is the topic.
    view = assistant.theme("domestic abuse in teenage relationships")
    assert set(view.review_ids) <= {JTAI_DA}


def test_a_briefing_leads_with_the_reviews_it_counts(assistant):
    briefing = assistant.briefing("neglect")
    assert [e.citation.split(" \u203a ")[0] for e in briefing.background] == [
        "Joint Targeted Area Inspections (JTAI) - Neglect"
    ]


def test_a_theme_question_nothing_names_gets_the_closest_learning_said_as_such(assistant):
    answer = assistant.ask("which reviews mention chronologies of parental engagement?")
    assert not answer.abstained
    assert answer.note.startswith(
        "None of the 5 reviews in this collection names chronologies of parental engagement."
    )
    assert answer.note.endswith("The closest learning:")


def test_a_comparison_of_a_filtered_out_review_says_so(assistant):
    from assistant.models import SearchFilters

    answer = assistant.ask(
        "compare the neglect and domestic abuse audits",
        filters=SearchFilters(reviews=(JTAI_N,)),
    )
    assert answer.abstained and "leave out" in answer.text and "Domestic Abuse" in answer.text


@pytest.mark.parametrize(
    "name", ["Joint working", "Joint working between agencies", "joint WORKING"]
)
def test_a_theme_filter_finds_reviews_under_any_name_of_the_theme(assistant, name):
    from assistant.models import SearchFilters
    from assistant.search.filters import filter_mask

    mask = filter_mask(assistant.index.chunks, assistant.reviews, SearchFilters(themes=(name,)))
    allowed = {c.review_id for c, ok in zip(assistant.index.chunks, mask, strict=True) if ok}
    assert allowed == {JTAI_DA, JTAI_N}
