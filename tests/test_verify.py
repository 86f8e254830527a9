"""``verifikasi``: an intact archive passes; each kind of damage is found and named.

The archive under test is real: a WeasyPrint PDF/A-3b with embedded source data,
signed with pyHanko and a test CA made at run time, SOP steps, letter numbers.
Each damage test works on its own copy of that office.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kinerja.arsip.masalah import KATALOG, buat_masalah, isian_template
from kinerja.arsip.verifikasi import verifikasi
from kinerja.catatan import objek
from kinerja.catatan.db import connect, db_path
from kinerja.cetak.render import Lampiran, pdf_bytes
from kinerja.cli import main
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.naskah.penomoran import alokasi_nomor
from kinerja.paths import demo_office
from kinerja.sop.register import catat_langkah
from kinerja.ttd.tandatangan import buat_sertifikat_uji, tandatangani, tte_dir

pytestmark = [
    pytest.mark.xdist_group("verify"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*sRGB2014:pytest.PytestUnraisableExceptionWarning"
    ),
]

W = dt.datetime(2025, 5, 20, 10, 0, tzinfo=WIB)
P = "2025-TW1"
DATA = json.dumps({"periode": P, "capaian": "98.50"}, sort_keys=True).encode()
HTML = """<html><body style="font-family: 'Liberation Sans'"><h1>LEMBAR PENGESAHAN</h1>
<p>Dokumen Pengukuran Kinerja Triwulan I Tahun 2025.</p>
<p style="margin-top: 3cm; margin-left: 55%">RAHMAT HIDAYAT, S.STP., M.Si.</p></body></html>"""


def _pdf(data: bytes) -> bytes:
    pdf, _, _ = pdf_bytes(HTML, attachments=[Lampiran("data-sumber.json", data)], tanggal=W)
    return pdf


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verify")
    folder = root / "kantor"
    shutil.copytree(demo_office(), folder, ignore=shutil.ignore_patterns("arsip"))
    kantor = load_kantor(folder)
    buat_sertifikat_uji(tte_dir(kantor) / "uji", kantor)
    source = root / "dokumen.pdf"
    source.write_bytes(_pdf(DATA))
    signed = root / "dokumen-ttd.pdf"
    tandatangani(source, signed, kantor=kantor, waktu=W)
    kw = {"periode": P, "waktu": W}
    objek.simpan(kantor, DATA, jenis="data", nama="data-sumber.json", **kw)
    objek.simpan(kantor, source, jenis="dokumen", nama="pengukuran-kinerja", status="final", **kw)
    objek.simpan(
        kantor,
        signed,
        jenis="dokumen",
        nama="pengukuran-kinerja",
        status="ditandatangani",
        alasan="ditandatangani",
        **kw,
    )
    for _ in range(3):
        alokasi_nomor(kantor, "000.8.6.3", "Undangan", tanggal=W.date())
    catat_langkah(kantor, P, 1, pelaksana="camat", mulai=W, selesai=W + dt.timedelta(minutes=9))
    return folder


@pytest.fixture
def kopi(office: Path, tmp_path: Path) -> Kantor:
    target = tmp_path / "kantor"
    shutil.copytree(office, target)
    return load_kantor(target)


def _objects(k: Kantor) -> dict[str, Path]:
    return {
        r["nama_berkas"] + r["status"]: objek.objek_path(k, r["sha256"]) for r in objek.daftar(k)
    }


def _codes(k: Kantor) -> set[str]:
    return {m.kode for m in verifikasi(k).masalah}


def test_intact_archive(office: Path) -> None:
    lap = verifikasi(office)
    assert lap.utuh, lap.teks()
    assert lap.jumlah["objek"] == 3 and lap.jumlah["nomor"] == 3
    assert lap.jumlah["pdf"] == 2 and lap.jumlah["tanda_tangan"] == 1
    assert lap.jumlah["peristiwa"] >= 8
    assert "arsip utuh" in lap.teks()


def test_flipped_byte_in_object_named(kopi: Kantor) -> None:
    path = _objects(kopi)["data-sumber.jsondraf"]
    data = bytearray(path.read_bytes())
    data[3] ^= 0x01
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    lap = verifikasi(kopi)
    assert [m.kode for m in lap.masalah] == ["objek-rusak"]
    assert lap.masalah[0].objek.endswith(path.name) and "data-sumber.json" in lap.masalah[0].pesan


def test_tampered_signed_pdf_fails_hash_and_signature(kopi: Kantor) -> None:
    path = _objects(kopi)["dokumen-ttd.pdfditandatangani"]
    data = bytearray(path.read_bytes())
    at = data.find(b"Pengukuran Kinerja") if b"Pengukuran Kinerja" in data else 400
    data[at] ^= 0x20
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    codes = _codes(kopi)
    assert "objek-rusak" in codes and "tanda-tangan-tidak-sah" in codes


def test_missing_object_named_by_hash(kopi: Kantor) -> None:
    path = _objects(kopi)["dokumen.pdffinal"]
    path.unlink()
    lap = verifikasi(kopi)
    assert [m.kode for m in lap.masalah] == ["objek-hilang"]
    assert lap.masalah[0].objek == path.parent.name + path.name


def test_deleted_middle_event(kopi: Kantor) -> None:
    conn = connect(kopi.path)
    conn.execute("DROP TRIGGER peristiwa_tanpa_hapus")
    conn.execute(
        "DELETE FROM peristiwa WHERE seq = (SELECT MIN(seq) FROM peristiwa WHERE apa = 'arsip-simpan')"
    )
    conn.close()
    assert {"rantai-putus", "peristiwa-hilang"} <= _codes(kopi)


def test_deleted_last_event_found_through_the_record(kopi: Kantor) -> None:
    conn = connect(kopi.path)
    conn.execute("DROP TRIGGER peristiwa_tanpa_hapus")
    conn.execute("DELETE FROM peristiwa WHERE seq = (SELECT MAX(seq) FROM peristiwa)")
    conn.close()
    # the last event covers the rows of the last write: they are now rows nobody recorded
    assert _codes(kopi) == {"baris-ditambah", "pemicu-hilang"}  # the trigger dropped too
    conn = connect(kopi.path)
    conn.execute("DELETE FROM peristiwa WHERE seq = (SELECT MAX(seq) FROM peristiwa)")
    conn.close()
    assert _codes(kopi) == {"baris-ditambah", "peristiwa-hilang", "pemicu-hilang"}


def test_index_pointed_elsewhere(kopi: Kantor) -> None:
    conn = connect(kopi.path)
    conn.execute("DROP TRIGGER artefak_isi_tetap")
    other = conn.execute("SELECT sha256 FROM artefak WHERE id = 1").fetchone()[0]
    conn.execute("UPDATE artefak SET sha256 = ? WHERE id = 2", (other,))
    conn.close()
    assert "catatan-diubah" in _codes(kopi)


def test_number_gap(kopi: Kantor) -> None:
    conn = connect(kopi.path)
    conn.execute("DROP TRIGGER nomor_tanpa_hapus")
    conn.execute("DELETE FROM nomor_surat WHERE urut = 2")
    conn.close()
    lap = verifikasi(kopi)
    assert "register-nomor" in {m.kode for m in lap.masalah}
    assert any("(celah) 2" in m.pesan for m in lap.masalah)


def test_embedded_data_differs_from_stored(kopi: Kantor) -> None:
    objek.simpan(
        kopi,
        _pdf(b'{"capaian":"12.00"}'),
        jenis="dokumen",
        periode=P,
        nama="salinan",
        nama_berkas="salinan.pdf",
        waktu=W,
    )
    lap = verifikasi(kopi)
    assert [m.kode for m in lap.masalah] == ["data-tertanam-berbeda"]
    assert "salinan.pdf" in lap.masalah[0].objek


def test_leftover_temp_is_a_note_not_damage(kopi: Kantor) -> None:
    folder = next(objek.objek_root(kopi).iterdir())
    (folder / ".tmp-deadbeef-1-00").write_bytes(b"separuh")
    lap = verifikasi(kopi)
    assert lap.utuh and any("sementara" in c for c in lap.catatan)
    assert objek.bersihkan_sementara(kopi)


def test_no_archive_yet(kantor: Kantor) -> None:
    shutil.rmtree(kantor.path / "formulir-kembali")  # a new office: nothing placed yet
    lap = verifikasi(kantor)
    assert lap.utuh and "Belum ada arsip" in lap.catatan[0]
    assert not lap.peringatan and lap.teks().endswith("HASIL: arsip utuh.")


def test_returned_forms_without_any_archive_get_a_peringatan(
    kantor: Kantor, capsys: pytest.CaptureFixture[str]
) -> None:
    """Forms wait in formulir-kembali/ and there is no database: the archive may have been
    lost (or himpun never ran); said as a PERINGATAN with the count and the way to check."""
    kembali = kantor.path / "formulir-kembali"
    n = len(list(kembali.glob("*/*.xlsx")))
    assert n > 0  # the demo office's returned forms
    (kembali / "2025-TW4" / "~$Formulir-PEM.xlsx").write_bytes(b"kunci Excel")  # not a form
    lap = verifikasi(kantor)
    assert lap.utuh and not lap.masalah, lap.teks()
    (m,) = lap.peringatan
    assert (m.kode, m.objek) == ("arsip-mungkin-hilang", "formulir-kembali/")
    assert m.pesan.startswith(f"{n} formulir kembali ada di sini, tetapi basis data arsip ")
    assert "(arsip/kinerja.sqlite) belum ada" in m.pesan
    assert "pernah menjalankan himpun, arsipnya mungkin hilang" in m.pesan
    assert f'kinerja verifikasi --kantor "{kantor.path}" --saksi HASH' in m.pesan
    assert "dari cadangan" in m.pesan and "setelah himpun pertama" in m.pesan
    assert main(["verifikasi", "--kantor", str(kantor.path)]) == 0
    out = capsys.readouterr().out
    assert f"PERINGATAN: Arsip mungkin hilang — formulir-kembali/: {n} formulir kembali" in out
    assert out.rstrip().endswith("HASIL: arsip utuh; 1 peringatan.")
    # a witness kept outside the laptop then shows the archive is gone
    lap = verifikasi(kantor, saksi=[("ab" * 32, "--saksi")])
    assert [x.kode for x in lap.masalah] == ["saksi-tidak-ada"], lap.teks()


def test_a_lost_archive_with_records_left_is_damage_not_the_peringatan(kopi: Kantor) -> None:
    path = db_path(kopi.path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    lap = verifikasi(kopi)
    assert "database-hilang" in {m.kode for m in lap.masalah}, lap.teks()
    assert "arsip-mungkin-hilang" not in {m.kode for m in lap.peringatan}


def test_broken_database(kopi: Kantor) -> None:
    path = db_path(kopi.path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(b"bukan sqlite" * 100)
    assert _codes(kopi) == {"database-rusak"}


def test_cli_exit_codes(office: Path, kopi: Kantor, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verifikasi", "--kantor", str(office)]) == 0
    assert "HASIL: arsip utuh." in capsys.readouterr().out
    path = _objects(kopi)["dokumen.pdffinal"]
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"\n")
    assert main(["verifikasi", "--kantor", str(kopi.path)]) == 1
    out = capsys.readouterr().out
    assert f"RUSAK: Isi objek berubah — {path.relative_to(kopi.path)}: isi berubah" in out
    assert "TIDAK utuh" in out


def test_sqlite_guard_survives_copy(kopi: Kantor) -> None:
    conn = connect(kopi.path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE artefak SET status = 'draf' WHERE status = 'ditandatangani'")
    conn.close()


# ---------------------------------------------------------------------------------------------
# The catalogue of Masalah codes (arsip.masalah): every code used is in it, with its fields

KINERJA = Path(__file__).resolve().parent.parent / "kinerja"


def _masalah_calls() -> list[tuple[str, int, set[str], set[str]]]:
    """(file, line, keys, keyword names) of every ``.tambah(...)``/``buat_masalah(...)``."""
    calls = []
    for path in sorted([*(KINERJA / "arsip").glob("*.py"), *(KINERJA / "rekap").glob("*.py")]):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in ("tambah", "buat_masalah"):
                continue
            keys = {
                c.value
                for c in ast.walk(node.args[0])
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
            fields = {k.arg for k in node.keywords if k.arg}
            calls.append((path.name, node.lineno, keys, fields))
    return calls


def test_every_masalah_code_used_is_in_the_catalogue() -> None:
    calls = _masalah_calls()
    assert len(calls) > 40  # the scan finds the calls of verifikasi, bagit, sumber, periksa
    unknown = [f"{f}:{n} {k}" for f, n, keys, _ in calls for k in keys if k not in KATALOG]
    assert unknown == []
    missing = [
        f"{f}:{n} {k} lacks {sorted(isian_template(KATALOG[k].template) - fields)}"
        for f, n, keys, fields in calls
        for k in keys
        if isian_template(KATALOG[k].template) - fields
    ]
    assert missing == []
    unused = set(KATALOG) - {k for _, _, keys, _ in calls for k in keys}
    assert unused == set()


def test_masalah_is_made_only_from_the_catalogue() -> None:
    direct = [
        f"{p.relative_to(KINERJA)}:{n.lineno}"
        for p in sorted(KINERJA.rglob("*.py"))
        if p.name != "masalah.py"
        for n in ast.walk(ast.parse(p.read_text("utf-8")))
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "Masalah"
    ]
    assert direct == []


@pytest.mark.parametrize("kunci", sorted(KATALOG))
def test_catalogue_template_formats_with_its_fields(kunci: str) -> None:
    jenis = KATALOG[kunci]
    assert jenis.kode == kunci.partition("/")[0] and jenis.judul and jenis.template
    isian = dict.fromkeys(isian_template(jenis.template), "0123456789abcdef0123")
    m = buat_masalah(kunci, "objek", **isian)
    assert m.kode == jenis.kode and m.objek == "objek"
    assert "{" not in m.pesan


def test_catalogue_keeps_the_messages() -> None:
    m = buat_masalah("objek-rusak/bernama", "x", sekarang="a" * 64, seharusnya="b" * 64, nama="d")
    assert (
        m.pesan == f'isi berubah: sha256 sekarang {"a" * 16}…, seharusnya {"b" * 16}… (berkas "d")'
    )
    assert buat_masalah("format-data-tidak-dikenal", tertulis=None, seharusnya="f/1").pesan == (
        "format None, seharusnya f/1"
    )
    assert buat_masalah("payload-oxum-beda", tercatat="1.2", oktet=3, jumlah=4).pesan == (
        "Payload-Oxum 1.2, isi paket 3.4"
    )
