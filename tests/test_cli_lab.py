"""``kinerja lab``: JupyterLab from the project's environment, on a copy of the notebooks."""

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

from kinerja.cli.lab import CATATAN, lab_command, salin_notebooks
from kinerja.paths import notebooks_dir


def test_lab_command_uses_the_venv_jupyter(tmp_path: Path) -> None:
    cmd = lab_command(tmp_path, no_browser=True, extra=["--", "--ServerApp.port=9"])
    assert cmd[0] == str(Path(sys.executable).with_name("jupyter"))
    assert cmd[1] == "lab"
    assert f"--ServerApp.root_dir={tmp_path}" in cmd
    assert "--no-browser" in cmd
    assert cmd[-1] == "--ServerApp.port=9"
    assert "--" not in cmd


def test_notebooks_are_copied_and_a_changed_one_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "paket"
    source.mkdir()
    for name in ("01-a.ipynb", "02-b.ipynb", "03-c.ipynb"):
        (source / name).write_text(f'{{"versi": 1, "nama": "{name}"}}', encoding="utf-8")
    lab = tmp_path / "reports" / "lab"

    first = salin_notebooks(lab, source)
    assert first.disalin == ["01-a.ipynb", "02-b.ipynb", "03-c.ipynb"]
    assert (lab / CATATAN).is_file()
    assert (lab / "01-a.ipynb").read_bytes() == (source / "01-a.ipynb").read_bytes()

    (lab / "02-b.ipynb").write_text('{"diubah": "pengguna"}', encoding="utf-8")  # the user's work
    (lab / "03-c.ipynb").unlink()  # removed: copied again
    for name in ("01-a.ipynb", "02-b.ipynb"):  # a newer kinerja ships new versions
        (source / name).write_text(f'{{"versi": 2, "nama": "{name}"}}', encoding="utf-8")
    again = salin_notebooks(lab, source)
    assert again.diperbarui == ["01-a.ipynb"]  # unchanged by the user: updated
    assert again.dipertahankan == ["02-b.ipynb"]  # changed by the user: kept
    assert again.disalin == ["03-c.ipynb"]
    assert '"versi": 2' in (lab / "01-a.ipynb").read_text("utf-8")
    assert (lab / "02-b.ipynb").read_text("utf-8") == '{"diubah": "pengguna"}'
    assert salin_notebooks(lab, source).dipertahankan == ["02-b.ipynb"]  # and stays kept


def test_the_package_notebooks_are_what_lab_copies(tmp_path: Path) -> None:
    hasil = salin_notebooks(tmp_path / "lab")
    shipped = sorted(p.name for p in notebooks_dir().glob("*.ipynb"))
    assert hasil.disalin == shipped
    assert "03-tinjau-temuan.ipynb" in shipped
    assert not (tmp_path / "lab" / "__init__.py").exists()


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
def test_lab_serves_the_notebooks(kantor_dir: Path, tmp_path: Path) -> None:
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
        cwd=tmp_path,  # the lab folder is reports/lab/ of the current folder
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
        assert (tmp_path / "reports" / "lab" / "04-ukur-kinerja.ipynb").is_file()  # a copy
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
