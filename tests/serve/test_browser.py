"""The review page in a real headless browser (Debian's chromium and chromium-driver, installed by
`make test` where apt-get can): load, filter, open an event, correct it, see the correction
stored; article text with markup in it stays text. The server runs on 127.0.0.1 in a thread of
this process, and is shut down with the browser after the test."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from .conftest import TOKEN

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromium-driver are not installed "
                                "(make test installs them with apt-get where it can)")
SCREENSHOT = Path(__file__).resolve().parents[2] / "bench" / "reports" / "review_page.png"
HOSTILE = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>"


@pytest.fixture
def server(service):
    import uvicorn

    from dragoman.serve.app import make_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(make_app(service), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as DriverService

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1400,1000", "--no-first-run", "--disable-extensions"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=DriverService(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def wait(driver, condition, timeout=20):
    """Until the condition holds; a row the page re-rendered meanwhile (a stale element) is asked
    again, not a failure."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def click_row(driver, text) -> bool:
    from selenium.webdriver.common.by import By

    row = next((r for r in driver.find_elements(By.CSS_SELECTOR, "#events tbody tr") if text in r.text), None)
    if row is None:
        return False
    row.click()
    return True


def test_review_an_event_in_the_browser(service, server, browser, client):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    # A document whose text holds markup: the page must show it as text, never run it.
    client.post("/documents", json={"id": "hostile", "date": "2022-03-08",
                                    "text": f"Russian troops attacked Ukrainian soldiers in Kharkiv on Monday. {HOSTILE}"},
                headers={"Authorization": f"Bearer {TOKEN}"})
    browser.get(f"{server}/#token={TOKEN}")
    rows = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#events tbody tr"))
    assert len(rows) > 10 and "pwned" not in browser.title

    # Filter: ASSAULT events in Russia or Ukraine's quarrel, since 2022.
    Select(browser.find_element(By.NAME, "plover")).select_by_visible_text("ASSAULT")
    browser.find_element(By.NAME, "country").send_keys("RUS")
    browser.find_element(By.NAME, "since").send_keys("03/01/2022")
    browser.find_element(By.ID, "apply").click()
    wait(browser, lambda d: all("ASSAULT" in r.text for r in d.find_elements(By.CSS_SELECTOR, "#events tbody tr"))
         and d.find_elements(By.CSS_SELECTOR, "#events tbody tr"))
    wait(browser, lambda d: click_row(d, "RUS"))

    # The article, with its spans marked and the markup shown as text.
    trigger = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#article .hl-trigger"))
    assert trigger.text == "attacked"
    assert browser.find_element(By.CSS_SELECTOR, "#article .hl-source").text
    article = browser.find_element(By.ID, "article")
    assert "<script>" in article.text and not article.find_elements(By.TAG_NAME, "img")
    assert "pwned" not in browser.title
    assert "pattern" in browser.find_element(By.ID, "evidence").text

    # Correct it: a clash is COERCE here for the test's sake, with a date.
    form = browser.find_element(By.ID, "correct")
    Select(form.find_element(By.NAME, "type")).select_by_visible_text("COERCE")
    cameo = form.find_element(By.NAME, "cameo")
    cameo.clear()
    cameo.send_keys("173")
    date = form.find_element(By.NAME, "date")
    date.clear()
    date.send_keys("2022-03-07")
    browser.find_element(By.ID, "save-correction").click()
    wait(browser, lambda d: "Saved: correct" in d.find_element(By.ID, "message").text)
    wait(browser, lambda d: d.find_element(By.ID, "verdict-now").text == "corrected to COERCE 173")
    wait(browser, lambda d: "1 reviewed" in d.find_element(By.ID, "health").text)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))

    [stored] = client.get("/reviews").json()
    assert stored["verdict"] == "correct" and stored["doc_id"] == "hostile"
    assert (stored["annotation"]["type"], stored["annotation"]["cameo"], stored["annotation"]["date"]) == \
        ("COERCE", "173", "2022-03-07")
