"""Who can reach what: the optional sign-in, and file routes that serve nothing private."""

from __future__ import annotations

import re

import httpx
import pytest

from assistant.auth import AuthFileError, add_user, checker, hash_password, read_users, verify
from assistant.cli import main
from assistant.encoder import resolve_model_dir
from assistant.settings import BUNDLED_MODEL
from tests.served_app import ROOT, make_corpus, serve

PASSWORD = "correct horse battery"


def test_passwords_are_stored_as_salted_scrypt_hashes(tmp_path):
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second and PASSWORD not in first
    assert verify(PASSWORD, first) and not verify("wrong password", first)
    assert not verify(PASSWORD, "plain-text") and not verify(PASSWORD, "scrypt$1$2$3$!!$??")
    users = tmp_path / "users"
    add_user(users, "alice", PASSWORD)
    add_user(users, "bob", "another password")
    add_user(users, "alice", "a new password")  # replaces alice's line
    loaded = read_users(users)
    assert list(loaded) == ["bob", "alice"]
    check = checker(loaded)
    assert check("alice", "a new password") and not check("alice", PASSWORD)
    assert not check("mallory", PASSWORD)
    assert oct(users.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("alice:hunter2\n", "not a plain password"),
        ("# only a comment\n", "lists no users"),
        ("\xff\xfe", "cannot be read"),
    ],
)
def test_a_bad_sign_in_file_is_refused_not_ignored(tmp_path, content, problem):
    users = tmp_path / "users"
    users.write_bytes(content.encode("latin-1"))
    with pytest.raises(AuthFileError, match=problem):
        read_users(users)
    with pytest.raises(AuthFileError, match="cannot be read"):
        read_users(tmp_path / "missing")


def test_the_cli_adds_users_without_echoing_passwords(tmp_path, monkeypatch, capsys):
    import io

    users = tmp_path / "users"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "carol", "--file", str(users), "--password-stdin"]) == 0
    assert PASSWORD not in capsys.readouterr().out + users.read_text()
    assert checker(read_users(users))("carol", PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "dave", "--file", str(users), "--password-stdin"]) == 2
    assert "at least 8 characters" in capsys.readouterr().err


# --- The running app ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signed")
    make_corpus(folder)
    users = folder / "users"
    add_user(users, "alice", PASSWORD)
    with serve(folder, ASSISTANT_AUTH_FILE=str(users)) as url:
        yield url


ROUTES = [
    ("GET", "config"),
    ("GET", "gradio_api/info"),
    ("GET", "gradio_api/info?all_endpoints=True"),
    ("POST", "gradio_api/queue/join"),
    ("GET", "gradio_api/queue/data?session_hash=abc"),
    ("POST", "gradio_api/call/chat"),
    ("POST", "gradio_api/run/theme"),
    ("POST", "gradio_api/api/themes"),
    ("POST", "gradio_api/upload"),
    ("GET", "gradio_api/upload_progress?upload_id=x"),
    ("GET", "gradio_api/file=/etc/passwd"),
    ("GET", "gradio_api/file=corpus/learning-from-reviews.txt"),
    ("GET", "monitoring"),
]


@pytest.mark.real_model
def test_with_sign_in_every_route_refuses_strangers(signed_app):
    with httpx.Client(base_url=signed_app, timeout=30) as http:
        page = http.get("/")
        # The page is the sign-in form: no corpus text, no app configuration.
        assert page.status_code == 200
        assert "Joint Targeted" not in page.text and "forced marriage" not in page.text
        for method, path in ROUTES:
            response = http.request(method, "/" + path, json={"data": ["forced marriage"]})
            assert response.status_code in (401, 403), (method, path, response.status_code)
        wrong = http.post("/login", data={"username": "alice", "password": "guess"})
        assert wrong.status_code >= 400 and not http.cookies
        assert http.get("/config").status_code == 401
        # The same client, signed in, gets through: the refusals above were the sign-in.
        right = http.post("/login", data={"username": "alice", "password": PASSWORD})
        assert right.status_code == 200
        assert http.get("/config").status_code == 200


@pytest.mark.real_model
def test_with_sign_in_a_user_can_ask(signed_app):
    from gradio_client import Client

    client = Client(signed_app, auth=("alice", PASSWORD), verbose=False)
    counts = {c["name"]: c["reviews"] for c in client.predict(api_name="/themes")}
    assert counts["Forced marriage"] == 1


@pytest.mark.real_model
def test_file_routes_serve_nothing_outside_gradios_own_files(served_app):
    url, folder = served_app
    model_file = next(p for p in resolve_model_dir(BUNDLED_MODEL).rglob("*") if p.is_file())
    index_file = next(p for p in (folder / "index").rglob("*.json"))
    targets = [
        "/etc/passwd",
        "../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "..%2f..%2f..%2f..%2fetc%2fpasswd",
        str(folder / "corpus" / "learning-from-reviews.txt"),
        "corpus/learning-from-reviews.txt",  # the repository's corpus, next to app.py
        str(ROOT / "corpus" / "glossary.yaml"),
        str(index_file),
        "index/CURRENT",
        str(model_file),
        str(ROOT / "app.py"),
    ]
    from gradio_client import Client

    # Gradio's own files (a download the app wrote) are served: the route works.
    _, md_path, _ = Client(url, verbose=False).predict("neglect", api_name="/briefing")
    with httpx.Client(base_url=url, timeout=30) as http:
        own = http.get("/gradio_api/file=" + md_path)
        assert own.status_code == 200 and "7-minute briefing" in own.text
        for target in targets:
            for prefix in ("/gradio_api/file=", "/file=", "/gradio_api/file/"):
                response = http.get(prefix + target)
                assert response.status_code in (403, 404, 405), (prefix, target)
                assert not re.search(r"root:|Joint Targeted|\"model_id\"", response.text)
