"""The web app's main flows in headless Chromium (Debian's ``chromium`` + ``chromium-driver``,
driven by Selenium), against a real server on 127.0.0.1.

Screenshots of every page are kept in ``$DYADS_ARTEFACTS`` when set (CI uploads that folder),
else in pytest's temporary directory.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyads.explore.synthetic import fake_store
from dyads.store.synthetic_coder import HashCoder
from dyads.web.app import create_app

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ARTICLE = (
    "Border talks resume after a week of clashes\n"
    "Delegations from the two governments met in the capital on Tuesday to discuss the crossings.\n"
    "Officials said the two sides agreed to reopen the main checkpoint for trucks and buses.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    db = tmp_path_factory.mktemp("browser") / "gen.duckdb"
    fake_store(db, 600, seed=11)
    port = _free_port()
    config = uvicorn.Config(
        create_app(db, coder=HashCoder()), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM and DRIVER):
        message = "needs Debian's chromium and chromium-driver (apt-get install them)"
        if os.environ.get("CI"):
            pytest.fail(message + "; .ci/run installs them")  # CI must run the browser tests
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--disable-gpu",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = os.environ.get("DYADS_ARTEFACTS")
    folder = Path(env) / "screenshots" if env else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shot(driver: Any, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path)) and path.stat().st_size > 10_000


def _after_click(driver: Any, element: Any, css: str) -> None:
    """Click ``element`` and wait for the next page: the old one gone, ``css`` present."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    element.click()
    wait = WebDriverWait(driver, 20)
    wait.until(lambda _: _detached(element))
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _detached(element: Any) -> bool:
    """Whether ``element`` has left the page. Chromium's driver reports a node of a page being
    replaced either as stale or, in the middle of the navigation, as "Node with given id does
    not belong to the document" (a plain WebDriverException, which selenium's own
    ``staleness_of`` does not catch: the cause of a flaky failure in a clean-clone run)."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as exc:
        if "does not belong to the document" in str(exc):
            return True
        raise
    return False


def _only_local_resources(driver: Any, base: str) -> None:
    names = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert all(n.startswith(base) for n in names), names


def test_search_filters_and_an_event_with_its_sentences(
    browser: Any, base_url: str, shots: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url + "/")
    _shot(browser, shots, "home")
    _after_click(browser, browser.find_element(By.LINK_TEXT, "Events"), "form.filters")
    form = browser.find_element(By.CSS_SELECTOR, "form.filters")
    form.find_element(By.NAME, "country").send_keys("RUS")
    form.find_element(By.NAME, "quad").send_keys("4")
    _after_click(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "#total")
    assert "country=RUS" in browser.current_url and "quad=4" in browser.current_url
    badges = browser.find_elements(By.CSS_SELECTOR, "table.events td .quad")
    assert badges and {b.text for b in badges} == {"4"}
    total = int(browser.find_element(By.CSS_SELECTOR, "#total strong").text)
    assert total == len(badges) or total > 50
    _only_local_resources(browser, base_url)
    _shot(browser, shots, "events")
    first = browser.find_element(By.CSS_SELECTOR, "table.events tbody tr td:nth-child(2) a")
    _after_click(browser, first, "ol.mentions")
    assert "/event/" in browser.current_url
    sentences = browser.find_elements(By.CSS_SELECTOR, "ol.mentions blockquote.sentence")
    assert sentences and all(s.text.startswith("Generated sentence") for s in sentences)
    _shot(browser, shots, "event")


def test_timeline_chart_and_its_counts_link_to_events(
    browser: Any, base_url: str, shots: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url + "/timeline?country=UKR&interval=month")
    chart = browser.find_element(By.ID, "chart")
    deadline = time.monotonic() + 20
    while not browser.execute_script("return arguments[0].complete", chart):
        assert time.monotonic() < deadline, "chart did not load"
        time.sleep(0.1)
    assert browser.execute_script("return arguments[0].naturalWidth", chart) > 300
    _only_local_resources(browser, base_url)
    _shot(browser, shots, "timeline")
    link = browser.find_element(By.CSS_SELECTOR, "#timeline-table tbody a")
    n = int(link.text)
    _after_click(browser, link, "#total")
    assert int(browser.find_element(By.CSS_SELECTOR, "#total strong").text) == n


def test_dyad_and_network_views(browser: Any, base_url: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url + "/dyad")
    form = browser.find_element(By.CSS_SELECTOR, "form.filters")
    form.find_element(By.NAME, "a").send_keys("RUS")
    form.find_element(By.NAME, "b").send_keys("UKR")
    _after_click(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "#b_to_a")
    assert browser.find_element(By.CSS_SELECTOR, "#a_to_b h2").text == "RUS → UKR"
    assert browser.find_element(By.CSS_SELECTOR, "#b_to_a h2").text == "UKR → RUS"
    assert browser.find_elements(By.CSS_SELECTOR, "#partners tbody tr")
    _shot(browser, shots, "dyad")
    browser.get(base_url + "/network?max_edges=40")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg#network line")) == 40
    assert browser.find_elements(By.CSS_SELECTOR, "svg#network circle")
    _shot(browser, shots, "network")
    edge = browser.find_element(By.CSS_SELECTOR, "#edges tbody a")
    n = int(edge.text)
    _after_click(browser, edge, "#total")
    assert int(browser.find_element(By.CSS_SELECTOR, "#total strong").text) >= n


def test_paste_an_article_and_see_its_events_marked(
    browser: Any, base_url: str, shots: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url + "/code")
    browser.find_element(By.NAME, "text").send_keys(ARTICLE)
    browser.find_element(By.NAME, "date").send_keys("2024-05-02")
    _after_click(browser, browser.find_element(By.CSS_SELECTOR, "form.code button"), "#n-events")
    marks = browser.find_elements(By.CSS_SELECTOR, "#article-text mark.event")
    rows = browser.find_elements(By.CSS_SELECTOR, "#coded-events tbody tr[id^=event-]")
    assert len(marks) == len(rows) == 2
    assert "Delegations from the two governments" in marks[0].text
    _shot(browser, shots, "coded")
    browser.get(base_url + "/events?quad=9")
    assert "quad" in browser.find_element(By.ID, "error-message").text
