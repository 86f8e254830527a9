"""The review ledger: reviewers' decisions on findings, kept in the office database.

SOP steps 7–9: the Kasi validates, the Kasubag Perencanaan dan Keuangan reviews, the
Camat corrects. Every decision is one row of ``ledger_keputusan`` (who, role, when,
finding, decision, old value, new value, reason; ``keputusan.Keputusan``). Rows are
never updated or deleted (SQLite triggers refuse it): a revised decision is a new
row that names the row it supersedes, and the latest row per finding is the one in
force. A correction is laid over the submitted values by ``koreksi``; decisions
from a file are recorded by ``berkas_keputusan``.

While an error-level finding is ``terbuka`` or ``dikembalikan``,
:func:`ada_error_terbuka` is true: the document is a DRAF and the SOP cannot pass
step 7.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from kinerja.catatan import db
from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.errors import ERROR, Temuan, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import ukur
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, Pejabat, as_kantor, predikat_skala_kantor
from kinerja.kantor.notasi_pk import notasi_kantor
from kinerja.kantor.pk import PerjanjianKinerja, load_pk
from kinerja.validasi.aturan import periksa, urutkan
from kinerja.validasi.keputusan import (
    KEPUTUSAN,
    KOLOM_KOREKSI,
    Keputusan,
    TemuanDitinjau,
    nilai_koreksi,
)
from kinerja.validasi.koreksi_nilai import (
    koreksi_tahun,
    sama_nilai,
    terapkan_koreksi,
)
from kinerja.validasi.lokasi import di_formulir
from kinerja.validasi.opsi import opsi_validasi
from kinerja.validasi.pesan import judul_temuan, saran_unit

__all__ = [
    "MIGRASI",
    "ada_error_terbuka",
    "catat_keputusan",
    "dikembalikan",
    "keputusan_berlaku",
    "load_temuan",
    "riwayat",
    "temuan_terbuka",
    "tinjauan",
]

MIGRASI = [
    """
CREATE TABLE ledger_keputusan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    periode TEXT NOT NULL,
    temuan_id TEXT NOT NULL,
    kode TEXT NOT NULL,
    tingkat TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    indikator TEXT NOT NULL DEFAULT '',
    tw INTEGER,
    kolom TEXT NOT NULL DEFAULT '',
    pesan TEXT NOT NULL DEFAULT '',
    keputusan TEXT NOT NULL CHECK (keputusan IN ('terima', 'koreksi', 'kembalikan')),
    nilai_lama TEXT NOT NULL DEFAULT '',
    nilai_baru TEXT,
    alasan TEXT NOT NULL CHECK (length(trim(alasan)) > 0),
    oleh_nama TEXT NOT NULL,
    oleh_peran TEXT NOT NULL,
    oleh_jabatan TEXT NOT NULL DEFAULT '',
    waktu TEXT NOT NULL,
    menggantikan INTEGER REFERENCES ledger_keputusan (id)
);
CREATE INDEX ledger_keputusan_temuan ON ledger_keputusan (periode, temuan_id, id);
CREATE TRIGGER ledger_keputusan_tanpa_ubah BEFORE UPDATE ON ledger_keputusan BEGIN SELECT RAISE(ABORT, 'buku keputusan hanya boleh bertambah'); END;
CREATE TRIGGER ledger_keputusan_tanpa_hapus BEFORE DELETE ON ledger_keputusan BEGIN SELECT RAISE(ABORT, 'buku keputusan hanya boleh bertambah'); END
"""
]


# --------------------------------------------------------------------------------------------
# Findings of a periode (adapter: reads the office's PK and realisasi)


def load_temuan(kantor: Kantor | str | Path, periode: Periode | str) -> list[Temuan]:
    """Run the validation rules on the office's PK and realisasi for ``periode``.

    The rules judge the value in force: the unit's submitted value with the reviewers'
    corrections laid over it (this periode's review and the year's earlier ones, which
    belong to the value). A finding this periode's review decided by a correction is
    kept as computed on the value it corrected (shown as dikoreksi); any other finding of
    that stale value is gone. A finding the corrected value raises is a new finding.
    """
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    pk = load_pk(k, p.tahun)
    realisasi, anggaran, sumber = load_realisasi(k, p.tahun)
    if "berkas" not in realisasi.columns:
        realisasi = realisasi.assign(berkas=sumber, lembar="Realisasi")
    berlaku = koreksi_tahun(k.path, p)
    kini = {kor.temuan_id for kor in berlaku if kor.periode == str(p)}
    found = _periksa(k, p, pk, terapkan_koreksi(realisasi, berlaku), anggaran)
    if not kini:
        return found
    sebelum = [kor for kor in berlaku if kor.periode != str(p)]
    ada = {t.data["id"] for t in found}
    dikoreksi = [
        t
        for t in _periksa(k, p, pk, terapkan_koreksi(realisasi, sebelum), anggaran)
        if t.data["id"] in kini and t.data["id"] not in ada
    ]
    return urutkan([*found, *dikoreksi])


def _periksa(
    k: Kantor, p: Periode, pk: PerjanjianKinerja, realisasi: pd.DataFrame, anggaran: pd.DataFrame
) -> list[Temuan]:
    """The rules on one realisasi frame (corrections already laid over it), each finding
    placed on the cell of its own field of the unit's form."""
    hasil = ukur(pk.indikator, realisasi, p, skala=predikat_skala_kantor(k), ordinal=pk.ordinal)
    found = periksa(
        pk.indikator,
        realisasi,
        p,
        program=pk.program,
        pejabat=k.pejabat.values(),
        opsi=opsi_validasi(k.config),
        ordinal=pk.ordinal,
        pengukuran=hasil,
        berkas_pk=pk.sumber,
        anggaran=anggaran,
        unit_anggaran=k.unit_anggaran,
    )
    return di_formulir(found, pk.indikator, p.tahun)


