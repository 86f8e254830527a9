"""``kinerja sop lanjut``: an office's SOP one step per call, through the public commands.

On a copy of the demo office, periode 2025-TW2 (its TW II form carries the 875 typo):
steps wait on people with exit 1 (forms missing, an error undecided, no signer) and
go on once the person acted; everything lands under --keluaran; the package of step 14
passes ``verifikasi`` and ``kinerja rekap``. The manual path (``ttd tandatangani`` of
the numbered document, ``sop catat``, ``arsip paket``) composes to the same records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kinerja.catatan import objek
from kinerja.cli import main
from kinerja.inti.tanggal import WIB
from kinerja.jalankan.lanjut import langkah_berikut
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah.penomoran import cari_nomor, daftar_nomor, nomor_dokumen
from kinerja.paths import copy_demo
from kinerja.sop import register

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(name="sop-lanjut")]

PERIODE = "2025-TW2"
HARI_INI = dt.datetime.now(WIB).date().isoformat()


def _kinerja(*args: object) -> int:
    return main([str(a) for a in args])


def _lanjut(capsys, office: Path, out: Path, *extra: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = _kinerja(
        "sop", "lanjut", "--kantor", office, "--periode", PERIODE, "--keluaran", out, *extra
    )
    got = capsys.readouterr()
    return code, got.out, got.err


def _sampai(capsys, office: Path, out: Path, no: int) -> None:
    """Call ``sop lanjut`` until step ``no`` is done (each call must do one step); the
    meeting of step 4 is today, so step 5 need not wait for it."""
    for _ in range(14):
        rapat = ("--tanggal-rapat", HARI_INI) if langkah_berikut(office, PERIODE) == 4 else ()
        code, text, err = _lanjut(capsys, office, out, *rapat)
        assert code == 0, err
        if text.startswith(f"Langkah {no} selesai"):
            return
    raise AssertionError(f"langkah {no} tidak tercapai")


def _putuskan_typo(capsys, office: Path) -> None:
    putuskan = ("validasi", "putuskan", "--kantor", office, "--periode", PERIODE)
    keputusan = ("--temuan", "be91981cbcc8", "--keputusan", "koreksi", "--oleh", "kasubag_pk")
    alasan = ("--alasan", "Salah ketik pemisah desimal", "--nilai-baru", "87,5")
    assert _kinerja(*putuskan, *keputusan, *alasan) == 0
    capsys.readouterr()


def _akar(office: Path) -> Path:
    (pem,) = (office / "arsip" / "tte" / "akar").glob("*.pem")
    return pem


def test_sop_lanjut_walks_the_14_steps_and_waits_on_people(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 5)
    assert len(list((out / "formulir").glob("Formulir-*-2025-TW2.xlsx"))) == 7

    # step 6 waits for the units whose forms are not back
    sebagian = tmp_path / "sebagian"
    sebagian.mkdir()
    for form in sorted((office / "formulir-kembali" / PERIODE).glob("*.xlsx"))[:5]:
        shutil.copy(form, sebagian / form.name)
    code, _, err = _lanjut(capsys, office, out, "--berkas", sebagian)
    assert code == 1
    assert "Langkah 6 menunggu formulir kembali" in err and "TRANTIB" in err and "UMPEG" in err
    code, text, _ = _lanjut(capsys, office, out)  # the folder of returned forms, all quarters
    assert code == 0 and text.startswith("Langkah 6 selesai")

    # step 7 waits for the reviewers, naming the finding and how to decide
    code, _, err = _lanjut(capsys, office, out)
    assert code == 1 and "be91981cbcc8" in err and "kinerja validasi putuskan" in err
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)

    # step 11 waits for a signer
    code, _, err = _lanjut(capsys, office, out)
    assert code == 1 and "kinerja ttd sertifikat-uji" in err
    assert _kinerja("ttd", "sertifikat-uji", "--kantor", office) == 0
    _sampai(capsys, office, out, 14)
    code, text, _ = _lanjut(capsys, office, out)
    paket = out / "paket" / f"{office.name}-{PERIODE}"
    assert code == 0 and text.strip() == f"Semua 14 langkah selesai. Paket: {paket}"
    assert (paket / "bag-info.txt").is_file()

    kantor = load_kantor(office)
    assert cari_nomor(kantor, nomor_dokumen(kantor, PERIODE))["status"] == "ditandatangani"
    tujuan = kantor.opsi("naskah", "tujuan_pengiriman", "")  # step 13 names the configured text
    assert tujuan and register.status_sop(office, PERIODE)[12]["catatan"] == (
        f"Digandakan: {tujuan}, Inspektorat, arsip kantor"
    )
    frozen = [r for r in objek.daftar(kantor, periode=PERIODE) if r["jenis"] == "dokumen"]
    assert {r["status"] for r in frozen} >= {"final", "ditandatangani"}
    assert _kinerja("verifikasi", "--kantor", office) == 0
    rekap = ("rekap", "--periode", PERIODE, "--akar", _akar(office), "--tanpa-pdf")
    assert _kinerja(*rekap, "--keluaran", tmp_path / "rekap", paket) == 0
    assert "DITERIMA" in capsys.readouterr().out


def test_the_manual_commands_compose_to_the_same_records(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)
    (final,) = (out / "dokumen").glob("pengukuran-kinerja-*.pdf")
    assert _kinerja("ttd", "sertifikat-uji", "--kantor", office) == 0
    signed = tmp_path / "ditandatangani.pdf"
    assert _kinerja("ttd", "tandatangani", "--kantor", office, final, "-o", signed) == 0
    assert "nomor" in capsys.readouterr().out
    kantor = load_kantor(office)
    assert cari_nomor(kantor, nomor_dokumen(kantor, PERIODE))["status"] == "ditandatangani"
    rows = objek.daftar(kantor, periode=PERIODE)
    assert any(r["jenis"] == "data" and r["nama"] == "data-sumber.json" for r in rows)
    assert any(r["jenis"] == "dokumen" and r["status"] == "ditandatangani" for r in rows)

    catat = ("sop", "catat", "--kantor", office, "--periode", PERIODE)
    assert _kinerja(*catat, "--langkah", 11, "--pelaksana", "camat", "--berkas", signed) == 0
    paket_cmd = ("arsip", "paket", "--kantor", office, "--periode", PERIODE, "--keluaran", out)
    assert _kinerja(*paket_cmd) == 0
    capsys.readouterr()
    (paket,) = out.glob(f"{office.name}-{PERIODE}")
    rekap = ("rekap", "--periode", PERIODE, "--terima-tanpa-ttd", "--tanpa-pdf")
    assert _kinerja(*rekap, "--keluaran", tmp_path / "rekap", paket) == 0
    assert "DITERIMA" in capsys.readouterr().out


def test_mulai_and_selesai_are_recorded_and_a_step_cannot_end_before_it_began(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    jam = ("--mulai", "2026-01-06T08:00", "--selesai", "6 Januari 2026 pukul 09.30")
    code, text, err = _lanjut(capsys, office, out, *jam)
    assert code == 0 and text.startswith("Langkah 1 selesai"), err
    (langkah,) = [r for r in register.status_sop(office, PERIODE) if r["status"] == "selesai"]
    assert (langkah["mulai"].isoformat(), langkah["selesai"].isoformat()) == (
        "2026-01-06T08:00:00+07:00",
        "2026-01-06T09:30:00+07:00",
    )
    assert langkah["menit"] == 90
    assert "disposisi-2025-TW2.pdf" in text
    capsys.readouterr()
    assert _kinerja("sop", "status", "--kantor", office, "--periode", PERIODE) == 0
    status = capsys.readouterr().out
    assert "mulai 6 Januari 2026 pukul 08.00 WIB, selesai 6 Januari 2026 pukul 09.30 WIB" in status
    assert "waktu 90 menit jam kerja" in status

    terbalik = ("--mulai", "2026-01-07T10:00", "--selesai", "2026-01-07T09:00")
    code, _, err = _lanjut(capsys, office, out, *terbalik)
    assert code == 2 and "lebih awal dari jam mulai" in err and "Traceback" not in err
    code, _, err = _lanjut(capsys, office, out, "--mulai", "besok pagi")
    assert code == 2 and "besok pagi" in err
    assert [r["status"] for r in register.status_sop(office, PERIODE)][:2] == ["selesai", "belum"]


def _pindai(path: Path, isi: bytes) -> Path:
    """A scan of a page signed in wet ink (a PNG as the scanner writes it)."""
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + isi)
    return path


def test_wet_ink_walk_waits_for_the_signed_cover_letter(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)
    dokumen = _pindai(tmp_path / "pindaian-dokumen.png", b"lembar pengesahan bertanda tangan")
    code, text, err = _lanjut(capsys, office, out, "--pindaian", dokumen)
    assert code == 0 and text.startswith("Langkah 11 selesai: ditandatangani (basah)"), err

    # step 12: the numbered letter is made, then the step waits for the Camat's ink
    kantor = load_kantor(office)
    for _ in range(2):  # asking again gives the same letter and number
        code, text, err = _lanjut(capsys, office, out)
        assert code == 1 and "--pindaian" in err and "cetak surat itu" in err, err
        (pengantar,) = [r for r in daftar_nomor(kantor) if r["jenis_naskah"] == "surat pengantar"]
        assert pengantar["status"] == "bernomor" and pengantar["nomor"] in err
        letter = out / "naskah" / f"pengantar-{PERIODE}.pdf"
        assert letter.is_file() and str(letter) in err
        assert register.status_sop(office, PERIODE)[11]["status"] == "belum"

    scan = _pindai(tmp_path / "pindaian-pengantar.png", b"surat pengantar bertanda tangan")
    code, text, err = _lanjut(capsys, office, out, "--pindaian", scan)
    assert code == 0 and text.startswith(f"Langkah 12 selesai: surat pengantar nomor {pengantar['nomor']} (basah)"), err  # fmt: skip
    signed = out / "naskah" / f"pengantar-{PERIODE}-ttd.pdf"
    baris = cari_nomor(kantor, pengantar["nomor"])
    assert baris["status"] == "ditandatangani"
    assert baris["sha256_pdf"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert len([r for r in daftar_nomor(kantor) if r["jenis_naskah"] == "surat pengantar"]) == 1

    _sampai(capsys, office, out, 14)
    assert _kinerja("verifikasi", "--kantor", office) == 0
    assert "HASIL: arsip utuh." in capsys.readouterr().out
    paket = out / "paket" / f"{office.name}-{PERIODE}"
    (dikirim,) = (paket / "data" / "surat").glob("pengantar*")
    assert dikirim.read_bytes() == signed.read_bytes()
    nomor = json.loads((paket / "data" / "register" / "nomor-surat.json").read_text("utf-8"))
    (di_paket,) = [r for r in nomor if r["nomor"] == pengantar["nomor"]]
    assert di_paket["status"] == "ditandatangani"


def test_a_draft_given_at_step_9_must_be_this_offices(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 8)
    bukan = tmp_path / "bukan-dokumen.pdf"
    bukan.write_bytes(b"bukan PDF")
    code, _, err = _lanjut(capsys, office, out, "--berkas", bukan)
    assert code == 1 and "bukan PDF yang dapat dibaca" in err
    surat = out / "naskah" / f"disposisi-{PERIODE}.pdf"  # a PDF, but not the document
    code, _, err = _lanjut(capsys, office, out, "--berkas", surat)
    assert code == 1 and f"bukan dokumen pengukuran kinerja {load_kantor(office).nama}" in err
    assert register.status_sop(office, PERIODE)[8]["status"] == "belum"
