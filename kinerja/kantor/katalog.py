"""The office folder: its configuration (``kantor.toml``) and Perjanjian Kinerja workbook.

An office is a folder::

    <kantor>/kantor.toml                     names, officials, units, numbering, options
    <kantor>/perjanjian-kinerja-<tahun>.xlsx  PK: Sasaran, Indikator, Program, Skala
    <kantor>/realisasi-<tahun>.xlsx           (demo) realisasi and anggaran per TW
    <kantor>/arsip/                           what kinerja records (git-ignored)

Problems in the PK are collected as findings and raised together as one
``InputError`` naming sheet, cell and column, in Indonesian.
"""

from __future__ import annotations

import tomllib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.errors import ERROR, InputError, Temuan
from kinerja.inti.model import (
    INDIKATOR_COLUMNS,
    JENIS_PERIODE,
    JENIS_TARGET,
    POLARITAS,
    RUMUS_NEGATIF,
)
from kinerja.inti.predikat import SkalaOrdinal, load_skala_ordinal, load_skala_predikat

__all__ = [
    "Kantor",
    "as_kantor",
    "Pejabat",
    "PerjanjianKinerja",
    "Unit",
    "load_kantor",
    "load_pk",
    "load_realisasi_table",
    "read_sheet",
]


@dataclass(frozen=True)
class Pejabat:
    """An official: name with titles (capitals), NIP, pangkat and golongan, jabatan."""

    peran: str  # camat | sekcam | kasubag_pk | kasubag_umum | kasi_… (configuration)
    nama: str
    nip: str
    pangkat: str
    golongan: str
    jabatan: str

    @property
    def pangkat_golongan(self) -> str:
        return f"{self.pangkat} ({self.golongan})"


@dataclass(frozen=True)
class Unit:
    """A unit that fills a form: sekretariat, subbagian or seksi."""

    kode: str
    nama: str
    jenis: str
    kepala: str  # peran of its head


@dataclass(frozen=True)
class Kantor:
    """An office folder and its configuration (``kantor.toml``)."""

    path: Path
    config: dict[str, Any] = field(repr=False)

    @property
    def kode(self) -> str:
        return str(self.config["kantor"]["kode"])

    @property
    def nama(self) -> str:
        return str(self.config["kantor"]["nama"])

    @property
    def arsip(self) -> Path:
        return self.path / "arsip"

    @property
    def pejabat(self) -> dict[str, Pejabat]:
        return {
            p["peran"]: Pejabat(
                peran=p["peran"],
                nama=p["nama"],
                nip=str(p["nip"]),
                pangkat=p["pangkat"],
                golongan=p["golongan"],
                jabatan=p["jabatan"],
            )
            for p in self.config.get("pejabat", [])
        }

    @property
    def units(self) -> list[Unit]:
        return [
            Unit(kode=u["kode"], nama=u["nama"], jenis=u["jenis"], kepala=u.get("kepala", ""))
            for u in self.config.get("unit", [])
        ]

    def unit(self, kode: str) -> Unit:
        for u in self.units:
            if u.kode.casefold() == kode.casefold():
                return u
        known = ", ".join(u.kode for u in self.units)
        raise InputError(f'Unit "{kode}" tidak ada di kantor.toml. Unit yang ada: {known}.')

    def opsi(self, section: str, key: str, default: Any = None) -> Any:
        return self.config.get(section, {}).get(key, default)

    def pk_path(self, tahun: int) -> Path:
        return self.path / f"perjanjian-kinerja-{tahun}.xlsx"


def load_kantor(path: str | Path) -> Kantor:
    """Read ``<path>/kantor.toml``; a clear Indonesian error when it is absent or broken."""
    folder = Path(path)
    file = folder / "kantor.toml"
    if not file.is_file():
        raise InputError(
            f'Folder kantor "{folder}" tidak memuat kantor.toml. '
            "Tunjuk folder kantor yang benar, misalnya data/linggo-sari-baganti."
        )
    try:
        config = tomllib.loads(file.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f'Berkas "{file}" tidak dapat dibaca: {exc}. Perbaiki isinya.') from exc
    for key in ("kantor", "pejabat", "unit"):
        if key not in config:
            raise InputError(f'Berkas "{file}" tidak memuat bagian [{key}].')
    return Kantor(path=folder.resolve(), config=config)


