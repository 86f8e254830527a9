"""Cell checks of the PK workbook that run before anything else (``kantor.pk.load_pk``).

Each check returns findings naming the sheet and cell: an empty indicator code, a target
that is TRUE/FALSE, infinite or beyond ``BATAS_TARGET``, a formula (its cached value is
often empty and would read as "not filled"), a non-numeric ``urutan`` in the Skala sheet.
``BATAS_INDIKATOR`` bounds the size of a PK (see README, "Batas").
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from kinerja.inti.angka_baca import angka_arrays, kind_masks
from kinerja.inti.errors import InputError, Temuan
from kinerja.kantor.lembar import sel_rumus
from kinerja.kantor.pesan import temuan

__all__ = [
    "cek_rencana",
    "BATAS_INDIKATOR",
    "BATAS_TARGET",
    "KOLOM_TARGET",
    "cek_batas",
    "cek_kode_kosong",
    "cek_rumus",
    "cek_skala",
    "cek_target",
    "sel_excel",
]

BATAS_INDIKATOR = 500  # indicators in one PK: an office has tens; the document takes minutes above
BATAS_TARGET = 1e15  # |target|: above a rupiah budget of a province, far from float trouble
KOLOM_TARGET = ("target_tahunan", "target_tw1", "target_tw2", "target_tw3", "target_tw4")


def sel_excel(frame: pd.DataFrame, column: str, rows: np.ndarray) -> list[str]:
    """Excel addresses of ``rows`` (positions in ``frame``) in ``column``; the frame's index
    is the data row of ``read_sheet`` (header in row 1), so blank rows dropped keep their
    place."""
    col = list(frame.columns).index(column)
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return [f"{letters}{int(i) + 2}" for i in frame.index.to_numpy()[rows]]


def _tampil(value: object) -> str:
    """A cell's value as a person would recognise it (1e+308, TRUE)."""
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def cek_batas(ind: pd.DataFrame, berkas: str) -> None:
    """Refuse a PK above ``BATAS_INDIKATOR`` indicators, at once, before any other work."""
    if len(ind) > BATAS_INDIKATOR:
        raise InputError(
            f'Berkas "{berkas}", lembar "Indikator": {_ribuan(len(ind))} baris indikator, di atas batas '
            f"{_ribuan(BATAS_INDIKATOR)} indikator per Perjanjian Kinerja. Periksa apakah lembar itu "
            "memuat baris salinan atau baris sisa; pisahkan PK per perangkat daerah bila memang "
            "sebanyak itu."
        )
    if ind.empty:
        raise InputError(
            f'Berkas "{berkas}", lembar "Indikator" tidak memuat satu indikator pun. Isi '
            "indikator mulai baris 2 (baris 1 judul kolom; lihat lembar Petunjuk), lalu ulangi."
        )


def cek_kode_kosong(ind: pd.DataFrame, raw_kode: pd.Series, berkas: str) -> list[Temuan]:
    """A row with content but no indicator code."""
    kode = raw_kode.astype("str").str.strip().where(raw_kode.notna(), "")
    rows = np.flatnonzero(kode.eq("").to_numpy())
    return [
        temuan("pk-kode-kosong", berkas=berkas, lembar="Indikator", sel=sel, kolom="kode")
        for sel in sel_excel(ind, "kode", rows)
    ]


