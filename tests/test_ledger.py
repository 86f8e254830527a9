"""The review ledger: decisions recorded, revised (every version kept) and applied."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kinerja.catatan import db
from kinerja.formulir import himpun
from kinerja.inti.errors import ERROR, InputError, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import ukur
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.kantor.realisasi import load_realisasi_table
from kinerja.validasi import koreksi, lampiran, ledger
from kinerja.validasi.berkas_keputusan import terapkan_berkas_keputusan

P = "2025-TW4"
T0 = dt.datetime(2026, 1, 12, 9, 30, tzinfo=WIB)


def _edit_realisasi(kantor_dir: Path, kode: str, tw: int, **values: object) -> None:
    """Change one row of the office's realisasi workbook, as a unit's mistake would."""
    path = kantor_dir / "realisasi-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Realisasi"]
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[header.index("kode")].value == kode and int(row[header.index("tw")].value) == tw:
            for col, value in values.items():
                row[header.index(col)].value = value
            break
    else:
        raise AssertionError(f"{kode} TW{tw} not in the demo table")
    wb.save(path)


@pytest.fixture
def salah(kantor_dir: Path) -> Path:
    """The demo office with two unit mistakes in TW III: 937,5 % and a missing bukti."""
    _edit_realisasi(kantor_dir, "IK-07", 3, realisasi="937,5")
    _edit_realisasi(kantor_dir, "IK-04", 2, bukti_dukung=None)
    return kantor_dir


def _find(kantor_dir: Path, kode: str):
    (t,) = [t for t in ledger.load_temuan(kantor_dir, P) if t.kode == kode]
    return t


def _rows(kantor_dir: Path) -> list[sqlite3.Row]:
    conn = db.connect(kantor_dir)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "ledger_keputusan" not in tables:
            return []
        return conn.execute("SELECT * FROM ledger_keputusan ORDER BY id").fetchall()
    finally:
        conn.close()


def test_a_decision_is_one_ledger_row_with_who_when_what_and_why(salah):
    t = _find(salah, "persen-di-luar-rentang")
    assert ledger.ada_error_terbuka(salah, P)
    k = ledger.catat_keputusan(
        salah,
        P,
        t,
        "koreksi",
        peran="kasubag_pk",
        alasan="Salah ketik: 15 dari 16 nagari = 93,75%.",
        waktu=T0,
        nilai_baru="93,75",
    )
    (row,) = _rows(salah)
    assert dict(row) == {
        "id": k.id,
        "periode": P,
        "temuan_id": t.data["id"],
        "kode": "persen-di-luar-rentang",
        "tingkat": ERROR,
        "unit": "PEM",
        "indikator": "IK-07",
        "tw": 3,
        "kolom": "realisasi",
        "pesan": t.pesan,
        "keputusan": "koreksi",
        "nilai_lama": "937,5",
        "nilai_baru": "93.75",
        "alasan": "Salah ketik: 15 dari 16 nagari = 93,75%.",
        "oleh_nama": "DEDI SUPRIADI, S.E.",
        "oleh_peran": "kasubag_pk",
        "oleh_jabatan": "Kepala Subbagian Perencanaan dan Keuangan",
        "waktu": "2026-01-12T09:30:00+07:00",
        "menggantikan": None,
    }
    assert not ledger.ada_error_terbuka(salah, P)
    assert {t.kode for t in ledger.temuan_terbuka(salah, P)} == {
        "bukti-dukung-kosong",
        "lonjakan-tahun-lalu",
        "realisasi-anggaran-beda",  # the demo's IK-02 against its budget table: a warning
    }


def test_a_revision_supersedes_and_every_version_is_kept(salah):
    t = _find(salah, "persen-di-luar-rentang")
    first = ledger.catat_keputusan(
        salah, P, t, "koreksi", peran="kasubag_pk", alasan="Salah ketik.", waktu=T0, nilai_baru=93
    )
    second = ledger.catat_keputusan(
        salah,
        P,
        t,
        "kembalikan",
        peran="sekcam",
        alasan="Minta unit memastikan jumlah nagari yang melapor.",
        waktu=T0 + dt.timedelta(hours=2),
    )
    history = ledger.riwayat(salah, P, t.data["id"])
    assert [h.keputusan for h in history] == ["koreksi", "kembalikan"]
    assert second.menggantikan == first.id
    assert ledger.keputusan_berlaku(salah, P)[t.data["id"]] == second
    assert ledger.ada_error_terbuka(salah, P)  # returned: still unresolved
    (back,) = ledger.dikembalikan(salah, P, "PEM")
    assert back.kode == "persen-di-luar-rentang"
    assert back.data["catatan_pengembalian"].startswith("Minta unit")
    assert "YULIANTI" in back.data["dikembalikan_oleh"]
    assert ledger.dikembalikan(salah, P, "KESOS") == []
    # the correction no longer acts once superseded
    fixed, _, _ = koreksi.realisasi_terkoreksi(salah, P)
    row = fixed[fixed["kode"].eq("IK-07") & fixed["tw"].eq(3)].iloc[0]
    assert (row["realisasi"], row["asal"]) == ("937,5", "unit")


def test_the_ledger_is_append_only(salah):
    t = _find(salah, "bukti-dukung-kosong")
    ledger.catat_keputusan(salah, P, t, "terima", peran="sekcam", alasan="Ada di arsip.", waktu=T0)
    conn = db.connect(salah)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="hanya boleh bertambah"):
            conn.execute("UPDATE ledger_keputusan SET alasan = 'x'")
        with pytest.raises(sqlite3.DatabaseError, match="hanya boleh bertambah"):
            conn.execute("DELETE FROM ledger_keputusan")
    finally:
        conn.close()
    assert len(_rows(salah)) == 1


def test_a_correction_is_a_layer_and_the_submitted_value_stays(salah):
    workbook = salah / "realisasi-2025.xlsx"
    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    t = _find(salah, "persen-di-luar-rentang")
    ledger.catat_keputusan(
        salah,
        P,
        t,
        "koreksi",
        peran="kasubag_pk",
        alasan="Salah ketik.",
        waktu=T0,
        nilai_baru="93,75",
    )
    b = _find(salah, "bukti-dukung-kosong")
    ledger.catat_keputusan(
        salah,
        P,
        b,
        "koreksi",
        peran="kasubag_pk",
        alasan="Bukti ada di arsip.",
        waktu=T0,
        nilai_baru="IK-04-TW2-bukti.pdf",
    )
    fixed, _, _ = koreksi.realisasi_terkoreksi(salah, P)
    row = fixed[fixed["kode"].eq("IK-07") & fixed["tw"].eq(3)].iloc[0]
    assert (row["realisasi"], row["realisasi_asli"], row["asal"]) == (93.75, "937,5", "koreksi")
    row = fixed[fixed["kode"].eq("IK-04") & fixed["tw"].eq(2)].iloc[0]
    assert (row["bukti_dukung"], row["bukti_dukung_asli"]) == ("IK-04-TW2-bukti.pdf", "")
    assert fixed["asal"].value_counts().to_dict() == {"unit": 62, "koreksi": 2}
    # the submitted data is untouched, on disk and as the source reads it
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before
    submitted, _ = load_realisasi_table(workbook)
    assert (
        submitted.loc[submitted["kode"].eq("IK-07") & submitted["tw"].eq(3), "realisasi"].item()
        == "937,5"
    )
    # the measurement sees the corrected value
    kantor = load_kantor(salah)
    pk = load_pk(kantor, 2025)
    hasil = ukur(pk.indikator, fixed, Periode.parse("2025-TW3"), ordinal=pk.ordinal)
    assert hasil.realisasi_tw.loc["IK-07", 3] == 93.75


def test_a_missing_value_can_be_supplied_by_correction(kantor_dir):
    table = kantor_dir / "realisasi-2025.xlsx"
    realisasi, _ = load_realisasi_table(table)
    _edit_realisasi(kantor_dir, "IK-15", 3, realisasi=None)
    t = _find(kantor_dir, "realisasi-kosong")
    assert (t.indikator, t.data["tw"], t.tingkat) == ("IK-15", 3, ERROR)
    k = ledger.catat_keputusan(
        kantor_dir,
        P,
        t,
        "koreksi",
        peran="sekcam",
        alasan="Angka dari laporan bulanan Seksi Kesos.",
        waktu=T0,
        nilai_baru="24",
    )
    assert (k.nilai_lama, k.nilai_baru) == ("", "24")
    # a row the unit never sent at all is added, marked as a correction
    without = realisasi[~(realisasi["kode"].eq("IK-15") & realisasi["tw"].eq(3))]
    fixed = koreksi.terapkan_koreksi(without, [k])
    row = fixed[fixed["kode"].eq("IK-15") & fixed["tw"].eq(3)].iloc[0]
    assert row["realisasi"] == 24.0
    assert pd.isna(row["realisasi_asli"])
    assert row["asal"] == "koreksi"
    assert len(fixed) == len(realisasi)
    assert not ledger.ada_error_terbuka(kantor_dir, P)


@pytest.mark.parametrize(
    ("keputusan", "kwargs", "pesan"),
    [
        ("hapus", {}, "tidak dikenal"),
        ("terima", {"peran": "bupati"}, "Peran"),
        ("terima", {"alasan": "  "}, "alasan"),
        ("koreksi", {}, "nilai baru"),
        ("koreksi", {"nilai_baru": "sembilan puluh"}, "bukan angka"),
        ("koreksi", {"nilai_baru": "120"}, "0 dan 100"),
        ("terima", {"nilai_baru": "90"}, "hanya diisi"),
    ],
)
def test_bad_decisions_are_refused_in_indonesian(salah, keputusan, kwargs, pesan):
    t = _find(salah, "persen-di-luar-rentang")
    args = {"peran": "kasubag_pk", "alasan": "Alasan.", "waktu": T0, **kwargs}
    with pytest.raises(UsageError, match=pesan):
        ledger.catat_keputusan(salah, P, t, keputusan, **args)
    assert _rows(salah) == []


def test_office_level_findings_cannot_be_corrected_here(kantor_dir):
    toml = kantor_dir / "kantor.toml"
    toml.write_text(toml.read_text("utf-8").replace("197903121998031002", "1979031219980310021"))
    t = _find(kantor_dir, "nip-tidak-sah")
    with pytest.raises(UsageError, match='Temuan "NIP tidak sah" tidak dapat dikoreksi'):
        ledger.catat_keputusan(
            kantor_dir, P, t, "koreksi", peran="sekcam", alasan="x", waktu=T0, nilai_baru="1"
        )
    ledger.catat_keputusan(
        kantor_dir, P, t, "terima", peran="sekcam", alasan="Diperbaiki di kantor.toml.", waktu=T0
    )
    assert not ledger.ada_error_terbuka(kantor_dir, P)


def test_appendix_lists_decisions_and_findings_the_unit_has_since_fixed(salah):
    t = _find(salah, "persen-di-luar-rentang")
    ledger.catat_keputusan(
        salah, P, t, "kembalikan", peran="kasubag_pk", alasan="Periksa jumlah nagari.", waktu=T0
    )
    rows = lampiran.keputusan_untuk_dokumen(salah, P)
    first = rows[0]
    assert first["kode"] == "persen-di-luar-rentang"
    assert first["keputusan_teks"] == "Dikembalikan"
    assert first["oleh"] == "DEDI SUPRIADI, S.E."
    assert first["waktu_teks"] == "12 Januari 2026 pukul 09.30 WIB"
    assert [r["no"] for r in rows] == list(range(1, len(rows) + 1))
    assert {r["keputusan_teks"] for r in rows[1:]} == {"Belum diputus"}
    # the unit sends a corrected value: the finding is gone, the decision stays listed
    _edit_realisasi(salah, "IK-07", 3, realisasi=93.75)
    rows = lampiran.keputusan_untuk_dokumen(salah, P)
    gone = [r for r in rows if r["temuan_id"] == t.data["id"]]
    assert len(gone) == 1
    assert gone[0]["masih_ada"] is False
    assert "sudah diperbaiki" in gone[0]["status_teks"]
    assert not ledger.ada_error_terbuka(salah, P)


def test_demo_decisions_are_recorded_once_with_their_history(kantor_dir):
    # the demo's path: the units' returned forms are taken in, then the review decides
    kantor = load_kantor(kantor_dir)
    for tw in (1, 2, 3, 4):
        himpun.himpun(kantor, f"2025-TW{tw}", [kantor_dir / "formulir-kembali" / f"2025-TW{tw}"])
    assert ledger.ada_error_terbuka(kantor_dir, P)  # IK-07 TW II: 875 typed for 87,5 %
    demo = kantor_dir / "keputusan-demo.toml"
    dicatat, tidak_cocok = terapkan_berkas_keputusan(kantor_dir, P, demo)
    assert [k.keputusan for k in dicatat] == ["koreksi", "kembalikan", "terima"]
    assert tidak_cocok == []
    assert dicatat[2].menggantikan == dicatat[1].id
    assert dicatat[2].waktu == "2026-01-14T10:15:00+07:00"
    assert terapkan_berkas_keputusan(kantor_dir, P, demo) == ([], [])
    assert len(_rows(kantor_dir)) == 3
    # open: only the demo's IK-02 budget warning (96,56 % vs 96,26 %), left to the reader
    assert [(t.kode, t.indikator) for t in ledger.temuan_terbuka(kantor_dir, P)] == [
        ("realisasi-anggaran-beda", "IK-02")
    ]
    assert not ledger.ada_error_terbuka(kantor_dir, P)
    rows = lampiran.keputusan_untuk_dokumen(kantor_dir, P)
    assert {(r["indikator"], r["keputusan"]) for r in rows} == {
        ("IK-07", "koreksi"),
        ("IK-09", "terima"),
        ("IK-02", ""),  # the open warning is printed in the appendix; it makes no DRAF
    }
    assert lampiran.error_terbuka(rows) == []
    # the correction is a layer: the unit's 875 stays beside the corrected 87,5
    real, _anggaran, _sumber = koreksi.realisasi_terkoreksi(kantor_dir, P)
    cell = real[(real["kode"] == "IK-07") & (real["tw"] == 2)].iloc[0]
    assert float(cell["realisasi"]) == 87.5
    assert float(cell["realisasi_asli"]) == 875
    assert cell["asal"] == "koreksi"
    # another periode: the file's decisions do not apply
    assert terapkan_berkas_keputusan(kantor_dir, "2025-TW3", demo) == ([], [])


def test_reading_an_empty_ledger_creates_no_database(kantor_dir):
    assert ledger.riwayat(kantor_dir, P) == []
    assert [d.status for d in ledger.tinjauan(kantor_dir, P)] == ["terbuka"] * 2  # + IK-02
    assert not (kantor_dir / "arsip").exists()


def test_a_decision_file_dates_entries_without_their_own_time(salah):
    berkas = salah / "keputusan.toml"
    berkas.write_text(
        'periode = "2025-TW4"\n'
        "waktu = 2026-01-13T08:00:00+07:00\n\n"
        "[[keputusan]]\n"
        'kode = "persen-di-luar-rentang"\nindikator = "IK-07"\ntw = 3\n'
        'keputusan = "kembalikan"\noleh = "kasubag_pk"\nalasan = "Periksa jumlah nagari."\n',
        "utf-8",
    )
    # the caller's moment first (the CLI's --waktu, else now), then the file's
    (k,) = terapkan_berkas_keputusan(salah, P, berkas, T0)[0]
    assert k.waktu == "2026-01-12T09:30:00+07:00"
    berkas.write_text(berkas.read_text("utf-8").replace("kembalikan", "terima"), "utf-8")
    (k,) = terapkan_berkas_keputusan(salah, P, berkas)[0]
    assert k.waktu == "2026-01-13T08:00:00+07:00"
    berkas.write_text(berkas.read_text("utf-8").replace("waktu = ", "# waktu = "), "utf-8")
    berkas.write_text(berkas.read_text("utf-8").replace("Periksa", "Hitung ulang"), "utf-8")
    with pytest.raises(InputError, match="tanpa waktu"):
        terapkan_berkas_keputusan(salah, P, berkas)


@pytest.mark.parametrize(("notasi", "disimpan"), [(None, "1200"), ("id", "1200"), ("en", "1.2")])
def test_a_typed_correction_is_read_in_the_offices_notation(kantor_dir, notasi, disimpan):
    """A reviewer types "1.200" in kinerja's Indonesian interface: one thousand two hundred,
    unless the office declares English notation (then 1.2); never refused as ambiguous."""
    if notasi is not None:
        toml = kantor_dir / "kantor.toml"
        toml.write_text(toml.read_text("utf-8") + f'\n[angka]\nnotasi = "{notasi}"\n', "utf-8")
    _edit_realisasi(kantor_dir, "IK-15", 3, realisasi=None)
    t = _find(kantor_dir, "realisasi-kosong")
    k = ledger.catat_keputusan(
        kantor_dir, P, t, "koreksi", peran="sekcam", alasan="Laporan bulanan.", waktu=T0,
        nilai_baru="1.200",
    )  # fmt: skip
    assert k.nilai_baru == disimpan
