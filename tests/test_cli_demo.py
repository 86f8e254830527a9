"""``kinerja demo``: copies the demo office and walks the 14 SOP steps end to end, as a
script of the public commands (each printed as the shell line a person types).

The demo runs once for the whole suite (``demo_run`` in conftest.py, over the leftovers of
an earlier demo); each test here reads one part of what it printed and left behind.
"""

from __future__ import annotations

import hashlib
import shlex
import subprocess
from pathlib import Path

import pytest
from demo_util import DEMO_GROUP, DemoRun

import kinerja
from kinerja.cli import build_parser
from kinerja.formulir.pesan import KODE
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah import penomoran
from kinerja.sop import register
from kinerja.ttd import tandatangan
from kinerja.validasi.pesan import ATURAN

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(DEMO_GROUP)]

NOMOR_DOKUMEN = "000.8.6.3/2/Kec-LSB/2026"


def test_demo_replaces_an_earlier_demo_and_ends_with_the_signed_pdf(demo_run: DemoRun) -> None:
    assert demo_run.code == 0
    assert (demo_run.office / "kantor.toml").is_file()
    for path in demo_run.sisa:  # the office copy, the published folder, letters and package
        assert not path.exists(), path
    assert demo_run.last == demo_run.sop_dir / "dokumen" / "pengukuran-kinerja-2025-TW4-ttd.pdf"
    assert tandatangan.validasi_pdf(demo_run.last, load_kantor(demo_run.office)).utuh


def test_demo_prints_the_forms_the_review_and_the_capaian(demo_run: DemoRun) -> None:
    out = demo_run.out
    assert "Pengukuran Kinerja Triwulan IV Tahun 2025" in out
    for tw in ("I", "II", "III", "IV"):  # the demo's forms, quarter by quarter
        assert f"Berkas Triwulan {tw} Tahun 2025 pada panggilan ini: " in out
    assert "3 keputusan dicatat dari keputusan-demo.toml." in out
    assert "Capaian kantor" in out
    assert "Sangat Tinggi" in out
    assert (demo_run.published / "04-ukur-kinerja-2025-TW4.html").is_file()


def test_demo_walks_the_14_sop_steps(demo_run: DemoRun) -> None:
    # letters with register numbers (from 1: the earlier demo's register went with its
    # office copy), signature, package, verified archive
    out = demo_run.out
    assert "Langkah 4 selesai: undangan rapat nomor 000.8.6.3/1/Kec-LSB/2026" in out
    assert f"Langkah 10 selesai: nomor dokumen {NOMOR_DOKUMEN}" in out
    assert "Langkah 12 selesai: surat pengantar nomor 000.8.6.3/3/Kec-LSB/2026" in out
    assert "HASIL: arsip utuh." in out
    steps = register.status_sop(demo_run.office, "2025-TW4")
    assert [r["status"] for r in steps] == ["selesai"] * 14
    assert any(r["melebihi"] for r in steps)  # validation took longer than the mutu baku
    sop_dir = demo_run.sop_dir
    for name in ("disposisi", "undangan", "notulen", "daftar-hadir"):
        assert (sop_dir / "naskah" / f"{name}-2025-TW4.pdf").is_file()
    assert (sop_dir / "naskah" / "pengantar-2025-TW4-ttd.pdf").is_file()
    assert (sop_dir / "paket" / "linggo-sari-baganti-2025-TW4" / "manifest-sha256.txt").is_file()


def test_only_the_signed_document_carries_its_register_number(demo_run: DemoRun) -> None:
    # the draft the Camat corrected had none
    signed = demo_run.last
    assert NOMOR_DOKUMEN in _text(signed)
    assert NOMOR_DOKUMEN not in _text(demo_run.published / "pengukuran-kinerja-2025-TW4.pdf")
    assert NOMOR_DOKUMEN in _text(demo_run.sop_dir / "naskah" / "pengantar-2025-TW4-ttd.pdf")
    (baris,) = [r for r in penomoran.daftar_nomor(demo_run.office) if r["jenis_naskah"] == "dokumen pengukuran kinerja"]  # fmt: skip
    assert baris["status"] == "ditandatangani" and baris["periode"] == "2025-TW4"
    assert baris["sha256_pdf"] == hashlib.sha256(signed.read_bytes()).hexdigest()


def test_the_unsigned_document_carries_the_sop_steps_and_the_review(demo_run: DemoRun) -> None:
    # the unsigned document carries the SOP steps recorded before it (lampiran)
    text = _text(demo_run.published / "pengukuran-kinerja-2025-TW4.pdf")
    assert "Catatan Langkah SOP" in text and "MELEBIHI MUTU BAKU" in text
    assert "Dikoreksi" in text and "DEDI SUPRIADI" in text  # the review's correction and who


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_signed_pdf_text_has_no_english_status_words_nor_finding_codes(demo_run: DemoRun) -> None:
    text = subprocess.run(
        ["pdftotext", "-raw", str(demo_run.last), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    assert "Persentase di luar 0–100 (KESALAHAN)" in flat  # Lampiran A: title and severity
    assert "Lonjakan dari tahun lalu (PERINGATAN)" in flat
    for word in ("error", "warning"):
        assert word not in flat.casefold(), word
    codes = [k for k in (*KODE, *ATURAN) if k in flat]
    assert codes == []


def test_demo_prints_the_public_commands_it_runs(demo_run: DemoRun) -> None:
    lines = demo_run.out.splitlines()
    perintah = [shlex.split(line[2:]) for line in lines if line.startswith("$ ")]
    assert all(args[0] == "kinerja" for args in perintah)
    urutan = [" ".join(args[1:3]) for args in perintah]
    assert urutan == [
        "ttd sertifikat-uji",
        *["sop lanjut"] * 6,
        "validasi impor",
        "hitung --kantor",
        *["sop lanjut"] * 2,
        "jalankan --kantor",
        *["sop lanjut"] * 6,
        "verifikasi --kantor",
    ]
    parser = build_parser()
    for args in perintah:  # each line is a command as typed: it parses, its paths exist
        ns = parser.parse_args(args[1:])
        if args[1:3] == ["sop", "lanjut"]:
            assert ns.mulai is not None and ns.selesai is not None and ns.mulai <= ns.selesai
    # the 14 steps, each done by the call printed just before it
    for no in range(1, 15):
        (i,) = [i for i, line in enumerate(lines) if line.startswith(f"Langkah {no} selesai: ")]
        before = [line for line in lines[:i] if line.startswith("$ ")]
        assert before[-1].startswith("$ kinerja sop lanjut --kantor ")


def test_the_demo_walks_the_public_path_only() -> None:
    # jalankan/alur.py (the demo's private SOP walk) is gone, and nothing names it
    assert not (Path(kinerja.__file__).resolve().parent / "jalankan" / "alur.py").exists()
    repo = Path(__file__).resolve().parents[1]
    folders = ("kinerja", "tests", "notebooks", "scripts", "benchmarks")
    sources = [
        p
        for d in folders
        for p in (repo / d).rglob("*")
        if p.suffix in (".py", ".ipynb") and p != Path(__file__).resolve()
    ]
    pola = ("jalankan.alur", "jalankan import alur", "jalankan/alur")
    assert [p.name for p in sources if any(x in p.read_text("utf-8") for x in pola)] == []
