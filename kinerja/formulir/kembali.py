"""A unit's form sent back (``kinerja formulir --kembalikan``): its own values again,
with a ``Temuan`` sheet: the findings a reviewer returned to the unit (with the note and
who returned it; the caller passes them down, validasi being above formulir) and the
findings of its latest intake."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from kinerja.formulir import sumber
from kinerja.formulir.baca import Dibaca, read_form
from kinerja.formulir.gaya import SHEET_REALISASI
from kinerja.formulir.layout import canon, form_name
from kinerja.formulir.pesan import KODE
from kinerja.formulir.rumus import Rumus
from kinerja.formulir.simpan import berkas_terakhir, open_db, temuan_berkas
from kinerja.formulir.tulis import write_form
from kinerja.inti.errors import InputError, Temuan
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import PerjanjianKinerja, load_pk

__all__ = ["write_form_kembali"]


def _isian(
    dibaca: Dibaca,
) -> tuple[dict[str, dict[str, object]], dict[str, object]]:
    """What the unit entered ({kode or "anggaran:<kode>": {field: value}}) and who it was."""
    entered: dict[str, dict[str, object]] = {}
    pengisi: dict[str, object] = {}
    for lembar, _sel, _kolom, key, kode, raw, _ in dibaca.inputs:
        value = None if isinstance(raw, Rumus) or raw == "" else raw
        if not kode:
            pengisi[key] = canon(value) if value is not None else None
        elif lembar == SHEET_REALISASI:
            entered.setdefault(kode, {})[key] = value
        else:
            entered.setdefault(f"anggaran:{kode}", {})[key] = value
    return entered, pengisi


def write_form_kembali(
    kantor: Kantor,
    periode: Periode | str,
    unit: str,
    out_dir: Path,
    *,
    pk: PerjanjianKinerja | None = None,
    prefill: tuple[pd.DataFrame | None, pd.DataFrame | None] | None = None,
    dikembalikan: Sequence[Temuan] = (),
) -> Path:
    """The unit's latest received form again, with its findings on a ``Temuan`` sheet.

    ``prefill``: (realisasi, anggaran) of the earlier quarters (the reviewers' corrections
    laid over them, ``koreksi.prefill_terkoreksi``); default the submitted source.
    ``dikembalikan``: the validation findings a reviewer returned to this unit, with the
    reviewer's note in ``data`` (``validasi.ledger.dikembalikan``); listed first."""
    periode = Periode.parse(str(periode))
    pk = pk or load_pk(kantor, periode.tahun)
    the_unit = kantor.unit(unit)
    conn = open_db(kantor.path)
    try:
        row = berkas_terakhir(conn, the_unit.kode, periode.tahun, periode.tw)
        rows = temuan_berkas(conn, row["id"]) if row else []
    finally:
        conn.close()
    if row is None:
        raise InputError(
            f"Belum ada formulir {the_unit.kode} yang dihimpun untuk periode {periode}. "
            f'Himpun dulu dengan "kinerja himpun".'
        )
    found = [
        Temuan(  # as recorded at intake
            kode=r["kode"],
            tingkat=r["tingkat"],
            pesan=r["pesan"],
            berkas=r["berkas"],
            lembar=r["lembar"],
            sel=r["sel"],
            kolom=r["kolom"],
            nilai=r["nilai"],
            unit=r["unit"],
            indikator=r["indikator"],
        )
        for r in rows
    ]
    dibaca = read_form(kantor.path / row["arsip"], kantor.kode, periode, {the_unit.kode})
    entered, pengisi = _isian(dibaca)
    if prefill is not None:
        realisasi, anggaran = prefill
    else:
        try:
            realisasi, anggaran, _ = sumber.load_realisasi(kantor, periode.tahun)
        except InputError:
            realisasi = anggaran = None
    path = Path(out_dir) / form_name(the_unit, periode, "-dikembalikan")
    return write_form(
        kantor,
        pk,
        the_unit,
        periode,
        path,
        realisasi=realisasi,
        anggaran=anggaran,
        entered=entered,
        pengisi=pengisi,
        temuan=[*_di_berkas(dikembalikan, row["nama"]), *found] or _no_findings(row),
    )


def _di_berkas(dikembalikan: Sequence[Temuan], nama: str) -> list[Temuan]:
    """The returned findings; a cell is named only on the form being sent back (a finding
    about another quarter's form keeps its message, which names the triwulan)."""
    return [t if t.berkas == nama else replace(t, sel="", lembar="") for t in dikembalikan]


def _no_findings(row: sqlite3.Row) -> list[Temuan]:
    """The Temuan sheet's one line for a file without findings."""
    jenis = KODE["tanpa-temuan"]
    pesan = jenis.pesan({"berkas": row["nama"], "status": row["status"]})
    return [Temuan(kode=jenis.kode, tingkat=jenis.tingkat, pesan=pesan, berkas=row["nama"])]
