"""The web app: a Starlette application over a read-only store (``dyads serve``).

Every page has a JSON twin under ``/api`` with the same URL parameters; filters live in the
URL. Safety rules, all here:

* templates autoescape, so nothing a user types is rendered as markup;
* request bodies are capped (:class:`BodyLimit`): 413 past ``max_body`` bytes;
* pasting or uploading an article needs the API key when the server listens beyond localhost;
* on localhost only ``localhost``/``127.0.0.1`` Host headers are served (no DNS rebinding);
* bad input gives a page and a JSON error ``{"error", "status"}`` with the status code.
"""

from __future__ import annotations

import hmac
import ipaddress
import threading
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyads.errors import DyadsError
from dyads.explore.db import Explorer
from dyads.web.highlight import ArticleCoder

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
HERE = Path(str(resources.files("dyads.web")))


def is_local(host: str) -> bool:
    """True when ``host`` is a loopback address or name (the server is not reachable from
    other machines)."""
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BodyLimit:
    """Refuse request bodies over ``max_body`` bytes (413), by Content-Length or as streamed."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, counting its body bytes."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise HTTPException(413, f"request body larger than {self.max_body} bytes")
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        response = error_response(
            request, 413, f"request body larger than {self.max_body} bytes (send less)"
        )
        await response(scope, receive, send)


class WebState:
    """What the handlers share: the store, templates, the coder and the key."""

    def __init__(
        self,
        db: str | Path,
        coder: ArticleCoder | None,
        api_key: str | None,
        local: bool,
    ) -> None:
        self.explorer = Explorer(db)
        self.db = str(db)
        self.api_key = api_key
        self.local = local
        self._coder = coder
        self._lock = threading.Lock()
        self.templates = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=select_autoescape(["html", "svg"], default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def coder(self) -> ArticleCoder:
        """The article coder, loaded on first use (the spaCy pipeline takes seconds)."""
        with self._lock:
            if self._coder is None:
                from dyads.pipeline import Coder

                self._coder = Coder.default()
            return self._coder

    def cursor(self) -> Any:
        """A store connection for this request's thread."""
        with self._lock:
            return self.explorer.cursor()

    def key_ok(self, given: str | None) -> bool:
        """Whether a write (paste, upload) may go ahead: always on localhost without a key."""
        if self.api_key is None:
            return self.local
        return given is not None and hmac.compare_digest(given.encode(), self.api_key.encode())


def wants_json(request: Request) -> bool:
    """JSON for ``/api/...`` URLs and for clients that ask only for JSON."""
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str) -> Response:
    """The error as ``{"error", "status"}`` JSON or as an escaped HTML page."""
    if wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    state: WebState | None = (
        getattr(request.app.state, "web", None) if "app" in request.scope else None
    )
    if state is None:
        from html import escape

        body = f"<!doctype html><title>Error {status}</title><p>{escape(message)}</p>"
        return HTMLResponse(body, status_code=status)
    page = state.templates.get_template("error.html").render(
        status=status, message=message, request=request, page="error", json_url=None
    )
    return HTMLResponse(page, status_code=status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_response(request, exc.status_code, str(exc.detail))


async def _user_error(request: Request, exc: Exception) -> Response:
    # FilterError, InputError and other DyadsErrors are the user's input: 400 with its message.
    return error_response(request, 400, str(exc))


def create_app(
    db: str | Path,
    coder: ArticleCoder | None = None,
    api_key: str | None = None,
    local: bool = True,
    max_body: int = 1_000_000,
    allowed_hosts: tuple[str, ...] | None = None,
) -> Starlette:
    """The app serving the store ``db`` (opened read-only).

    ``coder`` codes pasted articles (default: the dyads pipeline, loaded on first use);
    ``local`` says the server listens on loopback only (then no key is needed to paste);
    ``allowed_hosts`` overrides the Host headers served (default: loopback names when local).
    """
    from dyads.web import pages

    state = WebState(db, coder, api_key, local)
    hosts = allowed_hosts or (LOCAL_HOSTS if local else ("*",))
    routes: list[Route | Mount] = []
    for path, handler, methods in pages.ROUTES:
        routes.append(Route(path, handler, methods=methods))
        if not path.endswith(".svg"):
            routes.append(Route("/api" + path, handler, methods=methods))
    routes.append(Route("/api", pages.api_index, methods=["GET"]))
    routes.append(Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"))
    handlers: dict[Any, Callable[[Request, Exception], Any]] = {
        HTTPException: _http_error,
        DyadsError: _user_error,
    }
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)),
            Middleware(BodyLimit, max_body=max_body),
        ],
        exception_handlers=handlers,
    )
    app.state.web = state
    return app
