"""The log of one ``jalankan`` run: progress lines to the terminal and to a file in the office.

Each run of an office writes ``<kantor>/arsip/log/jalankan-<periode>-<YYYYmmdd-HHMMSS>.log``
(a scheduled run leaves its trace there even when nobody reads the terminal).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

__all__ = ["Log", "log_path"]


def log_path(kantor: Path, periode: object, mulai: datetime) -> Path:
    """Where the run of ``kantor`` for ``periode`` started at ``mulai`` writes its log."""
    return Path(kantor) / "arsip" / "log" / f"jalankan-{periode}-{mulai:%Y%m%d-%H%M%S}.log"


class Log:
    """Progress lines to stderr (when ``terminal``) and, stamped, to the log file."""

    def __init__(self, path: Path | None, *, terminal: bool = True) -> None:
        self.path = path
        self.terminal = terminal
        self.handle = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.handle = path.open("a", encoding="utf-8")
            except OSError as exc:
                sys.stderr.write(f"kinerja: log tidak dapat ditulis ({exc}); lanjut tanpa log.\n")

    def __call__(self, line: str, *, terminal: bool = True) -> None:
        if terminal and self.terminal:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        if self.handle is not None:
            stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
            self.handle.write(f"{stamp} {line}\n")
            self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None
