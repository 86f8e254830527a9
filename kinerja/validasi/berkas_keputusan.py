"""Decisions from a TOML file (``kinerja validasi impor --berkas``, and the demo's).

The file holds ``[[keputusan]]`` tables with ``kode``, ``indikator``, ``tw``,
``keputusan``, ``oleh`` (peran), ``alasan`` and, for a correction, ``nilai_baru``;
optionally ``unit``, ``periode`` and ``waktu`` per entry. At the top, ``periode``
names the periode the file is about and ``waktu`` the moment of entries that do
not state their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kinerja.inti.errors import InputError, Temuan
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.kantor.notasi_pk import notasi_kantor
from kinerja.kantor.skema import BATAS_UKURAN_TOML
from kinerja.kantor.toml_baca import baca_toml
from kinerja.validasi.keputusan import Keputusan, nilai_koreksi
from kinerja.validasi.ledger import catat_keputusan, load_temuan, riwayat

__all__ = ["terapkan_berkas_keputusan"]


def _baca(file: Path) -> dict[str, Any]:
    if not file.is_file():
        raise InputError(f'Berkas keputusan "{file}" tidak ada. Tunjuk berkas .toml yang benar.')
    return baca_toml(file, BATAS_UKURAN_TOML, "berkas keputusan")


def _waktu(
    entry: dict[str, Any], waktu: dt.datetime | None, content: dict[str, Any], file: Path
) -> dt.datetime:
    """When an entry was decided: its own ``waktu``, else ``waktu``, else the file's."""
    for when in (entry.get("waktu"), waktu, content.get("waktu")):
        if isinstance(when, dt.datetime):
            return when
    raise InputError(
        f'Berkas keputusan "{file}": entri {entry.get("kode")} {entry.get("indikator")} tanpa '
        "waktu, dan berkas tidak menyebut waktu bawaan. Tulis waktu = "
        "YYYY-MM-DDTHH:MM:SS+07:00 di awal berkas."
    )


def _cocok(found: Iterable[Temuan], entry: dict[str, Any]) -> list[Temuan]:
    """The findings an entry names: kode + indikator, and tw and unit when it gives them."""
    return [
        t
        for t in found
        if t.kode == entry.get("kode")
        and t.indikator == str(entry.get("indikator", ""))
        and ("tw" not in entry or t.data.get("tw") == entry["tw"])
        and ("unit" not in entry or t.unit == entry["unit"])
    ]


def terapkan_berkas_keputusan(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    path: str | Path,
    waktu: dt.datetime | None = None,
) -> tuple[list[Keputusan], list[dict[str, Any]]]:
    """Record the decisions of a TOML file, matched to findings by kode + indikator + tw.

    Only entries of ``periode`` are applied (an entry's ``periode``, else the file's,
    else ``periode``). An entry is recorded at its own ``waktu``, else at ``waktu``,
    else at the file's ``waktu`` (``InputError`` when there is none). Entries are
    recorded in file order, so a later entry on the same finding revises an earlier
    one. An entry already in the ledger is not recorded again (re-running is
    harmless). Returns (recorded rows, entries that matched no finding).
    """
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    file = Path(path)
    content = _baca(file)
    periode_berkas = str(content.get("periode", p))
    found = load_temuan(k, p)
    done = {(r.temuan_id, r.keputusan, r.alasan, r.oleh_peran, r.nilai_baru) for r in riwayat(k, p)}
    dicatat: list[Keputusan] = []
    tidak_cocok: list[dict[str, Any]] = []
    for entry in content.get("keputusan", []):
        if str(entry.get("periode", periode_berkas)) != str(p):
            continue
        match = _cocok(found, entry)
        if len(match) != 1:
            tidak_cocok.append(entry)
            continue
        t = match[0]
        keputusan = str(entry.get("keputusan", ""))
        nilai = entry.get("nilai_baru")
        baru = (
            nilai_koreksi(t, str(nilai), notasi_kantor(k.config))
            if keputusan == "koreksi" and nilai is not None
            else None
        )
        alasan = str(entry.get("alasan", "")).strip()
        peran = str(entry.get("oleh", ""))
        if (t.data["id"], keputusan, alasan, peran, baru) in done:
            continue  # recorded by an earlier run
        dicatat.append(
            catat_keputusan(
                k,
                p,
                t,
                keputusan,
                peran=peran,
                alasan=alasan,
                waktu=_waktu(entry, waktu, content, file),
                nilai_baru=None if nilai is None else str(nilai),
            )
        )
    return dicatat, tidak_cocok
