"""Run logs under the chain: every ``jalankan`` log recorded when it ends, killed runs' logs
recorded by the next run, and ``verifikasi`` finding a log changed, deleted or planted.

Real runs only (``kinerja jalankan`` refused or failing before any notebook: fast), a real
SQLite chain, and a real second process holding a live log.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from kinerja.arsip.masalah import judul_masalah
from kinerja.arsip.verifikasi import verifikasi
from kinerja.catatan import objek
from kinerja.catatan.db import db_path
from kinerja.cli import main
from kinerja.inti.tanggal import WIB
from kinerja.jalankan.errors import JalankanError
from kinerja.jalankan.pipeline import jalankan
from kinerja.jalankan.runlog import (
    Log,
    buka_log,
    catat_log_yatim_kantor,
    log_path,
    sedang_ditulis,
)

PERIODE = "2025-TW4"


def _jalankan(kantor: Path, out: Path) -> int:
    return main(
        ["jalankan", "--kantor", str(kantor), "--periode", PERIODE, "--tanggal-cetak",
         "2026-01-15", "--keluaran", str(out)]
    )  # fmt: skip


def _rows(kantor: Path) -> list[dict]:
    conn = sqlite3.connect(db_path(kantor))
    conn.row_factory = sqlite3.Row
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'log_jalankan'").fetchone():
            return []  # nothing recorded yet
        return [dict(r) for r in conn.execute("SELECT * FROM log_jalankan ORDER BY id")]
    finally:
        conn.close()


def _events(kantor: Path) -> list[dict]:
    conn = sqlite3.connect(db_path(kantor))
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM peristiwa WHERE apa = 'log-jalankan' ORDER BY seq")
        return [dict(r) for r in rows]
    finally:
        conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rel(kantor: Path, path: Path) -> str:
    return path.relative_to(kantor).as_posix()


def _break_polaritas(kantor: Path) -> None:
    path = kantor / "perjanjian-kinerja-2025.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Indikator"]
    ws.cell(row=3, column=[c.value for c in ws[1]].index("polaritas") + 1).value = "naik"
    wb.save(path)


def _archived_publication(kantor: Path, out: Path) -> None:
    """A publication whose PDF is archived: the next run into ``out`` is refused."""
    out.mkdir(parents=True)
    pdf = out / f"pengukuran-kinerja-{PERIODE}.pdf"
    pdf.write_bytes(b"%PDF-1.7 versi yang sudah diarsipkan")
    objek.simpan(kantor, pdf, jenis="dokumen", periode=PERIODE, nama="pengukuran-kinerja",
                 waktu=datetime(2026, 1, 20, 10, 0, tzinfo=WIB), status="final")  # fmt: skip


def _killed_log(kantor: Path, mulai: datetime, *, akhir: str = "") -> Path:
    """A log as a killed run leaves it: lines written, never closed by the run."""
    log = Log(log_path(kantor, PERIODE, mulai), terminal=False)  # no office: not recorded
    log("kinerja jalankan: Kecamatan Linggo Sari Baganti, Triwulan IV Tahun 2025")
    log("[1/4] 01-himpun-formulir: himpun formulir dan kelengkapan …")
    if akhir:
        log(akhir)
    log.close()
    assert log.path is not None
    return log.path


def test_a_broken_pk_run_leaves_a_recorded_gagal_log(kantor_dir: Path, tmp_path: Path) -> None:
    _break_polaritas(kantor_dir)
    assert _jalankan(kantor_dir, tmp_path / "out") == 1
    (log,) = (kantor_dir / "arsip" / "log").glob(f"jalankan-{PERIODE}-*.log")
    assert "GAGAL" in log.read_text("utf-8") and "sel E3" in log.read_text("utf-8")
    (row,) = _rows(kantor_dir)
    assert row["berkas"] == _rel(kantor_dir, log) and row["periode"] == PERIODE
    assert (row["sha256"], row["ukuran"], row["status"]) == (_sha(log), log.stat().st_size, "gagal")
    (event,) = _events(kantor_dir)
    assert event["hash"] == row["event_hash"] and event["artefak_sha256"] == _sha(log)
    lap = verifikasi(kantor_dir)
    assert lap.utuh and not lap.peringatan, lap.teks()
    assert lap.jumlah["log"] == 1
    assert "1 log jalankan diperiksa hash-nya" in lap.teks()


def test_a_changed_deleted_or_planted_log_is_named(kantor_dir: Path, tmp_path: Path) -> None:
    _break_polaritas(kantor_dir)
    assert _jalankan(kantor_dir, tmp_path / "out") == 1
    (log,) = (kantor_dir / "arsip" / "log").glob("*.log")
    rel, original = _rel(kantor_dir, log), log.read_bytes()

    log.write_bytes(original.replace(b"GAGAL", b"BERHASIL"))
    lap = verifikasi(kantor_dir)
    assert [(m.kode, m.objek) for m in lap.masalah] == [("log-rusak", rel)], lap.teks()
    assert (
        f"RUSAK: {judul_masalah('log-rusak')} — {rel}: isi log berubah sejak dicatat (jalankan gagal)"
        in lap.teks()
    )

    log.unlink()
    lap = verifikasi(kantor_dir)
    assert [(m.kode, m.objek) for m in lap.masalah] == [("log-hilang", rel)], lap.teks()
    assert main(["verifikasi", "--kantor", str(kantor_dir)]) == 1

    log.write_bytes(original)
    palsu = log.with_name(f"jalankan-{PERIODE}-20260101-080000.log")
    palsu.write_text("2026-01-01 08:00:00 BERHASIL\n", encoding="utf-8")
    lap = verifikasi(kantor_dir)
    assert lap.utuh, lap.teks()  # reported, not damage: see catatan.berkas_log
    assert [(m.kode, m.objek) for m in lap.peringatan] == [
        ("log-tak-tercatat", _rel(kantor_dir, palsu))
    ]
    assert (
        f"PERINGATAN: {judul_masalah('log-tak-tercatat')} — arsip/log/jalankan-2025-TW4-20260101"
        in lap.teks()
    )
    assert lap.teks().endswith("HASIL: arsip utuh; 1 peringatan.")


def test_the_next_run_records_a_killed_runs_log_as_terhenti(
    kantor_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "laporan" / PERIODE
    _archived_publication(kantor_dir, out)
    assert _jalankan(kantor_dir, out) == 1  # refused: the publication is archived
    yatim = _killed_log(kantor_dir, datetime(2026, 1, 16, 9, 0, 0))
    lap = verifikasi(kantor_dir)
    assert [(m.kode, m.objek) for m in lap.peringatan] == [
        ("log-tak-tercatat", _rel(kantor_dir, yatim))
    ], lap.teks()

    capsys.readouterr()
    assert _jalankan(kantor_dir, out) == 1  # the next run, refused again, records it first
    assert "1 log run sebelumnya yang belum tercatat kini dicatat" in capsys.readouterr().err
    rows = _rows(kantor_dir)
    # (two runs started in the same second each have a log of their own: -2)
    assert [(r["berkas"], r["sha256"]) for r in rows if r["status"] == "terhenti"] == [
        (_rel(kantor_dir, yatim), _sha(yatim))
    ]
    assert {r["status"] for r in rows if r["berkas"] != _rel(kantor_dir, yatim)} == {"gagal"}
    lap = verifikasi(kantor_dir)
    assert lap.utuh and not lap.peringatan, lap.teks()
    assert lap.jumlah["log"] == len(list((kantor_dir / "arsip" / "log").iterdir())) >= 2


def test_logs_from_before_are_recorded_as_terdahulu(kantor_dir: Path) -> None:
    """An office from before logs were recorded: warned about, then recorded by the next run."""
    waktu = datetime(2026, 1, 2, tzinfo=WIB)  # a chain without any log row:
    objek.simpan(kantor_dir, b"isi", jenis="data", periode=PERIODE, nama="x.txt", waktu=waktu)
    selesai = _killed_log(kantor_dir, datetime(2025, 10, 1, 8), akhir="BERHASIL")
    terhenti = _killed_log(kantor_dir, datetime(2025, 10, 2, 8))
    (kantor_dir / "arsip" / "log" / "catatan.txt").write_text("bukan log", encoding="utf-8")
    lap = verifikasi(kantor_dir)
    assert lap.utuh and len(lap.peringatan) == 3, lap.teks()

    recorded = catat_log_yatim_kantor(kantor_dir)
    assert recorded == [(selesai, "terdahulu"), (terhenti, "terhenti")]
    assert catat_log_yatim_kantor(kantor_dir) == []  # recorded once
    lap = verifikasi(kantor_dir)
    assert lap.utuh, lap.teks()
    assert [m.objek for m in lap.peringatan] == ["arsip/log/catatan.txt"]  # not a run's log


CHILD = """
import sys
from datetime import date, datetime
from kinerja.jalankan.runlog import buka_log
log = buka_log(sys.argv[1], "2025-TW4", datetime(2026, 1, 16, 8, 0, 0), terminal=False)
log("mulai")
print("siap", flush=True)
sys.stdin.readline()
log.berhasil()
log.close()
"""


@pytest.mark.skipif(not hasattr(os, "lockf"), reason="POSIX record locks")
def test_a_live_runs_log_is_not_taken_for_a_killed_one(kantor_dir: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(kantor_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "siap"
        live = log_path(kantor_dir, PERIODE, datetime(2026, 1, 16, 8, 0, 0))
        assert sedang_ditulis(live)
        assert catat_log_yatim_kantor(kantor_dir) == []
    finally:
        proc.communicate("\n", timeout=60)
    assert proc.returncode == 0
    assert not sedang_ditulis(live)
    (row,) = _rows(kantor_dir)
    assert (row["status"], row["sha256"]) == ("berhasil", _sha(live))
    assert verifikasi(kantor_dir).utuh


def test_a_log_closed_without_an_outcome_is_terputus(kantor_dir: Path) -> None:
    log = buka_log(kantor_dir, PERIODE, datetime(2026, 1, 16, 8, 0, 0), terminal=False)
    log("mulai")
    assert catat_log_yatim_kantor(kantor_dir, [log.path]) == []  # its own log: left alone
    log.close()
    (row,) = _rows(kantor_dir)
    assert row["status"] == "terputus"
    assert verifikasi(kantor_dir).utuh


def test_two_logs_of_the_same_second_are_two_files_each_recorded(kantor_dir: Path) -> None:
    mulai = datetime(2026, 1, 16, 8, 0, 0)
    satu = buka_log(kantor_dir, PERIODE, mulai, terminal=False)
    dua = buka_log(kantor_dir, PERIODE, mulai, terminal=False)
    assert satu.path == log_path(kantor_dir, PERIODE, mulai)
    assert dua.path is not None and dua.path.name == f"jalankan-{PERIODE}-20260116-080000-2.log"
    satu("run pertama")
    dua("run kedua")
    satu.berhasil()
    dua.gagal(JalankanError("ditolak"), terminal=False)
    satu.close()
    dua.close()
    assert "run kedua" not in satu.path.read_text("utf-8")
    assert "run pertama" not in dua.path.read_text("utf-8")
    rows = {r["berkas"]: r for r in _rows(kantor_dir)}
    assert {b: r["status"] for b, r in rows.items()} == {
        _rel(kantor_dir, satu.path): "berhasil",
        _rel(kantor_dir, dua.path): "gagal",
    }
    assert all(r["sha256"] == _sha(kantor_dir / b) for b, r in rows.items())
    lap = verifikasi(kantor_dir)
    assert lap.utuh and not lap.peringatan and lap.jumlah["log"] == 2, lap.teks()


@pytest.mark.skipif(not hasattr(os, "lockf"), reason="POSIX record locks")
def test_a_run_of_the_same_second_as_a_live_one_leaves_both_logs_alone(
    kantor_dir: Path, tmp_path: Path
) -> None:
    """Another process writes the log named for this second; this run takes ``-2`` and
    ``jalankan`` is told it, so neither log is recorded as a killed run's."""
    out = tmp_path / "laporan" / PERIODE
    _archived_publication(kantor_dir, out)  # the run is refused after recording orphans
    mulai = datetime(2026, 1, 16, 8, 0, 0)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(kantor_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "siap"
        lain = log_path(kantor_dir, PERIODE, mulai)
        log = buka_log(kantor_dir, PERIODE, mulai, terminal=False)
        assert log.path is not None and log.path != lain and sedang_ditulis(lain)
        with pytest.raises(JalankanError, match="sudah diarsipkan"):
            jalankan(kantor_dir, PERIODE, date(2026, 1, 15), mulai=mulai, keluaran=out,
                     laporan=log, log=log.path)  # fmt: skip
        assert _rows(kantor_dir) == []  # neither the live log nor its own: not killed runs'
        log.gagal(JalankanError("ditolak"), terminal=False)
        log.close()
    finally:
        proc.communicate("\n", timeout=60)
    assert proc.returncode == 0
    statuses = {r["berkas"]: r["status"] for r in _rows(kantor_dir)}
    assert statuses == {_rel(kantor_dir, lain): "berhasil", _rel(kantor_dir, log.path): "gagal"}
    assert "GAGAL" not in lain.read_text("utf-8") and "mulai" not in log.path.read_text("utf-8")
    assert verifikasi(kantor_dir).utuh
