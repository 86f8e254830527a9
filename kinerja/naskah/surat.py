"""Naskah dinas of the SOP (naskah.md §2): HTML and PDF/A with the office's kop.

The one import point of the letters. One function per letter, each returning
``(html_path, pdf_path)``::

    buat_disposisi(kantor, periode, no_agenda=…, tanggal=…, out_dir=…)        # step 1
    buat_undangan(kantor, periode, nomor=…, tanggal=…, rapat=…, out_dir=…)    # step 4
    buat_notulen(kantor, periode, tanggal=…, rapat=…, out_dir=…)              # step 5
    buat_daftar_hadir(kantor, periode, tanggal=…, rapat=…, out_dir=…)         # step 5
    buat_pengantar(kantor, periode, nomor=…, tanggal=…, out_dir=…)            # step 12

They live by job: ``naskah.disposisi``, ``naskah.rapat`` (undangan, notulen,
daftar hadir), ``naskah.pengantar``; what they share (signature block, letter
head, :data:`SRIKANDI`) in ``naskah.bagian``, the rendering in ``naskah.tulis``.

Letter numbers come from the caller (``penomoran.alokasi_nomor``); the disposisi
carries an agenda number instead. ``srikandi=True`` writes SRIKANDI's placeholders
(``${nomor_naskah}`` …) where SRIKANDI fills in the number, date and signer, so the
draft can be uploaded there unchanged. Paper: ``[naskah] kertas`` (A4 or F4).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kinerja.inti.errors import UsageError
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.naskah.bagian import HARAP, SIFAT, SRIKANDI, blok_ttd
from kinerja.naskah.disposisi import buat_disposisi
from kinerja.naskah.pengantar import buat_pengantar
from kinerja.naskah.rapat import (
    buat_daftar_hadir,
    buat_notulen,
    buat_undangan,
    hari_kerja_berikut,
    rapat_bawaan,
)

__all__ = [
    "HARAP",
    "JENIS",
    "SIFAT",
    "SRIKANDI",
    "blok_ttd",
    "buat_daftar_hadir",
    "buat_disposisi",
    "buat_naskah",
    "buat_notulen",
    "buat_pengantar",
    "buat_undangan",
    "hari_kerja_berikut",
    "rapat_bawaan",
]

#: jenis → builder, for the CLI and the pipeline (``kinerja naskah buat JENIS``).
JENIS: dict[str, Callable[..., tuple[Path, Path]]] = {
    "disposisi": buat_disposisi,
    "undangan": buat_undangan,
    "notulen": buat_notulen,
    "daftar-hadir": buat_daftar_hadir,
    "pengantar": buat_pengantar,
}


def buat_naskah(
    jenis: str, kantor: Kantor | str | Path, periode: Periode | str, **opsi: Any
) -> tuple[Path, Path]:
    """Build the letter ``jenis`` (a key of :data:`JENIS`) with the builder's options."""
    if jenis not in JENIS:
        raise UsageError(f'Jenis naskah "{jenis}" tidak dikenal. Pilih: {", ".join(JENIS)}.')
    return JENIS[jenis](kantor, periode, **opsi)
