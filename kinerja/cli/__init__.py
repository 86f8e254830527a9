"""The ``kinerja`` command: one module per command group, all thin over the library.

Exit codes: 0 clean, 1 data errors (findings, bad input), 2 usage errors (argparse's,
including every option ``opsi`` checks while parsing, and ``UsageError``).
Messages are in Bahasa Indonesia; a user's mistake never shows a traceback. When the
reader of standard output goes away (``kinerja sop status | head``) the command stops
quietly with 141, as a shell reports a command ended by SIGPIPE.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import os
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


#: Why a file cannot be read or written, in Indonesian (the system's own text is English).
_SEBAB_OS = {
    errno.ENOENT: "berkas atau folder itu tidak ada",
    errno.EACCES: "tidak ada izin untuk membuka berkas itu",
    errno.EPERM: "tindakan itu tidak diizinkan sistem",
    errno.ENOSPC: "disk penuh; kosongkan ruang, lalu ulangi",
    errno.EROFS: "disk itu hanya dapat dibaca",
    errno.EISDIR: "yang ditunjuk adalah folder, bukan berkas",
    errno.ENOTDIR: "sebagian jalurnya bukan folder",
    errno.EEXIST: "berkas itu sudah ada",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.EBUSY: "berkas sedang dipakai program lain",
    errno.EIO: "kesalahan baca/tulis pada disk",
}

#: The exit code when standard output's reader has gone: 128 + SIGPIPE, as a shell reports it.
PIPA_TERTUTUP = 141


def _pipa_tertutup() -> int:
    """Standard output's reader has gone: send what is left to devnull, so that the flush at
    exit raises nothing (the way the Python docs' note on SIGPIPE does it), and stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (a test's capture): nothing to redirect
        pass
    return PIPA_TERTUTUP


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kinerja``; returns the exit code (argparse's too: --help 0, mistakes 2)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the help, the version or the mistake
        return 0 if exc.code is None else int(exc.code)
    except BrokenPipeError:
        return _pipa_tertutup()
    try:
        return _jalankan(args)
    except BrokenPipeError:
        return _pipa_tertutup()


def _jalankan(args: argparse.Namespace) -> int:
    """Run the chosen command; a user's or the data's mistake becomes its message and code."""
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
    except BrokenPipeError:  # standard output's reader has gone: main stops quietly
        raise
    except OSError as exc:  # a file the user named cannot be read or written
        where = f' "{exc.filename}"' if exc.filename else ""
        sys.stderr.write(
            f"kinerja: berkas{where} tidak dapat dibaca/ditulis: "
            f"{_SEBAB_OS.get(exc.errno or 0, exc.strerror or exc)}\n"
        )
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("kinerja: dihentikan.\n")
        return 130


def run() -> None:
    """The ``kinerja`` console script: exit with :func:`main`'s code (the output flushed here,
    so that a reader gone at the last line is also a quiet stop)."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        code = _pipa_tertutup()
    sys.exit(code)
