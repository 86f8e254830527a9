"""Where things are: the repository's demo data and the reports folder.

Paths come from parameters; these defaults are used only when none is given.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["demo_office", "project_root", "reports_root"]


def project_root() -> Path:
    """The repository checkout holding the package (``KINERJA_ROOT`` overrides)."""
    env = os.environ.get("KINERJA_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parent.parent


def demo_office() -> Path:
    return project_root() / "data" / "linggo-sari-baganti"


def reports_root() -> Path:
    return project_root() / "reports"
