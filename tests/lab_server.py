"""A real JupyterLab server for browser tests, and the Chromium that drives it."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

#: JupyterLab's menu bar, in English: (menu id, title).
MENU_BAR = (
    ("jp-mainmenu-file", "File"),
    ("jp-mainmenu-edit", "Edit"),
    ("jp-mainmenu-view", "View"),
    ("jp-mainmenu-run", "Run"),
    ("jp-mainmenu-kernel", "Kernel"),
    ("jp-mainmenu-tabs", "Tabs"),
    ("jp-mainmenu-settings", "Settings"),
    ("jp-mainmenu-help", "Help"),
)


def _lab_settings() -> dict:
    """The project's Lab defaults (``share/jupyter/lab/settings/overrides.json``, written by
    scripts/setup.sh)."""
    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    return json.loads(overrides.read_text("utf-8")) if overrides.exists() else {}


def lab_locale() -> str:
    """The language the project's settings give JupyterLab (``id_ID`` or ``en``)."""
    plugin = _lab_settings().get("@jupyterlab/translation-extension:plugin", {})
    return plugin.get("locale", "en")


def menu_bar() -> list[str]:
    """The menu bar's titles as this environment shows them: the labels the project's
    settings give the main menus (Indonesian: the language pack has none for them), else
    JupyterLab's own."""
    menus = _lab_settings().get("@jupyterlab/mainmenu-extension:plugin", {}).get("menus", [])
    labels = {m["id"]: m["label"] for m in menus if "label" in m}
    return [labels.get(menu_id, title) for menu_id, title in MENU_BAR]


def menu_title(english: str) -> str:
    """One title of the menu bar as shown ("Run" → "Jalankan" in Indonesian)."""
    return menu_bar()[[title for _, title in MENU_BAR].index(english)]


def lab_label(text: str, context: str = "") -> str:
    """A Lab label as this environment shows it: the language pack's translation when the
    project's settings (``share/jupyter/lab/settings/overrides.json``, scripts/setup.sh) choose
    id_ID. The menu bar's titles: ``menu_bar``; the menu items the pack mostly translates."""
    locale = lab_locale()
    if locale == "en":
        return text
    import jupyterlab_language_pack_id_ID as pack  # noqa: PLC0415  (only when Lab is Indonesian)

    messages = Path(pack.__file__).parent / "locale" / locale / "LC_MESSAGES" / "jupyterlab.json"
    key = f"{context}\x04{text}" if context else text
    return json.loads(messages.read_text("utf-8")).get(key, [text])[0]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, token: str, path: str, method: str = "GET", body: object = None) -> object:
    req = urllib.request.Request(
        f"{base}{path}",
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        data=None if body is None else json.dumps(body).encode("utf-8"),
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        body = resp.read()
    return json.loads(body) if body else None


@contextmanager
def running_lab(
    root: Path, tmp_path: Path, notebook: str, env: dict[str, str] | None = None
) -> Iterator[tuple[str, str]]:
    """JupyterLab on ``root`` (127.0.0.1, random port, token) with ``notebook``'s kernel started.

    The kernel is started server-side so the page attaches to it instead of asking
    "Select Kernel". Yields (base URL, token); shuts the server down afterwards.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    port, token = free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    full_env = {
        **os.environ,
        **(env or {}),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "jupyter-workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    log_path = tmp_path / "jupyterlab.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=full_env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                api(base, token, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(log_path.read_text("utf-8", "replace"))
                time.sleep(0.3)
        for session in api(base, token, "/api/sessions") or []:  # type: ignore[union-attr]
            api(base, token, f"/api/sessions/{session['id']}", "DELETE")
        api(
            base,
            token,
            "/api/sessions",
            "POST",
            {
                "path": notebook,
                "name": Path(notebook).name,
                "type": "notebook",
                "kernel": {"name": "python3"},
            },
        )
        yield base, token
    finally:
        try:
            api(base, token, "/api/shutdown", "POST")
            server.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            server.terminate()
            server.wait(timeout=10)
        log.close()
