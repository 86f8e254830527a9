"""``kinerja lab``: JupyterLab from the project's environment, on the notebooks folder."""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kinerja.cli.lab import lab_command


def test_lab_command_uses_the_venv_jupyter(tmp_path: Path) -> None:
    cmd = lab_command(tmp_path, no_browser=True, extra=["--", "--ServerApp.port=9"])
    assert cmd[0] == str(Path(sys.executable).with_name("jupyter"))
    assert cmd[1] == "lab"
    assert f"--ServerApp.root_dir={tmp_path}" in cmd
    assert "--no-browser" in cmd
    assert cmd[-1] == "--ServerApp.port=9"
    assert "--" not in cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str) -> dict | list:
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        return json.loads(resp.read())


@pytest.mark.slow
@pytest.mark.xdist_group("jupyterlab")
def test_lab_serves_the_notebooks(kantor_dir: Path) -> None:
    port, token = _free_port(), secrets.token_hex(8)
    kinerja = Path(sys.executable).with_name("kinerja")
    proc = subprocess.Popen(
        [
            str(kinerja),
            "lab",
            "--kantor",
            str(kantor_dir),
            "--no-browser",
            "--",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}/api/status", token)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
        names = {c["name"] for c in _get(f"{base}/api/contents", token)["content"]}
        assert {"01-himpun-formulir.ipynb", "04-ukur-kinerja.ipynb"} <= names
        specs = _get(f"{base}/api/kernelspecs", token)
        assert "python3" in specs["kernelspecs"]
    finally:
        req = urllib.request.Request(
            f"{base}/api/shutdown", method="POST", headers={"Authorization": f"token {token}"}
        )
        try:
            urllib.request.urlopen(req, timeout=5).close()
            proc.wait(timeout=20)
        except OSError:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    assert proc.returncode == 0


def test_lab_refuses_a_folder_without_kantor_toml(tmp_path: Path) -> None:
    from kinerja.cli import main

    assert main(["lab", "--kantor", str(tmp_path), "--no-browser"]) == 2
