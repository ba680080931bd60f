"""The web app through Starlette's test client: pages, JSON twins, links, errors, limits,
escaping and the API key."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from starlette.testclient import TestClient

from dyads.explore.synthetic import fake_store
from dyads.store.synthetic_coder import HashCoder
from dyads.web.app import create_app, is_local

LOCAL = "http://127.0.0.1"
ARTICLE = (
    "Talks resume over the border dispute\n"
    "Officials from both governments met in the capital on Tuesday to discuss the crossings.\n"
    "A spokesman said the two delegations would meet again next month <script>x()</script>.\n"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "gen.duckdb"
    fake_store(path, 400, seed=9)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, coder=HashCoder()), base_url=LOCAL)


def test_every_page_has_a_json_twin(client: TestClient) -> None:
    for path in (
        "/",
        "/events?quad=4",
        "/timeline?interval=year",
        "/dyad?a=RUS&b=UKR",
        "/dyad?a=RUS",
        "/network?min_n=2",
    ):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"].startswith("text/html")
        twin = re.search(r'href="([^"]+)" id="json-twin"', page.text)
        assert twin is not None, path
        data = client.get(twin.group(1).replace("&amp;", "&"))
        assert data.status_code == 200 and data.headers["content-type"] == "application/json"
        assert isinstance(data.json(), dict)
    assert client.get("/api").json()["filters"][0] == "actor"
    assert client.get("/static/style.css").status_code == 200


def test_filters_live_in_the_url_and_numbers_link_to_events(client: TestClient) -> None:
    data = client.get("/api/events?country=RUS&quad=3,4&limit=5").json()
    assert data["filters"] == {"country": "RUS", "quad": "3,4"}
    assert len(data["events"]) == 5 and data["total"] > 5
    page = client.get("/events?country=RUS&quad=3,4&limit=5").text
    assert 'name="country" value="RUS"' in page
    older = re.search(r'rel="next" href="([^"]+)"', page)
    assert older is not None and "offset=5" in older.group(1)
    # The timeline's counts link to the events of their period, and those counts agree.
    tl = client.get("/api/timeline?country=RUS&interval=year").json()["timeline"]
    page = client.get("/timeline?country=RUS&interval=year").text
    links = re.findall(r'<td><a href="(/events\?[^"]+)">(\d+)</a></td>', page)
    assert len(links) == len(tl)
    for href, n in links[:4]:
        query = parse_qs(urlparse(href.replace("&amp;", "&")).query)
        assert query["country"] == ["RUS"] and "date_from" in query and "date_to" in query
        twin = client.get("/api" + href.replace("&amp;", "&")).json()
        assert twin["total"] == int(n)
    # Network edges and dyad counts link to their events too.
    net = client.get("/api/network?max_edges=3").json()
    edge = net["edges"][0]
    events = client.get(f"/api/events?actor={edge['source']}&recipient={edge['target']}").json()
    assert events["total"] >= edge["n"]
    assert (
        f"actor={edge['source']}&amp;recipient={edge['target']}"
        in client.get("/network?max_edges=3").text
    )


def test_event_page_shows_every_mention_and_its_sentence(client: TestClient) -> None:
    listed = client.get("/api/events?limit=200").json()["events"]
    multi = next(e for e in listed if e["n_mentions"] == 3)
    data = client.get(f"/api/event/{multi['id']}").json()["event"]
    assert len(data["mentions"]) == 3
    page = client.get(f"/event/{multi['id']}").text
    for m in data["mentions"]:
        assert f'id="mention-{m["id"]}"' in page and m["sentence"] in page
    assert f'href="/event/{multi["id"]}"' in client.get("/events?limit=200").text


def test_pasted_article_is_coded_and_highlighted_without_markup(client: TestClient) -> None:
    page = client.post("/code", data={"text": ARTICLE, "date": "2024-03-05"})
    assert page.status_code == 200
    assert page.text.count('<mark class="event"') == 2
    assert "<script>x()" not in page.text and "&lt;script&gt;x()&lt;/script&gt;" in page.text
    assert "Talks resume over the border dispute" in page.text
    data = client.post("/api/code", json={"text": ARTICLE, "date": "2024-03-05"}).json()
    assert len(data["events"]) == 2 and data["events"][0]["date"].startswith("2024-03")
    upload = client.post(
        "/code", files={"file": ("a.txt", ARTICLE.encode(), "text/plain")}, data={"date": ""}
    )
    assert upload.status_code == 200 and upload.text.count('<mark class="event"') == 2


def test_user_text_is_escaped_everywhere(client: TestClient) -> None:
    evil = "<img src=x onerror=alert(1)>"
    page = client.get("/events", params={"text": evil})
    assert page.status_code == 200 and evil not in page.text and "&lt;img" in page.text
    bad = client.get("/events", params={"type": evil})
    assert bad.status_code == 400 and evil not in bad.text
    missing = client.get("/event/" + "%3Cb%3Ehi%3C%2Fb%3E")
    assert missing.status_code == 404 and "<b>hi</b>" not in missing.text


def test_bad_input_gives_a_page_and_a_json_error(client: TestClient) -> None:
    cases = [
        ("/events?quad=7", 400, "quad"),
        ("/events?limit=lots", 400, "limit"),
        ("/timeline?interval=fortnight", 400, "interval"),
        ("/events?date_from=2024-99", 400, "date_from"),
        ("/event/nope", 404, "no event"),
        ("/nowhere", 404, "Not Found"),
    ]
    for path, status, words in cases:
        page = client.get(path)
        assert page.status_code == status and words in page.text, path
        assert page.headers["content-type"].startswith("text/html")
        api = client.get("/api" + path)
        assert api.status_code == status, path
        assert api.json()["status"] == status and words in api.json()["error"]
    empty = client.post("/api/code", json={"text": "   "})
    assert empty.status_code == 400 and "empty" in empty.json()["error"]
    not_json = client.post("/api/code", content=b"{", headers={"content-type": "application/json"})
    assert not_json.status_code == 400


def test_body_size_limit_and_host_check(db: Path) -> None:
    small = TestClient(create_app(db, coder=HashCoder(), max_body=2_000), base_url=LOCAL)
    big = small.post("/api/code", json={"text": "x" * 5_000})
    assert big.status_code == 413 and big.json()["status"] == 413
    streamed = small.post(
        "/code",
        content=iter([b"text=" + b"y" * 1500, b"y" * 1500]),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert streamed.status_code == 413
    assert small.post("/api/code", json={"text": ARTICLE}).status_code == 200
    # Served on localhost, other Host names are refused (DNS rebinding).
    rebound = TestClient(create_app(db), base_url="http://attacker.example")
    assert rebound.get("/").status_code == 400


def test_writes_need_the_key_beyond_localhost(db: Path) -> None:
    app = create_app(db, coder=HashCoder(), api_key="s3cret", local=False)
    client = TestClient(app, base_url="http://events.example.org")
    assert client.get("/events").status_code == 200  # reading needs no key
    assert 'name="api_key"' in client.get("/code").text
    refused = client.post("/api/code", json={"text": ARTICLE})
    assert refused.status_code == 401 and "API key" in refused.json()["error"]
    wrong = client.post("/code", data={"text": ARTICLE, "api_key": "guess"})
    assert wrong.status_code == 401
    ok = client.post("/api/code", json={"text": ARTICLE}, headers={"X-API-Key": "s3cret"})
    assert ok.status_code == 200
    assert client.post("/code", data={"text": ARTICLE, "api_key": "s3cret"}).status_code == 200
    keyless = TestClient(create_app(db, coder=HashCoder(), local=False), base_url="http://h.org")
    assert keyless.post("/api/code", json={"text": ARTICLE}).status_code == 401
    assert is_local("127.0.0.1") and is_local("::1") and is_local("localhost")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.5") and not is_local("")
