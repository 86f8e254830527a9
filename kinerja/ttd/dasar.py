"""What every signer shares: the request, the field box, write-once files (naskah.md §4).

No heavy imports here: pyHanko, pdfplumber and cryptography are loaded by the
signer that needs them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kinerja.berkas.atomic import hapus, sisa_proses_mati
from kinerja.catatan.db import titik
from kinerja.inti.errors import InputError, UsageError
from kinerja.kantor.katalog import Kantor, Pejabat
from kinerja.ttd.penanda_kantor import PenandaKantor

__all__ = ["Kotak", "Permintaan", "Tanda", "sha256_hex", "tte_dir", "write_once"]


@dataclass(frozen=True)
class Kotak:
    """A signature field: page (1-based) and box in PDF points from the bottom-left corner."""

    halaman: int
    x1: float
    y1: float
    x2: float
    y2: float

    @classmethod
    def parse(cls, text: str) -> Kotak:
        """Read ``HALAMAN,X1,Y1,X2,Y2`` (points, origin bottom-left)."""
        parts = [p.strip() for p in str(text).split(",")]
        try:
            if len(parts) != 5:
                raise ValueError
            kotak = cls(int(parts[0]), *(float(p) for p in parts[1:]))
        except ValueError:
            raise UsageError(
                f'Kotak "{text}" tidak dikenali. Tulis HALAMAN,X1,Y1,X2,Y2 dalam poin dari '
                "pojok kiri bawah, misalnya 3,320,180,520,240."
            ) from None
        if kotak.halaman < 1 or kotak.x2 <= kotak.x1 or kotak.y2 <= kotak.y1:
            raise UsageError(f'Kotak "{text}" tidak sah: halaman ≥ 1, X2 > X1 dan Y2 > Y1.')
        return kotak


@dataclass(frozen=True)
class Permintaan:
    """What a signer is asked to do (built by ``ttd.tandatangan.tandatangani``)."""

    kantor: Kantor
    pejabat: Pejabat
    alasan: str
    lokasi: str
    waktu: dt.datetime
    kotak: Kotak | None = None
    pindaian: Path | None = None
    pkcs12: Path | None = None
    sandi: bytes | None = None
    kepala: str = ""  # the archive chain's head hash at signing time (printed in the stamp)
    penanda: PenandaKantor | None = None  # the office's signer on record (checked when set)


@dataclass(frozen=True)
class Tanda:
    """What a signer returns: the bytes to write and what it recorded."""

    data: bytes
    penanda_tangan: str
    kotak: Kotak | None = None
    pindaian: Path | None = None
    pindaian_sha256: str | None = None


def tte_dir(kantor: Kantor) -> Path:
    """``<kantor>/arsip/tte``: test certificates, trust roots, wet-ink scans (git-ignored)."""
    return kantor.arsip / "tte"


def sha256_hex(data: bytes) -> str:
    """The sha256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def write_once(path: Path, data: bytes, *, read_only: bool = True) -> None:
    """Write ``data`` to a new file: temp in the same folder, fsync, link, fsync folder.

    ``os.link`` is atomic and fails when the target exists, so a file is never
    replaced and never half-written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    hapus(
        sisa_proses_mati(
            path.parent, re.compile(re.escape(f".{path.name}.") + r"(?P<pid>\d+)\.tmp")
        )
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()  # a killed process with our PID left it (ours is not yet written)
    with tmp.open("xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    titik("ttd.tmp-ditulis")
    try:
        os.link(tmp, path)
        titik("ttd.sesudah-link")
    except FileExistsError:
        raise InputError(
            f'Berkas "{path}" sudah ada dan tidak akan ditimpa. Pilih nama keluaran lain.'
        ) from None
    finally:
        tmp.unlink()
    if read_only:
        path.chmod(0o444)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
