"""Shared fixtures: a private copy of the demo office for each test that needs one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.kantor.pk import PerjanjianKinerja, load_pk
from kinerja.paths import demo_office

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ROOT / "tests" / "artefacts"


@pytest.fixture
def kantor_dir(tmp_path: Path) -> Path:
    """A writable copy of the demo office folder (no arsip)."""
    target = tmp_path / demo_office().name
    shutil.copytree(demo_office(), target, ignore=shutil.ignore_patterns("arsip"))
    return target


@pytest.fixture
def kantor(kantor_dir: Path) -> Kantor:
    return load_kantor(kantor_dir)


@pytest.fixture
def pk(kantor: Kantor) -> PerjanjianKinerja:
    return load_pk(kantor, 2025)


@pytest.fixture(scope="session")
def artefacts() -> Path:
    """Where tests leave screenshots and renders for a person to look at."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS


@pytest.fixture(autouse=True)
def _working_folder_unchanged() -> Iterator[None]:
    """No code under test may leave this process in another folder (it is shared by threads,
    and a staging folder it was left in may be moved away: every later test would fail)."""
    before = Path.cwd()
    yield
    assert Path.cwd() == before, f"the working folder changed to {Path.cwd()}"
