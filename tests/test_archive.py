"""The write-once archive: content addressing, versions, freezing, retention."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat

import pytest

from kinerja.catatan import objek
from kinerja.catatan.db import connect
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.retensi import jadwal_retensi

W = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def test_object_is_content_addressed_and_read_only(kantor: Kantor) -> None:
    data = b"%PDF-1.7 contoh\n"
    sha = objek.simpan(kantor, data, jenis="dokumen", periode="2025-TW1", nama="pk.pdf", waktu=W)
    assert sha == hashlib.sha256(data).hexdigest()
    path = kantor.arsip / "objek" / "sha256" / sha[:2] / sha[2:]
    assert objek.objek_path(kantor, sha) == path
    assert path.read_bytes() == data
    assert not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    with pytest.raises(FileExistsError):
        path.open("xb")
    assert objek.baca(kantor, sha) == data
    assert not list(path.parent.glob(".tmp-*"))


def test_same_content_twice_is_one_version(kantor: Kantor) -> None:
    for _ in range(2):
        objek.simpan(kantor, b"a", jenis="data", periode="2025", nama="x.json", waktu=W)
    assert [r["versi"] for r in objek.daftar(kantor)] == [1]


def test_file_source_keeps_name_and_media_type(kantor: Kantor, tmp_path) -> None:
    f = tmp_path / "Formulir-PEM-2025-TW1.xlsx"
    f.write_bytes(b"PK\x03\x04 contoh")
    objek.simpan(kantor, f, jenis="formulir", periode="2025-TW1", nama="PEM", waktu=W)
    row = objek.terbaru(kantor, "formulir", "2025-TW1", "PEM")
    assert row is not None and row["nama_berkas"] == f.name
    assert row["media_type"].endswith("spreadsheetml.sheet")
    with pytest.raises(InputError, match="tidak dapat dibaca"):
        objek.simpan(kantor, tmp_path / "hilang.xlsx", jenis="f", periode="p", nama="n", waktu=W)


def test_new_content_is_new_version_superseding_the_old(kantor: Kantor) -> None:
    a = objek.simpan(kantor, b"v1", jenis="dokumen", periode="2025", nama="d", waktu=W)
    b = objek.simpan(kantor, b"v2", jenis="dokumen", periode="2025", nama="d", waktu=W)
    rows = objek.daftar(kantor)
    assert [(r["versi"], r["sha256"]) for r in rows] == [(1, a), (2, b)]
    assert rows[1]["menggantikan"] == rows[0]["id"] and rows[1]["alasan"] == "perubahan draf"
    assert objek.daftar(kantor, semua_versi=False)[0]["sha256"] == b
    assert objek.baca(kantor, a) == b"v1"  # the old object stays


def test_signed_version_is_frozen(kantor: Kantor) -> None:
    kw = {"jenis": "dokumen", "periode": "2025-TW1", "nama": "pengukuran-kinerja.pdf"}
    sha = objek.simpan(kantor, b"final", status="final", waktu=W, **kw)
    objek.bekukan(kantor, sha, waktu=W, oleh="camat")
    assert objek.terbaru(kantor, **kw)["status"] == "ditandatangani"
    with pytest.raises(objek.BekuError, match="dibekukan.*revisi"):
        objek.simpan(kantor, b"diubah", waktu=W, **kw)
    with pytest.raises(objek.BekuError, match="tidak dapat diubah"):
        objek.ubah_status(kantor, sha, "final", waktu=W)
    with pytest.raises(objek.BekuError):
        objek.bekukan(kantor, sha, waktu=W)
    # The database itself refuses, even to someone bypassing the module.
    conn = connect(kantor.path)
    with pytest.raises(sqlite3.IntegrityError, match="dibekukan"):
        conn.execute("UPDATE artefak SET status = 'draf'")
    with pytest.raises(sqlite3.IntegrityError, match="tidak boleh dihapus"):
        conn.execute("DELETE FROM artefak")
    conn.close()
    # The object file refuses an overwrite (root ignores mode bits: check them instead).
    obj = objek.objek_path(kantor, sha)
    assert stat.S_IMODE(obj.stat().st_mode) == 0o444
    if os.geteuid() != 0:
        with pytest.raises(PermissionError):
            obj.open("r+b")
    # A revision with a reason is a new version naming what it supersedes.
    rev = objek.simpan(kantor, b"revisi", alasan="salah ketik Bab II", waktu=W, **kw)
    row = objek.terbaru(kantor, **kw)
    assert row["sha256"] == rev and row["versi"] == 2 and row["status"] == "draf"
    assert row["alasan"] == "salah ketik Bab II"


def test_status_only_moves_forward(kantor: Kantor) -> None:
    sha = objek.simpan(kantor, b"x", jenis="d", periode="p", nama="n", status="final", waktu=W)
    with pytest.raises(InputError, match="tidak dapat mundur"):
        objek.ubah_status(kantor, sha, "draf", waktu=W)
    with pytest.raises(InputError, match="Tidak ada artefak"):
        objek.ubah_status(kantor, "0" * 64, "final", waktu=W)


def test_store_signed_at_once(kantor: Kantor) -> None:
    sha = objek.simpan(
        kantor, b"ttd", jenis="dokumen", periode="p", nama="n", status="ditandatangani", waktu=W
    )
    row = objek.terbaru(kantor, "dokumen", "p", "n")
    assert row["sha256"] == sha and row["dibekukan"].startswith("2025-05-20T09:00")


def test_retention_recorded_from_default_and_config(kantor: Kantor) -> None:
    objek.simpan(kantor, b"a", jenis="dokumen", periode="p", nama="n", waktu=W)
    row = objek.terbaru(kantor, "dokumen", "p", "n")
    assert (row["kode_klasifikasi"], row["retensi_aktif"], row["retensi_inaktif"]) == (
        "000.8.6.3",
        2,
        3,
    )
    kantor.config["retensi"] = {"000.8.6.3": {"aktif": 5, "inaktif": 5, "keterangan": "permanen"}}
    assert jadwal_retensi(kantor, "000.8.6.3") == (5, 5, "permanen")
    assert jadwal_retensi(kantor, "999") == (None, None, "")


def test_baca_detects_damage(kantor: Kantor) -> None:
    sha = objek.simpan(kantor, b"asli", jenis="d", periode="p", nama="n", waktu=W)
    path = objek.objek_path(kantor, sha)
    path.chmod(0o644)
    path.write_bytes(b"palsu")
    with pytest.raises(InputError, match="rusak"):
        objek.baca(kantor, sha)


def test_every_write_is_in_the_event_log(kantor: Kantor) -> None:
    sha = objek.simpan(kantor, b"a", jenis="d", periode="p", nama="n", waktu=W, oleh="kasubag")
    objek.bekukan(kantor, sha, waktu=W, oleh="camat")
    conn = connect(kantor.path)
    kinds = [
        (r["apa"], r["siapa"], r["artefak_sha256"])
        for r in conn.execute("SELECT * FROM peristiwa WHERE apa != 'catatan-baris' ORDER BY seq")
    ]
    conn.close()
    assert kinds == [("arsip-simpan", "kasubag", sha), ("arsip-status", "camat", sha)]
