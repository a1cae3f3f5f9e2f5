"""The running app, driven through gradio_client as another program would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from gradio_client import Client

from tests.served_app import ROOT, app_env

pytestmark = pytest.mark.real_model

QUESTION = "What did reviews say about forced marriage?"


def cli_quoted_ids(folder, question):
    run = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "--json", question],
        cwd=ROOT, env=app_env(folder), capture_output=True, text=True, check=True,
    )  # fmt: skip
    row = json.loads(run.stdout)
    return [c["id"] for c in sorted(row["citations"], key=lambda c: c["marker"]) if c["quoted"]]


def test_a_question_returns_the_same_cited_points_as_the_cli(served_app):
    url, folder = served_app
    client = Client(url, verbose=False)
    messages, picks = client.predict(QUESTION, [], [], [], None, None, api_name="/chat")
    answer, sources = messages[0], messages[1]
    assert sources["metadata"]["title"] == "Sources"
    assert "Forced marriage" in answer["content"]
    ui_ids = [value for _, value in picks["choices"]]
    assert ui_ids == cli_quoted_ids(folder, QUESTION)


def test_a_follow_up_uses_the_previous_turn(served_app):
    url, _ = served_app
    client = Client(url, verbose=False)
    client.predict(QUESTION, [], [], [], None, None, api_name="/chat")
    messages, picks = client.predict(
        "what are the next steps for that?", [], [], [], None, None, api_name="/chat"
    )
    assert messages[0]["content"].startswith("Next steps from the reviews in the last answer")
    ids = [value for _, value in picks["choices"]]
    assert ids and all("jtai-domestic-abuse/next-steps/" in i for i in ids)
    client.reset_session()
    messages, _ = client.predict(
        "what are the next steps for that?", [], [], [], None, None, api_name="/chat"
    )
    assert not messages[0]["content"].startswith("Next steps from the reviews in the last answer")


def test_filters_and_handout_download(served_app):
    url, _ = served_app
    client = Client(url, verbose=False)
    _, picks = client.predict("risk", [], ["serious case review"], [], None, None, api_name="/chat")
    ids = [value for _, value in picks["choices"]]
    assert ids and all(i.startswith("child-b-serious-case-review/") for i in ids)
    client.predict(ids[:2], api_name="/add_to_handout")
    md_path, docx_path = client.predict(api_name="/export")
    text = "\n".join(p.text for p in Document(docx_path).paragraphs)
    assert "Child B Serious Case Review \u203a" in text
    assert "Reflective questions for the team" in text
    assert "Child B Serious Case Review" in Path(md_path).read_text(encoding="utf-8")


def test_a_year_filter_that_matches_no_review_says_so(served_app):
    url, _ = served_app
    client = Client(url, verbose=False)
    messages, picks = client.predict("risk", [], [], [], 2030, None, api_name="/chat")
    assert messages[0]["content"].startswith("No reviews match the filters you chose")
    assert picks["choices"] == []


def test_themes_tab_through_the_api(served_app):
    url, _ = served_app
    client = Client(url, verbose=False)
    counts = {c["name"]: c["reviews"] for c in client.predict(api_name="/themes")}
    assert counts["Joint working between agencies"] == 2 and counts["Forced marriage"] == 1
    view = client.predict("joint working", api_name="/theme")
    assert view.replace("\\", "").startswith("Joint working between agencies: 2 of")
    view = client.predict("professional boundaries", api_name="/theme")
    assert "None of the" in view and "Related themes to try" in view
    preview, md_path, docx_path = client.predict("neglect", api_name="/briefing")
    assert "Key learning" in preview
    bullets = [p.text for p in Document(docx_path).paragraphs if p.style.name == "List Bullet"]
    corpus = " ".join(
        (ROOT / "tests" / "data" / "seed" / "learning-from-reviews.txt").read_text("utf-8").split()
    )
    assert bullets and all(" ".join(b.split()) in corpus for b in bullets)
    assert "neglect" in Path(md_path).read_text(encoding="utf-8")
    table = client.predict(
        "joint-targeted-area-inspections-jtai-neglect",
        "joint-targeted-area-inspections-jtai-domestic-abuse",
        "joint working",
        api_name="/compare",
    )
    assert table.count("**Shared:**") == 6  # two points and a next step, in both columns
