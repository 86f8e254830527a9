"""Intake of returned forms (SOP step 3): read, check, keep, and store the accepted values.

``himpun(kantor, periode, paths)`` reads every file once (``baca``), runs
the value checks over all files together (vectorized pandas), decides per file
(accepted or rejected as a whole), archives every file it received, and records
files, values (with file, sheet, cell, hash and time) and findings in the
office database (``simpan``). ``load_realisasi`` gives the accepted, current
values back to ``sumber.load_realisasi``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kinerja.berkas.atomic import hapus
from kinerja.catatan.db import titik
from kinerja.formulir.baca import Dibaca, read_form
from kinerja.formulir.cek import Findings, check_values
from kinerja.formulir.kunci import kunci_himpun
from kinerja.formulir.pesan import temuan
from kinerja.formulir.simpan import (
    KOLOM_TEMUAN,
    archive_file,
    diterima_sebelumnya,
    open_db,
    read_values,
    store,
)
from kinerja.inti.errors import Temuan, UsageError
from kinerja.inti.kelengkapan import kelengkapan, ringkasan
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import WIB
from kinerja.inti.tingkat import DIPUTUS_SAAT_VALIDASI
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.notasi_pk import notasi_kantor
from kinerja.kantor.peran import penerima_formulir
from kinerja.kantor.pk import PerjanjianKinerja, load_pk

__all__ = [
    "BerkasHimpun",
    "HasilHimpun",
    "himpun",
    "load_realisasi",
]


@dataclass(frozen=True)
class BerkasHimpun:
    """One received file: ``status`` is ``diterima``, ``ditolak`` or ``duplikat``."""

    nama: str
    path: Path
    unit: str
    status: str
    baris: int
    sha256: str
    temuan: tuple[Temuan, ...] = ()
    arsip: Path | None = None

    def as_json(self) -> dict[str, Any]:
        """The file as the ``--laporan-json`` document lists it."""
        return {
            "nama": self.nama,
            "unit": self.unit,
            "status": self.status,
            "baris": self.baris,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class HasilHimpun:
    """The outcome of one intake: files, all findings, completeness (long frame)."""

    kantor: str
    periode: Periode
    berkas: tuple[BerkasHimpun, ...]
    temuan: tuple[Temuan, ...]
    kelengkapan: pd.DataFrame = field(repr=False)

    @property
    def ada_ditolak(self) -> bool:
        """True when any file was refused."""
        return any(b.status == "ditolak" for b in self.berkas)

    @property
    def exit_code(self) -> int:
        """0 when every file was accepted without a KESALAHAN (warnings allowed), 1 when any
        was rejected or keeps a KESALAHAN that validation will block on."""
        return 1 if self.ada_ditolak or any(t.is_error for t in self.temuan) else 0

    def laporan(self) -> dict[str, Any]:
        """The ``--laporan-json`` document."""
        keys = ("kode", "tingkat", "berkas", "lembar", "sel", "kolom", "nilai", "pesan")
        return {
            "berkas": [b.as_json() for b in self.berkas],
            "temuan": [{k: getattr(t, k) for k in keys} for t in self.temuan],
            "kelengkapan": ringkasan(self.kelengkapan, self.periode),
        }


def load_realisasi(kantor: Kantor, tahun: int) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """(realisasi_long, anggaran_long) accepted and current for ``tahun``; None if none taken in.

    realisasi_long: kode, tw, realisasi (number, or the label of a qualitative
    indicator, None when the unit left it empty), kendala, tindak_lanjut,
    bukti_dukung, unit, and where it came from: berkas, lembar, sel, sha256, waktu.
    """
    return read_values(kantor.path, tahun)


# ---------------------------------------------------------------------------------------------
# the intake


_CORRECTION = re.compile(r"-(perbaikan|dikembalikan)(-?[0-9]+)?(?=\.[^.]*$)", re.IGNORECASE)


def _reading_order(path: Path) -> tuple[str, bool, str]:
    """Name order, a corrected version (``…-perbaikan.xlsx``) right after its original."""
    base = _CORRECTION.sub("", path.name)
    return (base.casefold(), base != path.name, path.name.casefold())


def _resolve(paths: Sequence[Path | str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            inside = [q for q in p.iterdir() if q.is_file() and not q.name.startswith(".")]
            files += sorted(inside, key=_reading_order)
        elif p.is_file():
            files.append(p)
        else:
            raise UsageError(f'Berkas "{p}" tidak ditemukan. Sebutkan berkas formulir yang ada.')
    if not files:
        raise UsageError("Tidak ada berkas untuk dihimpun. Sebutkan berkas formulir .xlsx.")
    return files


def _duplikat(files: list[Dibaca], out: Findings) -> tuple[dict[int, str], dict[str, int]]:
    """(status of the files that repeat an earlier one's content, first file per sha256)."""
    status: dict[int, str] = {}
    first: dict[str, int] = {}
    for i, d in enumerate(files):
        if d.sha256 in first:
            status[i] = "duplikat"
            out.items.append(
                (i, temuan("berkas-ganda", berkas=d.nama, nilai=files[first[d.sha256]].nama))
            )
        else:
            first[d.sha256] = i
    return status, first


def _formulir_ganda(
    files: list[Dibaca], live: list[int], errors: set[int], periode: Periode, out: Findings
) -> None:
    """Two different acceptable forms of one unit: both refused (added to ``errors``)."""
    candidates = [i for i in live if i not in errors and files[i].usable]
    by_unit: dict[str, list[int]] = {}
    for i in candidates:
        by_unit.setdefault(files[i].unit, []).append(i)
    for unit, group in by_unit.items():
        if len(group) > 1:
            names = ", ".join(f'"{files[i].nama}"' for i in group)
            for i in group:
                item = temuan(
                    "formulir-ganda",
                    berkas=files[i].nama,
                    nilai=unit,
                    unit=unit,
                    n=len(group),
                    detail=names,
                    periode=str(periode),
                )
                out.items.append((i, item))
                errors.add(i)


def himpun(
    kantor: Kantor,
    periode: Periode | str,
    paths: Sequence[Path | str],
    *,
    pk: PerjanjianKinerja | None = None,
    waktu: dt.datetime | None = None,
) -> HasilHimpun:
    """Take in the returned forms ``paths`` (files or folders) for ``periode``.

    Every file is archived and recorded; the values of accepted files are stored
    and supersede the unit's earlier form for the quarter. ``waktu`` is the
    intake time recorded (default: now, WIB).
    """
    periode = Periode.parse(str(periode))
    pk = pk or load_pk(kantor, periode.tahun)
    stamp = (waktu or dt.datetime.now(WIB)).isoformat(timespec="seconds")
    units = {u.kode for u in kantor.units}
    penerima = penerima_formulir(kantor)
    files = [read_form(p, kantor.kode, periode, units, penerima=penerima) for p in _resolve(paths)]
    out = Findings(files, periode)
    status, first = _duplikat(files, out)
    with kunci_himpun(kantor.path):
        arsip = _catat(kantor, periode, stamp, files, pk, out, status, first)

    by_file: dict[int, list[Temuan]] = {}
    for i, t in out.items:
        by_file.setdefault(i, []).append(t)
    berkas = tuple(
        BerkasHimpun(
            nama=d.nama,
            path=d.path,
            unit=d.unit or _guess_unit(d.nama, units),
            status=status[i],
            baris=d.baris,
            sha256=d.sha256,
            temuan=tuple(by_file.get(i, [])),
            arsip=arsip.get(i) or arsip.get(first[d.sha256]),
        )
        for i, d in enumerate(files)
    )
    values = read_values(kantor.path, periode.tahun)
    long = kelengkapan(pk.indikator, values[0] if values else None, periode)
    ordered = tuple(t for b in berkas for t in b.temuan)
    return HasilHimpun(kantor.nama, periode, berkas, ordered, long)


def _catat(
    kantor: Kantor,
    periode: Periode,
    stamp: str,
    files: list[Dibaca],
    pk: PerjanjianKinerja,
    out: Findings,
    status: dict[int, str],
    first: dict[str, int],
) -> dict[int, Path]:
    """Check against what was recorded before, archive and record (under the intake lock).

    Temp files of a killed intake (``arsip/masuk/<periode>/.*.tmp``) are removed first:
    every intake writes there under the lock, so no live one owns them.
    """
    hapus((kantor.path / "arsip" / "masuk" / str(periode)).glob(".*.tmp"))
    conn = open_db(kantor.path)
    try:
        known = diterima_sebelumnya(conn, list(first), periode.tahun, periode.tw)
        for sha, i in first.items():
            if sha in known:
                status[i] = "duplikat"
                out.items.append(
                    (i, temuan("berkas-sudah-dihimpun", berkas=files[i].nama, nilai=known[sha]))
                )
        live = [i for i in range(len(files)) if i not in status]
        for i in live:
            out.items += [(i, t) for t in files[i].temuan]
        realisasi, anggaran = check_values(files, live, pk, out, notasi_kantor(kantor.config))
        errors = {i for i, t in out.items if t.is_error and t.kode not in DIPUTUS_SAAT_VALIDASI}
        _formulir_ganda(files, live, errors, periode, out)
        for i in live:
            status[i] = "ditolak" if (i in errors or not files[i].usable) else "diterima"

        arsip = {
            i: archive_file(kantor.path, str(periode), files[i].sha256, files[i].data)
            for i in first.values()
        }
        titik("himpun.diarsipkan")
        accepted = [i for i in live if status[i] == "diterima"]
        records = [_record(files[i], i, status[i], arsip[i], kantor, periode) for i in live]
        found = pd.DataFrame(
            [(i, *_temuan_row(t)) for i, t in out.items if i in live],
            columns=["i", *KOLOM_TEMUAN],
        )
        store(
            conn,
            str(periode),
            stamp,
            records,
            realisasi[realisasi["i"].isin(accepted)].assign(tw=periode.tw),
            anggaran[anggaran["i"].isin(accepted)].assign(tw=periode.tw),
            found,
        )
    finally:
        conn.close()
    return arsip


def _temuan_row(t: Temuan) -> tuple:
    return tuple(getattr(t, k) for k in KOLOM_TEMUAN)


def _guess_unit(nama: str, units: set[str]) -> str:
    """A file that could not be read: the unit from a name like ``Formulir-KESOS-…``."""
    parts = nama.split("-")
    return parts[1] if len(parts) > 1 and parts[0] == "Formulir" and parts[1] in units else ""


def _record(d: Dibaca, i: int, status: str, arsip: Path, kantor: Kantor, periode: Periode) -> dict:
    pengisi = d.meta.get("_pengisi", {}) if d.meta else {}
    return {
        "i": i,
        "nama": d.nama,
        "sha256": d.sha256,
        "ukuran": d.ukuran,
        "arsip": str(arsip.relative_to(kantor.path)),
        "tahun": periode.tahun,
        "tw": periode.tw,
        "unit": d.unit,
        "form_id": d.meta.get("form_id", ""),
        "status": status,
        "baris": d.baris,
        "pengisi": pengisi.get("pengisi", ""),
        "jabatan_pengisi": pengisi.get("jabatan_pengisi", ""),
        "tanggal_pengisian": pengisi.get("tanggal_pengisian", ""),
    }
