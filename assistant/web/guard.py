"""An ASGI middleware in front of the Gradio app: security headers on every response and,
with sign-in on, no route but the sign-in page itself for anyone not signed in.

Gradio's own sign-in guards its data routes; a few housekeeping routes (heartbeat,
cancel, reset, token, user…) stay open. This closes them all, and its Content-Security-
Policy keeps the page from loading anything from another host (an image link typed into
a question included).
"""

from __future__ import annotations

import json
from http.cookies import SimpleCookie

# What the page may load: only this server. Gradio's page needs inline scripts and styles.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    "connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
# Reachable without signing in: the sign-in page, its code and styles, and the sign-in.
PUBLIC_EXACT = frozenset(
    {"/", "/login", "/login/", "/config", "/config/", "/theme.css", "/gradio_api/theme.css"}
    | {"/gradio_api/startup-events"}  # launch() polls it before serving
)
PUBLIC_PREFIXES = ("/assets/", "/static/", "/gradio_api/static/", "/favicon")
REFUSED = json.dumps({"detail": {"error": "Not authenticated", "auth_message": None}}).encode()


def signed_in(scope) -> bool:
    """Does the request carry a session cookie that Gradio issued at sign-in?"""
    app = scope.get("app")
    tokens = getattr(app, "tokens", {})
    cookie_id = getattr(app, "cookie_id", "")
    header = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie")
    cookies = SimpleCookie()
    try:
        cookies.load(header.decode("latin-1"))
    except Exception:  # a malformed cookie header is simply not a session
        return False
    for name in (f"access-token-{cookie_id}", f"access-token-unsecure-{cookie_id}"):
        morsel = cookies.get(name)
        if morsel is not None and morsel.value in tokens:
            return True
    return False


def is_public(path: str) -> bool:
    return path in PUBLIC_EXACT or path.startswith(PUBLIC_PREFIXES)


class GuardMiddleware:
    def __init__(self, app, sign_in: bool = False) -> None:
        self.app = app
        self.sign_in = sign_in

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.sign_in and not is_public(scope.get("path", "")) and not signed_in(scope):
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [(b"content-type", b"application/json"), *HEADERS],
                }
            )
            await send({"type": "http.response.body", "body": REFUSED})
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
