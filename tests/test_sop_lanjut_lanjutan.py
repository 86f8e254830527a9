"""``kinerja sop lanjut`` survives crashes and tells the whole story (on copies of the demo).

- Step 11 killed (SIGKILL) right after the signed file was written: the rerun adopts it
  (valid, the office's signer, exactly the numbered document) with a line saying so; a
  signed file of another PDF left under that name is moved aside and the document signed
  afresh. Step 12 killed after its number and after its signature: the rerun reuses the
  number (no gap) and adopts the signed letter.
- Step 5 dates the minutes with the meeting of the invitation, waits before it, and
  refuses a ``--mulai`` on another day unless the new day is recorded.
- Step 6 shows every form it took in on this call with its findings, and counts the
  units whose form of the quarter is accepted over all calls.
"""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from test_crash import _child  # one way to start a child that may be killed

from kinerja.catatan import objek
from kinerja.cli import main
from kinerja.jalankan.ttd_sop import bekukan_tandatangan
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah.penomoran import cari_nomor, daftar_nomor, nomor_dokumen
from kinerja.paths import copy_demo
from kinerja.sop import register
from kinerja.ttd.tandatangan import tandatangani, validasi_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group(name="sop-lanjutan"),
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this system"),
]

PERIODE = "2025-TW2"
CLI = "import sys\nfrom kinerja.cli import main\nsys.exit(main(sys.argv[1:]))"
#: Steps 1–4 on Monday 5 January 2026; the invitation's meeting is Wednesday the 7th.
JAM = {
    1: ("2026-01-05T08:00", "2026-01-05T08:30"),
    2: ("2026-01-05T08:30", "2026-01-05T09:00"),
    3: ("2026-01-05T09:00", "2026-01-05T09:30"),
    4: ("2026-01-05T09:30", "2026-01-05T10:00"),
}


def _lanjut(capsys, office: Path, out: Path, *extra: object, periode: str = PERIODE):
    capsys.readouterr()
    args = ["sop", "lanjut", "--kantor", office, "--periode", periode, "--keluaran", out, *extra]
    code = main([str(a) for a in args])
    got = capsys.readouterr()
    return code, got.out, got.err


def _mati(office: Path, out: Path, titik: str, *extra: object) -> None:
    """``kinerja sop lanjut`` in a child process, SIGKILLed at the crash point ``titik``."""
    args = ("sop", "lanjut", "--kantor", office, "--periode", PERIODE, "--keluaran", out, *extra)
    proc = _child(CLI, *map(str, args), mati_di=titik)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL, err


def _langkah(office: Path, no: int) -> dict:
    return register.status_sop(office, PERIODE)[no - 1]


def _sampai(capsys, office: Path, out: Path, no: int) -> None:
    while _langkah(office, no)["status"] != "selesai":
        nxt = next(
            r["no"] for r in register.status_sop(office, PERIODE) if r["status"] != "selesai"
        )
        jam = ("--mulai", JAM[nxt][0], "--selesai", JAM[nxt][1]) if nxt in JAM else ()
        code, _, err = _lanjut(capsys, office, out, *jam)
        assert code == 0, err


