"""The wheel runs anywhere: built from the sources, installed into a fresh venv, no checkout.

The wheel carries the code, the templates and reference data, the notebooks and the demo
office (never an office's ``arsip/``). ``kinerja demo`` from an empty folder of a fresh venv
writes everything under that folder's ``reports/`` and nothing into the installation.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from test_portable import assert_portable_tree

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "kinerja", "notebooks", "data")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_of_kinerja_is_in_the_wheel_list() -> None:
    """pyproject lists the packages one by one (two are mapped in): none may be forgotten."""
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.relative_to(ROOT).parts)
        for p in (ROOT / "kinerja").rglob("*")
        if p.is_dir() and p.name != "__pycache__" and any(p.glob("*.*"))
    }
    assert listed == on_disk | {"kinerja", "kinerja.notebooks", "kinerja.contoh"}
    mapped = _pyproject()["tool"]["setuptools"]["package-dir"]
    assert mapped == {"kinerja.notebooks": "notebooks", "kinerja.contoh": "data"}


def _uv() -> str:
    """uv from the project venv, else on PATH (scripts/setup.sh installs it in one of them)."""
    beside = Path(sys.executable).with_name("uv")
    found = str(beside) if beside.is_file() else shutil.which("uv")
    if found is None:
        pytest.skip("uv is not installed")
    return found


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """Caches, and the archives that runs in a checkout leave in the demo office."""
    skip = {n for n in names if n == "__pycache__" or n.endswith(".egg-info")}
    if Path(folder).parent.name == "data":
        skip |= {n for n in names if n == "arsip"}
    return skip


def _copy_sources(target: Path) -> Path:
    """The sources a wheel is built from, without caches, builds and archives (an office's
    arsip/ planted in the demo office must stay out of the wheel)."""
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=_not_sources)
        else:
            shutil.copy2(source, target / name)
    arsip = target / "data" / "linggo-sari-baganti" / "arsip"
    arsip.mkdir()
    (arsip / "kinerja.db").write_bytes(b"bukan untuk paket")
    return target


def _listing(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` with its size, leaving out the interpreter's bytecode
    caches (Python writes those itself on first import; kinerja writes nothing there)."""
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.slow
@pytest.mark.xdist_group("wheel")
def test_the_wheel_installs_into_a_fresh_venv_and_runs_the_demo(tmp_path: Path) -> None:
    uv = _uv()
    src = _copy_sources(tmp_path / "src")
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "--wheel", "--quiet", "--out-dir", str(dist), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("kinerja-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "kinerja/cli/__init__.py",
        "kinerja/jalankan/pipeline.py",
        "kinerja/templates/dokumen.html",
        "kinerja/templates/dokumen.css",
        "kinerja/reference/skala.json",
        "kinerja/notebooks/__init__.py",
        "kinerja/contoh/__init__.py",
        "kinerja/contoh/linggo-sari-baganti/kantor.toml",
        "kinerja/contoh/linggo-sari-baganti/lambang-contoh.svg",
        "kinerja/contoh/linggo-sari-baganti/perjanjian-kinerja-2025.xlsx",
        "kinerja/contoh/linggo-sari-baganti/realisasi-2025.xlsx",
    ):
        assert expected in names, expected
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert {f"kinerja/notebooks/{n}" for n in notebooks} <= names
    forms = [n for n in names if "/formulir-kembali/2025-TW4/" in n and n.endswith(".xlsx")]
    assert len(forms) == 7
    assert not [n for n in names if n.startswith("kinerja/contoh/") and "/arsip/" in n]
    assert not [n for n in names if n.startswith(("data/", "notebooks/"))]

    venv = tmp_path / "venv"
    try:
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
        python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        subprocess.run(
            [uv, "pip", "install", "--quiet", "--python", str(python),
             "--excludes", str(ROOT / "uv-excludes.txt"),
             "-r", str(ROOT / "requirements.lock"), str(wheel)],
            check=True,
        )  # fmt: skip
        before = _listing(venv)
        kerja = tmp_path / "kerja"  # an empty folder, far from any checkout
        kerja.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KINERJA_", "PYTHONPATH"))}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # the fresh venv has no .pyc yet: let it
        env["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter")  # only the venv's own kernelspec
        done = subprocess.run(
            [str(python.with_name("kinerja")), "demo"],
            cwd=kerja,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        signed = Path(done.stdout.strip().splitlines()[-1])
        assert signed.name == "pengukuran-kinerja-2025-TW4-ttd.pdf"
        assert signed.is_file()
        assert signed.is_relative_to(kerja / "reports" / "demo")
        assert (kerja / "reports" / "demo" / "2025-TW4" / "jalankan.json").is_file()
        assert sorted(p.name for p in kerja.iterdir()) == ["reports"]
        assert _listing(venv) == before  # nothing written into the installation
        assert_portable_tree(kerja)
    finally:
        shutil.rmtree(venv, ignore_errors=True)  # ~800 MB
