"""Generic tampering over the demo archive, in the spirit of SQLite's tests.

One real ``kinerja demo`` run (forms received, decisions, a signed and numbered
document, a package) is shared by every test; each test tampers with its own copy
of the office the way a person with the SQLite file and a text editor could, and
``verifikasi`` must say RUSAK. The attacks, for every table of kinerja.sqlite
(read from ``sqlite_master``): a value of the last row changed, a middle row
deleted, a row inserted, the tail of the event chain deleted, and an edit with
the whole chain recomputed after it (found through the head hash the office kept
outside the laptop). Then the database deleted, emptied, its tables dropped, a
flipped byte in every stored file, and every run log deleted or a fake one added.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kinerja.arsip.masalah import judul_masalah
from kinerja.arsip.verifikasi import verifikasi
from kinerja.catatan import rantai
from kinerja.cli import main
from kinerja.kantor.katalog import Kantor, load_kantor

pytestmark = [
    pytest.mark.xdist_group("tamper"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*sRGB2014:pytest.PytestUnraisableExceptionWarning"
    ),
]

NAMA = "linggo-sari-baganti"
SERANGAN = ("ubah-baris-akhir", "hapus-baris-tengah", "sisip-baris", "potong-ekor", "hitung-ulang")


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tamper-demo")
    assert main(["demo", "--keluaran", str(root)]) == 0
    # and a run refused (its publication is archived): a run log recorded in the chain
    again = ["jalankan", "--kantor", str(root / NAMA), "--periode", "2025-TW4"]
    assert main([*again, "--keluaran", str(root / "2025-TW4")]) == 1
    return root / NAMA


def _db(office: Path) -> Path:
    return office / "arsip" / "kinerja.sqlite"


def _tables(office: Path) -> list[str]:
    """Every table of the demo's database (introspected, not listed by hand)."""
    conn = sqlite3.connect(_db(office))
    try:
        return [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
    finally:
        conn.close()


def _stored_files(office: Path) -> list[str]:
    """Every file kinerja keeps under arsip/ (run logs included) but the database itself and
    its locks."""
    arsip = office / "arsip"
    return sorted(
        p.relative_to(office).as_posix()
        for p in arsip.rglob("*")
        if p.is_file() and not p.name.startswith("kinerja.sqlite") and p.suffix != ".lock"
    )


# The demo office is made once per session; the parameter lists need its tables,
# so they are read from a demo made the same way on first use.
_TABEL_DEMO = [
    "artefak",
    "berkas_masuk",
    "himpunan",
    "ledger_keputusan",
    "log_jalankan",
    "nilai_anggaran",
    "nilai_realisasi",
    "nomor_surat",
    "peristiwa",
    "skema",
    "sop_langkah",
    "sop_run",
    "sqlite_sequence",
    "temuan_himpun",
]


def test_parameter_tables_are_every_table_of_the_demo(demo: Path) -> None:
    assert _tables(demo) == _TABEL_DEMO


def test_demo_archive_is_intact_and_covered(demo: Path) -> None:
    lap = verifikasi(demo)
    assert lap.utuh, lap.teks()
    assert lap.jumlah["baris"] >= 150 and lap.jumlah["masuk"] >= 20 and lap.jumlah["log"] >= 1
    assert not lap.peringatan, lap.teks()
    assert lap.kepala and lap.kepala in lap.teks()


@pytest.fixture
def kopi(demo: Path, tmp_path: Path) -> Path:
    target = tmp_path / NAMA
    shutil.copytree(demo, target)
    for p in target.rglob("*"):
        if p.is_file():
            p.chmod(0o644)
    return target


def _kepala(office: Path) -> str:
    """The chain's head hash before the attack (what the office kept outside the laptop)."""
    conn = sqlite3.connect(_db(office))
    try:
        return conn.execute("SELECT hash FROM peristiwa ORDER BY seq DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def _attacker(office: Path) -> sqlite3.Connection:
    """The file opened by hand, as an attacker would: triggers dropped, no checks."""
    conn = sqlite3.connect(_db(office), isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    return conn


def _key(tabel: str) -> str:
    return "name" if tabel == "sqlite_sequence" else "rowid"


def _rows(conn: sqlite3.Connection, tabel: str) -> list[object]:
    return [r[0] for r in conn.execute(f'SELECT {_key(tabel)} FROM "{tabel}" ORDER BY rowid')]


def _changed(v: object) -> object:
    if isinstance(v, bool | int):
        return v + 1
    if isinstance(v, float):
        return v * 2 + 1
    if isinstance(v, str):
        return v + " (diubah)"
    return 7


def _ubah_baris_akhir(conn: sqlite3.Connection, tabel: str) -> None:
    key = _rows(conn, tabel)[-1]
    cur = conn.execute(f'SELECT * FROM "{tabel}" WHERE {_key(tabel)} = ?', (key,))
    cols = [d[0] for d in cur.description]
    row = dict(zip(cols, cur.fetchone(), strict=True))
    col = cols[-1] if tabel != "peristiwa" else "siapa"
    conn.execute(
        f'UPDATE "{tabel}" SET "{col}" = ? WHERE {_key(tabel)} = ?', (_changed(row[col]), key)
    )


def _hapus_baris_tengah(conn: sqlite3.Connection, tabel: str) -> None:
    keys = _rows(conn, tabel)
    conn.execute(f'DELETE FROM "{tabel}" WHERE {_key(tabel)} = ?', (keys[len(keys) // 2],))


def _sisip_baris(conn: sqlite3.Connection, tabel: str) -> None:
    if tabel == "sqlite_sequence":
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('palsu', 3)")
        return
    cur = conn.execute(f'SELECT * FROM "{tabel}" ORDER BY rowid DESC LIMIT 1')
    cols = [d[0] for d in cur.description]
    row = dict(zip(cols, cur.fetchone(), strict=True))
    info = {r[1]: r for r in conn.execute(f'PRAGMA table_info("{tabel}")')}
    for c, v in row.items():
        if info[c][5] == 1 and isinstance(v, int):  # INTEGER PRIMARY KEY: the next one
            row[c] = conn.execute(f'SELECT MAX("{c}") + 1 FROM "{tabel}"').fetchone()[0]
        elif isinstance(v, str) and c not in ("status", "tingkat", "keputusan"):
            row[c] = v + " (palsu)"
    marks = ", ".join("?" * len(row))
    names = ", ".join(f'"{c}"' for c in row)
    sql = f'INSERT INTO "{tabel}" ({names}) VALUES ({marks})'
    try:
        conn.execute(sql, tuple(row.values()))
    except sqlite3.IntegrityError:  # a UNIQUE over numbers (run_id, no): other numbers
        conn.execute(
            sql,
            tuple(
                v + 1000 if isinstance(v, int) and info[c][5] != 1 else v for c, v in row.items()
            ),
        )


def _seq_terakhir(conn: sqlite3.Connection, tabel: str) -> int:
    """The last event that recorded a row of ``tabel`` (the last event for the chain)."""
    last = 0
    for seq, apa, data in conn.execute("SELECT seq, apa, data FROM peristiwa ORDER BY seq"):
        if tabel == "peristiwa" or (apa == rantai.APA_BARIS and tabel in json.loads(data)["baris"]):
            last = seq
    return last


def _potong_ekor(conn: sqlite3.Connection, tabel: str) -> None:
    conn.execute("DELETE FROM peristiwa WHERE seq >= ?", (_seq_terakhir(conn, tabel),))


def _rewrite_chain(conn: sqlite3.Connection, dari: int) -> None:
    """Recompute every event hash from ``dari`` on, as a knowing attacker would."""
    prev = conn.execute("SELECT hash FROM peristiwa WHERE seq = ?", (dari - 1,)).fetchone()
    prev_hash = prev[0] if prev else ""
    rows = conn.execute("SELECT * FROM peristiwa WHERE seq >= ? ORDER BY seq", (dari,)).fetchall()
    cols = [d[0] for d in conn.execute("SELECT * FROM peristiwa LIMIT 1").description]
    for r in rows:
        ev = dict(zip(cols, r, strict=True))
        ev["data"] = json.loads(ev["data"])
        ev["prev_hash"] = prev_hash
        new = rantai.event_hash(ev)
        conn.execute(
            "UPDATE peristiwa SET prev_hash = ?, hash = ? WHERE seq = ?",
            (prev_hash, new, ev["seq"]),
        )
        prev_hash = new


def _hitung_ulang(conn: sqlite3.Connection, tabel: str) -> None:
    _ubah_baris_akhir(conn, tabel)
    if tabel == "peristiwa":
        _rewrite_chain(conn, conn.execute("SELECT MAX(seq) FROM peristiwa").fetchone()[0])
        return
    key = str(_rows(conn, tabel)[-1])
    new = rantai.isi_tabel(conn, tabel)[key]
    seq = max(
        s
        for s, d in conn.execute(
            "SELECT seq, data FROM peristiwa WHERE apa = ?", (rantai.APA_BARIS,)
        )
        if json.loads(d)["baris"].get(tabel, {}).get(key)
    )
    data = json.loads(
        conn.execute("SELECT data FROM peristiwa WHERE seq = ?", (seq,)).fetchone()[0]
    )
    data["baris"][tabel][key] = new
    conn.execute(
        "UPDATE peristiwa SET data = ? WHERE seq = ?",
        (rantai.canonical_json(data).decode(), seq),
    )
    _rewrite_chain(conn, seq)


SERANG = {
    "ubah-baris-akhir": _ubah_baris_akhir,
    "hapus-baris-tengah": _hapus_baris_tengah,
    "sisip-baris": _sisip_baris,
    "potong-ekor": _potong_ekor,
    "hitung-ulang": _hitung_ulang,
}


@pytest.mark.parametrize("serangan", SERANGAN)
@pytest.mark.parametrize("tabel", _TABEL_DEMO)
def test_every_table_every_attack_is_found(kopi: Path, tabel: str, serangan: str) -> None:
    kepala = _kepala(kopi)
    conn = _attacker(kopi)
    try:
        SERANG[serangan](conn, tabel)
    finally:
        conn.close()
    saksi = [(kepala, "catatan kantor")] if serangan == "hitung-ulang" else None
    lap = verifikasi(load_kantor(kopi), saksi=saksi)
    assert not lap.utuh, f"{serangan} on {tabel} passed unseen:\n{lap.teks()}"
    if serangan in ("ubah-baris-akhir", "hapus-baris-tengah", "sisip-baris") and tabel not in (
        "peristiwa",
    ):
        assert any(m.objek == f"tabel {tabel}" for m in lap.masalah), lap.teks()


def test_recomputed_chain_is_found_by_the_witness(kopi: Path) -> None:
    """An edit with the chain recomputed after it: the head hash kept outside is gone."""
    kepala = _kepala(kopi)
    conn = _attacker(kopi)
    try:
        _hitung_ulang(conn, "nilai_realisasi")
    finally:
        conn.close()
    lap = verifikasi(kopi, saksi=[(kepala, "catatan kantor")])
    assert "saksi-tidak-ada" in {m.kode for m in lap.masalah}, lap.teks()


def _kantor(office: Path) -> Kantor:
    return load_kantor(office)


def test_database_deleted_is_rusak(kopi: Path) -> None:
    for p in (kopi / "arsip").glob("kinerja.sqlite*"):
        p.unlink()
    lap = verifikasi(_kantor(kopi))
    assert [m.kode for m in lap.masalah][:1] == ["database-hilang"], lap.teks()
    assert main(["verifikasi", "--kantor", str(kopi)]) == 1


def test_database_emptied_is_rusak(kopi: Path) -> None:
    for p in (kopi / "arsip").glob("kinerja.sqlite*"):
        p.unlink()
    _db(kopi).write_bytes(b"")
    lap = verifikasi(_kantor(kopi))
    assert "database-hilang" in {m.kode for m in lap.masalah}, lap.teks()


@pytest.mark.parametrize("tabel", ["peristiwa", "artefak", "nilai_realisasi", "*"])
def test_tables_dropped_is_rusak(kopi: Path, tabel: str) -> None:
    conn = _attacker(kopi)
    try:
        names = _TABEL_DEMO if tabel == "*" else [tabel]
        for t in names:
            if t != "sqlite_sequence":
                conn.execute(f'DROP TABLE "{t}"')
    finally:
        conn.close()
    lap = verifikasi(_kantor(kopi))
    assert not lap.utuh, lap.teks()


def test_every_stored_file_is_covered(kopi: Path) -> None:
    """A flipped byte in each stored file (objects, received forms, trust roots, run logs)
    is found."""
    files = _stored_files(kopi)
    assert any("/masuk/" in f for f in files) and any("/objek/" in f for f in files)
    assert any("/log/" in f for f in files)
    unseen = []
    for rel in files:
        path = kopi / rel
        original = path.read_bytes()
        data = bytearray(original)
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        lap = verifikasi(_kantor(kopi))
        path.write_bytes(original)
        if lap.utuh:
            unseen.append(rel)
    assert unseen == [], f"{len(unseen)} of {len(files)} flipped files passed: {unseen}"


def test_every_log_deleted_or_a_fake_added_is_reported(kopi: Path) -> None:
    """A run log deleted is damage; one no event recorded is a PERINGATAN, by name."""
    logs = [f for f in _stored_files(kopi) if f.startswith("arsip/log/")]
    assert logs
    for rel in logs:
        path = kopi / rel
        original = path.read_bytes()
        path.unlink()
        lap = verifikasi(_kantor(kopi))
        path.write_bytes(original)
        assert [(m.kode, m.objek) for m in lap.masalah] == [("log-hilang", rel)], lap.teks()
    palsu = "arsip/log/jalankan-2025-TW4-20260101-080000.log"
    (kopi / palsu).write_text("2026-01-01 08:00:00 BERHASIL\n", encoding="utf-8")
    lap = verifikasi(_kantor(kopi))
    assert [(m.kode, m.objek) for m in lap.peringatan] == [("log-tak-tercatat", palsu)]
    assert f"PERINGATAN: {judul_masalah('log-tak-tercatat')} — {palsu}" in lap.teks()
    assert lap.utuh  # a warning, not damage: a killed or a running run leaves one too


def test_saksi_from_a_package_and_a_bad_saksi(kopi: Path, demo: Path) -> None:
    head = _kepala(kopi)
    assert main(["verifikasi", "--kantor", str(kopi), "--saksi", head]) == 0
    assert main(["verifikasi", "--kantor", str(kopi), "--saksi", "f" * 64]) == 1
    assert main(["verifikasi", "--kantor", str(kopi), "--saksi", "bukan-hash"]) == 2
    paket = next((demo.parent / "2025-TW4-sop" / "paket").iterdir())  # what the Kabupaten holds
    assert main(["verifikasi", "--kantor", str(kopi), "--saksi", str(paket)]) == 0
    conn = _attacker(kopi)
    try:  # the tail cut back to before the package was made
        n = conn.execute("SELECT COUNT(*) FROM peristiwa").fetchone()[0]
        conn.execute("DELETE FROM peristiwa WHERE seq > ?", (n // 2,))
    finally:
        conn.close()
    from kinerja.arsip.verifikasi_cakupan import baca_saksi

    lap = verifikasi(load_kantor(kopi), saksi=baca_saksi(str(paket)))
    assert "saksi-tidak-ada" in {m.kode for m in lap.masalah}, lap.teks()


def test_a_root_copied_by_hand_is_not_trusted_until_recorded(kopi: Path, tmp_path: Path) -> None:
    from kinerja.ttd.akar import akar_sah
    from kinerja.ttd.tandatangan import buat_sertifikat_uji

    lain = tmp_path / "lain"
    shutil.copytree(kopi, lain, ignore=shutil.ignore_patterns("arsip"))
    buat_sertifikat_uji(lain / "arsip" / "tte" / "uji", load_kantor(lain))
    asing = next((lain / "arsip" / "tte" / "akar").glob("*.pem"))
    shutil.copy(asing, kopi / "arsip" / "tte" / "akar" / asing.name)
    k = load_kantor(kopi)
    assert asing.name not in {p.name for p in akar_sah(k)}
    lap = verifikasi(k)
    assert [m.kode for m in lap.masalah] == ["tte-akar-berubah"], lap.teks()
    assert asing.name in lap.masalah[0].objek
    assert main(["ttd", "akar", "--kantor", str(kopi)]) == 0  # a change of roots: an event
    assert asing.name in {p.name for p in akar_sah(load_kantor(kopi))}
    assert verifikasi(load_kantor(kopi)).utuh


def test_every_signed_pdf_carries_a_head_the_chain_holds(demo: Path) -> None:
    """The document and the surat pengantar name the chain's head under their signature."""
    from kinerja.arsip.verifikasi_cakupan import saksi_pdf
    from kinerja.catatan import objek

    heads = {
        r["nama"]: saksi_pdf(objek.objek_path(demo, r["sha256"]))
        for r in objek.daftar(demo)
        if r["jenis"] in ("dokumen", "surat") and r["media_type"] == "application/pdf"
    }
    assert heads["pengukuran-kinerja"] and heads["pengantar"], heads
    conn = sqlite3.connect(_db(demo))
    try:
        chain = {r[0] for r in conn.execute("SELECT hash FROM peristiwa")}
    finally:
        conn.close()
    assert {h for hs in heads.values() for h in hs} <= chain
