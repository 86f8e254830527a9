"""The error of a run that published nothing."""

from __future__ import annotations

from pathlib import Path

from kinerja.inti.errors import KinerjaError

__all__ = ["JalankanError"]


class JalankanError(KinerjaError):
    """A run failed; nothing was published. ``gagal`` is where the failed run was kept."""

    def __init__(self, message: str, gagal: Path | None = None) -> None:
        super().__init__(message)
        self.gagal = gagal
