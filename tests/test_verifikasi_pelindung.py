"""verifikasi's blind spots: the database's protective triggers, and the trust configuration.

On copies of one shared ``kinerja demo`` run: a trigger dropped (or rewritten to do
nothing) leaves the tables it guards open to silent change, so it is damage naming the
trigger and its table; ``arsip/tte`` deleted names each missing file as what it is, and
each signed file by its own name, once.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from demo_util import DemoRun

from kinerja.arsip.verifikasi import verifikasi
from kinerja.arsip.verifikasi_skema import pemicu_seharusnya
from kinerja.catatan.db import pemicu_basis
from kinerja.kantor.katalog import load_kantor


@pytest.fixture
def kopi(demo_run: DemoRun, tmp_path: Path) -> Path:
    target = tmp_path / demo_run.office.name
    shutil.copytree(demo_run.office, target)
    for p in target.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    return target


def _sql(office: Path, *statements: str) -> None:
    conn = sqlite3.connect(office / "arsip" / "kinerja.sqlite", isolation_level=None)
    try:
        for s in statements:
            conn.execute(s)
    finally:
        conn.close()


def test_every_trigger_kinerja_creates_is_expected(demo_run: DemoRun) -> None:
    conn = sqlite3.connect(demo_run.office / "arsip" / "kinerja.sqlite")
    try:
        ada, seharusnya = pemicu_basis(conn), pemicu_seharusnya(conn)
    finally:
        conn.close()
    assert len(ada) >= 15
    assert ada == seharusnya  # same names, tables and statements
    lap = verifikasi(load_kantor(demo_run.office))
    assert lap.utuh and lap.jumlah["pemicu"] == len(ada), lap.teks()


def test_every_dropped_trigger_is_damage_named_by_trigger_and_table(kopi: Path) -> None:
    conn = sqlite3.connect(kopi / "arsip" / "kinerja.sqlite")
    semua = pemicu_basis(conn)
    conn.close()
    _sql(kopi, *(f'DROP TRIGGER "{nama}"' for nama in semua))
    lap = verifikasi(load_kantor(kopi))
    hilang = {(m.objek, m.pesan.split()[1]) for m in lap.masalah if m.kode == "pemicu-hilang"}
    assert hilang == {(f"tabel {tabel}", nama) for nama, (tabel, _) in semua.items()}, lap.teks()
    assert not lap.utuh and "Pelindung basis data hilang — tabel peristiwa" in lap.teks()


def test_a_trigger_rewritten_to_do_nothing_is_damage(kopi: Path) -> None:
    _sql(
        kopi,
        "DROP TRIGGER artefak_beku",
        "CREATE TRIGGER artefak_beku BEFORE UPDATE ON artefak WHEN 0 BEGIN SELECT 1; END",
        "UPDATE artefak SET status = 'final' WHERE status = 'ditandatangani'",
    )
    lap = verifikasi(load_kantor(kopi))
    assert "pemicu-diubah" in {m.kode for m in lap.masalah}, lap.teks()
    (m,) = [m for m in lap.masalah if m.kode == "pemicu-diubah"]
    assert m.objek == "tabel artefak" and "artefak_beku" in m.pesan


def test_a_deleted_tte_folder_names_files_once_and_as_what_they_are(kopi: Path) -> None:
    shutil.rmtree(kopi / "arsip" / "tte")
    lap = verifikasi(load_kantor(kopi))
    teks = lap.teks()
    hilang = {m.objek: m.pesan for m in lap.masalah if m.kode == "tte-akar-hilang"}
    assert set(hilang) >= {"arsip/tte/uji/penanda-tangan.p12", "arsip/tte/uji/ca-uji.pem"}, teks
    assert hilang["arsip/tte/uji/penanda-tangan.p12"].startswith("berkas penanda tangan uji ini")
    assert hilang["arsip/tte/uji/ca-uji.pem"].startswith("sertifikat CA uji ini hilang")
    akar = [o for o in hilang if o.startswith("arsip/tte/akar/")]
    assert akar and hilang[akar[0]].startswith("sertifikat akar ini hilang")
    assert "tidak tercatat di register" not in teks
    ttd = [m for m in lap.masalah if m.kode == "tanda-tangan-tidak-sah"]
    assert ttd and len({m.objek for m in ttd}) == len(ttd), teks  # each signed file once
    for m in ttd:
        nama = m.objek.split(" (")[0]
        assert nama.endswith("-ttd.pdf") and f'Berkas "{nama}" TIDAK UTUH' in m.pesan, m.pesan
