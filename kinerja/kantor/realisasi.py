"""The realisasi workbook of an office (the demo's ``realisasi-<tahun>.xlsx``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from kinerja.inti.angka_baca import kind_masks, parse_angka_series
from kinerja.inti.errors import InputError
from kinerja.kantor.lembar import read_sheet
from kinerja.kantor.notasi_pk import terapkan_notasi_realisasi
from kinerja.kantor.pesan import temuan

__all__ = ["load_realisasi_table"]


def load_realisasi_table(path: Path, notasi: str = "otomatis") -> tuple[pd.DataFrame, pd.DataFrame]:
    """A realisasi workbook (sheets ``Realisasi`` and ``Anggaran``) as two long frames.

    Ambiguous number texts ("2.400") are decided by ``notasi`` (``[angka] notasi`` of
    kantor.toml; ``otomatis`` from the workbook's own cells) or refused by cell, as is a
    realisasi anggaran that is not a number."""
    realisasi = read_sheet(path, "Realisasi").dropna(how="all")
    anggaran = read_sheet(path, "Anggaran").dropna(how="all")
    realisasi, anggaran, _, findings = terapkan_notasi_realisasi(
        realisasi, anggaran, notasi, path.name
    )
    rupiah = parse_angka_series(anggaran["realisasi_anggaran"])
    bad = np.flatnonzero(rupiah["status"].eq("salah").to_numpy())
    letter = get_column_letter(list(anggaran.columns).index("realisasi_anggaran") + 1)
    findings += [
        temuan(
            "anggaran-bukan-angka",
            berkas=path.name,
            lembar="Anggaran",
            sel=f"{letter}{pos + 2}",
            kolom="realisasi_anggaran",
            nilai=anggaran["realisasi_anggaran"].iloc[pos],
            catatan=rupiah["catatan"].iloc[pos],
        )
        for pos in bad
    ]
    if findings:
        lines = [f'Realisasi "{path.name}" memuat {len(findings)} kesalahan:']
        raise InputError("\n".join(lines + [f"- {t.lokasi()}: {t.pesan}" for t in findings]))
    realisasi["kode"] = realisasi["kode"].astype("str").str.strip()
    realisasi["tw"] = pd.to_numeric(realisasi["tw"]).astype(int)
    for col in ("kendala", "tindak_lanjut", "bukti_dukung"):
        if col not in realisasi.columns:
            realisasi[col] = ""
        realisasi[col] = realisasi[col].fillna("").astype("str")
    anggaran["kode"] = anggaran["kode"].astype("str").str.strip()
    anggaran["tw"] = pd.to_numeric(anggaran["tw"]).astype(int)
    uang = anggaran["realisasi_anggaran"]
    teks = kind_masks(uang.to_numpy(dtype=object), uang.notna().to_numpy()).get("str")
    if teks is not None:  # texts as read ("Rp1.250.000,00"); number cells stay as they are
        uang = uang.where(~teks, rupiah["nilai"])
    anggaran["realisasi_anggaran"] = pd.to_numeric(uang)
    return realisasi.reset_index(drop=True), anggaran.reset_index(drop=True)