# --------------------------------------------------------------------------------------------
# The ledger


def _connect(k: Kantor) -> sqlite3.Connection:
    conn = db.connect(k.path)
    db.ensure_schema(conn, "ledger", MIGRASI)
    return conn


def _row(r: Any) -> Keputusan:
    return Keputusan(**{name: r[name] for name in Keputusan.__dataclass_fields__})


def riwayat(
    kantor: Kantor | str | Path, periode: Periode | str, temuan_id: str | None = None
) -> list[Keputusan]:
    """Every ledger row of ``periode`` (optionally of one finding), oldest first."""
    k = as_kantor(kantor)
    if not db.db_path(k.path).is_file():
        return []  # nothing recorded yet: reading creates no database
    sql = "SELECT * FROM ledger_keputusan WHERE periode = ?"
    args: list[Any] = [str(Periode.parse(periode))]
    if temuan_id:
        sql += " AND temuan_id = ?"
        args.append(temuan_id)
    conn = _connect(k)
    try:
        return [_row(r) for r in conn.execute(sql + " ORDER BY id", args)]
    finally:
        conn.close()


def keputusan_berlaku(kantor: Kantor | str | Path, periode: Periode | str) -> dict[str, Keputusan]:
    """The decision in force per finding id (the latest row)."""
    return {r.temuan_id: r for r in riwayat(kantor, periode)}


def _periksa_keputusan(
    k: Kantor,
    p: str,
    temuan: Temuan,
    keputusan: str,
    peran: str,
    alasan: str,
    nilai_baru: str | float | None,
) -> tuple[Pejabat, str, str | None]:
    """(official, reason, canonical corrected value) of a decision that may be recorded."""
    if keputusan not in KEPUTUSAN:
        raise UsageError(f'Keputusan "{keputusan}" tidak dikenal. Pilih: {", ".join(KEPUTUSAN)}.')
    pejabat = k.pejabat.get(peran)
    if pejabat is None:
        raise UsageError(
            f'Peran "{peran}" tidak ada di [[pejabat]] kantor.toml. Pilih: {", ".join(k.pejabat)}.'
        )
    alasan = (alasan or "").strip()
    if not alasan:
        raise UsageError("Tulis alasan (atau catatan untuk unit) untuk setiap keputusan.")
    if temuan.periode and temuan.periode != p:
        raise UsageError(f"Temuan ini milik periode {temuan.periode}, bukan {p}.")
    if keputusan != "koreksi":
        if nilai_baru not in (None, ""):
            raise UsageError("Nilai baru hanya diisi untuk keputusan koreksi.")
        return pejabat, alasan, None
    if temuan.kolom not in KOLOM_KOREKSI or not temuan.indikator or not temuan.data.get("tw"):
        raise UsageError(
            f'Temuan "{judul_temuan(temuan.kode)}" tidak dapat dikoreksi di sini: perbaiki '
            f"sumbernya ({temuan.berkas or 'berkas kantor'}), lalu terima atau kembalikan temuan ini."
        )
    if nilai_baru is None or not str(nilai_baru).strip():
        raise UsageError("Koreksi memerlukan nilai baru.")
    return pejabat, alasan, nilai_koreksi(temuan, str(nilai_baru), notasi_kantor(k.config))


