"""The CLI, driven in-process with the fake encoder and temporary folders."""

from __future__ import annotations

import json

import pytest

from assistant.cli import main


@pytest.fixture
def cli_env(settings, fake_encoder, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    return settings


def test_index_reports_what_it_did_then_that_it_is_up_to_date(cli_env, capsys):
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    assert "Indexed: 1 added, 0 changed, 0 removed, 0 unchanged, 0 failed." in out
    assert "5 reviews: 55 learning points, 24 next steps, 5 summaries." in out
    assert "Embedded 163 texts, reused 0." in out
    assert main(["index"]) == 0
    out = capsys.readouterr().out
    assert "Index is up to date: 0 added, 0 changed, 0 removed (1 file), 0 failed." in out
    assert "Embedded" not in out
    assert main(["index", "--full"]) == 0
    assert "Embedded 163 texts, reused 0." in capsys.readouterr().out


def test_ask_filters_by_kind_and_year_and_refuses_an_unknown_kind(cli_env, capsys):
    assert main(["ask", "--json", "--kind", "SCR", "risk assessments"]) == 0
    cites = json.loads(capsys.readouterr().out)["citations"]
    assert cites and {c["review"] for c in cites} == {"Child B Serious Case Review"}
    assert main(["ask", "--json", "--since", "2030", "risk assessments"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["abstained"] is True and not answer["citations"]
    assert main(["ask", "--kind", "recipe book", "risk"]) == 2
    err = capsys.readouterr().err
    assert "unknown kind 'recipe book'" in err and "serious case review" in err


def test_ask_json_prints_one_object_per_question_in_order(cli_env, capsys):
    questions = ["forced marriage protection orders", "", "chronic neglect chronologies"]
    assert main(["ask", "--json", *questions]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["question"] for row in lines] == questions
    first = lines[0]
    assert set(first) >= {"question", "abstained", "answer", "citations"}
    assert first["abstained"] is False
    assert 1 <= len(first["citations"]) <= 10
    cite = first["citations"][0]
    assert set(cite) >= {"id", "review", "section", "text", "score"}
    assert cite["review"] == "Joint Targeted Area Inspections (JTAI) - Domestic Abuse"
    assert cite["section"] == "Forced marriage"
    assert isinstance(cite["score"], float)
    scores = [c["score"] for c in first["citations"]]
    assert scores == sorted(scores, reverse=True)
    assert lines[1]["abstained"] is True and "Please type a question" in lines[1]["answer"]


def test_ask_prints_a_readable_answer(cli_env, capsys):
    assert main(["ask", "What did reviews say about chronic neglect?"]) == 0
    out = capsys.readouterr().out
    assert "From \u201cJoint Targeted Area Inspections (JTAI) - Neglect\u201d" in out
    assert "Sources:" in out and "[1]" in out


def test_ask_rebuilds_a_truncated_index_without_a_traceback(cli_env, capsys):
    assert main(["index"]) == 0
    capsys.readouterr()
    build = next((cli_env.index_dir / "builds").iterdir())
    (build / "chunks.jsonl").write_text((build / "chunks.jsonl").read_text()[:50])
    assert main(["ask", "--json", "chronic neglect"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["citations"]
    assert "Traceback" not in captured.err


def test_missing_corpus_folder_is_a_clear_message(cli_env, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(tmp_path / "nowhere"))
    assert main(["ask", "anything"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_a_bad_setting_is_a_clear_message(cli_env, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_BATCH_SIZE", "lots")
    assert main(["ask", "anything"]) == 1
    assert "invalid setting" in capsys.readouterr().err


def test_json_mode_marks_invalid_questions_with_an_error(cli_env, capsys):
    assert main(["ask", "--json", "   ", "x" * 5000]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [bool(r.get("error")) for r in rows] == [True, True]
    assert "keep it under 1000" in rows[1]["error"]


def test_control_characters_separate_words(cli_env, capsys):
    assert main(["ask", "--json", "chronic\x01neglect\x1b[31m"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["question"] == "chronic neglect [31m"
    assert row["citations"][0]["section"] == "Chronic neglect"


def test_an_index_folder_that_is_a_file_is_a_clear_message(cli_env, capsys):
    cli_env.index_dir.write_text("not a folder")
    assert main(["index"]) == 1
    err = capsys.readouterr().err
    assert "assistant:" in err and "Traceback" not in err


def test_eval_prints_metrics_and_every_miss(cli_env, capsys, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"q": "forced marriage protection orders", '
        '"gold": [["domestic abuse", "Forced marriage"]], "expect": "protection orders"}\n'
        '{"q": "chronic neglect chronologies", "gold": [["child b", "Summary"]], "expect": null}\n'
        '{"q": "qwertyuiop zxcvbnm", "gold": [], "expect": null}\n'
    )
    assert main(["eval", str(questions)]) == 0
    out = capsys.readouterr().out
    assert "hit@1     0.50" in out
    assert "expect@3  0.50" in out
    assert "off-topic abstained 1/1" in out
    assert "NOT IN TOP 5: chronic neglect chronologies" in out
    assert "1. Joint Targeted Area Inspections (JTAI) - Neglect \u203a Chronic neglect" in out

    assert main(["eval", "--json", str(questions)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["hit1"] == 0.5 and report["n"] == 2 and len(report["misses"]) == 1


def test_eval_reports_an_unreadable_file(cli_env, capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    assert main(["eval", str(bad)]) == 1
    assert "cannot read questions" in capsys.readouterr().err


def test_the_cli_imports_no_ui_and_no_model_library_until_it_needs_them():
    """Start-up stays lean: Gradio never, and torch, FAISS and the document readers only
    when a command reaches for them."""
    import subprocess
    import sys

    heavy = ("gradio", "torch", "sentence_transformers", "faiss", "docx", "pdfplumber", "bs4")
    probe = (
        "import sys, assistant.cli, assistant.core; "
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


@pytest.mark.parametrize(
    "command", [["-m", "assistant", "serve"], ["app.py"]], ids=["assistant serve", "app.py"]
)
def test_both_ways_of_starting_the_app_serve_the_page(tmp_path, command):
    """`assistant serve` (what `make run` starts) and `python app.py` serve the same app.
    The corpus folder is missing, so the page serves and says the assistant could not
    start, without loading a model."""
    import subprocess
    import sys
    import time
    import urllib.request

    from tests.served_app import ROOT, app_env, free_port

    port = free_port()
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        env=app_env(tmp_path, port),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            assert app.poll() is None, (tmp_path / "app.log").read_text()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    assert page.status == 200
                    assert "Learning from safeguarding reviews" in page.read().decode()
                    break
            except OSError:
                assert time.monotonic() < deadline, "the app did not start"
                time.sleep(0.5)
    finally:
        app.terminate()
        app.wait(timeout=20)
        log.close()


def test_a_collection_without_a_glossary_still_has_the_domain_glossary(cli_env, capsys):
    """The corpus folder holds no glossary.yaml: terms, meanings and honest refusals come
    from the glossary that ships with the package."""
    assert not (cli_env.corpus_dir / "glossary.yaml").exists()
    assert main(["ask", "--json", "what does CIN mean?", "what about county lines?"]) == 0
    cin, county = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert cin["answer"].startswith("Glossary (not from the reviews): Child in Need")
    assert county["abstained"] and "don't cover county lines" in county["answer"]


def test_a_brief_about_an_uncovered_topic_makes_it_covered(cli_env, capsys):
    (cli_env.corpus_dir / "county-lines.md").write_text(
        "# County lines learning brief\n\n## Key learning\n\n"
        "- Children drawn into county lines were seen as offenders, not victims.\n"
    )
    assert main(["ask", "--json", "what about county lines?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert not answer["abstained"]
    assert answer["citations"][0]["review"] == "County lines learning brief"


def test_a_broken_collection_glossary_stops_index_and_ask_with_one_line(cli_env, capsys):
    (cli_env.corpus_dir / "glossary.yaml").write_text("- term: TAF\n- term: [unclosed\n")
    for command in (["index"], ["ask", "forced marriage"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"{cli_env.corpus_dir / 'glossary.yaml'}, line 3" in err, err