def _teks(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext tidak tersedia")
    done = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def test_meeting_date_and_intake_story(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 4)
    assert "Rabu, 7 Januari 2026" in _teks(out / "naskah" / f"undangan-{PERIODE}.pdf")

    # step 5 before the meeting waits; --mulai on another day is refused
    code, _, err = _lanjut(capsys, office, out, "--selesai", "2026-01-06T10:00")
    assert code == 1 and "menunggu rapat pembahasan pada Rabu, 7 Januari 2026" in err
    code, _, err = _lanjut(capsys, office, out, "--mulai", "2026-01-08T09:00")
    assert code == 1 and "bukan tanggal rapat pembahasan (Rabu, 7 Januari 2026)" in err
    assert "--tanggal-rapat" in err and _langkah(office, 5)["status"] == "belum"

    # without --mulai, after the meeting: the minutes carry the invited date, not the clock
    code, text, err = _lanjut(capsys, office, out)
    assert code == 0 and "rapat Rabu, 7 Januari 2026" in text, err
    for nama in ("notulen", "daftar-hadir"):
        isi = _teks(out / "naskah" / f"{nama}-{PERIODE}.pdf")
        assert "Rabu, 7 Januari 2026" in isi and "Desember" not in isi, nama
    assert _langkah(office, 5)["catatan"].startswith("Rapat pembahasan Rabu, 7 Januari 2026")

    # step 6 waiting: the forms taken in on this call, each with status and findings
    sebagian = tmp_path / "sebagian"
    sebagian.mkdir()
    forms = sorted((office / "formulir-kembali" / PERIODE).glob("*.xlsx"))
    for form in forms[:5]:
        shutil.copy(form, sebagian / form.name)
    code, _, err = _lanjut(capsys, office, out, "--berkas", sebagian)
    assert code == 1 and "Langkah 6 menunggu formulir kembali" in err
    assert "formulir Triwulan II Tahun 2025 diterima dari 5 dari 7 unit (5 unit pada " in err
    assert "Berkas yang dihimpun pada panggilan ini (5):" in err
    assert all(f.name in err for f in forms[:5]) and forms[5].name not in err
    # the TW II typo of PEM, as kinerja himpun shows it: severity word, title, message
    assert "[KESALAHAN] Persentase di atas 100: " in err and "sel L9" in err
    assert "persen-di-atas" not in err  # the title, not the code

    # step 6 done: the quarter's count over both calls; the rest with their findings
    code, text, err = _lanjut(capsys, office, out)
    assert code == 0, err
    assert "formulir Triwulan II Tahun 2025 diterima dari 7 dari 7 unit " in text
    assert f"({len(forms) - 5} unit pada panggilan ini)" in text
    assert all(f.name in text for f in forms[5:])
    assert (
        "Triwulan II Tahun 2025 pada panggilan ini: 7 dibaca = 2 diterima + 0 ditolak + 5 " in text
    )
    assert _langkah(office, 6)["catatan"].startswith("Formulir kembali dihimpun: formulir ")


def test_meeting_held_on_another_day_is_recorded(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 4)
    pindah = ("--mulai", "2026-01-08T09:00", "--tanggal-rapat", "2026-01-08")
    code, text, err = _lanjut(capsys, office, out, *pindah)
    assert code == 0 and "rapat Kamis, 8 Januari 2026" in text, err
    catatan = _langkah(office, 5)["catatan"]
    assert "dipindah dari Rabu, 7 Januari 2026" in catatan and "Kamis, 8 Januari 2026" in catatan
    assert "Kamis, 8 Januari 2026" in _teks(out / "naskah" / f"notulen-{PERIODE}.pdf")


def _putuskan_typo(capsys, office: Path) -> None:
    putuskan = ("validasi", "putuskan", "--kantor", office, "--periode", PERIODE)
    keputusan = ("--temuan", "be91981cbcc8", "--keputusan", "koreksi", "--oleh", "kasubag_pk")
    alasan = ("--alasan", "Salah ketik pemisah desimal", "--nilai-baru", "87,5")
    assert main([str(a) for a in (*putuskan, *keputusan, *alasan)]) == 0


def test_killed_signing_steps_resume_without_a_dead_end_or_a_gap(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)
    assert main(["ttd", "sertifikat-uji", "--kantor", str(office)]) == 0
    kantor = load_kantor(office)
    final = out / "dokumen" / f"pengukuran-kinerja-{PERIODE}.pdf"
    signed = final.with_name(f"{final.stem}-ttd.pdf")

    # a valid signature of the office over another PDF (the draft) under the signed name
    lain = tandatangani(out / "draf" / final.name, signed, kantor=kantor)
    assert validasi_pdf(signed, kantor=kantor).utuh
    # step 11 moves it aside, signs afresh, and is killed right after the file is linked
    _mati(office, out, "ttd.sesudah-link")
    (sisih,) = final.parent.glob(f"{final.stem}-ttd.terputus-*.pdf")
    assert hashlib.sha256(sisih.read_bytes()).hexdigest() == lain.sha256
    assert signed.read_bytes().startswith(final.read_bytes())
    assert _langkah(office, 11)["status"] == "belum"
    assert cari_nomor(kantor, nomor_dokumen(kantor, PERIODE))["status"] == "bernomor"

    # the rerun adopts the signed file the killed run left, says so, and records it
    code, text, err = _lanjut(capsys, office, out)
    assert code == 0 and text.startswith("Langkah 11 selesai: "), err
    assert f"{signed.name} dari panggilan yang terputus diambil" in text
    baris = _langkah(office, 11)
    assert baris["sha256"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert "terputus diambil" in baris["catatan"]
    assert cari_nomor(kantor, nomor_dokumen(kantor, PERIODE))["status"] == "ditandatangani"
    assert any(
        r["jenis"] == "dokumen"
        and r["status"] == "ditandatangani"
        and r["sha256"] == baris["sha256"]
        for r in objek.daftar(kantor, periode=PERIODE)
    )

    # step 12 killed after its number, then after its signature: one number, adopted
    _mati(office, out, "nomor.sesudah-commit")
    (nomor,) = [r for r in daftar_nomor(kantor) if r["jenis_naskah"] == "surat pengantar"]
    assert nomor["status"] == "bernomor"
    _mati(office, out, "ttd.sesudah-link")
    letter = out / "naskah" / f"pengantar-{PERIODE}-ttd.pdf"
    assert letter.is_file() and _langkah(office, 12)["status"] == "belum"
    code, text, err = _lanjut(capsys, office, out)
    assert code == 0 and f"surat pengantar nomor {nomor['nomor']} " in text, err
    assert f"{letter.name} dari panggilan yang terputus diambil" in text
    pengantar = [r for r in daftar_nomor(kantor) if r["jenis_naskah"] == "surat pengantar"]
    assert [r["nomor"] for r in pengantar] == [nomor["nomor"]]
    assert pengantar[0]["status"] == "ditandatangani"
    assert pengantar[0]["sha256_pdf"] == hashlib.sha256(letter.read_bytes()).hexdigest()
    urut = [r["urut"] for r in daftar_nomor(kantor)]
    assert urut == list(range(1, len(urut) + 1))  # no number burnt

    _sampai(capsys, office, out, 14)
    capsys.readouterr()
    assert main(["verifikasi", "--kantor", str(office)]) == 0
    assert "HASIL: arsip utuh." in capsys.readouterr().out


def test_wet_ink_killed_and_rerun_with_the_same_scan_never_signs_the_letter_with_it(
    tmp_path, capsys
):
    """The second stranger's sequence: the document's scan given again and again."""
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)
    scan = tmp_path / "scan-tw2.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n lembar pengesahan bertanda tangan basah")
    _mati(office, out, "ttd.sesudah-link", "--pindaian", scan)  # step 11, killed mid-signing
    code, text, err = _lanjut(capsys, office, out, "--pindaian", scan)
    assert code == 0 and text.startswith("Langkah 11 selesai: ditandatangani (basah)"), err
    # step 12 killed after its number: the rerun with the same scan makes the letter, waits
    _mati(office, out, "nomor.sesudah-commit", "--pindaian", scan)
    letter = out / "naskah" / f"pengantar-{PERIODE}.pdf"
    assert not letter.exists()
    code, _, err = _lanjut(capsys, office, out, "--pindaian", scan)
    assert code == 1 and f"Pindaian {scan.name} tidak dipakai" in err and letter.is_file(), err
    # the letter printed: the document's scan is refused for it, naming the document
    code, _, err = _lanjut(capsys, office, out, "--pindaian", scan)
    assert code == 1 and f'atas berkas "pengukuran-kinerja-{PERIODE}.pdf"' in err, err
    salinan = tmp_path / "salinan.png"  # the same bytes under another name: the same scan
    salinan.write_bytes(scan.read_bytes())
    code, _, err = _lanjut(capsys, office, out, "--pindaian", salinan)
    assert code == 1 and "sudah tercatat sebagai tanda tangan basah" in err, err
    assert _langkah(office, 12)["status"] == "belum"
    assert not letter.with_name(f"{letter.stem}-ttd.pdf").exists()
    (nomor,) = [r for r in daftar_nomor(load_kantor(office)) if r["jenis_naskah"] == "surat pengantar"]  # fmt: skip
    assert nomor["status"] == "bernomor"
    surat = tmp_path / "scan-pengantar.png"
    surat.write_bytes(b"\x89PNG\r\n\x1a\n surat pengantar bertanda tangan basah")
    code, text, err = _lanjut(capsys, office, out, "--pindaian", surat)
    assert code == 0 and f"surat pengantar nomor {nomor['nomor']} (basah)" in text, err
    capsys.readouterr()
    assert main(["verifikasi", "--kantor", str(office)]) == 0
    assert "HASIL: arsip utuh." in capsys.readouterr().out