def catat_keputusan(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    temuan: Temuan,
    keputusan: str,
    *,
    peran: str,
    alasan: str,
    waktu: dt.datetime,
    nilai_baru: str | float | None = None,
) -> Keputusan:
    """Record a decision on ``temuan`` by the official ``peran`` at ``waktu``.

    ``koreksi`` needs ``nilai_baru`` and a correctable column (realisasi or bukti
    dukung); every decision needs a reason. A second decision on the same finding
    supersedes the first; both rows stay. Raises ``UsageError`` (Indonesian).
    """
    k = as_kantor(kantor)
    p = str(Periode.parse(periode))
    pejabat, alasan, baru = _periksa_keputusan(k, p, temuan, keputusan, peran, alasan, nilai_baru)
    when = waktu if waktu.tzinfo else waktu.replace(tzinfo=WIB)
    ident = str(temuan.data["id"])
    conn = _connect(k)
    try:
        with db.immediate(conn):
            prev = conn.execute(
                "SELECT id FROM ledger_keputusan WHERE periode = ? AND temuan_id = ? "
                "ORDER BY id DESC LIMIT 1",
                (p, ident),
            ).fetchone()
            cur = conn.execute(
                "INSERT INTO ledger_keputusan (periode, temuan_id, kode, tingkat, unit, "
                "indikator, tw, kolom, pesan, keputusan, nilai_lama, nilai_baru, alasan, "
                "oleh_nama, oleh_peran, oleh_jabatan, waktu, menggantikan) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    p,
                    ident,
                    temuan.kode,
                    temuan.tingkat,
                    temuan.unit,
                    temuan.indikator,
                    temuan.data.get("tw"),
                    temuan.kolom,
                    temuan.pesan,
                    keputusan,
                    temuan.nilai,
                    baru,
                    alasan,
                    pejabat.nama,
                    pejabat.peran,
                    pejabat.jabatan,
                    when.isoformat(timespec="seconds"),
                    prev["id"] if prev else None,
                ),
            )
            row = conn.execute(
                "SELECT * FROM ledger_keputusan WHERE id = ?", (cur.lastrowid,)
            ).fetchone()
        return _row(row)
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------
# Findings with their decisions


def tinjauan(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    temuan: list[Temuan] | None = None,
) -> list[TemuanDitinjau]:
    """Each finding of ``periode`` with the decision in force (``temuan`` to skip re-checking)."""
    k = as_kantor(kantor)
    found = load_temuan(k, periode) if temuan is None else temuan
    rows = riwayat(k, periode)
    berlaku = {r.temuan_id: r for r in rows}
    versi = pd.Series([r.temuan_id for r in rows], dtype=object).value_counts().to_dict()
    return [
        TemuanDitinjau(t, _masih(berlaku.get(t.data["id"]), t), int(versi.get(t.data["id"], 0)))
        for t in found
    ]


def _masih(k: Keputusan | None, t: Temuan) -> Keputusan | None:
    """The decision, unless it corrected a value the unit has since resubmitted otherwise."""
    if k is not None and k.keputusan == "koreksi" and not sama_nilai(k.nilai_lama, t.nilai):
        return None  # superseded by the resubmission: the finding is open again
    return k


def temuan_terbuka(kantor: Kantor | str | Path, periode: Periode | str) -> list[Temuan]:
    """Findings not resolved yet: no decision, or returned to the unit."""
    return [d.temuan for d in tinjauan(kantor, periode) if d.terbuka]


def ada_error_terbuka(kantor: Kantor | str | Path, periode: Periode | str) -> bool:
    """True while an error-level finding is unresolved (document = DRAF, SOP stays at 7)."""
    return any(d.terbuka and d.temuan.tingkat == ERROR for d in tinjauan(kantor, periode))


def dikembalikan(kantor: Kantor | str | Path, periode: Periode | str, unit: str) -> list[Temuan]:
    """Findings of ``unit`` returned to it (``kinerja formulir --kembalikan``).

    Each carries its title (``data["judul"]``), the advice to the unit
    (``data["saran_unit"]``), the reviewer's note in
    ``data["catatan_pengembalian"]`` and who returned it, when, so the returned form's
    Temuan sheet can show them (``formulir.lembar.write_temuan``). Without such a
    decision in the ledger the rules are not run.
    """
    berlaku = keputusan_berlaku(kantor, periode).values()
    if not any(
        k.keputusan == "kembalikan" and k.unit.casefold() == unit.casefold() for k in berlaku
    ):
        return []
    out = []
    for d in tinjauan(kantor, periode):
        k = d.keputusan
        if k is None or k.keputusan != "kembalikan" or d.temuan.unit.casefold() != unit.casefold():
            continue
        data = {
            **d.temuan.data,
            "judul": judul_temuan(d.temuan.kode),
            "saran_unit": saran_unit(d.temuan),  # the templates speak to the reviewer
            "catatan_pengembalian": k.alasan,
            "dikembalikan_oleh": f"{k.oleh_nama} ({k.oleh_jabatan})",
            "dikembalikan_pada": k.waktu,
            "dikembalikan_pada_teks": k.waktu_teks,
        }
        out.append(replace(d.temuan, data=data))
    return out
