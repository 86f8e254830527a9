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


def lab_label(text: str, context: str = "") -> str:
    """A Lab label as this environment shows it: the language pack's translation when the
    project's settings (``share/jupyter/lab/settings/overrides.json``, scripts/setup.sh) choose
    id_ID. The menu bar's titles come from schemas (``context="schema"``); the Indonesian pack
    leaves most of them untranslated, the menu items mostly not."""
    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(overrides.read_text("utf-8")) if overrides.exists() else {}
    locale = settings.get("@jupyterlab/translation-extension:plugin", {}).get("locale", "en")
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
