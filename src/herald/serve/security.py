"""What keeps a hostile article inert in the browser, and writes closed by default.

Articles are hostile input: a title can carry ``<script>``, an URL ``javascript:``.
Templates escape every string (Jinja2 autoescape); this module adds the two guards that
do not depend on a template being right: a Content-Security-Policy that forbids inline
script and foreign origins, and a write gate that refuses `POST /api/ingest` before
its body is read unless the server holds a token and the request presents it.
"""

from __future__ import annotations

import hmac
import json
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script, no inline style sheets, nothing from another origin: an injected
# <script>, onerror= handler or javascript: URL has nothing it is allowed to run.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
WRITE_PATHS = ("/api/ingest",)


def http_url(value: str | None) -> str | None:
    """The URL if a browser may follow it (http or https with a host), else None."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


class SecurityHeaders:
    """Adds the CSP and its companions to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class WriteGate:
    """Refuses writes unless the server has a token and the request carries it.

    It answers from the headers alone, without reading the body: an unauthenticated
    client cannot make the server parse (or buffer) anything it sends.
    """

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/") in WRITE_PATHS:
            refusal = self.refusal(dict(scope["headers"]).get(b"authorization", b""))
            if refusal is not None:
                await _send_json(send, *refusal)
                return
        await self.app(scope, receive, send)

    def refusal(self, authorization: bytes) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        if not self.token:
            return (403, "this server is read-only: start `herald serve` with HERALD_TOKEN set"
                    " to accept writes", [])
        scheme, _, presented = authorization.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
                presented.strip().encode(), self.token.encode()):
            return (401, "missing or wrong token: send 'Authorization: Bearer $HERALD_TOKEN'",
                    [(b"www-authenticate", b"Bearer")])
        return None


async def _send_json(send: Send, status: int, detail: str,
                     headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"), *headers]})
    await send({"type": "http.response.body", "body": body})
