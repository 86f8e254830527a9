"""The SOP register: order of the 14 steps, gates, preconditions, the status table."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from kinerja.catatan.db import connect
from kinerja.cli import main
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.naskah.penomoran import alokasi_nomor, batalkan_nomor
from kinerja.sop import register, urutan
from kinerja.sop.definisi import template_sop
from kinerja.sop.register import UrutanError, catat_langkah, load_sop, mulai_sop, status_sop

WIB = dt.timezone(dt.timedelta(hours=7))
P = "2025-TW1"


def t(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 4, day, hour, minute, tzinfo=WIB)


def walk(kantor: Kantor, upto: int, tmp_path: Path) -> str:
    """Close steps 1..upto, 30 minutes each in office hours from 1 April 09:00 (six a day);
    return the step-12 number."""
    nomor = ""
    for no in range(1, upto + 1):
        kw: dict = {}
        if no == 11:
            signed = tmp_path / "dokumen-ttd.pdf"
            signed.write_bytes(b"%PDF-1.7 ditandatangani")
            kw["artefak"] = signed
        if no == 12:
            nomor = alokasi_nomor(kantor, "000.8.6.3", "Penyampaian", tanggal=dt.date(2025, 4, 2))
            kw["nomor_surat"] = nomor
        pelaksana = load_sop(kantor)["langkah"][no - 1]["pelaksana"][0]
        start = t(1 + (no - 1) // 6, 9 + (no - 1) % 6)
        catat_langkah(
            kantor,
            P,
            no,
            pelaksana=pelaksana,
            mulai=start,
            selesai=start + dt.timedelta(minutes=30),
            **kw,
        )
    return nomor


def test_reference_has_fourteen_steps_with_mutu_baku(kantor: Kantor) -> None:
    sop = load_sop(kantor)
    steps = sop["langkah"]
    assert [s["no"] for s in steps] == list(range(1, 15))
    assert [s["mutu_baku_menit"] for s in steps] == [
        15,
        60,
        25,
        30,
        120,
        120,
        240,
        40,
        60,
        25,
        10,
        15,
        25,
        10,
    ]
    assert all(s["uraian"] and s["kelengkapan"] and s["output"] and s["pelaksana"] for s in steps)
    assert sop["nomor_sop"] == "000.8.3.3/403/SOP-CMT-LSB/2025"  # the demo's [sop] nomor
    assert steps[0]["uraian"].endswith("Kecamatan Linggo Sari Baganti")
    assert "Secam" not in steps[9]["uraian"]
    template = template_sop()
    assert template["nomor_sop"] == "" and "{kantor}" in template["langkah"][0]["uraian"]
    assert any("PESIR" in note for note in template["catatan_sumber"])


def test_first_step_opens_the_run(kantor: Kantor) -> None:
    row = catat_langkah(kantor, P, 1, pelaksana="camat", mulai=t(1, 8), selesai=t(1, 8, 10))
    assert row["status"] == "selesai" and row["menit"] == 10 and not row["melebihi"]
    assert row["nama_pelaksana"] == kantor.pejabat["camat"].nama


def test_out_of_order_refused_in_indonesian(kantor: Kantor) -> None:
    with pytest.raises(
        UrutanError, match="langkah 2 .*belum dapat dicatat.*Langkah 1 .*belum dicatat"
    ):
        catat_langkah(kantor, P, 2, pelaksana="sekretaris_tim", selesai=t(1, 9))
    assert all(r["status"] == "belum" for r in status_sop(kantor, P))


@pytest.mark.parametrize(
    ("no", "upto", "reason"),
    [
        (11, 6, "tidak boleh ditandatangani sebelum validasi data \\(langkah 7\\)"),
        (12, 10, "nomor surat tidak boleh diberikan sebelum dokumen ditandatangani"),
        (14, 11, "tidak boleh diarsipkan sebelum bernomor"),
    ],
)
def test_gates_named(kantor: Kantor, tmp_path: Path, no: int, upto: int, reason: str) -> None:
    walk(kantor, upto, tmp_path)
    with pytest.raises(UrutanError, match=reason):
        catat_langkah(kantor, P, no, pelaksana="camat", selesai=t(3, 9))


def test_open_then_close_and_closed_is_final(kantor: Kantor) -> None:
    catat_langkah(kantor, P, 1, pelaksana="camat", mulai=t(1, 8))
    assert status_sop(kantor, P)[0]["status"] == "berjalan"
    with pytest.raises(UrutanError, match="belum ditutup"):
        catat_langkah(kantor, P, 2, pelaksana="sekretaris_tim", selesai=t(1, 9))
    with pytest.raises(UrutanError, match="sudah berjalan"):
        catat_langkah(kantor, P, 1, pelaksana="camat", mulai=t(1, 8, 5))
    row = catat_langkah(kantor, P, 1, pelaksana="camat", selesai=t(1, 8, 40))
    assert row["menit"] == 40 and row["melebihi"]  # mutu baku 15 menit
    with pytest.raises(UrutanError, match="sudah selesai"):
        catat_langkah(kantor, P, 1, pelaksana="camat", selesai=t(1, 9))
    conn = connect(kantor.path)
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh diubah"):
        conn.execute("UPDATE sop_langkah SET catatan = 'diam-diam'")
    conn.close()


def test_bad_input_refused(kantor: Kantor) -> None:
    with pytest.raises(InputError, match="lebih awal"):
        catat_langkah(kantor, P, 1, pelaksana="camat", mulai=t(1, 9), selesai=t(1, 8))
    with pytest.raises(InputError, match="tidak dikenal"):
        catat_langkah(kantor, P, 1, pelaksana="lurah", selesai=t(1, 8))
    with pytest.raises(InputError, match="1 sampai 14"):
        catat_langkah(kantor, P, 15, pelaksana="camat", selesai=t(1, 8))
    with pytest.raises(InputError, match="jam mulai atau jam selesai"):
        catat_langkah(kantor, P, 1, pelaksana="camat")


def test_caller_preconditions(kantor: Kantor, tmp_path: Path) -> None:
    walk(kantor, 7, tmp_path)

    def tanpa_temuan_error(k: Kantor, periode: str) -> str | None:
        return "masih ada 2 temuan error yang belum diputuskan; putuskan dulu di buku validasi."

    with pytest.raises(UrutanError, match="2 temuan error"):
        catat_langkah(
            kantor, P, 8, pelaksana="anggota_tim", selesai=t(2, 9), prasyarat=[tanpa_temuan_error]
        )
    saved = list(urutan._PRASYARAT.get(8, []))
    register.daftarkan_prasyarat(8, tanpa_temuan_error)
    try:
        with pytest.raises(UrutanError, match="2 temuan error"):
            catat_langkah(kantor, P, 8, pelaksana="anggota_tim", selesai=t(2, 9))
    finally:
        urutan._PRASYARAT[8] = saved
    catat_langkah(
        kantor, P, 8, pelaksana="anggota_tim", selesai=t(2, 9), prasyarat=[lambda k, p: None]
    )
    assert status_sop(kantor, P)[7]["status"] == "selesai"


def test_signing_needs_evidence_and_number_must_be_live(kantor: Kantor, tmp_path: Path) -> None:
    walk(kantor, 10, tmp_path)
    with pytest.raises(UrutanError, match="--berkas"):
        catat_langkah(kantor, P, 11, pelaksana="camat", selesai=t(2, 9))
    scan = tmp_path / "pindaian-ttd.pdf"
    scan.write_bytes(b"%PDF scan tanda tangan basah")
    row = catat_langkah(kantor, P, 11, pelaksana="camat", selesai=t(2, 9), artefak=scan)
    assert row["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert row["artefak"] == scan.name
    with pytest.raises(UrutanError, match="--nomor"):
        catat_langkah(kantor, P, 12, pelaksana="sekretaris_tim", selesai=t(2, 10))
    nomor = alokasi_nomor(kantor, "000.8.6.3", "Pengantar", tanggal=dt.date(2025, 4, 2))
    batalkan_nomor(kantor, nomor, "salah tujuan")
    with pytest.raises(UrutanError, match="sudah batal"):
        catat_langkah(
            kantor, P, 12, pelaksana="sekretaris_tim", selesai=t(2, 10), nomor_surat=nomor
        )
    with pytest.raises(InputError, match="tidak ada di register"):
        catat_langkah(
            kantor,
            P,
            12,
            pelaksana="sekretaris_tim",
            selesai=t(2, 10),
            nomor_surat="000.8.6.3/77/Kec-LSB/2025",
        )


def test_full_walk_and_status_table(kantor: Kantor, tmp_path: Path) -> None:
    mulai_sop(kantor, P, waktu=t(1, 7))
    mulai_sop(kantor, P, waktu=t(1, 7))  # idempotent
    nomor = walk(kantor, 14, tmp_path)
    rows = status_sop(kantor, P)
    assert [r["status"] for r in rows] == ["selesai"] * 14
    assert set(rows[0]) >= {
        "no",
        "uraian",
        "pelaksana",
        "mulai",
        "selesai",
        "menit",
        "mutu_baku",
        "melebihi",
        "artefak",
        "sha256",
    }
    assert rows[11]["nomor_surat"] == nomor
    # 30 minutes each: over the standard exactly where mutu baku < 30.
    assert [r["no"] for r in rows if r["melebihi"]] == [1, 3, 10, 11, 12, 13, 14]
    conn = connect(kantor.path)
    kinds = [r["apa"] for r in conn.execute("SELECT apa FROM peristiwa ORDER BY seq")]
    conn.close()
    kinds = [k for k in kinds if k != "catatan-baris"]  # the events that cover the rows
    assert kinds.count("sop-langkah") == 14 and kinds[0] == "sop-mulai"


def test_cli_catat_and_status(kantor_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["sop", "catat", "--kantor", str(kantor_dir), "--periode", "2025-tw1"]
    assert (
        main(
            [
                *base,
                "--langkah",
                "2",
                "--pelaksana",
                "sekretaris_tim",
                "--selesai",
                "2025-04-01T09:00",
            ]
        )
        == 1
    )
    assert "belum dapat dicatat" in capsys.readouterr().err
    assert (
        main(
            [
                *base,
                "--langkah",
                "1",
                "--pelaksana",
                "camat",
                "--mulai",
                "2025-04-01T08:00",
                "--selesai",
                "2025-04-01 08:45",
                "--paraf",
                "sekcam",
            ]
        )
        == 0
    )
    assert "45 menit" in capsys.readouterr().out
    assert main(["sop", "status", "--kantor", str(kantor_dir), "--periode", "2025-TW1"]) == 0
    out = capsys.readouterr().out
    assert "pukul 08.00 WIB" in out and "MELEBIHI MUTU BAKU" in out
    assert "1 dari 14 langkah selesai" in out
    assert main([*base, "--langkah", "3", "--pelaksana", "x", "--mulai", "kemarin"]) == 2


def test_step_8_waits_for_open_error_findings(kantor: Kantor, tmp_path: Path) -> None:
    """The default precondition reads the review ledger: a bad realisasi blocks step 8."""
    book = kantor.path / "realisasi-2025.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["Realisasi"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == 1 and r[0].value == "IK-02")
    row[2].value = "delapan puluh"
    wb.save(book)
    walk(kantor, 7, tmp_path)
    with pytest.raises(UrutanError, match="langkah 8 .*ditolak: masih ada 1 temuan KESALAHAN"):
        catat_langkah(kantor, P, 8, pelaksana="anggota_tim", selesai=t(2, 9))
    assert status_sop(kantor, P)[7]["status"] == "belum"


def test_cli_step_10_gives_the_document_its_number_once(
    kantor_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kinerja.inti.model import Periode
    from kinerja.jalankan.langkah import Parameter, susun_dokumen
    from kinerja.kantor.katalog import load_kantor
    from kinerja.naskah.penomoran import nomor_dokumen

    kantor = load_kantor(kantor_dir)
    walk(kantor, 9, tmp_path)
    assert nomor_dokumen(kantor, P) == ""
    args = ["sop", "catat", "--kantor", str(kantor_dir), "--periode", P, "--langkah", "10",
            "--pelaksana", "sekcam", "--mulai", "2025-04-02T09:00", "--selesai", "2025-04-02T09:20"]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Nomor dokumen: 000.8.6.3/1/Kec-LSB/2025." in out
    assert nomor_dokumen(kantor, P) == "000.8.6.3/1/Kec-LSB/2025"
    # the document rendered now carries it on the lembar pengesahan
    param = Parameter(Periode.parse(P), kantor, dt.date(2025, 4, 2), tmp_path / "dok")
    html = susun_dokumen(param).html.read_text("utf-8")
    assert "000.8.6.3/1/Kec-LSB/2025" in html
