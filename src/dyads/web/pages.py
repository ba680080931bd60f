"""The web app's pages. Each handler builds one result and returns it as HTML or, under
``/api`` (or for clients that accept only JSON), as the same data in JSON."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import fields
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from dyads.explore import (
    Filters,
    dyad,
    facets,
    get_event,
    list_events,
    network,
    search,
    timeline,
    top_partners,
)
from dyads.explore.filters import FilterError
from dyads.explore.network import circle_layout, edge_lines, node_radius
from dyads.explore.timeline import INTERVALS, check_interval, period_end
from dyads.web.app import WebState, wants_json
from dyads.web.highlight import event_rows, make_article, segments

PAGE_SIZE = 50
FILTER_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Filters))
_PLOT_LOCK = threading.Lock()  # pyplot keeps global state: one chart at a time


def url(path: str, params: dict[str, Any] | None = None, **extra: Any) -> str:
    """``path`` with the non-empty ``params`` and ``extra`` as its query string."""
    merged = {**(params or {}), **extra}
    query = {k: v for k, v in merged.items() if v not in (None, "", ())}
    return path + ("?" + urlencode(query) if query else "")


def _state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def _filters(request: Request) -> Filters:
    params = {k: ",".join(request.query_params.getlist(k)) for k in FILTER_KEYS}
    return Filters.from_params(params)


def _int(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise FilterError(f"{name}: {raw[:20]!r} is not a whole number") from exc
    if not low <= value <= high:
        raise FilterError(f"{name}: {value} is outside {low} to {high}")
    return value


def _respond(request: Request, template: str, data: dict[str, Any], **context: Any) -> Response:
    """``data`` as JSON, or the page ``template`` rendered with ``data`` and ``context``."""
    if wants_json(request):
        return JSONResponse(data)
    state = _state(request)
    query = request.url.query
    json_url = "/api" + request.url.path + ("?" + query if query else "")
    page = state.templates.get_template(template).render(
        request=request, url=url, json_url=json_url, **data, **context
    )
    return HTMLResponse(page)


def home(request: Request) -> Response:
    """Store counts, the latest events and the main actors."""
    state = _state(request)
    with state.cursor() as con:
        counts = {
            t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in ("events", "mentions", "articles")
        }
        latest = list_events(con, Filters(), 10)
        top = facets(con, Filters(), 12)
    data = {"db": state.db, "counts": counts, "latest": latest, "facets": top}
    return _respond(request, "home.html", data, page="home")


def api_index(request: Request) -> Response:
    """The JSON endpoints and their parameters."""
    return JSONResponse(
        {
            "endpoints": [
                "/api/events",
                "/api/event/{id}",
                "/api/timeline",
                "/api/dyad",
                "/api/network",
                "/api/code (POST)",
            ],
            "filters": list(FILTER_KEYS),
            "intervals": list(INTERVALS),
        }
    )


def events_page(request: Request) -> Response:
    """Event search with facets and paging."""
    filters = _filters(request)
    limit = _int(request, "limit", PAGE_SIZE, 1, 1000)
    offset = _int(request, "offset", 0, 0, 10_000_000)
    with _state(request).cursor() as con:
        found = search(con, filters, limit, offset)
    data = {"filters": filters.to_params(), "limit": limit, "offset": offset, **found}
    return _respond(request, "events.html", data, page="events")


def event_page(request: Request) -> Response:
    """One event with every mention and its sentence."""
    event_id = request.path_params["event_id"]
    with _state(request).cursor() as con:
        event = get_event(con, event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id[:40]!r} in this store")
    return _respond(request, "event.html", {"event": event}, page="event")


def _timeline_args(request: Request) -> tuple[Filters, str, bool]:
    interval = check_interval(request.query_params.get("interval") or "month")
    by_quad = request.query_params.get("by_quad", "1") not in ("0", "false", "no")
    return _filters(request), interval, by_quad


def timeline_page(request: Request) -> Response:
    """Counts and mean scores per period, with the chart; every count links to its events."""
    filters, interval, by_quad = _timeline_args(request)
    with _state(request).cursor() as con:
        rows = timeline(con, filters, interval, by_quad)
    for r in rows:
        r["period_end"] = period_end(r["period"], interval)
    data = {
        "filters": filters.to_params(),
        "interval": interval,
        "by_quad": by_quad,
        "timeline": rows,
    }
    chart = url("/timeline.svg", dict(request.query_params))
    return _respond(
        request, "timeline.html", data, page="timeline", chart=chart, intervals=INTERVALS
    )


def timeline_svg(request: Request) -> Response:
    """The timeline chart as SVG (the same drawing as ``dyads timeline --plot``)."""
    from dyads.explore.plot import render_timeline

    filters, interval, by_quad = _timeline_args(request)
    with _state(request).cursor() as con:
        rows = timeline(con, filters, interval, by_quad)
    title = " ".join(f"{k}={v}" for k, v in filters.to_params().items()) or "all events"
    with _PLOT_LOCK:
        svg = render_timeline(rows, "svg", f"{title} (per {interval})")
    return Response(svg, media_type="image/svg+xml")


def dyad_page(request: Request) -> Response:
    """A→B and B→A over time; with only ``a``, a's top partners."""
    a = (request.query_params.get("a") or "").strip()
    b = (request.query_params.get("b") or "").strip()
    filters = _filters(request)
    interval = check_interval(request.query_params.get("interval") or "month")
    Filters.from_params({"actor": a, "recipient": b})  # a 400 for a malformed code
    data: dict[str, Any] = {"a": a.upper(), "b": b.upper(), "filters": filters.to_params()}
    data["interval"] = interval
    with _state(request).cursor() as con:
        if a and b:
            data["dyad"] = dyad(con, a, b, filters, interval)
        if a:
            data["partners"] = top_partners(con, a, filters, 20)
    for key in ("a_to_b", "b_to_a"):
        for r in data.get("dyad", {}).get(key, {}).get("timeline", []):
            r["period_end"] = period_end(r["period"], interval)
    return _respond(request, "dyad.html", data, page="dyad", intervals=INTERVALS)


