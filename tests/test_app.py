"""The UI's handlers, called in-process with the fake encoder (no server, no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

import app
from assistant.core import Assistant


@pytest.fixture
def ui(settings, fake_encoder, monkeypatch):
    monkeypatch.setattr(app, "_assistant", Assistant(settings, encoder=fake_encoder))
    return app


def ask(ui, question, session=None, **filters):
    messages, picks, session = ui.respond(
        question, [], filters.get("reviews"), filters.get("kinds"), filters.get("themes"),
        filters.get("since"), filters.get("until"), session or {},
    )  # fmt: skip
    return messages, picks, session


def test_an_answer_comes_with_a_sources_box_and_points_to_pick(ui):
    messages, picks, session = ask(ui, "forced marriage protection orders")
    assert "Forced marriage" in messages[0].content
    assert messages[1].metadata["title"] == "Sources"
    assert "\u203a Forced marriage \u203a point" in messages[1].content
    ids = [value for _, value in picks["choices"]]
    assert ids and all(i.startswith("joint-targeted-area-inspections") for i in ids)
    assert session["last"]["question"] == "forced marriage protection orders"


def test_follow_up_uses_the_session(ui):
    _, _, session = ask(ui, "forced marriage protection orders")
    messages, _, _ = ask(ui, "what are the next steps for that?", session)
    assert messages[0].content.startswith("Next steps from the reviews in the last answer")


def test_invalid_input_is_a_message_not_an_error(ui):
    messages, picks, _ = ask(ui, "   ")
    assert "Please type a question" in messages[0].content
    assert picks["choices"] == []


def test_handout_add_reorder_remove_clear_and_export(ui):
    _, picks, session = ask(ui, "What did reviews say about forced marriage?")
    ids = [value for _, value in picks["choices"]][:3]
    items, radio, preview, _ = ui.add_to_handout(ids, session, [])
    assert len(items) == 3 and "Reflective questions" in preview
    items, radio, _ = ui.move_item(items, 2, -1)
    assert [i["citation"]["id"] for i in items] == [ids[0], ids[2], ids[1]]
    assert radio["value"] == 1
    items, _, _ = ui.remove_item(items, 0)
    assert [i["citation"]["id"] for i in items] == [ids[2], ids[1]]
    md_path, docx_path = ui.export_handout(items)
    md = Path(md_path).read_text(encoding="utf-8")
    assert "Joint Targeted Area Inspections (JTAI) - Domestic Abuse \u203a Forced marriage" in md
    doc = "\n".join(p.text for p in Document(docx_path).paragraphs)
    assert "(source: learning-from-reviews.txt, line" in doc
    items, radio, preview = ui.clear_handout()
    assert items == [] and "empty" in preview


def test_adding_needs_ticked_points_from_the_last_answer(ui):
    items, *_ = ui.add_to_handout(["not-a-real-id"], {}, [])
    assert items == []


def test_browse_and_glossary_views(ui):
    overview = ui.show_review(None)
    assert "Child B Serious Case Review" in overview and "Themes" in overview
    full = ui.show_review("child-b-serious-case-review")
    assert "Risk assessments" in full and "Your next steps" in full
    assert "Team Around the Family" in ui.show_term("TAF")
    assert "do not use this term" in ui.show_term("LADO")


def test_the_loading_state_fills_in_the_choices(ui):
    status, reviews, kinds, themes, since, until, _, overview, terms, *theme_tab = ui.on_load(
        progress=lambda *a, **k: None
    )
    table, choice, left, right = theme_tab
    assert ["Joint working between agencies", "2 of 5", "Joint working"] in table["value"]
    assert (
        "Forced marriage" in choice["choices"]
        and len(left["choices"]) == len(right["choices"]) == 5
    )
    assert status.startswith("Ready: 5 reviews")
    assert (
        since["info"]
        == until["info"]
        == ("No review in the collection gives its year, so a year filter matches none.")
    )
    assert len(reviews["choices"]) == 5 and "serious case review" in kinds["choices"]
    assert "Forced marriage" in themes["choices"] and "TAF" in terms["choices"]
    assert "Child B Serious Case Review" in overview


def test_a_missing_corpus_is_a_message_in_the_chat(tmp_path, monkeypatch):
    from assistant.settings import Settings

    monkeypatch.setattr(app, "_assistant", None)
    monkeypatch.setattr(app, "SETTINGS", Settings(corpus_dir=tmp_path / "none", index_dir=tmp_path))
    messages, _, _ = app.respond("forced marriage", [], None, None, None, None, None, {})
    assert "does not exist" in messages[0].content
    status, *_ = app.on_load(progress=lambda *a, **k: None)
    assert status.startswith("**The assistant could not start:**")


def test_themes_tab_view_handout_briefing_and_comparison(ui, corpus_text):
    from assistant.web.tabs import themes as ui_themes

    a = ui.get_assistant()
    view, shown = ui_themes.show_theme(a, "joint working")
    assert view.replace("\\", "").startswith(
        "Joint working between agencies: 2 of the 5 reviews in this collection speak"
    )
    assert "Related themes" in view
    items, radio, preview = ui_themes.add_view_to_handout(shown, [])
    assert items and len(radio["choices"]) == len(items)
    assert "Joint working between agencies" in preview
    assert ui_themes.show_theme(a, "   ") == (ui_themes.CHOOSE, None)

    briefing, md_path, docx_path = ui_themes.theme_briefing(a, "forced marriage")
    assert "Key learning" in briefing and Path(md_path).read_text(encoding="utf-8")
    assert Document(docx_path).paragraphs[0].text == "7-minute briefing: Forced marriage"
    briefing, _, docx_path = ui_themes.handout_briefing(a, items, "Team meeting")
    assert Document(docx_path).paragraphs[0].text == "7-minute briefing: Team meeting"
    assert ui_themes.handout_briefing(a, [], "")[1:] == (None, None)

    ids = [r.id for r in a.reviews]
    table = ui_themes.compare(a, ids[1], ids[0], "joint working")
    assert table.count("**Shared:**") == 4  # two shared rows, marked in both columns
    assert "Choose two different reviews" in ui_themes.compare(a, ids[0], ids[0], "")
