"""Where things are: what the package carries, and where default outputs go.

The package carries the notebooks (``kinerja.notebooks``) and the demo office
(``kinerja.contoh``); both are found with ``importlib.resources``, so an
installed wheel needs no checkout (in a checkout they are the top-level
``notebooks/`` and ``data/`` folders, mapped in by pyproject.toml). Nothing is
ever written there: outputs go under ``reports/`` of the working folder (the
current folder, or ``$KINERJA_ROOT``), and the demo office is copied before use.

Paths come from parameters; these defaults are used only when none is given.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

from kinerja.inti.errors import KinerjaError

__all__ = [
    "DEMO",
    "copy_demo",
    "demo_copy",
    "demo_office",
    "notebooks_dir",
    "reports_root",
    "working_root",
]

#: Folder name of the demo office (Kecamatan Linggo Sari Baganti) inside ``kinerja.contoh``.
DEMO = "linggo-sari-baganti"


def _package_folder(package: str) -> Path:
    """The folder of one of the package's data packages, as a real path on disk."""
    folder = resources.files(package)
    if not isinstance(folder, Path):  # a zipped install: kinerja is always installed unpacked
        raise KinerjaError(f"{package} is not a folder on disk ({folder}); reinstall kinerja.")
    return folder


def notebooks_dir() -> Path:
    """The notebooks ``kinerja jalankan`` runs: ``$KINERJA_NOTEBOOKS`` when an office keeps
    its own, else the ones the package carries (read-only: ``kinerja lab`` works on a copy)."""
    own = os.environ.get("KINERJA_NOTEBOOKS", "").strip()
    return Path(own).expanduser().resolve() if own else _package_folder("kinerja.notebooks")


def demo_office() -> Path:
    """The demo office the package carries (read-only: copy it with ``copy_demo`` to use it)."""
    return _package_folder("kinerja.contoh") / DEMO


def working_root() -> Path:
    """The folder whose ``reports/`` receives default outputs: ``$KINERJA_ROOT``, else the
    current folder (``kinerja lab`` sets ``KINERJA_ROOT`` for the notebooks it serves)."""
    env = os.environ.get("KINERJA_ROOT")
    return Path(env).resolve() if env else Path.cwd()


def reports_root() -> Path:
    """Default outputs: ``reports/`` under ``working_root()`` (never the installation)."""
    return working_root() / "reports"


def copy_demo(target_root: Path) -> Path:
    """Copy the demo office (without its arsip) to ``target_root``; replace an older copy."""
    source = demo_office()
    target = Path(target_root) / source.name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("arsip", "__pycache__"))
    return target


def demo_copy() -> Path:
    """The working copy of the demo office, ``reports/demo/<demo>/``, made if absent."""
    copy = reports_root() / "demo" / DEMO
    if not (copy / "kantor.toml").is_file():
        copy = copy_demo(copy.parent)
    return copy
