"""The web app's handlers, called in-process with the fake encoder (no server, no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from assistant.core import Assistant
from assistant.web import app
from assistant.web.tabs import ask as ask_tab
from assistant.web.tabs import browse, glossary, handout
from assistant.web.tabs import themes as themes_tab


@pytest.fixture
def assistant(settings, fake_encoder, monkeypatch):
    a = Assistant(settings, encoder=fake_encoder)
    monkeypatch.setattr(app, "_assistant", a)  # the app's one assistant, for the load event
    return a


def ask(assistant, question, session=None, **filters):
    return ask_tab.respond(
        lambda: assistant, question, [], filters.get("reviews"), filters.get("kinds"),
        filters.get("themes"), filters.get("since"), filters.get("until"), session or {},
    )  # fmt: skip


def test_an_answer_comes_with_a_sources_box_and_points_to_pick(assistant):
    messages, picks, session = ask(assistant, "forced marriage protection orders")
    assert "Forced marriage" in messages[0].content
    assert messages[1].metadata["title"] == "Sources"
    assert "\u203a Forced marriage \u203a point" in messages[1].content
    ids = [value for _, value in picks["choices"]]
    assert ids and all(i.startswith("joint-targeted-area-inspections") for i in ids)
    assert session["last"]["question"] == "forced marriage protection orders"


def test_follow_up_uses_the_session(assistant):
    _, _, session = ask(assistant, "forced marriage protection orders")
    messages, _, _ = ask(assistant, "what are the next steps for that?", session)
    assert messages[0].content.startswith("Next steps from the reviews in the last answer")


def test_invalid_input_is_a_message_not_an_error(assistant):
    messages, picks, _ = ask(assistant, "   ")
    assert "Please type a question" in messages[0].content
    assert picks["choices"] == []


def test_handout_add_reorder_remove_clear_and_export(assistant):
    _, picks, session = ask(assistant, "What did reviews say about forced marriage?")
    ids = [value for _, value in picks["choices"]][:3]
    items, radio, preview, _ = ask_tab.add_to_handout(ids, session, [])
    assert len(items) == 3 and "Reflective questions" in preview
    items, radio, _ = handout.move_item(items, 2, -1)
    assert [i["citation"]["id"] for i in items] == [ids[0], ids[2], ids[1]]
    assert radio["value"] == 1
    items, _, _ = handout.remove_item(items, 0)
    assert [i["citation"]["id"] for i in items] == [ids[2], ids[1]]
    md_path, docx_path = handout.export_handout(items)
    md = Path(md_path).read_text(encoding="utf-8")
    assert "Joint Targeted Area Inspections (JTAI) - Domestic Abuse \u203a Forced marriage" in md
    doc = "\n".join(p.text for p in Document(docx_path).paragraphs)
    assert "(source: learning-from-reviews.txt, line" in doc
    items, radio, preview = handout.clear_handout()
    assert items == [] and "empty" in preview


def test_only_ticked_points_of_the_last_answer_are_added(assistant):
    _, picks, session = ask(assistant, "What did reviews say about forced marriage?")
    first = picks["choices"][0][1]
    # An id that is not in the last answer adds nothing, even beside one that is.
    items, *_ = ask_tab.add_to_handout(["not-a-real-id"], session, [])
    assert items == []
    items, *_ = ask_tab.add_to_handout(["not-a-real-id", first], session, [])
    assert [i["citation"]["id"] for i in items] == [first]
    assert items[0]["question"] == "What did reviews say about forced marriage?"
    # Adding the same point again keeps one copy; with no answer yet, nothing is added.
    again, *_ = ask_tab.add_to_handout([first], session, items)
    assert again == items
    assert ask_tab.add_to_handout([first], {}, [])[0] == []


def test_browse_and_glossary_views(assistant):
    overview = browse.show_review(assistant, None)
    assert "Child B Serious Case Review" in overview and "Themes" in overview
    full = browse.show_review(assistant, "child-b-serious-case-review")
    assert "Risk assessments" in full and "Your next steps" in full
    taf = glossary.show_term(assistant, "TAF")
    assert "Team Around the Family" in taf and "Where the reviews use it" in taf
    assert "do not use this term" in glossary.show_term(assistant, "LADO")
    assert glossary.show_term(assistant, "not a term") == glossary.messages.CHOOSE_TERM


def test_the_loading_state_fills_in_the_choices_by_component(assistant):
    layout = app.layout
    updates = layout.on_load(progress=lambda *a, **k: None)
    assert set(updates) == set(layout.filled)  # every component the load event names
    assert updates[layout.status].startswith("Ready: 5 reviews")
    themes, filters = layout.parts["themes"], layout.parts["ask"]
    assert ["Joint working between agencies", "2 of 5", "Joint working"] in updates[
        themes["table"]
    ]["value"]
    assert "Forced marriage" in updates[themes["choice"]]["choices"]
    assert len(updates[themes["left"]]["choices"]) == len(updates[themes["right"]]["choices"]) == 5
    assert (
        updates[filters["since"]]["info"]
        == updates[filters["until"]]["info"]
        == ("No review in the collection gives its year, so a year filter matches none.")
    )
    assert len(updates[filters["reviews"]]["choices"]) == 5
    assert "serious case review" in updates[filters["kinds"]]["choices"]
    assert "Forced marriage" in updates[filters["themes"]]["choices"]
    assert "TAF" in updates[layout.parts["glossary"]["choice"]]["choices"]
    assert "Child B Serious Case Review" in updates[layout.parts["browse"]["view"]]


def test_a_missing_corpus_is_a_message_in_the_chat_and_the_status_line(tmp_path, monkeypatch):
    from assistant.settings import Settings

    monkeypatch.setattr(app, "_assistant", None)
    monkeypatch.setattr(app, "SETTINGS", Settings(corpus_dir=tmp_path / "none", index_dir=tmp_path))
    messages, _, _ = ask_tab.respond(app.get_assistant, "forced marriage", [], *[None] * 5, {})
    assert "does not exist" in messages[0].content
    updates = app.layout.on_load(progress=lambda *a, **k: None)
    assert list(updates) == [app.layout.status]  # nothing else is touched
    assert updates[app.layout.status].startswith("**The assistant could not start:**")


def test_themes_tab_view_handout_briefing_and_comparison(assistant):
    view, shown = themes_tab.show_theme(assistant, "joint working")
    assert view.replace("\\", "").startswith(
        "Joint working between agencies: 2 of the 5 reviews in this collection speak"
    )
    assert "Related themes" in view
    items, radio, preview = themes_tab.add_view_to_handout(shown, [])
    assert items and len(radio["choices"]) == len(items)
    assert "Joint working between agencies" in preview
    assert themes_tab.show_theme(assistant, "   ") == (themes_tab.CHOOSE, None)

    briefing, md_path, docx_path = themes_tab.theme_briefing(assistant, "forced marriage")
    assert "Key learning" in briefing and Path(md_path).read_text(encoding="utf-8")
    assert Document(docx_path).paragraphs[0].text == "7-minute briefing: Forced marriage"
    briefing, _, docx_path = handout.handout_briefing(assistant, items, "Team meeting")
    assert Document(docx_path).paragraphs[0].text == "7-minute briefing: Team meeting"
    assert handout.handout_briefing(assistant, [], "")[1:] == (None, None)

    ids = [r.id for r in assistant.reviews]
    table = themes_tab.compare(assistant, ids[1], ids[0], "joint working")
    assert table.count("**Shared:**") == 4  # two shared rows, marked in both columns
    assert "Choose two different reviews" in themes_tab.compare(assistant, ids[0], ids[0], "")


def test_app_py_is_the_packages_app():
    import app as shim

    assert shim.demo is app.demo


def test_a_tab_that_fails_to_fill_leaves_a_message_not_a_loading_line(assistant, monkeypatch):
    def broken(a, parts):
        raise RuntimeError("a theme name the table cannot hold")

    monkeypatch.setitem(app.FILLS, "themes", broken)
    updates = app.layout.on_load(progress=lambda *a, **k: None)
    assert updates == {app.layout.status: app.messages.COULD_NOT_START}


def test_a_broken_collection_glossary_is_named_in_the_status_line(settings, monkeypatch):
    (settings.corpus_dir / "glossary.yaml").write_text("- term: [unclosed\n")
    monkeypatch.setattr(app, "_assistant", None)
    monkeypatch.setattr(app, "SETTINGS", settings)
    updates = app.layout.on_load(progress=lambda *a, **k: None)
    status = updates[app.layout.status].replace("\\", "")
    assert status.startswith("**The assistant could not start:**")
    assert "glossary.yaml, line 2" in status
