"""Letter numbers: pattern, gap-free yearly sequence, BATAL, the CLI contract."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.catatan import eventlog
from kinerja.catatan.db import connect
from kinerja.cli import main
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.naskah.buku_agenda import MIGRASI
from kinerja.naskah.penomoran import (
    JENIS_DOKUMEN,
    alokasi_nomor,
    alokasi_nomor_dokumen,
    batalkan_nomor,
    cari_nomor,
    catat_surat_masuk,
    daftar_nomor,
    nomor_dokumen,
    periksa_register,
    tandai_nomor,
)

ROOT = Path(__file__).resolve().parent.parent
D = dt.date(2025, 5, 20)
W = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_pattern_from_kantor_toml(kantor: Kantor) -> None:
    assert alokasi_nomor(kantor, "000.8.6.3", "Undangan", tanggal=D) == "000.8.6.3/1/Kec-LSB/2025"
    assert alokasi_nomor(kantor, "000.8.3.3", "SOP", tanggal=D) == "000.8.3.3/2/Kec-LSB/2025"


def test_register_fields_and_status(kantor: Kantor) -> None:
    nomor = alokasi_nomor(
        kantor,
        "000.8.6.3",
        "Penyampaian Dokumen",
        tanggal=D,
        jenis_naskah="surat pengantar",
        tujuan="Bupati Pesisir Selatan",
        penandatangan="camat",
        waktu=W,
        periode="2025-TW1",
    )
    row = cari_nomor(kantor, nomor)
    assert row["status"] == "bernomor"
    assert row["arah"] == "keluar" and row["no_agenda"] == 1 and row["tahun"] == 2025
    assert row["asal_tujuan"] == "Bupati Pesisir Selatan"
    tandai_nomor(kantor, nomor, status="ditandatangani", waktu=W, sha256_pdf="ab" * 32)
    row = cari_nomor(kantor, nomor)
    assert row["status"] == "ditandatangani" and row["sha256_pdf"] == "ab" * 32


def test_year_rollover_restarts_at_one(kantor: Kantor) -> None:
    for _ in range(3):
        alokasi_nomor(kantor, "000.8.6.3", "x", tanggal=dt.date(2025, 12, 31))
    assert alokasi_nomor(kantor, "000.8.6.3", "x", tanggal=dt.date(2026, 1, 1)) == (
        "000.8.6.3/1/Kec-LSB/2026"
    )
    # A late 2025 letter still continues 2025's sequence.
    assert alokasi_nomor(kantor, "000.8.6.3", "x", tanggal=dt.date(2025, 12, 31)) == (
        "000.8.6.3/4/Kec-LSB/2025"
    )


def test_batal_keeps_number_and_is_never_reused(kantor: Kantor) -> None:
    first = alokasi_nomor(kantor, "000.8.6.3", "a", tanggal=D)
    batalkan_nomor(kantor, first, "salah tujuan")
    second = alokasi_nomor(kantor, "000.8.6.3", "b", tanggal=D)
    assert second == "000.8.6.3/2/Kec-LSB/2025"
    rows = daftar_nomor(kantor, tahun=2025)
    assert [r["status"] for r in rows] == ["batal", "bernomor"]
    assert rows[0]["alasan_batal"] == "salah tujuan"
    with pytest.raises(InputError, match="sudah batal"):
        batalkan_nomor(kantor, first, "lagi")
    with pytest.raises(InputError, match="Alasan"):
        batalkan_nomor(kantor, second, " ")


def test_bad_kode_and_unknown_number_refused(kantor: Kantor) -> None:
    with pytest.raises(InputError, match='"00.8.3.3" tidak sah'):
        alokasi_nomor(kantor, "00.8.3.3", "x", tanggal=D)
    with pytest.raises(InputError, match="tidak ada di register"):
        batalkan_nomor(kantor, "000.8.6.3/99/Kec-LSB/2025", "x")
    assert daftar_nomor(kantor) == []


def test_database_refuses_delete_and_renumbering(kantor: Kantor) -> None:
    alokasi_nomor(kantor, "000.8.6.3", "a", tanggal=D)
    conn = connect(kantor.path)
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh dihapus"):
        conn.execute("DELETE FROM nomor_surat")
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh diubah"):
        conn.execute("UPDATE nomor_surat SET urut = 5")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO nomor_surat SELECT NULL, register, tahun, urut, no_agenda, tanggal, "
            "arah, kode_klasifikasi, nomor || 'x', nomor_asal, tanggal_naskah, asal_tujuan, hal, "
            "sifat, urgensi, lampiran, jenis_naskah, penandatangan, status, sha256_pdf, "
            "lokasi_arsip, alasan_batal, dibuat, event_hash, periode FROM nomor_surat"
        )
    assert periksa_register(conn) == []
    conn.close()


def test_periksa_register_finds_gap_and_duplicate(kantor: Kantor) -> None:
    for _ in range(3):
        alokasi_nomor(kantor, "000.8.6.3", "a", tanggal=D)
    conn = connect(kantor.path)
    # A person editing the file by hand: drop the guards, then break the sequence.
    conn.execute("DROP TRIGGER nomor_tanpa_hapus")
    conn.execute("DELETE FROM nomor_surat WHERE urut = 2")
    assert any("celah" in m and "2" in m for m in periksa_register(conn))
    conn.close()


def test_incoming_agenda_is_separate(kantor: Kantor) -> None:
    assert catat_surat_masuk(kantor, tanggal=D, asal="Bappeda", hal="Permintaan LKjIP") == 1
    assert alokasi_nomor(kantor, "000.8.6.3", "a", tanggal=D) == "000.8.6.3/1/Kec-LSB/2025"
    assert daftar_nomor(kantor, arah="masuk")[0]["no_agenda"] == 1


def test_every_allocation_is_in_the_event_log(kantor: Kantor) -> None:
    nomor = alokasi_nomor(kantor, "000.8.6.3", "a", tanggal=D, waktu=W)
    conn = connect(kantor.path)
    events = [e for e in eventlog.iter_peristiwa(conn) if e.apa != "catatan-baris"]
    assert events[-1].apa == "nomor-alokasi" and events[-1].data["nomor"] == nomor
    row = conn.execute("SELECT event_hash FROM nomor_surat").fetchone()
    assert row["event_hash"] == events[-1].hash
    conn.close()


def test_cli_prints_number_alone(kantor_dir: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "kinerja",
        "nomor-surat",
        "--kantor",
        str(kantor_dir),
        "--kode",
        "000.8.6.3",
        "--hal",
        "Penyampaian Dokumen",
        "--tanggal",
        "2025-05-20",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout == "000.8.6.3/1/Kec-LSB/2025\n"
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout == "000.8.6.3/2/Kec-LSB/2025\n"


def test_cli_errors_and_batal(kantor_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    k = str(kantor_dir)
    assert main(["nomor-surat", "--kantor", k, "--kode", "00.8", "--hal", "x"]) == 1
    assert "tidak sah" in capsys.readouterr().err
    assert main(["nomor-surat", "--kantor", k, "--hal", "x"]) == 2
    assert (
        main(["nomor-surat", "--kantor", k, "--kode", "000", "--hal", "x", "--tanggal", "20-5"])
        == 2
    )
    assert (
        main(
            [
                "nomor-surat",
                "--kantor",
                k,
                "--kode",
                "000.8.6.3",
                "--hal",
                "x",
                "--tanggal",
                "2025-01-02",
            ]
        )
        == 0
    )
    nomor = capsys.readouterr().out.strip()
    assert main(["nomor-surat", "--kantor", k, "--batal", nomor]) == 2
    assert main(["nomor-surat", "--kantor", k, "--batal", nomor, "--alasan", "salah"]) == 0
    capsys.readouterr()
    assert main(["nomor-surat", "--kantor", k, "--daftar", "--tanggal", "2025-03-01"]) == 0
    assert "BATAL" in capsys.readouterr().out


def test_the_document_gets_one_number_per_periode(kantor: Kantor) -> None:
    assert nomor_dokumen(kantor, "2025-TW1") == ""
    alokasi_nomor(kantor, "000.8.6.3", "Undangan Rapat", tanggal=D, periode="2025-TW1")
    first = alokasi_nomor_dokumen(kantor, "2025-TW1", "Dokumen Pengukuran Kinerja", tanggal=D)
    assert first == "000.8.6.3/2/Kec-LSB/2025" and nomor_dokumen(kantor, "2025-TW1") == first
    # asked again (a rerun of step 10): the same number, nothing allocated
    assert alokasi_nomor_dokumen(kantor, "2025-TW1", "Dokumen", tanggal=D) == first
    assert len(daftar_nomor(kantor)) == 2
    # another periode has its own; a cancelled number makes room for a new one
    other = alokasi_nomor_dokumen(kantor, "2025-TW2", "Dokumen", tanggal=D)
    assert other == "000.8.6.3/3/Kec-LSB/2025" and nomor_dokumen(kantor, "2025-TW1") == first
    batalkan_nomor(kantor, first, "salah periode pada lembar pengesahan")
    assert nomor_dokumen(kantor, "2025-TW1") == ""
    again = alokasi_nomor_dokumen(kantor, "2025-TW1", "Dokumen", tanggal=D)
    assert again == "000.8.6.3/4/Kec-LSB/2025" and nomor_dokumen(kantor, "2025-TW1") == again
    row = cari_nomor(kantor, again)
    assert row["jenis_naskah"] == JENIS_DOKUMEN and row["periode"] == "2025-TW1"
    conn = connect(kantor.path)
    try:
        assert periksa_register(conn) == []
    finally:
        conn.close()


def _nomor_dokumen_di_proses(folder: str) -> str:
    return alokasi_nomor_dokumen(folder, "2025-TW4", "Dokumen", tanggal=D)


def test_processes_at_once_give_the_document_a_single_number(kantor: Kantor) -> None:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(4) as pool:
        got = pool.map(_nomor_dokumen_di_proses, [str(kantor.path)] * 8)
    assert set(got) == {"000.8.6.3/1/Kec-LSB/2025"}
    assert len(daftar_nomor(kantor)) == 1


def test_a_register_made_before_the_periode_column_is_upgraded(kantor: Kantor) -> None:
    from kinerja.catatan.db import ensure_schema
    from kinerja.catatan.eventlog import open_db

    conn = open_db(kantor)
    ensure_schema(conn, "numbering", MIGRASI[:1])  # the register as the first release made it
    conn.close()
    conn = sqlite3.connect(kantor.path / "arsip" / "kinerja.sqlite")
    assert "periode" not in [r[1] for r in conn.execute("PRAGMA table_info(nomor_surat)")]
    conn.close()
    old = alokasi_nomor(kantor, "000.8.6.3", "Undangan", tanggal=D)  # upgrades, then allocates
    assert cari_nomor(kantor, old)["periode"] == ""
    assert alokasi_nomor_dokumen(kantor, "2025-TW1", "Dokumen", tanggal=D).split("/")[1] == "2"
