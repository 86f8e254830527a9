"""The BagIt package of a periode: valid per the bagit library, complete, never overwritten."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import bagit
import pytest

from kinerja.arsip.paket import buat_paket
from kinerja.catatan import eventlog, objek
from kinerja.cli import main
from kinerja.inti.errors import InputError
from kinerja.kantor.katalog import Kantor
from kinerja.naskah.penomoran import alokasi_nomor
from kinerja.sop.register import catat_langkah

WIB = dt.timezone(dt.timedelta(hours=7))
W = dt.datetime(2025, 4, 20, 9, 0, tzinfo=WIB)
P = "2025-TW1"


@pytest.fixture
def filled(kantor: Kantor) -> Kantor:
    kw = {"periode": P, "waktu": W}
    objek.simpan(kantor, b'{"a": 1}', jenis="data", nama="data-sumber.json", **kw)
    objek.simpan(
        kantor,
        b"%PDF v1",
        jenis="dokumen",
        nama="pengukuran-kinerja",
        nama_berkas="dokumen.pdf",
        **kw,
    )
    objek.simpan(
        kantor,
        b"%PDF v2 ttd",
        jenis="dokumen",
        nama="pengukuran-kinerja",
        nama_berkas="dokumen-ttd.pdf",
        status="ditandatangani",
        **kw,
    )
    objek.simpan(kantor, b"{}", jenis="notebook", nama="01 hitung.ipynb", **kw)
    objek.simpan(kantor, b"lain", jenis="data", periode="2025-TW2", nama="x.json", waktu=W)
    alokasi_nomor(kantor, "000.8.6.3", "Undangan", tanggal=W.date())
    catat_langkah(kantor, P, 1, pelaksana="camat", mulai=W, selesai=W + dt.timedelta(minutes=5))
    return kantor


def test_package_is_a_valid_bag(filled: Kantor, tmp_path: Path) -> None:
    path = buat_paket(filled, "2025-tw1", tmp_path / "keluar")
    assert path == tmp_path / "keluar" / "linggo-sari-baganti-2025-TW1"
    bag = bagit.Bag(str(path))
    bag.validate()
    assert bag.algorithms == ["sha256"]
    info = bag.info
    assert info["Periode"] == P and info["Kantor"] == filled.nama
    assert info["Jumlah-Artefak"] == "4" and info["Bagging-Date"] == "2025-04-20"
    assert info["Langkah-SOP-Selesai"] == "1 dari 14"
    files = set(bag.payload_files())
    assert {
        "data/data/data-sumber.json",
        "data/dokumen/pengukuran-kinerja.pdf",
        "data/versi-lama/dokumen/pengukuran-kinerja-v1.pdf",
        "data/notebook/01-hitung.ipynb",
        "data/register/peristiwa.jsonl",
        "data/register/artefak.json",
        "data/register/sop-langkah.json",
        "data/register/nomor-surat.json",
    } <= files
    assert not any("x.json" in f for f in files)  # another periode
    assert (path / "data/dokumen/pengukuran-kinerja.pdf").read_bytes() == b"%PDF v2 ttd"
    assert (path / "tagmanifest-sha256.txt").read_text().count("\n") == 3


def test_event_log_in_package_re_verifies(filled: Kantor, tmp_path: Path) -> None:
    path = buat_paket(filled, P, tmp_path)
    lines = (path / "data/register/peristiwa.jsonl").read_text("utf-8").splitlines()
    events = [json.loads(x) for x in lines]
    assert eventlog.periksa_rantai(events) == []
    assert bagit.Bag(str(path)).info["Hash-Peristiwa-Terakhir"] == events[-1]["hash"]
    index = json.loads((path / "data/register/artefak.json").read_text("utf-8"))
    for row in index:
        data = (path / row["berkas_paket"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"]


def test_tampered_payload_fails_bag_validation(filled: Kantor, tmp_path: Path) -> None:
    path = buat_paket(filled, P, tmp_path)
    target = path / "data/data/data-sumber.json"
    target.write_bytes(b'{"a": 2}')
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(path)).validate()


def test_same_records_same_bytes(filled: Kantor, tmp_path: Path) -> None:
    a = buat_paket(filled, P, tmp_path / "a")
    b = buat_paket(filled, P, tmp_path / "b")
    for name in ("manifest-sha256.txt", "tagmanifest-sha256.txt", "bag-info.txt"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_never_overwritten_and_empty_refused(filled: Kantor, tmp_path: Path) -> None:
    buat_paket(filled, P, tmp_path)
    with pytest.raises(InputError, match="tidak pernah ditimpa"):
        buat_paket(filled, P, tmp_path)
    with pytest.raises(InputError, match="Belum ada arsip"):
        buat_paket(filled, "2024-TW1", tmp_path)
    assert not list(tmp_path.glob(".tmp-*"))


def test_cli(filled: Kantor, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    k = str(filled.path)
    assert main(["arsip", "paket", "--kantor", k, "--periode", P]) == 0
    out = Path(capsys.readouterr().out.strip())
    assert out == filled.arsip / "paket" / "linggo-sari-baganti-2025-TW1"
    bagit.Bag(str(out)).validate()
    assert main(["arsip", "paket", "--kantor", k, "--periode", P]) == 1
    assert "tidak pernah ditimpa" in capsys.readouterr().err
    f = tmp_path / "undangan.pdf"
    f.write_bytes(b"%PDF undangan")
    assert main(["arsip", "simpan", "--kantor", k, "--periode", P, "--jenis", "surat", str(f)]) == 0
    assert capsys.readouterr().out.strip() == hashlib.sha256(b"%PDF undangan").hexdigest()
    assert main(["arsip", "daftar", "--kantor", k, "--periode", P]) == 0
    out = capsys.readouterr().out
    assert "undangan.pdf" in out and "BEKU" in out
