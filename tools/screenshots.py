#!/usr/bin/env python3
"""Screenshots of the daily screens for the README, from the demo database.

    make screenshots

Serves the demo database (``acf_demo``, as ``make run`` builds it) on a spare port, logs in as
the person who uses each screen, opens it in headless Chromium (Chrome DevTools protocol over
websocket-client) and saves a PNG under ``docs/screenshots/``. Run it again whenever the views
change. It asserts nothing: the browser tours (``make test``) are the checks.
"""

import base64
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import websocket

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".cache" / "odoo.conf"
OUT = ROOT / "docs" / "screenshots"
DB = "acf_demo"
PORT = 8071
DEVTOOLS_PORT = 9223
BASE = f"http://127.0.0.1:{PORT}"
WIDTH, HEIGHT = 1440, 900

# (file, login, path or callable giving it, selector that shows the screen is drawn)
SHOTS = [
    (
        "board.png",
        "operator_kk",
        "/odoo/action-acf_appeals.acf_appeal_action_board",
        ".o_kanban_record",
    ),
    ("appeal-form.png", "operator_kk", "appeal_form", ".o_form_view .o-mail-Chatter"),
    ("portal.png", "client", "portal_appeal", "#wrap"),
    (
        "dashboard.png",
        "cc_head",
        "/odoo/action-acf_appeals_reports.acf_appeal_analysis_action_dashboard",
        ".o_acf_kpi",
    ),
]


def rpc(session, model, method, *args, **kwargs):
    response = session.post(
        f"{BASE}/web/dataset/call_kw",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
        },
        timeout=60,
    ).json()
    if "error" in response:
        raise RuntimeError(response["error"]["data"]["message"])
    return response["result"]


def login(login_name):
    session = requests.Session()
    response = session.post(
        f"{BASE}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"db": DB, "login": login_name, "password": login_name},
        },
        timeout=60,
    ).json()
    if "error" in response:
        raise RuntimeError(f"cannot log in as {login_name}: {response['error']['data']['message']}")
    return session


def resolve(path, session):
    """Paths that depend on the demo records' ids."""
    if path == "appeal_form":
        admin = login("admin")
        ids = rpc(
            admin,
            "acf.appeal",
            "search",
            [("phase", "in", ("department", "draft_reply")), ("appeal_lang", "=", "kk")],
            limit=1,
            order="date_deadline",
        )
        return f"/odoo/acf.appeal/{ids[0]}"
    if path == "portal_appeal":
        ids = rpc(session, "acf.appeal", "search", [], limit=1, order="id desc")
        return f"/my/appeals/{ids[0]}" if ids else "/my/appeals"
    return path


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="acf-shots-")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "google-chrome"
        self.process = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--remote-debugging-port={DEVTOOLS_PORT}",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{HEIGHT}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                pages = requests.get(f"http://127.0.0.1:{DEVTOOLS_PORT}/json", timeout=1).json()
                target = next(p for p in pages if p["type"] == "page")
                break
            except (requests.RequestException, StopIteration):
                time.sleep(0.2)
        else:
            raise RuntimeError("Chromium did not start")
        self.socket = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def shoot(self, session, path, selector, target):
        self.call("Network.clearBrowserCookies")
        self.call(
            "Network.setCookie",
            name="session_id",
            value=session.cookies["session_id"],
            domain="127.0.0.1",
            path="/",
        )
        self.call("Page.navigate", url=BASE + path)
        script = f"!!document.querySelector({json.dumps(selector)})"
        for _ in range(150):
            if self.call("Runtime.evaluate", expression=script)["result"].get("value"):
                break
            time.sleep(0.2)
        else:
            raise RuntimeError(f"{path}: {selector} never appeared")
        time.sleep(2)  # charts and avatars
        # The server just started: close its "page is out of date" notice if the bus shows it.
        close = "document.querySelectorAll('.o_notification_close').forEach((b) => b.click())"
        self.call("Runtime.evaluate", expression=close)
        time.sleep(0.5)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        target.write_bytes(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            str(CONFIG),
            "-d",
            DB,
            f"--http-port={PORT}",
            f"--db-filter=^{DB}$",
            "--log-level=warn",
            "--max-cron-threads=0",
        ]
    )
    browser = None
    try:
        for _ in range(300):
            try:
                if requests.get(f"{BASE}/web/login", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("Odoo did not start")
        OUT.mkdir(parents=True, exist_ok=True)
        browser = Browser()
        for filename, user, path, selector in SHOTS:
            session = login(user)
            browser.shoot(session, resolve(path, session), selector, OUT / filename)
            print(f"docs/screenshots/{filename}  ({user})")
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
