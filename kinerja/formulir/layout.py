"""Which column of a form holds what, computed from the periode alone.

The writer (``tulis``) and the reader (``baca``) share it: ``layout_realisasi``
and ``layout_anggaran`` give the columns of the two data sheets, ``canon`` the
text a cell value is compared as, ``form_name`` the file name of a unit's form,
``unit_anggaran`` which unit's form has the ``Anggaran`` sheet (refused when the
office measures budget and no unit reports it).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

import pandas as pd

from kinerja.formulir.gaya import Kolom
from kinerja.inti.errors import InputError
from kinerja.inti.filename import safe_filename
from kinerja.inti.model import ROMAWI, Periode
from kinerja.kantor.katalog import Kantor, Unit
from kinerja.kantor.pk import KOLOM_UKUR_ANGGARAN, PerjanjianKinerja

__all__ = [
    "alasan_anggaran",
    "canon",
    "form_name",
    "layout_anggaran",
    "layout_realisasi",
    "unit_anggaran",
]


def layout_realisasi(periode: Periode, rasio: bool = False) -> list[Kolom]:
    """Columns of the ``Realisasi`` sheet for ``periode`` (TW n: realisasi TW I..n).

    ``rasio``: the unit has indikator reported as two counts; the columns
    ``Pembilang``/``Penyebut`` of TW n come before its realisasi (computed there).
    """
    n = periode.tw
    cols = [
        Kolom("no", "No", 5),
        Kolom("kode", "Kode", 8),
        Kolom("sasaran", "Sasaran", 24),
        Kolom("indikator", "Indikator Kinerja", 36),
        Kolom("satuan", "Satuan", 9),
        Kolom("polaritas", "Polaritas", 9),
        Kolom("cara", "Cara Mengisi", 16),
        Kolom("target_tahunan", f"Target Tahunan {periode.tahun}", 10),
        Kolom(f"target_tw{n}", f"Target TW {ROMAWI[n]}", 10, tw=n),
        Kolom("realisasi_tahun_lalu", f"Realisasi {periode.tahun - 1}", 10),
    ]
    cols += [Kolom(f"realisasi_tw{k}", f"Realisasi TW {ROMAWI[k]}", 10, tw=k) for k in range(1, n)]
    if rasio:
        cols += [
            Kolom("pembilang", f"Pembilang TW {ROMAWI[n]}", 11, input=True, tw=n),
            Kolom("penyebut", f"Penyebut TW {ROMAWI[n]}", 11, input=True, tw=n),
        ]
    cols += [
        Kolom("realisasi", f"Realisasi TW {ROMAWI[n]}", 12, input=True, tw=n),
        Kolom("kendala", "Kendala", 28, input=True),
        Kolom("tindak_lanjut", "Tindak Lanjut", 28, input=True),
        Kolom("bukti_dukung", "Bukti Dukung (nama berkas/tautan)", 22, input=True),
    ]
    return cols


def layout_anggaran(periode: Periode) -> list[Kolom]:
    """Columns of the ``Anggaran`` sheet (realisasi anggaran per program, per quarter)."""
    n = periode.tw
    cols = [
        Kolom("no", "No", 5),
        Kolom("kode", "Kode Program", 10),
        Kolom("program", "Program", 48),
        Kolom("pagu", f"Pagu {periode.tahun} (Rp)", 18),
    ]
    cols += [
        Kolom(f"anggaran_tw{k}", f"Realisasi TW {ROMAWI[k]} (Rp)", 17, tw=k) for k in range(1, n)
    ]
    cols += [
        Kolom("realisasi_anggaran", f"Realisasi TW {ROMAWI[n]} (Rp)", 18, input=True, tw=n),
        Kolom("keterangan", "Keterangan", 30, input=True),
    ]
    return cols


def alasan_anggaran(kantor: Kantor, pk: PerjanjianKinerja) -> list[str]:
    """Why the office measures budget (empty when it does not), in Indonesian: programs
    with pagu in the PK, ``[anggaran] total_pagu`` above 0, indikator ``ukur_anggaran``."""
    pagu = pd.to_numeric(pk.program.get("pagu", pd.Series(dtype=float)), errors="coerce")
    total = kantor.opsi("anggaran", "total_pagu")
    ind = pk.indikator
    declared = ind.get(KOLOM_UKUR_ANGGARAN, pd.Series("", index=ind.index, dtype=object))
    ukur = ind.loc[declared.fillna("").astype("str").str.strip().ne(""), "kode"]
    alasan = []
    if pagu.fillna(0).gt(0).any():
        alasan.append(f"lembar Program Perjanjian Kinerja {pk.tahun} memuat pagu")
    if isinstance(total, int | float) and total > 0:
        alasan.append("[anggaran] total_pagu diisi")
    if len(ukur):
        alasan.append(f"indikator {', '.join(ukur.astype('str'))} bertanda ukur_anggaran")
    return alasan


def unit_anggaran(kantor: Kantor, pk: PerjanjianKinerja) -> str | None:
    """Kode of the unit whose form carries the ``Anggaran`` sheet (``Kantor.unit_anggaran``),
    or None when the office measures no budget.

    An office that measures budget without such a unit is refused: no form would ask for
    the budget figures and every document would print "-" for them."""
    kode = kantor.unit_anggaran
    alasan = [] if kode is not None else alasan_anggaran(kantor, pk)
    if not alasan:
        return kode
    units = ", ".join(u.kode for u in kantor.units)
    raise InputError(
        f'Berkas "{kantor.path / "kantor.toml"}": tidak ada unit yang melaporkan realisasi '
        f"anggaran, padahal {' dan '.join(alasan)}. Tidak ada [[unit]] yang kepala-nya "
        "kasubag_pk, dan [formulir] unit_anggaran tidak diisi. Tambahkan di kantor.toml:\n"
        "[formulir]\n"
        'unit_anggaran = "<kode unit>"\n'
        f"dengan kode unit yang mengisi lembar Anggaran, salah satu dari: {units}."
    )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[A-Za-z0-9]+", ascii_text))


def form_name(unit: Unit, periode: Periode, suffix: str = "") -> str:
    """``Formulir-PEM-Seksi-Pemerintahan-2025-TW3.xlsx``: whose and which periode."""
    return f"Formulir-{safe_filename(unit.kode)}-{_slug(unit.nama)}-{periode}{suffix}.xlsx"


def canon(value: object) -> str:
    """A cell value as comparable text (numbers without a trailing ``.0``)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        number = float(value)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return repr(number)
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return str(value.isoformat()) if hasattr(value, "isoformat") else str(value)
    return str(value).replace("\r\n", "\n")
