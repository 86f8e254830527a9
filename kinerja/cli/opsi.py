"""The options many commands share, declared one way: --kantor, --periode, dates, --keluaran.

Each ``tambah_*`` adds one option whose ``type=`` checks the value while the command
line is read, so every mistake takes argparse's error path: exit 2 and an Indonesian
message naming the value. Usage mistakes are a ``--kantor`` folder that does not exist
or has no kantor.toml, a periode, a date or a time that cannot be read. A kantor.toml
that exists but is broken is a data problem: the command finds it when it loads the
office (``InputError``, exit 1). Option names, metavars, defaults and help texts
(``bantuan``) stay each command's own.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from kinerja.inti.errors import UsageError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import TanggalError, parse_tanggal, parse_waktu
from kinerja.kantor.katalog import saran_kantor

__all__ = [
    "BANTUAN_KANTOR",
    "Wadah",
    "folder_kantor",
    "nilai_periode",
    "nilai_tanggal",
    "nilai_waktu",
    "tambah_kantor",
    "tambah_keluaran",
    "tambah_periode",
    "tambah_tanggal",
    "tambah_tanggal_cetak",
    "tambah_waktu",
]

#: Where options are added: a parser, an argument group or a mutually exclusive group.
Wadah = argparse._ActionsContainer

BANTUAN_KANTOR = "folder kantor (berisi kantor.toml)"


def folder_kantor(text: str) -> Path:
    """``type=`` of --kantor: an existing folder with a kantor.toml (not loaded here)."""
    folder = Path(text).expanduser()
    if not (folder / "kantor.toml").is_file():
        raise argparse.ArgumentTypeError(saran_kantor(folder))
    return folder


def nilai_periode(text: str) -> Periode:
    """``type=`` of --periode: "2025-TW3" or "2025"."""
    try:
        return Periode.parse(text)
    except UsageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def nilai_tanggal(text: str) -> dt.date:
    """``type=`` of a date option: YYYY-MM-DD, "15 Mei 2025", 15/05/2025 or 15-05-2025."""
    try:
        return parse_tanggal(text)
    except TanggalError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def nilai_waktu(text: str) -> dt.datetime:
    """``type=`` of a time option: ISO ("2025-05-20T09:00") or "20 Mei 2025 pukul 09.00"; WIB."""
    try:
        return parse_waktu(text)
    except TanggalError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _tambah(p: Wadah, flags: tuple[str, ...], wajib: bool, berulang: bool, **kw: Any) -> None:
    if berulang:
        kw["action"] = "append"
        if kw.get("default") is None:
            kw["default"] = []
    if wajib:
        kw["required"] = True
    p.add_argument(*flags, **{k: v for k, v in kw.items() if v is not None})


def tambah_kantor(
    p: Wadah,
    *,
    wajib: bool = True,
    berulang: bool = False,
    default: Any = None,
    metavar: str | None = None,
    bantuan: str = BANTUAN_KANTOR,
) -> None:
    """Add ``--kantor DIR``: an office folder, checked while parsing (see the module)."""
    _tambah(
        p,
        ("--kantor",),
        wajib,
        berulang,
        type=folder_kantor,
        default=default,
        metavar=metavar,
        help=bantuan,
    )


def tambah_periode(
    p: Wadah,
    *,
    wajib: bool = True,
    berulang: bool = False,
    default: Any = None,
    bantuan: str = 'periode, misalnya "2025-TW3" atau "2025"',
) -> None:
    """Add ``--periode P``; the value is a ``Periode`` (a string default is parsed too)."""
    _tambah(p, ("--periode",), wajib, berulang, type=nilai_periode, default=default, help=bantuan)


def tambah_tanggal(
    p: Wadah,
    nama: str = "--tanggal",
    *,
    bantuan: str,
    default: Any = None,
    metavar: str | None = None,
) -> None:
    """Add a date option (``--tanggal``, ``--tanggal-rapat`` …); absent means None.

    The command decides what absent means, mostly today (``inti.tanggal.hari_ini``).
    """
    _tambah(
        p, (nama,), False, False, type=nilai_tanggal, default=default, metavar=metavar, help=bantuan
    )


def tambah_tanggal_cetak(
    p: Wadah,
    *,
    bantuan: str,
    default: Any = None,
    metavar: str | None = "YYYY-MM-DD",
) -> None:
    """Add ``--tanggal-cetak``, the date printed on a document."""
    tambah_tanggal(p, "--tanggal-cetak", bantuan=bantuan, default=default, metavar=metavar)


def tambah_waktu(p: Wadah, nama: str, *, bantuan: str, metavar: str | None = None) -> None:
    """Add a time option (``--mulai``, ``--selesai``, ``--waktu``); an aware datetime or None."""
    _tambah(p, (nama,), False, False, type=nilai_waktu, metavar=metavar, help=bantuan)


def tambah_keluaran(
    p: Wadah,
    *,
    bantuan: str,
    metavar: str | None = None,
    singkat: str | None = None,
) -> None:
    """Add ``--keluaran`` (with ``singkat``, e.g. ``-o``, when given): where output goes."""
    flags = (singkat, "--keluaran") if singkat else ("--keluaran",)
    _tambah(p, flags, False, False, type=Path, metavar=metavar, help=bantuan)
