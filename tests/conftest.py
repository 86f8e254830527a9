"""Shared fixtures: a private copy of the demo office for each test that needs one, and one
``kinerja demo`` run shared by every test that only inspects what the demo leaves behind."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_util import DEMO_GROUP, DemoRun, demo_sekali

from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.kantor.pk import PerjanjianKinerja, load_pk
from kinerja.paths import demo_office

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = ROOT / "tests" / "artefacts"


@pytest.hookimpl(wrapper=True)  # around xdist's grouping and the -m deselection
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Iterator[None]:
    """A test using ``demo_run`` is slow and in ``DEMO_GROUP``, wherever it is written;
    then every xdist group is kept (``keep_xdist_groups``)."""
    for item in items:
        if "demo_run" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group(DEMO_GROUP))
    result = yield
    keep_xdist_groups(items)
    return result


def keep_xdist_groups(items: list[pytest.Item]) -> None:
    """Make ``--dist loadgroup`` group again under pytest 9.2 (pytest-dev/pytest-xdist#1386).

    pytest-xdist 3.8 groups a test by appending ``@group`` to its node id, written to the
    string ``item._nodeid``; pytest 9.2 keeps the node id structured (``item._id``) and
    ignores that string, so every group was silently spread over the workers. The id is
    rebuilt from the string, as earlier pytest did; nothing changes where they agree.
    """
    for item in items:
        legacy = vars(item).get("_nodeid")
        if isinstance(legacy, str) and "@" in legacy and legacy != item.nodeid:
            item._id = type(item._id).parse(legacy)


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


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """``kinerja demo`` run ONCE for the session, over an earlier demo's leftovers.

    The whole demo (14 SOP steps, every notebook, the signed PDF) takes half a minute:
    every test that only inspects its outputs shares this run, on any xdist worker. Such
    tests go to ``DEMO_GROUP`` (``pytest_collection_modifyitems``): one worker waits for
    the demo, not every worker that got one of them.
    """
    return demo_sekali(tmp_path_factory.getbasetemp())


@pytest.fixture(autouse=True)
def _working_folder_unchanged() -> Iterator[None]:
    """No code under test may leave this process in another folder (it is shared by threads,
    and a staging folder it was left in may be moved away: every later test would fail)."""
    before = Path.cwd()
    yield
    assert Path.cwd() == before, f"the working folder changed to {Path.cwd()}"
