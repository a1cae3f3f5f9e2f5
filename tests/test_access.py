"""Who can reach what: the optional sign-in, and file routes that serve nothing private."""

from __future__ import annotations

import re

import httpx
import pytest

from assistant.cli import main
from assistant.index.encoders.base import resolve_model_dir
from assistant.settings import BUNDLED_MODEL
from assistant.web.auth import AuthFileError, add_user, checker, hash_password, read_users, verify
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


def app_routes() -> list[tuple[str, str]]:
    """Every (method, path) the web app serves, path parameters filled with a dummy."""
    from gradio.routes import App

    import app

    found = []

    def walk(routes):
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                walk(inner.routes)
            elif getattr(route, "path", None):
                path = re.sub(r"\{[^}]+\}", "x", route.path)
                found.extend((m, path) for m in sorted(route.methods or ()) if m != "HEAD")

    walk(App.create_app(app.demo).routes)
    return found


@pytest.mark.real_model
def test_with_sign_in_every_route_refuses_strangers(signed_app, served_app):
    from assistant.web.guard import is_public

    routes = app_routes()
    assert len(routes) > 60  # the walk found Gradio's API router too
    with httpx.Client(base_url=signed_app, timeout=30) as http:
        page = http.get("/")
        # The page is the sign-in form: no corpus text.
        assert page.status_code == 200
        assert "Joint Targeted" not in page.text and "forced marriage" not in page.text
        refused = []
        for method, path in routes:
            if is_public(path):
                continue
            response = http.request(method, path, json={"data": ["forced marriage"]})
            assert response.status_code == 401, (method, path, response.status_code)
            assert "Joint Targeted" not in response.text
            refused.append(path)
        assert {"/gradio_api/heartbeat/x", "/gradio_api/file=x", "/gradio_api/token"} <= set(
            refused
        )
        # Public for the sign-in page, but Gradio itself refuses its configuration.
        assert http.get("/config").status_code == 401
        wrong = http.post("/login", data={"username": "alice", "password": "guess"})
        assert wrong.status_code >= 400 and not http.cookies
        # The same client, signed in, gets through: the refusals above were the sign-in.
        right = http.post("/login", data={"username": "alice", "password": PASSWORD})
        assert right.status_code == 200
        assert http.get("/config").status_code == 200
        assert http.get("/gradio_api/app_id").status_code == 200
    # Without sign-in the same housekeeping routes answer: the guard is what closed them.
    open_url, _ = served_app
    with httpx.Client(base_url=open_url, timeout=30) as http:
        assert http.get("/gradio_api/app_id").status_code == 200
        assert http.get("/config").status_code == 200


@pytest.mark.real_model
def test_with_sign_in_a_user_can_ask(signed_app):
    from gradio_client import Client

    client = Client(signed_app, auth=("alice", PASSWORD), verbose=False)
    counts = {c["name"]: c["reviews"] for c in client.predict(api_name="/themes")}
    assert counts["Forced marriage"] == 1


def raw_get(url: str, path: str) -> tuple[int, str]:
    """GET a path exactly as written ("../" and all), as an attacker would send it."""
    import http.client
    from urllib.parse import urlparse

    where = urlparse(url)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.real_model
def test_file_routes_serve_nothing_outside_gradios_own_files(served_app):
    from gradio_client import Client

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
    # Gradio's own files (a download the app wrote) are served under both route
    # spellings: the routes work, so the refusals below are refusals.
    _, md_path, _ = Client(url, verbose=False).predict("neglect", api_name="/briefing")
    prefixes = ("/gradio_api/file=", "/gradio_api/file/")
    for prefix in prefixes:
        status, body = raw_get(url, prefix + md_path)
        assert status == 200 and "7-minute briefing" in body, prefix
    for target in targets:
        for prefix in prefixes:
            status, body = raw_get(url, prefix + target)
            assert status in (403, 404), (prefix, target, status)
            assert not re.search(r"root:|Joint Targeted|\"model_id\"", body)


@pytest.mark.real_model
@pytest.mark.browser
def test_signing_in_through_the_browser(signed_app):
    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS, CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(signed_app)
        page.get_by_label("username").fill("alice")
        page.get_by_label("password").fill(PASSWORD)
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Ready:").wait_for(timeout=120_000)
        assert "Learning from safeguarding reviews" in page.content()
        browser.close()
