"""The glossary file, query expansion and coverage."""

from __future__ import annotations

import pytest

from assistant.models import GlossaryEntry
from assistant.search.glossary import Glossary, GlossaryError, load_glossary
from tests.conftest import GLOSSARY_FILE, ROOT


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(GLOSSARY_FILE)


ACRONYMS = (
    "DV DA FM HBA FMPO MH LAC CLA CIC TAF CIN CP SCR CSPR LSCB LSCP JTAI MASH MARAC LADO EH SW"
)


@pytest.mark.parametrize("acronym", ACRONYMS.split())
def test_the_project_glossary_knows_the_common_acronyms(glossary, acronym):
    (match,) = glossary.find(f"what about {acronym} here")
    assert match.text == acronym
    assert match.entry.expansions or match.entry.synonyms


@pytest.mark.parametrize(
    ("question", "corpus_words"),
    [
        ("early help for a deaf toddler", "hearing impairment"),
        ("DV in a teenager's relationship", "under eighteen"),
        ("drink and drugs at home", "substance use"),
        ("a wedding abroad this summer", "forced marriage"),
        ("worried about honour", "forced marriage"),
        ("Mum says she doesn't see her ex any more", "previous relationships"),
        ("her ex-partner turned up", "perpetrator"),
        ("MH and substance misuse in parents", "mental health"),
    ],
)
def test_everyday_words_expand_to_the_corpus_terms(glossary, question, corpus_words):
    expanded = glossary.expand(question)
    assert corpus_words in expanded.text
    assert expanded.text.startswith(question.split()[0])  # the question itself is kept


def test_expansion_skips_words_already_in_the_question():
    g = Glossary((GlossaryEntry(term="FM", expansions=("forced marriage",)),))
    assert g.expand("FM").text == "FM (forced marriage)"
    assert g.expand("forced marriage").text == "forced marriage"


def test_another_form_of_a_professional_term_brings_the_term_itself():
    concept = GlossaryEntry(
        term="missing from home", aliases=("runaway",), meaning="Going missing from home."
    )
    everyday = GlossaryEntry(term="unkempt", aliases=("scruffy",), synonyms=("neglect",))
    acronym = GlossaryEntry(term="FII", aliases=("induced illness",), meaning="Fabricated.")
    g = Glossary((concept, everyday, acronym))
    assert g.expand("a runaway again").text == "a runaway (missing from home) again"
    # An everyday entry's term is only one way of saying it; an acronym is not its name.
    assert g.expand("scruffy kids").text == "scruffy (neglect) kids"
    assert g.expand("induced illness").text == "induced illness"


@pytest.mark.parametrize(
    ("question", "concept"),
    [
        ("keeps vanishing for days and turns up with a wad of cash", "criminal exploitation"),
        ("old chap whose flat is piled to the ceiling with junk", "hoarding"),
        ("blokes staying at his flat every day", "cuckooing"),
        ("he wants money or he'll send it round after she sent a naked pic", "sexual extortion"),
        ("a tiny baby with a blue blotch on his cheek", "bruising"),
    ],
)
def test_everyday_descriptions_reach_the_concept(glossary, question, concept):
    assert concept in glossary.expand(question).text


def test_matching_is_whole_word_and_allows_plurals_and_possessives():
    g = Glossary((GlossaryEntry(term="ex", synonyms=("previous relationships",)),))
    assert [m.text for m in g.find("her ex's new partner")] == ["ex's"]
    assert g.find("an exam next week") == []
    assert g.find("explain") == []


def test_coverage_is_decided_by_the_corpus(glossary):
    coverage = glossary.coverage(["The Team Around the Family (TAF) includes..."])
    assert coverage["TAF"] is True
    assert coverage["county lines"] is False


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("- term: TAF\n  meaning: ok\n- term: [unclosed\n", "line 4"),  # YAML the parser rejects
        ("- term: TAF\n- term: CIN\n  nonsense: 1\n", "line 2: entry nonsense"),  # unknown key
        ("- term: TAF\n\n- aliases: [x]\n", "line 3: entry term"),  # a field missing
        ("term: TAF\n", "line 1: expected a list of entries"),
    ],
)
def test_a_malformed_glossary_names_its_file_and_line(tmp_path, text, where):
    bad = tmp_path / "glossary.yaml"
    bad.write_text(text)
    with pytest.raises(GlossaryError) as raised:
        load_glossary(GLOSSARY_FILE, bad)
    message = str(raised.value)
    assert message.startswith(f"{bad}, {where}"), message
    assert "\n" not in message