def read_sheet(path: Path, sheet: str) -> pd.DataFrame:
    """One sheet as text cells (header row 1), read with calamine.

    Translates a non-xlsx, damaged or sheet-less workbook into ``InputError``.
    """
    try:
        frame = pd.read_excel(path, sheet_name=sheet, engine="calamine", dtype=object)
    except FileNotFoundError as exc:
        raise InputError(f'Berkas "{path}" tidak ditemukan.') from exc
    except ValueError as exc:
        if "not found" in str(exc).casefold() or "worksheet" in str(exc).casefold():
            raise InputError(
                f'Berkas "{path.name}" tidak memiliki lembar "{sheet}". Jangan ganti nama lembar.'
            ) from exc
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah: {exc}') from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah atau rusak.') from exc
    except Exception as exc:  # calamine's own error types are not exported
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah atau rusak: {exc}') from exc
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    return frame


@dataclass(frozen=True)
class PerjanjianKinerja:
    """The PK of one year: indikator (``model.INDIKATOR_COLUMNS``), program, scales."""

    tahun: int
    indikator: pd.DataFrame
    program: pd.DataFrame
    ordinal: dict[str, SkalaOrdinal]
    sumber: str = ""

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


def _excel_cell(frame: pd.DataFrame, column: str, row_positions: np.ndarray) -> list[str]:
    from openpyxl.utils import get_column_letter  # only for naming cells

    col = get_column_letter(list(frame.columns).index(column) + 1)
    return [f"{col}{i + 2}" for i in row_positions]


def _check_choice(
    frame: pd.DataFrame, column: str, allowed: tuple[str, ...], berkas: str, sheet: str
) -> list[Temuan]:
    values = frame[column].astype("str").str.strip()
    bad = ~values.isin(allowed) & frame[column].notna()
    if column in ("polaritas", "jenis_periode"):
        bad |= frame[column].isna()
    positions = np.flatnonzero(bad.to_numpy())
    cells = _excel_cell(frame, column, positions)
    return [
        Temuan(
            kode=f"pk-{column.replace('_', '-')}-salah",
            tingkat=ERROR,
            pesan=f'{column} "{frame[column].iloc[i]}" tidak dikenal. '
            f"Pilih salah satu: {', '.join(allowed)}.",
            berkas=berkas,
            lembar=sheet,
            sel=cell,
            kolom=column,
            nilai=str(frame[column].iloc[i]),
        )
        for i, cell in zip(positions, cells, strict=True)
    ]


def _as_bool(s: pd.Series, default: bool) -> pd.Series:
    text = s.astype("str").str.strip().str.casefold()
    truthy = text.isin(["ya", "y", "true", "1", "benar", "iku", "wajib"])
    return truthy.where(s.notna(), default).astype(bool)


