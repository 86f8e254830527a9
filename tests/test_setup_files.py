"""The set-up files agree: environment.yml pins what requirements.lock pins.

Parsed here independently of scripts/make_environment_yml.py (with packaging and PyYAML), so
a bug in the generator cannot hide a drift.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "make_environment_yml.py"
SET_UP_FILES = ("pyproject.toml", "requirements.lock", "environment.yml")


def _conda_names() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("make_environment_yml", GENERATOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CONDA_NAMES


def _direct_dependencies(pyproject: Path) -> set[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {canonicalize_name(Requirement(spec).name) for spec in specs}


def _locked(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


def _environment_pins(environment: Path) -> dict[str, str]:
    """Name -> version for every `name==version` in environment.yml, conda and pip alike."""
    document = yaml.safe_load(environment.read_text(encoding="utf-8"))
    assert document["channels"] == ["conda-forge"]
    entries = []
    for entry in document["dependencies"]:
        entries += entry["pip"] if isinstance(entry, dict) else [entry]
    pins = {}
    for entry in entries:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)(\[[^\]]*\])?\s*==\s*(\S+)", entry)
        if match:
            pins[canonicalize_name(match[1])] = match[3]
    return pins


def _pin_problems(root: Path) -> list[str]:
    conda_names = _conda_names()
    locked = _locked(root / "requirements.lock")
    pinned = _environment_pins(root / "environment.yml")
    problems = []
    for name in sorted(_direct_dependencies(root / "pyproject.toml")):
        if name not in locked:
            problems.append(f"{name}: not in requirements.lock")
            continue
        found = pinned.get(conda_names.get(name, name))
        if found != locked[name]:
            problems.append(f"{name}: environment.yml has {found}, lock has {locked[name]}")
    return problems


def _copy_set_up_files(tmp_path: Path) -> Path:
    for name in SET_UP_FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_environment_yml_pins_every_direct_dependency_at_its_locked_version() -> None:
    assert _pin_problems(ROOT) == []


def test_environment_yml_is_what_the_generator_writes() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_environment_yml_installs_kinerja_itself_with_pip_not_editable() -> None:
    document = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    (pip_section,) = [entry["pip"] for entry in document["dependencies"] if isinstance(entry, dict)]
    assert "." in pip_section  # kinerja from this folder, as a normal install
    assert not [entry for entry in pip_section if entry.startswith(("-e", "--editable"))]
    assert "pip" in document["dependencies"]


@pytest.mark.parametrize("package", ["pandas", "weasyprint", "pyhanko", "pytest"])
def test_a_lock_that_moves_is_caught(tmp_path: Path, package: str) -> None:
    root = _copy_set_up_files(tmp_path)
    lock = root / "requirements.lock"
    text, count = re.subn(
        rf"^({re.escape(package)}==)(\S+)$", r"\g<1>999.0", lock.read_text("utf-8"), flags=re.M
    )
    assert count == 1
    lock.write_text(text, encoding="utf-8")

    assert _pin_problems(root) == [
        f"{package}: environment.yml has {_locked(ROOT / 'requirements.lock')[package]}, "
        "lock has 999.0"
    ]
    check = subprocess.run(
        [sys.executable, str(GENERATOR), "--check", "--root", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1


def test_a_dependency_missing_from_environment_yml_is_caught(tmp_path: Path) -> None:
    root = _copy_set_up_files(tmp_path)
    environment = root / "environment.yml"
    lines = environment.read_text(encoding="utf-8").splitlines(keepends=True)
    environment.write_text("".join(x for x in lines if "openpyxl" not in x), encoding="utf-8")

    locked = _locked(ROOT / "requirements.lock")["openpyxl"]
    assert _pin_problems(root) == [f"openpyxl: environment.yml has None, lock has {locked}"]


def _lab_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """scripts/setup.sh lab-settings on a venv-like folder whose python is this one."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    python = venv / "bin" / "python"
    if not python.exists():
        python.symlink_to(sys.executable)
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / "setup.sh"), "lab-settings"],
        env={"PATH": "/usr/bin:/bin", "VENV": str(venv), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_lab_settings_speak_indonesian_with_a_way_back_to_english(tmp_path: Path) -> None:
    import json

    overrides = tmp_path / "venv" / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert _lab_settings(tmp_path).returncode == 0
    settings = json.loads(overrides.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"] == {"locale": "id_ID"}
    assert settings["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True
    assert settings["@jupyterlab/apputils-extension:notification"]["checkForUpdates"] is False
    # the menu bar's titles, which the language pack leaves English
    menus = settings["@jupyterlab/mainmenu-extension:plugin"]["menus"]
    assert {"id": "jp-mainmenu-file", "label": "Berkas"} in menus
    assert len(menus) == 8 and all(m["id"].startswith("jp-mainmenu-") for m in menus)
    assert _lab_settings(tmp_path).returncode == 0  # again: nothing doubled
    assert json.loads(overrides.read_text(encoding="utf-8")) == settings

    assert _lab_settings(tmp_path, KINERJA_LAB_BAHASA="en").returncode == 0
    settings = json.loads(overrides.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"] == {"locale": "en"}
    assert "@jupyterlab/mainmenu-extension:plugin" not in settings
    assert settings["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True

    wrong = _lab_settings(tmp_path, KINERJA_LAB_BAHASA="jawa")
    assert wrong.returncode == 1 and "KINERJA_LAB_BAHASA=jawa tidak dikenal" in wrong.stderr
    assert json.loads(overrides.read_text(encoding="utf-8")) == settings  # left as it was


def test_the_indonesian_language_pack_is_a_dependency() -> None:
    assert "jupyterlab-language-pack-id-id" in _direct_dependencies(ROOT / "pyproject.toml")
    assert "jupyterlab-language-pack-id-id" in _locked(ROOT / "requirements.lock")