def test_a_collection_glossary_adds_to_and_overrides_the_domain_glossary(tmp_path, caplog):
    domain = load_glossary()
    assert len(load_glossary(GLOSSARY_FILE, tmp_path / "missing.yaml")) == len(domain)
    overlay = tmp_path / "glossary.yaml"
    overlay.write_text(
        "- term: TAF\n  meaning: Our own team around the family.\n"
        "- term: Bridgeway panel\n  meaning: The partnership's own exploitation panel.\n"
    )
    merged = load_glossary(GLOSSARY_FILE, overlay)
    assert len(merged) == len(domain) + 1
    terms = {e.term: e for e in merged.entries}
    assert terms["TAF"].meaning == "Our own team around the family."
    assert terms["Bridgeway panel"].meaning.startswith("The partnership's own")
    assert terms["CIN"].meaning == next(e for e in domain.entries if e.term == "CIN").meaning


def test_hyphens_curly_apostrophes_and_plurals(glossary):
    assert [m.entry.term for m in glossary.find("DV-related learning")] == ["DV"]
    assert [m.entry.term for m in glossary.find("she lives in a children\u2019s home")] == [
        "care home"
    ]
    assert [m.entry.term for m in glossary.find("looked after children")] == ["LAC"]
    assert [m.entry.term for m in glossary.find("two SWs visited")] == ["SW"]


def test_capital_acronyms_that_are_also_words_need_capitals(glossary):
    assert [m.entry.term for m in glossary.find("sent to the MASH")] == ["MASH"]
    assert glossary.find("mash the potatoes") == []
    assert [m.text for m in glossary.find("the CPS charged him")] == []
    assert [m.entry.term for m in glossary.find("on a CP plan")] == ["CP"]


def test_coverage_with_its_word_filter_agrees_with_searching_every_pattern(
    corpus_text, monkeypatch
):
    """The word filter only skips patterns that cannot match, and blocks change nothing."""
    from assistant.search import glossary as glossary_module
    from assistant.search.glossary import _pattern, normalise

    glossary = load_glossary(GLOSSARY_FILE)
    extra = [
        "Looked-after children's plans; MASHs and LADO's advice.",
        "step-parents and early-help workers",
        "FGM",
        "",
        "she keeps overdosing; they were FORCED-TO-WORK in a  cannabis   farm",
    ]
    texts = [line for line in corpus_text.splitlines() if line.strip()] + extra
    expected = {
        e.term: any(_pattern(e, with_synonyms=True).search(normalise(t)) for t in texts)
        for e in glossary.entries
        if e.topic or e.meaning  # what a question can be told is not covered, or define
    }
    assert glossary.coverage(texts) == expected
    monkeypatch.setattr(glossary_module, "COVERAGE_BLOCK", 7)  # many blocks, odd sizes
    assert glossary.coverage(texts) == expected
    assert any(expected.values()) and not all(expected.values())