@pytest.mark.parametrize("penanda", ["basah", "pkcs12"])
def test_a_signature_archived_before_the_kill_is_adopted(tmp_path, capsys, penanda):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 6)
    _putuskan_typo(capsys, office)
    _sampai(capsys, office, out, 10)
    assert main(["ttd", "sertifikat-uji", "--kantor", str(office)]) == 0
    kantor = load_kantor(office)
    final = out / "dokumen" / f"pengukuran-kinerja-{PERIODE}.pdf"
    scan = tmp_path / "pindaian.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n lembar pengesahan bertanda tangan basah")
    # what a step 11 killed just before its register line leaves: the file signed, the
    # signed version frozen in the archive, the number marked
    signed = final.with_name(f"{final.stem}-ttd.pdf")
    hasil = tandatangani(final, signed, kantor=kantor, signer=penanda, pindaian=scan)
    nomor = nomor_dokumen(kantor, PERIODE)
    bekukan_tandatangan(kantor, PERIODE, final, signed, hasil.sha256, nomor, hasil.waktu)
    assert _langkah(office, 11)["status"] == "belum"

    code, text, err = _lanjut(capsys, office, out)  # no --pindaian: the scan is recorded
    assert code == 0 and f"{signed.name} dari panggilan yang terputus diambil" in text, err
    jenis = "basah" if penanda == "basah" else "elektronik"
    assert f"ditandatangani ({jenis})" in text
    assert _langkah(office, 11)["sha256"] == hasil.sha256
    assert list(final.parent.glob("*.terputus-*")) == []
    versi = [r for r in objek.daftar(kantor, periode=PERIODE) if r["nama"] == "pengukuran-kinerja"]
    assert versi[-1]["sha256"] == hasil.sha256 and versi[-1]["status"] == "ditandatangani"
    # the cover letter follows the document: wet ink waits for the Camat's ink
    code, text, err = _lanjut(capsys, office, out)
    if penanda == "basah":
        assert code == 1 and "--pindaian" in err
    else:
        assert code == 0 and text.startswith("Langkah 12 selesai"), err
    capsys.readouterr()
    assert main(["verifikasi", "--kantor", str(office)]) == 0
    assert "HASIL: arsip utuh." in capsys.readouterr().out


def test_a_meeting_before_its_invitation_is_refused_before_a_number_is_taken(tmp_path, capsys):
    office = copy_demo(tmp_path)
    out = tmp_path / "keluaran"
    _sampai(capsys, office, out, 3)
    jam = ("--mulai", "2026-01-06T08:00", "--selesai", "2026-01-06T08:30")
    code, _, err = _lanjut(capsys, office, out, *jam, "--tanggal-rapat", "2026-01-05")
    assert code == 2 and "sebelum tanggal undangan" in err and "Traceback" not in err
    assert _langkah(office, 4)["status"] == "belum"
    assert not (out / "naskah" / f"undangan-{PERIODE}.pdf").exists()
    code, _, err = _lanjut(capsys, office, out, *jam, "--tanggal-rapat", "2026-01-07")
    assert code == 0, err
    assert _langkah(office, 4)["nomor_surat"].startswith("000.8.6.3/1/")  # no number was lost
