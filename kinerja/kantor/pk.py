"""The Perjanjian Kinerja workbook of an office: ``load_pk`` reads and checks it.

``<kantor>/perjanjian-kinerja-<tahun>.xlsx`` has the sheets Sasaran, Indikator, Program
and optionally Skala. Problems are collected as findings and raised together as one
``InputError`` naming sheet, cell and column, in Indonesian.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import angka_arrays
from kinerja.inti.errors import InputError, Temuan
from kinerja.inti.model import (
    INDIKATOR_COLUMNS,
    JENIS_PERIODE,
    JENIS_TARGET,
    POLARITAS,
    RUMUS_NEGATIF,
)
from kinerja.inti.predikat import SkalaOrdinal, load_skala_ordinal
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.lembar import read_sheet
from kinerja.kantor.notasi_pk import baca_pagu, notasi_kantor, terapkan_notasi_pk
from kinerja.kantor.pesan import temuan
from kinerja.kantor.pk_cek import (
    cek_batas,
    cek_kode_kosong,
    cek_rencana,
    cek_rumus,
    cek_skala,
    cek_target,
    sel_excel,
)

__all__ = [
    "KOLOM_RASIO_PK",
    "KOLOM_TARGET_NASIONAL",
    "KOLOM_UKUR_ANGGARAN",
    "PerjanjianKinerja",
    "indikator_rasio",
    "load_pk",
]

#: Optional Indikator columns: ``rasio`` (ya: the unit reports pembilang and penyebut,
#: realisasi = pembilang / penyebut × pengali) and ``pengali`` (default 100 for %, else 1).
#: Kept only when the sheet has them, so a PK without them reads as before.
KOLOM_RASIO_PK = ("rasio", "pengali")
#: Optional Indikator column: the indikator measures budget realisation (``ya`` or
#: ``jumlah``: the whole budget; or a program kode), checked against the Anggaran sheet.
KOLOM_UKUR_ANGGARAN = "ukur_anggaran"
#: Optional Indikator column: the national or provincial target (text like target_renstra).
KOLOM_TARGET_NASIONAL = "target_nasional"


@dataclass(frozen=True)
class PerjanjianKinerja:
    """The PK of one year: indikator (``model.INDIKATOR_COLUMNS``), program, scales."""

    tahun: int
    indikator: pd.DataFrame
    program: pd.DataFrame
    ordinal: dict[str, SkalaOrdinal]
    sumber: str = ""
    notasi: str = ""  # the number notation that decided ambiguous cells, and why ("" if none)

    def untuk_unit(self, unit: str) -> pd.DataFrame:
        return self.indikator[self.indikator["unit"].eq(unit)]


_TEXT_DEFAULTS = {
    "rumus_negatif": "2T-R",
    "skala": "",
    "jenis_target": "",
    "definisi_operasional": "",
    "sumber_data": "",
    "target_renstra": "",
    "target_tahun_lalu": "",
    "realisasi_tahun_lalu": "",
}


def _check_choice(
    frame: pd.DataFrame, column: str, allowed: tuple[str, ...], berkas: str, kode: str
) -> list[Temuan]:
    values = frame[column].astype("str").str.strip()
    bad = ~values.isin(allowed) & frame[column].notna()
    if column in ("polaritas", "jenis_periode"):
        bad |= frame[column].isna()
    return _temuan_sel(frame, bad, column, kode, berkas, pilihan=", ".join(allowed))


def _as_bool(s: pd.Series, default: bool) -> pd.Series:
    text = s.astype("str").str.strip().str.casefold()
    truthy = text.isin(["ya", "y", "true", "1", "benar", "iku", "wajib"])
    return truthy.where(s.notna(), default).astype(bool)


def load_pk(kantor: Kantor, tahun: int, path: Path | None = None) -> PerjanjianKinerja:
    """Read and check the PK workbook of ``tahun`` for ``kantor``."""
    path = path or kantor.pk_path(tahun)
    berkas = path.name
    sasaran = read_sheet(path, "Sasaran")
    raw = read_sheet(path, "Indikator").dropna(how="all")
    cek_batas(raw, berkas)
    ind = _indikator(raw, berkas)
    program = read_sheet(path, "Program").dropna(how="all")

    findings: list[Temuan] = cek_rumus(path, berkas)
    findings += cek_kode_kosong(ind, raw["kode"], berkas)
    findings += cek_target(raw, berkas)
    findings += _check_choice(ind, "polaritas", POLARITAS, berkas, "pk-polaritas-salah")
    findings += _check_choice(ind, "jenis_periode", JENIS_PERIODE, berkas, "pk-jenis-periode-salah")
    findings += _check_choice(
        ind, "jenis_target", (*JENIS_TARGET, ""), berkas, "pk-jenis-target-salah"
    )
    findings += _check_choice(ind, "rumus_negatif", RUMUS_NEGATIF, berkas, "pk-rumus-negatif-salah")
    ind, program, notasi, ambigu = terapkan_notasi_pk(
        ind, program, notasi_kantor(kantor.config), berkas
    )
    findings += ambigu
    program["pagu"], salah = baca_pagu(program, berkas)
    findings += salah
    findings += _temuan_sel(
        ind,
        ind["kode"].duplicated(keep="first") & ind["kode"].ne(""),
        "kode",
        "pk-kode-ganda",
        berkas,
    )
    units = {u.kode for u in kantor.units}
    findings += _temuan_sel(
        ind,
        ~ind["unit"].isin(units),
        "unit",
        "pk-unit-tidak-dikenal",
        berkas,
        unit_ada=", ".join(sorted(units)),
    )
    sasaran = sasaran.dropna(how="all")
    names = dict(
        zip(
            sasaran["kode"].astype("str").str.strip(),
            sasaran["sasaran"].astype("str").str.strip(),
            strict=True,
        )
    )
    ind["sasaran"] = ind["sasaran_kode"].map(names)
    findings += _temuan_sel(
        ind,
        ind["sasaran"].isna(),
        "sasaran_kode",
        "pk-sasaran-tidak-dikenal",
        berkas,
    )
    ordinal, unknown = _ordinal(ind, path, berkas)
    findings += unknown
    findings += _rasio(ind, berkas)
    findings += _ukur_anggaran(ind, program, berkas)
    findings += cek_rencana(program, berkas)
    if findings:
        raise InputError(_describe(findings, berkas), findings)

    for col in ("kode", "program", "sasaran_kode", "unit"):
        program[col] = program[col].astype("str").str.strip()
    columns = [c for c in INDIKATOR_COLUMNS if c in ind.columns]
    columns += [c for c in KOLOM_RASIO_PK if "rasio" in ind.columns]
    columns += [c for c in (KOLOM_UKUR_ANGGARAN, KOLOM_TARGET_NASIONAL) if c in ind.columns]
    indikator = ind[columns].reset_index(drop=True)
    return PerjanjianKinerja(
        tahun,
        indikator,
        program.reset_index(drop=True),
        ordinal,
        berkas,
        notasi.teks() if notasi.n_ambigu else "",
    )


def _indikator(ind: pd.DataFrame, berkas: str) -> pd.DataFrame:
    """The Indikator sheet with its required columns checked and its cells normalised."""
    required = [c for c in INDIKATOR_COLUMNS if c not in (*_TEXT_DEFAULTS, "sasaran")]
    required = [c for c in required if c not in ("iku", "wajib", "bobot")]
    missing = [c for c in required if c not in ind.columns]
    if missing:
        raise InputError(
            f'Berkas "{berkas}", lembar "Indikator": kolom {", ".join(missing)} tidak ada. '
            "Gunakan templat Perjanjian Kinerja dan jangan hapus kolom."
        )
    ind = ind.dropna(how="all")
    for col, default in _TEXT_DEFAULTS.items():
        ind[col] = ind[col].fillna(default) if col in ind.columns else default
    if KOLOM_TARGET_NASIONAL in ind.columns:
        ind[KOLOM_TARGET_NASIONAL] = ind[KOLOM_TARGET_NASIONAL].fillna("")
    ind["iku"] = _as_bool(ind["iku"], True) if "iku" in ind.columns else True
    ind["wajib"] = _as_bool(ind["wajib"], True) if "wajib" in ind.columns else True
    ind["bobot"] = (
        pd.to_numeric(ind["bobot"], errors="coerce").fillna(1.0) if "bobot" in ind.columns else 1.0
    )
    for col in ("kode", "sasaran_kode", "indikator", "satuan", "unit", "polaritas"):
        ind[col] = ind[col].astype("str").str.strip().where(ind[col].notna(), "")
    ind["polaritas"] = ind["polaritas"].str.casefold()
    ind["jenis_periode"] = ind["jenis_periode"].astype("str").str.strip().str.casefold()
    ind["jenis_target"] = ind["jenis_target"].astype("str").str.strip().str.casefold()
    ind["rumus_negatif"] = ind["rumus_negatif"].astype("str").str.strip().str.upper()
    ind["skala"] = ind["skala"].astype("str").str.strip()
    return ind


def indikator_rasio(ind: pd.DataFrame) -> pd.Series:
    """Rows whose realisasi comes from pembilang / penyebut (False without the column)."""
    if "rasio" not in ind.columns:
        return pd.Series(False, index=ind.index)
    return ind["rasio"].astype(bool)


def _rasio(ind: pd.DataFrame, berkas: str) -> list[Temuan]:
    """Normalise ``rasio``/``pengali`` (when the sheet has ``rasio``) and check them."""
    if "rasio" not in ind.columns:
        return []
    given = "pengali" in ind.columns
    raw = ind["pengali"] if given else pd.Series(np.nan, index=ind.index, dtype=object)
    ind["rasio"] = _as_bool(ind["rasio"], False)
    pengali = pd.to_numeric(raw, errors="coerce")
    findings = _temuan_sel(
        ind.assign(pengali=raw),
        raw.notna() & ~(pengali > 0),
        "pengali",
        "pk-pengali-salah",
        berkas,
    )
    ind["pengali"] = pengali
    findings += _temuan_sel(
        ind,
        ind["rasio"] & ind["jenis_target"].eq("kualitatif"),
        "rasio",
        "pk-rasio-kualitatif",
        berkas,
    )
    return findings


def _ukur_anggaran(ind: pd.DataFrame, program: pd.DataFrame, berkas: str) -> list[Temuan]:
    """Normalise ``ukur_anggaran`` to "" | "jumlah" | a program kode, and check the kode."""
    if KOLOM_UKUR_ANGGARAN not in ind.columns:
        return []
    col = ind[KOLOM_UKUR_ANGGARAN]
    text = col.astype("str").str.strip().where(col.notna(), "")
    folded = text.str.casefold()
    text = text.where(~folded.isin(["ya", "jumlah", "semua", "total"]), "jumlah")
    text = text.where(~folded.isin(["tidak", "-", "nan"]), "")
    ind[KOLOM_UKUR_ANGGARAN] = text
    known = set(program["kode"].astype("str").str.strip()) if "kode" in program.columns else set()
    return _temuan_sel(
        ind,
        ~text.isin(["", "jumlah", *known]),
        KOLOM_UKUR_ANGGARAN,
        "pk-ukur-anggaran-salah",
        berkas,
    )


def _temuan_sel(
    ind: pd.DataFrame,
    flagged: pd.Series,
    column: str,
    kode: str,
    berkas: str,
    **fields: object,
) -> list[Temuan]:
    """One finding ``kode`` per flagged row of the Indikator sheet, on its ``column`` cell
    (``fields``: the template's own fields besides ``kolom`` and ``nilai``)."""
    positions = np.flatnonzero(flagged)
    cells = sel_excel(ind, column, positions)
    return [
        temuan(
            kode,
            berkas=berkas,
            lembar="Indikator",
            sel=cell,
            kolom=column,
            nilai=ind[column].iloc[pos],
            **fields,
        )
        for pos, cell in zip(positions, cells, strict=True)
    ]


def _ordinal(
    ind: pd.DataFrame, path: Path, berkas: str
) -> tuple[dict[str, SkalaOrdinal], list[Temuan]]:
    """The ordinal scales the indikator name, and a finding for each unknown one."""
    extra, findings = _office_scales(path, berkas)
    ordinal: dict[str, SkalaOrdinal] = {}
    for kode in sorted(set(ind["skala"].astype("str").str.strip()) - {""}):
        try:
            ordinal[kode] = load_skala_ordinal(kode, extra)
        except Exception as exc:
            findings.append(
                temuan(
                    "pk-skala-tidak-dikenal",
                    berkas=berkas,
                    lembar="Indikator",
                    kolom="skala",
                    nilai=kode,
                    alasan=str(exc),
                )
            )
    return ordinal, findings


def _office_scales(path: Path, berkas: str) -> tuple[dict[str, dict[str, float]], list[Temuan]]:
    """The office's own ordinal scales (optional sheet ``Skala``: skala, nilai, urutan)."""
    try:
        frame = read_sheet(path, "Skala")
    except InputError:
        return {}, []
    frame = frame.dropna(how="all")
    findings = cek_skala(frame, berkas)
    if findings:
        return {}, findings
    frame = frame.assign(urutan=angka_arrays(frame["urutan"]).nilai)
    out: dict[str, dict[str, float]] = {}
    for skala, group in frame.groupby("skala"):
        out[str(skala).strip()] = dict(
            zip(group["nilai"].astype(str), group["urutan"].astype(float), strict=True)
        )
    return out, []


def _describe(findings: list[Temuan], berkas: str) -> str:
    lines = [f'Perjanjian Kinerja "{berkas}" memuat {len(findings)} kesalahan:']
    lines += [f"- {t.lokasi()}: {t.pesan}" for t in findings]
    return "\n".join(lines)