def test_find_with_its_word_index_agrees_with_searching_every_pattern(glossary, corpus_text):
    """The last-word index only skips patterns that cannot match a question."""
    import json

    from assistant.search.glossary import Match, leftmost_longest, normalise

    questions = [
        json.loads(line)["q"]
        for path in sorted((ROOT / "tests" / "data").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [*questions, *corpus_text.splitlines()[:400], "MASHs, LADO's; step-parents’ CiNs"]

    def every_pattern(text: str) -> list[Match]:
        return leftmost_longest(
            [
                Match(entry, m.group(0), m.start(), m.end())
                for entry, pattern in glossary._patterns
                for m in pattern.finditer(normalise(text))
            ]
        )

    matched = 0
    for text in texts:
        assert glossary.find(text) == every_pattern(text), text
        matched += bool(glossary.find(text))
    assert matched > 100


def test_a_form_without_words_is_still_found():
    entry = GlossaryEntry(term="+", expansions=["plus"], meaning="A sign.")
    glossary = Glossary((entry,))
    assert [m.text for m in glossary.find("a + b")] == ["+"]


@pytest.mark.parametrize(
    ("form", "question"),
    [
        ("climb", "he keeps climbing onto the roof"),
        ("climb", "he climbed the tree"),
        ("climb", "he climbs things"),
        ("close", "we keep closing it"),
        ("close", "the case was closed"),
        ("worry", "mum is worried"),
        ("worry", "she worries a lot"),
        ("drop", "mum dropped out of the course"),
        ("coach", "two coaches away"),
        ("hearing loss", "children with hearing losses"),
    ],
)
def test_everyday_words_match_their_regular_endings(form, question):
    glossary = Glossary((GlossaryEntry(term=form, synonyms=("corpus words",)),))
    assert [m.entry.term for m in glossary.find(question)] == [form]
    assert "(corpus words)" in glossary.expand(question).text


@pytest.mark.parametrize(
    ("form", "question"),
    [
        ("SW", "a swing in the park"),  # acronyms match as written
        ("ex", "an exam"),  # short words too
        ("climb", "a climber"),
        ("care", "a careful plan"),
    ],
)
def test_endings_do_not_make_other_words_match(form, question):
    glossary = Glossary((GlossaryEntry(term=form, synonyms=("corpus words",)),))
    assert glossary.find(question) == []


def test_coverage_counts_an_inflected_use_in_the_corpus():
    glossary = Glossary((GlossaryEntry(term="neglect", topic=True),))
    assert glossary.coverage(["Children were neglected for years."]) == {"neglect": True}
    assert glossary.coverage(["Nothing on that here."]) == {"neglect": False}


def test_coverage_leaves_out_case_vocabulary_that_is_never_asked_about():
    glossary = Glossary(
        (
            GlossaryEntry(term="county lines", topic=True),
            GlossaryEntry(term="TAF", meaning="Team Around the Family."),
            GlossaryEntry(term="climb", synonyms=("risky situation",)),
        )
    )
    assert glossary.coverage(["a risky situation; climbing"]) == {
        "county lines": False,
        "TAF": False,
    }


# Ordinary questions on learning the reviews hold, whose everyday words once matched a
# topic alias (stabbed, bullied, groomed, overdose, DBS, evicted, gang, forced to work...)
# and made the assistant say the topic is not covered. Everyday descriptions of a concern
# ("won't let us in", "keeps vanishing") live in entries that expand, never in topics.
COVERED_QUESTIONS = [
    "Dad stabbed mum last year and now wants contact with the children",
    "Her partner bullies her and controls the money",
    "The child always arrives poorly groomed in dirty clothes",
    "Mum took an overdose after the latest incident with her partner",
    "Can we do a DBS check on mum's new partner?",
    "The family were evicted and moved to Leeds from another area",
    "Mum has unexplained bruising, could it be domestic abuse?",
    "The baby sleeping on a bare mattress on the floor - is this neglect?",
    "Mum's new partner was in a gang and has a history of domestic violence",
    "Mum was forced to work by her partner and has no money",
    "Mum was sexually abused as a child and struggles with her own trauma",
    "The toddler hurt himself falling off the sofa, should I worry about the family?",
    "Her ex is blackmailing her over the children and controlling the money",
    "Mum won't let us in when we visit and the kids are always hungry",
    "Dad disappeared for months and has now come back to live with them",
    "The house has stuff everywhere and the children have no beds",
    "Mum is threatening to share the case notes with her solicitor",
]


@pytest.mark.parametrize("question", COVERED_QUESTIONS)
def test_everyday_words_in_covered_questions_name_no_uncovered_topic(
    glossary, corpus_text, question
):
    from assistant.search.topic import uncovered_topics

    covered = glossary.coverage(corpus_text.splitlines())
    assert uncovered_topics(glossary.find(question), covered) == ()


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("yr 9 lad getting bullied on snapchat, what do I do", "bullying"),
        ("an adult she met online keeps asking for pictures", "grooming"),
        ("what advice on co-sleeping to reduce the risk of cot death?", "safe sleep"),
    ],
)
def test_everyday_descriptions_of_uncovered_topics_are_recognised(
    glossary, corpus_text, question, topic
):
    from assistant.search.topic import uncovered_topics

    covered = glossary.coverage(corpus_text.splitlines())
    assert topic in {m.entry.term for m in uncovered_topics(glossary.find(question), covered)}
