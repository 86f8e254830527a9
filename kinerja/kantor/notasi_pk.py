"""The number notation of the PK workbook: ambiguous targets ("2.400") decided or refused.

``[angka] notasi`` in kantor.toml (otomatis | id | en, default otomatis) and the rule of
``inti.notasi``: under ``otomatis`` the PK's own text cells decide. Decided cells become
numbers (ranges machine text "1000 - 2000"), so every later reader agrees; without a
notation each ambiguous cell is a finding naming its cell.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from kinerja.inti.angka_baca import kind_masks, parse_angka, parse_angka_series
from kinerja.inti.errors import InputError, Temuan
from kinerja.inti.model import KOLOM_ANGKA_PK
from kinerja.inti.notasi import AMBIGU, NOTASI, Notasi, jenis_teks, pilih_notasi, target_mesin
from kinerja.inti.rentang import parse_rentang, parse_rentang_series
from kinerja.kantor.pesan import temuan

__all__ = [
    "notasi_kantor",
    "putuskan_angka",
    "baca_pagu",
    "terapkan_notasi_pk",
    "terapkan_notasi_realisasi",
]
_ASAL = 'kantor.toml [angka] notasi = "{kode}"'


def notasi_kantor(config: dict) -> str:
    """``[angka] notasi`` of kantor.toml, checked (default otomatis)."""
    pilihan = str((config.get("angka") or {}).get("notasi", "otomatis")).strip().casefold()
    if pilihan not in NOTASI:
        raise InputError(
            f'kantor.toml, [angka] notasi = "{pilihan}" tidak dikenal. Pilih salah satu: '
            f"{', '.join(NOTASI)} (id: 2.400 = dua ribu empat ratus; en: 2.400 = dua koma empat)."
        )
    return pilihan


def _ambigu(text: str) -> str:
    """Why one cell is ambiguous: its number's or its range's advice."""
    try:
        parse_rentang(text)
    except ValueError as exc:
        return str(exc)
    return parse_angka(text).catatan


def putuskan_angka(
    frame: pd.DataFrame,
    kolom: dict[str, pd.Series],
    notasi: Notasi,
    berkas: str,
    lembar: str,
    kode: str,
) -> tuple[pd.DataFrame, list[Temuan]]:
    """The ambiguous text cells of ``kolom`` (columns of ``frame``, header in row 1) as
    decided by ``notasi`` (numbers; ranges as machine text "1000 - 2000"), or, without
    one, a finding ``kode`` per cell naming it."""
    findings: list[Temuan] = []
    frame = frame.copy()
    for col, cells in kolom.items():
        is_str = kind_masks(cells.to_numpy(dtype=object), cells.notna().to_numpy()).get("str")
        if is_str is None or not is_str.any():
            continue
        text = cells.where(is_str)
        present = np.flatnonzero(is_str)
        ambigu = present[jenis_teks(text.iloc[present]) == AMBIGU]
        if not len(ambigu):
            continue
        letter = get_column_letter(list(frame.columns).index(col) + 1)
        if notasi.kode is None:
            findings += [
                temuan(
                    kode,
                    berkas=berkas,
                    lembar=lembar,
                    sel=f"{letter}{pos + 2}",
                    kolom=col,
                    nilai=text.iloc[pos],
                    alasan=_ambigu(text.iloc[pos]),
                )
                for pos in ambigu
            ]
            continue
        angka = parse_angka_series(text.iloc[ambigu], notasi.kode)
        rentang = parse_rentang_series(text.iloc[ambigu], notasi.kode)
        mesin = [
            target_mesin(lo, hi) if not np.isnan(lo) else t
            for lo, hi, t in zip(rentang["lo"], rentang["hi"], text.iloc[ambigu], strict=True)
        ]
        mesin = pd.Series(mesin, index=angka.index, dtype=object)
        value = angka["nilai"].astype(object).where(angka["nilai"].notna(), mesin)
        frame[col] = frame[col].astype(object)
        frame.iloc[ambigu, frame.columns.get_loc(col)] = value.to_numpy(dtype=object)
    return frame, findings


def terapkan_notasi_pk(
    ind: pd.DataFrame, program: pd.DataFrame, pilihan: str, berkas: str
) -> tuple[pd.DataFrame, pd.DataFrame, Notasi, list[Temuan]]:
    """Decide the ambiguous number cells of the sheets Indikator and Program (pagu)
    under ``pilihan``, one notation for the workbook.

    Rows declared ``kualitatif`` keep their labels. Returns both sheets (decided cells
    as numbers), the notation used, and one finding per ambiguous cell left undecided."""
    label = ind["jenis_target"].eq("kualitatif").to_numpy(dtype=bool)
    kolom = {c: ind[c].where(~label) for c in KOLOM_ANGKA_PK if c in ind.columns}
    pagu = {"pagu": program["pagu"]} if "pagu" in program.columns else {}
    notasi = pilih_notasi(pilihan, {**kolom, **pagu}, 2, _ASAL)
    ind, a = putuskan_angka(ind, kolom, notasi, berkas, "Indikator", "pk-angka-ambigu")
    program, b = putuskan_angka(program, pagu, notasi, berkas, "Program", "pk-angka-ambigu")
    return ind, program, notasi, a + b


def baca_pagu(program: pd.DataFrame, berkas: str) -> tuple[pd.Series, list[Temuan]]:
    """The Program sheet's pagu as numbers: number cells as they are, texts read
    leniently ("Rp1.250.000,00"); a text that is no number is a finding naming its cell
    (never a silent empty pagu). Ambiguous texts were reported by ``putuskan_angka``."""
    if "pagu" not in program.columns:
        return pd.Series(np.nan, index=program.index), []
    uang = program["pagu"]
    parsed = parse_angka_series(uang)
    teks = kind_masks(uang.to_numpy(dtype=object), uang.notna().to_numpy()).get("str")
    if teks is not None:
        uang = uang.where(~teks, parsed["nilai"])
    bad = np.flatnonzero(parsed["status"].eq("salah").to_numpy())
    letter = get_column_letter(list(program.columns).index("pagu") + 1)
    findings = [
        temuan(
            "pk-pagu-bukan-angka",
            berkas=berkas,
            lembar="Program",
            sel=f"{letter}{pos + 2}",
            kolom="pagu",
            nilai=program["pagu"].iloc[pos],
            catatan=parsed["catatan"].iloc[pos],
        )
        for pos in bad
    ]
    return pd.to_numeric(uang, errors="coerce"), findings


def terapkan_notasi_realisasi(
    realisasi: pd.DataFrame, anggaran: pd.DataFrame, pilihan: str, berkas: str
) -> tuple[pd.DataFrame, pd.DataFrame, Notasi, list[Temuan]]:
    """The same for a realisasi workbook: one notation for its sheets Realisasi
    (``realisasi``) and Anggaran (``realisasi_anggaran``)."""
    kolom = {
        "realisasi": realisasi["realisasi"],
        "realisasi_anggaran": anggaran["realisasi_anggaran"],
    }
    notasi = pilih_notasi(pilihan, kolom, 2, _ASAL)
    realisasi, a = putuskan_angka(
        realisasi,
        {"realisasi": kolom["realisasi"]},
        notasi,
        berkas,
        "Realisasi",
        "realisasi-angka-ambigu",
    )
    anggaran, b = putuskan_angka(
        anggaran,
        {"realisasi_anggaran": kolom["realisasi_anggaran"]},
        notasi,
        berkas,
        "Anggaran",
        "anggaran-angka-ambigu",
    )
    return realisasi, anggaran, notasi, a + b
