"""The ``kinerja`` command: one module per command group, all thin over the library.

Exit codes: 0 clean, 1 data errors (findings, bad input), 2 usage errors (argparse's,
including every option ``opsi`` checks while parsing, and ``UsageError``).
Messages are in Bahasa Indonesia; a user's mistake never shows a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence

from kinerja.inti.errors import InputError, KinerjaError, UsageError

__all__ = ["Parser", "build_parser", "main", "run"]


_ARGPARSE_ID = {
    "positional arguments": "argumen posisi",
    "options:": "opsi:",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi lalu keluar",
    "the following arguments are required": "argumen berikut wajib diisi",
    "one of the arguments": "salah satu argumen",
    " is required": " wajib diisi",
    "not allowed with argument": "tidak boleh bersama argumen",
    "ignored explicit argument": "nilai tidak dipakai untuk argumen",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "unrecognized arguments": "argumen tidak dikenal",
    "invalid choice": "pilihan tidak sah",
    "expected one argument": "perlu satu nilai",
    "argument ": "argumen ",
    "choose from": "pilih dari",
    "usage:": "cara pakai:",
}


def _indonesian(message: str) -> str:
    for en, idn in _ARGPARSE_ID.items():
        message = message.replace(en, idn)
    return message


class Parser(argparse.ArgumentParser):
    """ArgumentParser that reports usage errors in Indonesian and exits 2.

    A mistyped choice (a subcommand too) gets the closest one: "maksud Anda 'jalankan'?".
    """

    def _check_value(self, action: argparse.Action, value: object) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        names = [str(c) for c in choices]
        close = difflib.get_close_matches(str(value), names, n=1, cutoff=0.6)
        hint = f" Maksud Anda '{close[0]}'?" if close else ""
        raise argparse.ArgumentError(
            action,
            f"pilihan tidak sah: '{value}' (pilih dari {', '.join(names)}).{hint}",
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"kinerja: kesalahan penggunaan: {_indonesian(message)}\n")
        sys.exit(2)

    def format_usage(self) -> str:
        return _indonesian(super().format_usage())

    def format_help(self) -> str:
        return _indonesian(super().format_help())


def build_parser() -> Parser:
    """The ``kinerja`` parser with every command group (loaded here, not when imported)."""
    from kinerja.cli import (
        arsip,
        demo,
        dokumen,
        formulir,
        himpun,
        hitung,
        init,
        jadwal,
        jalankan,
        lab,
        naskah,
        nomor_surat,
        rekap,
        sop,
        ttd,
        validasi,
        verifikasi,
    )

    parser = Parser(
        prog="kinerja",
        description="kinerja — Pengukuran Kinerja (SAKIP) untuk Kecamatan dan OPD.",
    )
    parser.add_argument("--versi", action="version", version="kinerja 0.1.0")
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", parser_class=Parser)
    sub.required = True
    commands = (arsip, demo, dokumen, formulir, himpun, hitung, init, jadwal, jalankan, lab)
    commands += (naskah,)
    for command in (*commands, nomor_surat, rekap, sop, ttd, validasi, verifikasi):
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kinerja``; returns the exit code (argparse's too: --help 0, mistakes 2)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the help, the version or the mistake
        return 0 if exc.code is None else int(exc.code)
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        sys.stderr.write(f"kinerja: {exc}\n")
        return 2
    except InputError as exc:
        sys.stderr.write(f"kinerja: {exc}\n")
        return 1
    except KinerjaError as exc:
        sys.stderr.write(f"kinerja: {exc}\n")
        return 1
    except OSError as exc:  # a file the user named cannot be read or written
        where = f' "{exc.filename}"' if exc.filename else ""
        sys.stderr.write(
            f"kinerja: berkas{where} tidak dapat dibaca/ditulis: {exc.strerror or exc}\n"
        )
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("kinerja: dihentikan.\n")
        return 130


def run() -> None:
    """The ``kinerja`` console script: exit with :func:`main`'s code."""
    sys.exit(main())