def network_page(request: Request) -> Response:
    """Nodes and weighted edges, drawn as SVG and listed; every edge links to its events."""
    filters = _filters(request)
    max_edges = _int(request, "max_edges", 60, 1, 2000)
    min_n = _int(request, "min_n", 1, 1, 1_000_000)
    with _state(request).cursor() as con:
        result = network(con, filters, max_edges, min_n)
    data = {"filters": filters.to_params(), "max_edges": max_edges, "min_n": min_n, **result}
    layout = circle_layout(result["nodes"])
    top = max((e["n"] for e in result["edges"]), default=1)
    radius = {n["id"]: node_radius(n) for n in result["nodes"]}
    lines = edge_lines(result["edges"], layout, radius)
    return _respond(
        request,
        "network.html",
        data,
        page="network",
        layout=layout,
        top=top,
        lines=lines,
        radius=radius,
    )


def code_form(request: Request) -> Response:
    """The paste/upload form."""
    state = _state(request)
    return _respond(
        request, "code.html", {}, page="code", needs_key=not state.local or bool(state.api_key)
    )


async def code_article(request: Request) -> Response:
    """Code a pasted or uploaded article and show its events highlighted in the text."""
    state = _state(request)
    text, raw, filename, date_text, key = await _article_input(request)
    if not state.key_ok(request.headers.get("x-api-key") or key):
        raise HTTPException(401, "this server needs an API key to code articles (X-API-Key)")
    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError as exc:
        raise FilterError(f"date: {date_text[:40]!r} is not a date (YYYY-MM-DD)") from exc
    article = make_article(text, raw, filename, date)
    events = await run_in_threadpool(state.coder().code, article)
    data = {
        "article": {"id": article.id, "title": article.title, "date": date_text or None},
        "events": event_rows(events),
    }
    marked = segments(article.text, events)
    return _respond(request, "coded.html", data, page="code", segments=marked)


async def _article_input(
    request: Request,
) -> tuple[str | None, bytes | None, str | None, str, str | None]:
    """(text, file bytes, file name, date, api key) from a JSON body or a form."""
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = await request.json()
        except ValueError as exc:
            raise FilterError("the body is not valid JSON") from exc
        if not isinstance(body, dict) or not isinstance(body.get("text"), str):
            raise FilterError('send {"text": "...", "date": "YYYY-MM-DD"?}')
        return body["text"], None, None, str(body.get("date") or ""), None
    form = await request.form(max_files=1, max_fields=10)
    upload = form.get("file")
    raw: bytes | None = None
    filename: str | None = None
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read()
        filename = upload.filename
    text = form.get("text")
    key = form.get("api_key")
    return (
        text if isinstance(text, str) else None,
        raw,
        filename,
        str(form.get("date") or "").strip(),
        key if isinstance(key, str) else None,
    )


ROUTES: tuple[tuple[str, Any, list[str]], ...] = (
    ("/", home, ["GET"]),
    ("/events", events_page, ["GET"]),
    ("/event/{event_id:str}", event_page, ["GET"]),
    ("/timeline", timeline_page, ["GET"]),
    ("/timeline.svg", timeline_svg, ["GET"]),
    ("/dyad", dyad_page, ["GET"]),
    ("/network", network_page, ["GET"]),
    ("/code", code_form, ["GET"]),
    ("/code", code_article, ["POST"]),
)
