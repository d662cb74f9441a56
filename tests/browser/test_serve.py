"""coach in a real browser: `coach serve` opened in headless Chromium through Playwright.

Chromium is Debian's package (`apt-get install chromium`); Playwright is told where it is and
never downloads a browser of its own. Where either is missing the browser tests are skipped
with the reason; the token tests need no browser and always run.
"""

from __future__ import annotations

import fcntl
import http.client
import json
import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from served_coach import ServedCoach

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 30_000
HOME_WELCOME = "Welcome. coach walks you through informational interviews"
# Terminal control sequences (CSI, OSC, and two-byte escapes) between the words coach draws.
CONTROL = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium under Playwright, or a skip saying which one is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


class TabScreen:
    """What coach has sent to one browser tab, read as text without its control sequences.

    The terminal in the page paints on a canvas, so the words are read where they enter the
    page: the websocket that carries coach's output to it.
    """

    def __init__(self, websocket: Any) -> None:
        self._websocket = websocket
        self._received = bytearray()
        websocket.on("framereceived", self._add)

    def _add(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):  # text frames are the page's own pings and pongs
            self._received += payload

    def mark(self) -> int:
        """A place in the output: `wait_for(..., since=mark)` looks only at what came after."""
        return len(self._received)

    def text(self, since: int = 0) -> str:
        return CONTROL.sub(b"", bytes(self._received[since:])).decode("utf-8", "replace")

    def wait_for(self, words: str, since: int = 0) -> None:
        if words in self.text(since):
            return
        try:
            self._websocket.wait_for_event(
                "framereceived", predicate=lambda _: words in self.text(since), timeout=WAIT_MS
            )
        except Exception:
            pytest.fail(f"the tab never showed {words!r}; it showed:\n{self.text(since)[-3000:]}")


def open_tab(context: Any, url: str) -> tuple[Any, TabScreen]:
    page = context.new_page()
    # The page asks another site for a font; in a test nothing leaves this machine.
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    with page.expect_websocket(timeout=WAIT_MS) as opened:
        page.goto(url)
    return page, TabScreen(opened.value)


def interview_names(served: ServedCoach) -> list[str]:
    stored = json.loads((served.data / "coach.json").read_text())
    return [doc["contact_name"] for doc in stored.get("interviews", {}).values()]


def lock_is_free(served: ServedCoach) -> bool:
    """True when no coach holds the data folder (the same flock coach takes)."""
    with open(served.data / "coach.json.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(lock, fcntl.LOCK_UN)
        return True


@pytest.mark.browser
def test_an_interview_prepared_in_the_browser_is_on_disk_after_ctrl_c_stops_the_server(
    served: ServedCoach, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    try:
        page, screen = open_tab(context, served.url)
        screen.wait_for(HOME_WELCOME)
        page.focus(".xterm-helper-textarea")  # the terminal's keyboard, without a mouse click

        before_n = screen.mark()
        page.keyboard.press("n")
        screen.wait_for("Who you will talk to", since=before_n)  # Prepare, name field empty
        page.keyboard.type("Dana Whitfield")
        screen.wait_for("Dana Whitfield", since=before_n)
        before_escape = screen.mark()
        page.keyboard.press("Escape")
        screen.wait_for("Preparation saved", since=before_escape)

        # Ctrl+C with the tab still open: the server stops coach and waits for it.
        assert served.stop() == 0, served.output()
        assert lock_is_free(served), "coach was still running after the server left"
        assert interview_names(served) == ["Dana Whitfield"]
    finally:
        context.close()


@pytest.mark.browser
def test_a_second_tab_is_told_that_another_coach_is_using_the_data_folder(
    served: ServedCoach, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    try:
        _, first = open_tab(context, served.url)
        first.wait_for(HOME_WELCOME)
        _, second = open_tab(context, served.url)
        second.wait_for("another coach is already using")
        assert HOME_WELCOME not in second.text()
        assert served.stop() == 0, served.output()
    finally:
        context.close()


def status(served: ServedCoach, path: str, *, cookie: str = "", websocket: bool = False) -> int:
    """The HTTP status `coach serve` answers ``path`` with (a websocket upgrade if asked)."""
    headers = {"Cookie": cookie} if cookie else {}
    if websocket:
        headers |= {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        }
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_without_the_right_token_the_page_an_asset_and_the_websocket_are_refused(
    served: ServedCoach,
) -> None:
    token = served.token
    near_miss = ("A" if token[0] != "A" else "B") + token[1:]
    cookie_name = f"coach-token-{served.port}"
    for path, websocket in (("/", False), ("/static/js/textual.js", False), ("/ws", True)):
        assert status(served, path, websocket=websocket) == 403, path
        for wrong in ("wrong", near_miss):
            assert status(served, f"{path}?token={wrong}", websocket=websocket) == 403, path
            cookie = f"{cookie_name}={wrong}"
            assert status(served, path, cookie=cookie, websocket=websocket) == 403, path


def test_the_printed_address_opens_the_page_and_its_cookie_lets_assets_and_the_websocket_in(
    served: ServedCoach,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    try:
        connection.request("GET", f"/?token={served.token}")
        page = connection.getresponse()
        assert page.status == 200
        set_cookie = page.getheader("Set-Cookie") or ""
    finally:
        connection.close()
    assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    cookie = set_cookie.split(";", 1)[0]
    assert status(served, "/static/js/textual.js", cookie=cookie) == 200
    assert status(served, "/static/css/xterm.css", cookie=cookie) == 200
    assert status(served, "/ws", cookie=cookie, websocket=True) == 101
