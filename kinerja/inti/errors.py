"""Error hierarchy and data findings (temuan).

Bugs and misuse raise a ``KinerjaError``. Problems in data a person submitted are
``Temuan`` (findings): collected over the whole input, never raised one by one,
each with a stable kebab-case ``kode`` and an Indonesian message.

Each part that finds problems keeps ONE catalogue of its finding kinds
(``JenisTemuan``: code, default tingkat, Indonesian template with named fields,
what it checks), after frictionless-py's error classes: the code that finds a
problem names the code and passes the fields; the message comes from the template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from string import Formatter
from typing import Any

__all__ = [
    "ERROR",
    "WARNING",
    "InputError",
    "KATA_TINGKAT",
    "JenisTemuan",
    "KinerjaError",
    "Temuan",
    "UsageError",
    "format_lokasi",
    "judul_katalog",
    "kata_tingkat",
    "katalog",
]

ERROR = "error"
WARNING = "peringatan"
#: The severity as a person reads it; the codes above only in machine outputs (JSON/CSV).
KATA_TINGKAT = {ERROR: "KESALAHAN", WARNING: "PERINGATAN"}


def kata_tingkat(tingkat: str) -> str:
    """``KESALAHAN`` or ``PERINGATAN`` for a tingkat code (anything else as given)."""
    return KATA_TINGKAT.get(tingkat, tingkat)


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
        """True for an error (blocks), false for a warning (informs)."""
        return self.tingkat == ERROR

    def lokasi(self) -> str:
        """Where the finding is, in Indonesian (``Berkas "x", lembar "y", sel F12``); the
        column by its header on the person's file (``data["judul_kolom"]``) when known."""
        kolom = str(self.data.get("judul_kolom") or self.kolom)
        return format_lokasi(self.berkas, self.lembar, self.sel, self.baris, kolom)

    def as_dict(self) -> dict[str, Any]:
        """Every field as a plain dict (for JSON)."""
        return asdict(self)


@dataclass(frozen=True)
class JenisTemuan:
    """One kind of finding in a part's catalogue.

    ``kode`` is stable (tests, reviewers' decisions and the document use it);
    ``tingkat`` the default severity; ``template`` the Indonesian message with named
    fields (``str.format`` syntax); ``keterangan`` what the check is about; ``judul``
    the short Indonesian title a person reads where the code would otherwise show.
    """

    kode: str
    tingkat: str
    template: str
    keterangan: str = ""
    judul: str = ""

    @property
    def fields(self) -> frozenset[str]:
        """The named fields of the template."""
        return frozenset(name for _, name, _, _ in Formatter().parse(self.template) if name)

    def pesan(self, fields: Mapping[str, object]) -> str:
        """The message with ``fields`` filled in (a missing field raises ``KeyError``
        unless ``fields`` supplies a default, as a mapping with ``__missing__`` does)."""
        return self.template.format_map(fields)


def katalog(*jenis: JenisTemuan) -> dict[str, JenisTemuan]:
    """A part's catalogue: kode → ``JenisTemuan``, in the order given (codes unique)."""
    out: dict[str, JenisTemuan] = {}
    for j in jenis:
        if j.kode in out:
            raise ValueError(f"kode temuan {j.kode} dua kali dalam katalog")
        if j.tingkat not in (ERROR, WARNING):
            raise ValueError(f"tingkat {j.tingkat!r} dari {j.kode} tidak dikenal")
        out[j.kode] = j
    return out


def judul_katalog(katalog: Mapping[str, JenisTemuan], kode: str, cadangan: str) -> str:
    """The short Indonesian title of finding ``kode`` in ``katalog``, as people read it
    (the code is for machines); ``cadangan`` for a code the catalogue does not title."""
    jenis = katalog.get(kode)
    return jenis.judul if jenis is not None and jenis.judul else cadangan


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
