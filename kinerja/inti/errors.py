"""Error hierarchy and data findings (temuan).

Bugs and misuse raise a ``KinerjaError``. Problems in data a person submitted are
``Temuan`` (findings): collected over the whole input, never raised one by one,
each with a stable kebab-case ``kode`` and an Indonesian message.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "ERROR",
    "WARNING",
    "InputError",
    "KinerjaError",
    "Temuan",
    "UsageError",
    "format_lokasi",
]

ERROR = "error"
WARNING = "peringatan"


class KinerjaError(Exception):
    """Base of every error kinerja raises on purpose."""


class UsageError(KinerjaError):
    """The caller asked for something impossible (CLI exit code 2).

    The message is in Indonesian: it is shown to the user as is.
    """


class InputError(KinerjaError):
    """A user's input cannot be used at all (CLI exit code 1).

    The message is in Indonesian and names the file and what to do; ``temuan``
    holds the findings behind it when there are several.
    """

    def __init__(self, message: str, temuan: list[Temuan] | None = None) -> None:
        super().__init__(message)
        self.temuan = list(temuan or [])


@dataclass(frozen=True)
class Temuan:
    """One finding in submitted data.

    ``sel`` is the Excel cell as Excel shows it (``F12``); ``baris`` the Excel or
    CSV row number as a person sees it. ``tingkat`` is ``error`` (blocks) or
    ``peringatan`` (informs).
    """

    kode: str
    tingkat: str
    pesan: str
    berkas: str = ""
    lembar: str = ""
    sel: str = ""
    baris: int | None = None
    kolom: str = ""
    nilai: str = ""
    unit: str = ""
    indikator: str = ""
    periode: str = ""
    data: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        return self.tingkat == ERROR

    def lokasi(self) -> str:
        """Where the finding is, in Indonesian (``Berkas "x", lembar "y", sel F12``)."""
        return format_lokasi(self.berkas, self.lembar, self.sel, self.baris, self.kolom)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def format_lokasi(
    berkas: str = "",
    lembar: str = "",
    sel: str = "",
    baris: int | None = None,
    kolom: str = "",
) -> str:
    """Join the parts of a location that are known, in Indonesian."""
    parts = []
    if berkas:
        parts.append(f'Berkas "{berkas}"')
    if lembar:
        parts.append(f'lembar "{lembar}"')
    if sel:
        parts.append(f"sel {sel}" + (f" ({kolom})" if kolom else ""))
    elif baris is not None:
        parts.append(f"baris {baris}" + (f", kolom {kolom}" if kolom else ""))
    elif kolom:
        parts.append(f"kolom {kolom}")
    return ", ".join(parts)