def load_pk(kantor: Kantor, tahun: int, path: Path | None = None) -> PerjanjianKinerja:
    """Read and check the PK workbook of ``tahun`` for ``kantor``."""
    path = path or kantor.pk_path(tahun)
    berkas = path.name
    sasaran = read_sheet(path, "Sasaran")
    ind = read_sheet(path, "Indikator")
    program = read_sheet(path, "Program")
    findings: list[Temuan] = []

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

    findings += _check_choice(ind, "polaritas", POLARITAS, berkas, "Indikator")
    findings += _check_choice(ind, "jenis_periode", JENIS_PERIODE, berkas, "Indikator")
    findings += _check_choice(ind, "jenis_target", (*JENIS_TARGET, ""), berkas, "Indikator")
    findings += _check_choice(ind, "rumus_negatif", RUMUS_NEGATIF, berkas, "Indikator")
    dup = ind["kode"].duplicated(keep="first") & ind["kode"].ne("")
    for pos, cell in zip(
        np.flatnonzero(dup), _excel_cell(ind, "kode", np.flatnonzero(dup)), strict=True
    ):
        findings.append(
            Temuan(
                kode="pk-kode-ganda",
                tingkat=ERROR,
                pesan=f'Kode indikator "{ind["kode"].iloc[pos]}" dipakai lebih dari sekali. '
                "Beri setiap indikator kode yang unik.",
                berkas=berkas,
                lembar="Indikator",
                sel=cell,
                kolom="kode",
                nilai=str(ind["kode"].iloc[pos]),
            )
        )
    units = {u.kode for u in kantor.units}
    unknown_unit = ~ind["unit"].isin(units)
    for pos, cell in zip(
        np.flatnonzero(unknown_unit),
        _excel_cell(ind, "unit", np.flatnonzero(unknown_unit)),
        strict=True,
    ):
        findings.append(
            Temuan(
                kode="pk-unit-tidak-dikenal",
                tingkat=ERROR,
                pesan=f'Unit "{ind["unit"].iloc[pos]}" tidak ada di kantor.toml '
                f"({', '.join(sorted(units))}).",
                berkas=berkas,
                lembar="Indikator",
                sel=cell,
                kolom="unit",
                nilai=str(ind["unit"].iloc[pos]),
            )
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
    no_sasaran = ind["sasaran"].isna()
    for pos, cell in zip(
        np.flatnonzero(no_sasaran),
        _excel_cell(ind, "sasaran_kode", np.flatnonzero(no_sasaran)),
        strict=True,
    ):
        findings.append(
            Temuan(
                kode="pk-sasaran-tidak-dikenal",
                tingkat=ERROR,
                pesan=f'Sasaran "{ind["sasaran_kode"].iloc[pos]}" tidak ada di lembar "Sasaran".',
                berkas=berkas,
                lembar="Indikator",
                sel=cell,
                kolom="sasaran_kode",
                nilai=str(ind["sasaran_kode"].iloc[pos]),
            )
        )

    extra = _office_scales(path)
    ordinal = {}
    for kode in sorted(set(ind["skala"].astype("str").str.strip()) - {""}):
        try:
            ordinal[kode] = load_skala_ordinal(kode, extra)
        except Exception as exc:
            findings.append(
                Temuan(
                    kode="pk-skala-tidak-dikenal",
                    tingkat=ERROR,
                    pesan=str(exc),
                    berkas=berkas,
                    lembar="Indikator",
                    kolom="skala",
                    nilai=kode,
                )
            )
    if findings:
        raise InputError(_describe(findings, berkas), findings)

    program = program.dropna(how="all")
    program["pagu"] = pd.to_numeric(program["pagu"], errors="coerce")
    for col in ("kode", "program", "sasaran_kode", "unit"):
        program[col] = program[col].astype("str").str.strip()
    columns = [c for c in INDIKATOR_COLUMNS if c in ind.columns]
    indikator = ind[columns].reset_index(drop=True)
    return PerjanjianKinerja(tahun, indikator, program.reset_index(drop=True), ordinal, berkas)


def _office_scales(path: Path) -> dict[str, dict[str, float]]:
    """The office's own ordinal scales (optional sheet ``Skala``: skala, nilai, urutan)."""
    try:
        frame = read_sheet(path, "Skala")
    except InputError:
        return {}
    frame = frame.dropna(how="all")
    out: dict[str, dict[str, float]] = {}
    for skala, group in frame.groupby("skala"):
        out[str(skala).strip()] = dict(
            zip(group["nilai"].astype(str), group["urutan"].astype(float), strict=True)
        )
    return out


def _describe(findings: list[Temuan], berkas: str) -> str:
    lines = [f'Perjanjian Kinerja "{berkas}" memuat {len(findings)} kesalahan:']
    lines += [f"- {t.lokasi()}: {t.pesan}" for t in findings]
    return "\n".join(lines)


def load_realisasi_table(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A realisasi workbook (sheets ``Realisasi`` and ``Anggaran``) as two long frames."""
    realisasi = read_sheet(path, "Realisasi").dropna(how="all")
    anggaran = read_sheet(path, "Anggaran").dropna(how="all")
    realisasi["kode"] = realisasi["kode"].astype("str").str.strip()
    realisasi["tw"] = pd.to_numeric(realisasi["tw"]).astype(int)
    for col in ("kendala", "tindak_lanjut", "bukti_dukung"):
        if col not in realisasi.columns:
            realisasi[col] = ""
        realisasi[col] = realisasi[col].fillna("").astype("str")
    anggaran["kode"] = anggaran["kode"].astype("str").str.strip()
    anggaran["tw"] = pd.to_numeric(anggaran["tw"]).astype(int)
    anggaran["realisasi_anggaran"] = pd.to_numeric(anggaran["realisasi_anggaran"])
    return realisasi.reset_index(drop=True), anggaran.reset_index(drop=True)


def predikat_skala_kantor(kantor: Kantor):
    """The predikat scale the office uses (``[predikat] skala``)."""
    return load_skala_predikat(kantor.opsi("predikat", "skala", "permendagri-86-2017"))


def as_kantor(kantor: Kantor | str | Path) -> Kantor:
    """The one Kantor coercion: a ``Kantor`` as is; a folder path is loaded from its kantor.toml."""
    return kantor if isinstance(kantor, Kantor) else load_kantor(kantor)
