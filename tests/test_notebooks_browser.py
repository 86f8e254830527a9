"""Notebook 04 as a person runs it: real JupyterLab, headless Chromium, all cells run.

The kantor parameter is left empty, so the notebook takes ``$KINERJA_KANTOR``
(what ``kinerja lab`` sets). The test waits for the styled tables and the three
charts, checks the Indonesian formats on the page, and leaves a screenshot in
tests/artefacts/ for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "04-ukur-kinerja.ipynb"
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(base: str, token: str, path: str, method: str = "GET", body: object = None) -> object:
    req = urllib.request.Request(
        f"{base}{path}",
        method=method,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        data=None if body is None else json.dumps(body).encode("utf-8"),
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        data = resp.read()
    return json.loads(data) if data else None


@pytest.fixture
def lab(tmp_path: Path, kantor_dir: Path) -> Iterator[tuple[str, str]]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    root = tmp_path / "notebooks"
    root.mkdir()
    shutil.copy2(NOTEBOOK, root / NOTEBOOK.name)  # autosave writes to the copy
    port, token = _free_port(), secrets.token_hex(16)
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "KINERJA_KANTOR": str(kantor_dir),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "jupyter-runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "jupyter-workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    log = (tmp_path / "jupyterlab.log").open("wb")
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
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _api(base, token, "/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "jupyterlab.log").read_text("utf-8", "replace"))
                time.sleep(0.3)
        _api(
            base,
            token,
            "/api/sessions",
            "POST",
            {
                "path": NOTEBOOK.name,
                "name": NOTEBOOK.name,
                "type": "notebook",
                "kernel": {"name": "python3"},
            },
        )
        yield base, token
    finally:
        try:
            _api(base, token, "/api/shutdown", "POST")
            server.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            server.terminate()
            server.wait(timeout=10)
        log.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("jupyterlab")
def test_measurement_notebook_displays_in_jupyterlab(lab, artefacts: Path) -> None:
    from playwright.sync_api import sync_playwright

    base, token = lab
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 1200})
            page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?token={token}")
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
            )
            charts = page.locator(".jp-RenderedSVG")  # SVG output, shown as an image
            dialog = page.locator(".jp-Dialog button.jp-mod-accept")
            for _attempt in range(3):
                page.wait_for_timeout(500)
                if dialog.count():
                    dialog.first.click()
                page.click(".lm-MenuBar-itemLabel:text-is('Run')")
                page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and charts.count() < 3:
                    page.wait_for_timeout(300)
                if charts.count() >= 3:
                    break
            page.wait_for_selector(
                ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
            )
            page.wait_for_timeout(500)
            text = page.locator(".jp-Notebook").inner_text()
            shot = artefacts / "ukur-kinerja-jupyterlab.png"
            page.screenshot(path=str(shot))
            assert not page.locator(".jp-OutputArea-output[data-mime-type*='error']").count()
            assert "Capaian kantor" in text
            assert re.search(r"\d{2,3},\d{2}%", text)  # Indonesian percent: 95,18%
            assert "Rp" in text and re.search(r"Rp\d{1,3}(\.\d{3})+,\d{2}", text)
            assert "Sangat Tinggi" in text
            assert page.locator(".jp-OutputArea-output table").count() >= 3  # styled tables
            assert charts.count() == 3  # the three charts
        finally:
            browser.close()
