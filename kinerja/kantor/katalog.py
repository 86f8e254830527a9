"""The office folder and its configuration (``kantor.toml``): ``Kantor``, ``load_kantor``.

An office is a folder::

    <kantor>/kantor.toml                     names, officials, units, numbering, options
    <kantor>/perjanjian-kinerja-<tahun>.xlsx  PK: Sasaran, Indikator, Program (kantor.pk)
    <kantor>/realisasi-<tahun>.xlsx           (demo) realisasi per TW (kantor.realisasi)
    <kantor>/arsip/                           what kinerja records (git-ignored)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.predikat import (
    DEFAULT_SKALA,
    SkalaPredikat,
    load_skala_predikat,
    skala_predikat_dari,
    tanpa_target_dari,
)
from kinerja.kantor.skema import BATAS_UKURAN_TOML, periksa_config
from kinerja.kantor.toml_baca import baca_toml

__all__ = [
    "Kantor",
    "Pejabat",
    "Unit",
    "as_kantor",
    "load_kantor",
    "predikat_anggaran_kantor",
    "predikat_skala_kantor",
    "read_skala_predikat",
    "saran_kantor",
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

    @property
    def unit_anggaran(self) -> str | None:
        """Kode of the unit that reports realisasi anggaran: ``[formulir] unit_anggaran``
        (checked by the schema), else the unit headed by ``kasubag_pk``, else None."""
        configured = self.opsi("formulir", "unit_anggaran")
        if configured:
            return str(configured)
        return next((u.kode for u in self.units if u.kepala == "kasubag_pk"), None)

    def opsi(self, section: str, key: str, default: Any = None) -> Any:
        return self.config.get(section, {}).get(key, default)

    def pk_path(self, tahun: int) -> Path:
        return self.path / f"perjanjian-kinerja-{tahun}.xlsx"


def saran_kantor(folder: str | Path) -> str:
    """Why ``folder`` is no office and what to do, in Indonesian: a missing folder is made
    with ``kinerja init`` (``kinerja demo`` to try the sample office first)."""
    if not Path(folder).exists():
        return (
            f'Folder kantor "{folder}" tidak ada (folder kantor memuat kantor.toml). Buat kantor '
            f'baru dengan kinerja init {folder} --nama "Kecamatan …" --kabupaten "…", atau '
            "coba dulu kantor contoh dengan kinerja demo."
        )
    return (
        f'Folder "{folder}" bukan folder kantor (tidak ada kantor.toml). Tunjuk folder yang '
        "dibuat kinerja init, atau buat kantor baru dengan kinerja init DIR --nama "
        '"Kecamatan …" --kabupaten "…".'
    )


def load_kantor(path: str | Path) -> Kantor:
    """Read ``<path>/kantor.toml``; a clear Indonesian error when it is absent or broken."""
    folder = Path(path)
    file = folder / "kantor.toml"
    if not file.is_file():
        raise InputError(saran_kantor(folder))
    config = baca_toml(file, BATAS_UKURAN_TOML)
    findings = periksa_config(config)
    if findings:
        lines = [f'Berkas "{file}" memuat {len(findings)} kesalahan:']
        lines += [f"- {t.pesan}" for t in findings]
        lines.append("Perbaiki kantor.toml, lalu ulangi.")
        raise InputError("\n".join(lines), findings)
    return Kantor(path=folder.resolve(), config=config)


def _skala_tabel(table: Any, asal: str, kunci: str, lain: frozenset[str]) -> SkalaPredikat:
    """``skala = "<kode>"`` (a shipped scale) or the office's own scale in ``table``."""
    if not isinstance(table, dict):
        raise InputError(f"{asal}: [{kunci}] harus tabel (nilai: {table!r}).")
    if "skala" in table:
        own = sorted(set(table) & {"nama", "sumber", "tingkat"})
        if own:
            raise InputError(
                f"{asal}: [{kunci}] memuat skala = {table['skala']!r} sekaligus "
                f"{', '.join(own)}. Pilih satu: skala bawaan (skala) atau skala sendiri "
                f"(nama, sumber, [[{kunci}.tingkat]])."
            )
        try:
            bawaan = load_skala_predikat(str(table["skala"]))
        except UsageError as exc:  # a wrong code in the office's file is a data problem
            raise InputError(f"{asal}: [{kunci}] skala: {exc}") from exc
        tanpa = tanpa_target_dari(table, asal=asal, kunci=kunci, label=bawaan.label)
        return replace(bawaan, tanpa_target=tanpa) if tanpa else bawaan
    return skala_predikat_dari(table, asal=asal, kunci=kunci, lain=lain)


def predikat_skala_kantor(kantor: Kantor) -> SkalaPredikat:
    """The office's predikat scale: ``[predikat] skala = "<kode>"`` or its own scale."""
    table = kantor.config.get("predikat")
    if table is None or (isinstance(table, dict) and not set(table) - {"anggaran"}):
        return load_skala_predikat()
    asal = f'Berkas "{kantor.path / "kantor.toml"}"'
    if isinstance(table, dict) and not set(table) - {"anggaran", "tanpa_target"}:
        return _skala_tabel(
            {**table, "skala": DEFAULT_SKALA}, asal, "predikat", frozenset({"anggaran"})
        )  # the default scale with its label for rows without a target
    return _skala_tabel(table, asal, "predikat", frozenset({"anggaran", "skala"}))


def predikat_anggaran_kantor(kantor: Kantor) -> SkalaPredikat | None:
    """The office's budget-absorption scale (``[predikat.anggaran]``), if it has one."""
    table = kantor.config.get("predikat", {})
    if not isinstance(table, dict) or "anggaran" not in table:
        return None
    asal = f'Berkas "{kantor.path / "kantor.toml"}"'
    return _skala_tabel(table["anggaran"], asal, "predikat.anggaran", frozenset({"skala"}))


def read_skala_predikat(path: Path) -> tuple[SkalaPredikat, SkalaPredikat | None]:
    """A scale file (``kinerja hitung --skala-predikat``): nama, sumber, [[tingkat]].

    An optional ``[anggaran]`` table holds a budget-absorption scale. A missing
    file is a usage error; a broken one an input error naming the key.
    """
    if not path.is_file():
        raise UsageError(f'Berkas skala predikat "{path}" tidak ada. Tunjuk berkas .toml.')
    asal = f'Berkas skala predikat "{path.name}"'
    data = baca_toml(path, BATAS_UKURAN_TOML, "berkas skala predikat")
    skala = skala_predikat_dari(data, asal=asal, lain=frozenset({"anggaran"}))
    anggaran = None
    if "anggaran" in data:
        anggaran = _skala_tabel(data["anggaran"], asal, "anggaran", frozenset({"skala"}))
    return skala, anggaran


def as_kantor(kantor: Kantor | str | Path) -> Kantor:
    """The one Kantor coercion: a ``Kantor`` as is; a folder path is loaded from its kantor.toml."""
    return kantor if isinstance(kantor, Kantor) else load_kantor(kantor)