def cek_target(ind: pd.DataFrame, berkas: str) -> list[Temuan]:
    """Targets that are TRUE/FALSE, a date, infinite, or beyond ``BATAS_TARGET``."""
    out: list[Temuan] = []
    for col in (c for c in KOLOM_TARGET if c in ind.columns):
        s = ind[col]
        arr = s.to_numpy(dtype=object)
        present = s.notna().to_numpy()
        kinds = kind_masks(arr, present)
        a = angka_arrays(s)
        besar = present & np.isfinite(a.nilai) & (np.abs(np.nan_to_num(a.nilai)) > BATAS_TARGET)
        tak_hingga = kinds.get("angka", np.zeros(len(s), bool)) & ~np.isfinite(a.nilai)
        bad = {
            "pk-target-salah/benar-salah": kinds.get("bool", np.zeros(len(s), bool)),
            "pk-target-salah/tanggal": kinds.get("tanggal", np.zeros(len(s), bool)),
            "pk-target-salah/besar": besar | tak_hingga,
        }
        for kunci, mask in bad.items():
            rows = np.flatnonzero(mask)
            for i, sel in zip(rows, sel_excel(ind, col, rows), strict=True):
                out.append(
                    temuan(
                        kunci,
                        berkas=berkas,
                        lembar="Indikator",
                        sel=sel,
                        kolom=col,
                        nilai=_tampil(arr[i]),
                        batas=f"{BATAS_TARGET:g}",
                    )
                )
    return out


def cek_rumus(path: Path, berkas: str) -> list[Temuan]:
    """Formulas in the Indikator, Sasaran, Program or Skala sheets."""
    return [
        temuan("pk-rumus", berkas=berkas, lembar=lembar, sel=sel)
        for lembar in ("Indikator", "Sasaran", "Program", "Skala")
        for sel in sel_rumus(path, lembar)
    ]


def cek_skala(frame: pd.DataFrame, berkas: str) -> list[Temuan]:
    """The Skala sheet: ``skala``, ``nilai`` filled and ``urutan`` a finite number."""
    missing = [c for c in ("skala", "nilai", "urutan") if c not in frame.columns]
    if missing:
        return [
            temuan(
                "pk-skala-kolom", berkas=berkas, lembar="Skala", sel="A1", hilang=", ".join(missing)
            )
        ]
    out: list[Temuan] = []
    a = angka_arrays(frame["urutan"])
    rows = np.flatnonzero(~np.isfinite(a.nilai))
    for i, sel in zip(rows, sel_excel(frame, "urutan", rows), strict=True):
        nilai = frame["urutan"].iloc[i]
        out.append(
            temuan(
                "pk-skala-urutan",
                berkas=berkas,
                lembar="Skala",
                sel=sel,
                kolom="urutan",
                nilai="" if pd.isna(nilai) else str(nilai),
            )
        )
    for col in ("skala", "nilai"):
        kosong = frame[col].isna() | frame[col].astype("str").str.strip().eq("")
        rows = np.flatnonzero(kosong.to_numpy())
        out += [
            temuan("pk-skala-kosong", berkas=berkas, lembar="Skala", sel=sel, kolom=col)
            for sel in sel_excel(frame, col, rows)
        ]
    return out


def cek_rencana(program: pd.DataFrame, berkas: str) -> list[Temuan]:
    """The optional disbursement plan (``rencana_tw1..4``, rupiah per quarter): all four
    columns or none, each a number ≥ 0; they are made numeric in place."""
    cols = [f"rencana_tw{tw}" for tw in range(1, 5)]
    present = [c for c in cols if c in program.columns]
    if not present:
        return []
    if len(present) < len(cols):
        missing = ", ".join(c for c in cols if c not in present)
        return [temuan("pk-rencana-tidak-lengkap", berkas=berkas, lembar="Program", kolom=missing)]
    rows = program.dropna(how="all")
    out = []
    for col in cols:
        value = pd.to_numeric(rows[col], errors="coerce")
        bad = rows[col].notna() & ~(value >= 0)
        letter = get_column_letter(list(program.columns).index(col) + 1)
        out += [
            temuan(
                "pk-rencana-salah",
                berkas=berkas,
                lembar="Program",
                sel=f"{letter}{program.index.get_loc(i) + 2}",
                kolom=col,
                nilai=rows[col].loc[i],
            )
            for i in rows.index[bad.to_numpy()]
        ]
        program[col] = pd.to_numeric(program[col], errors="coerce")
    return out
