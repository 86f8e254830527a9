"""Naskah dinas (naskah.md §2): the SOP's letters read back from their PDFs."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from kinerja.cli import main
from kinerja.inti.errors import InputError, UsageError
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.naskah.surat import (
    JENIS,
    SRIKANDI,
    blok_ttd,
    buat_disposisi,
    buat_naskah,
    buat_pengantar,
    buat_undangan,
)
from kinerja.paths import demo_office

pytestmark = pytest.mark.xdist_group("letters")

TANGGAL = dt.date(2025, 5, 20)
NOMOR_UNDANGAN = "000.8.6.3/127/Kec-LSB/2025"
NOMOR_PENGANTAR = "000.8.6.3/131/Kec-LSB/2025"
NIP_CAMAT = "NIP. 19790312 199803 1 002"
A4 = (595.28, 841.89)
F4 = (609.45, 935.43)


def _office(root: Path, **ganti: str) -> Kantor:
    """A copy of the demo office; ``ganti`` replaces text in its kantor.toml."""
    office = root / "kantor"
    shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip"))
    toml = office / "kantor.toml"
    text = toml.read_text("utf-8")
    for old, new in ganti.items():
        assert old in text
        text = text.replace(old, new)
    toml.write_text(text, encoding="utf-8")
    return load_kantor(office)


@pytest.fixture(scope="module")
def surat(tmp_path_factory: pytest.TempPathFactory, artefacts: Path) -> dict:
    """Every letter of the SOP, rendered once for the module."""
    root = tmp_path_factory.mktemp("naskah")
    kantor = _office(root)
    out = root / "naskah"
    opsi = {
        "disposisi": {"no_agenda": 12},
        "undangan": {"nomor": NOMOR_UNDANGAN},
        "notulen": {},
        "daftar-hadir": {},
        "pengantar": {
            "nomor": NOMOR_PENGANTAR,
            "tembusan": ["Inspektur Kabupaten Pesisir Selatan", "Arsip"],
        },
    }
    made = {
        jenis: buat_naskah(jenis, kantor, "2025-TW3", tanggal=TANGGAL, out_dir=out, **kw)
        for jenis, kw in opsi.items()
    }
    made["undangan-srikandi"] = buat_undangan(
        kantor, "2025-TW3", nomor=None, tanggal=TANGGAL, out_dir=out, srikandi=True
    )
    for name, (_, pdf) in made.items():  # for a person to look at
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(artefacts / f"naskah-{name}")],
            check=True,
        )
    return {"kantor": kantor, "root": root, "made": made}


def _text(pdf: Path, page: int | None = None) -> str:
    """The page text twice: as laid out (rows) and in reading order (columns)."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    out = []
    for mode in (["-layout"], ["-raw"]):
        out.append(
            subprocess.run(
                ["pdftotext", *mode, *pages, str(pdf), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    return "\n\n".join(out)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


# ---------------------------------------------------------------------------------------------
# What every letter must be


@pytest.mark.parametrize("name", [*JENIS, "undangan-srikandi"])
def test_every_letter_has_kop_font_and_fits_the_page(surat: dict, name: str) -> None:
    html, pdf = surat["made"][name]
    assert html.is_file() and html.suffix == ".html"
    first = _squash(_text(pdf, 1))
    assert "PEMERINTAH KABUPATEN PESISIR SELATAN" in first
    assert "KECAMATAN LINGGO SARI BAGANTI" in first
    assert "Kode Pos 25668" in first
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert "LiberationSans" in line.replace("-", ""), line  # no DejaVu fallback
        assert " yes " in line  # embedded
    info = subprocess.run(
        ["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r'pdfaid:part(="|>)3', info)  # PDF/A-3b, ready for signing and filing
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            assert (round(float(page.width), 2), round(float(page.height), 2)) == A4
            for ch in page.chars:
                assert ch["x0"] >= 0 and ch["x1"] <= page.width, ch["text"]
                assert ch["top"] >= 0 and ch["bottom"] <= page.height, ch["text"]


def test_kop_on_the_first_page_only(surat: dict) -> None:
    _, pdf = surat["made"]["undangan"]
    assert "PEMERINTAH KABUPATEN" not in _text(pdf, 2)


def test_undangan(surat: dict) -> None:
    _, pdf = surat["made"]["undangan"]
    text = _squash(_text(pdf))
    for expected in (
        "Air Haji, 20 Mei 2025",
        f"Nomor : {NOMOR_UNDANGAN}",
        "Sifat : Biasa",
        "Lampiran : 1 (satu) lembar",
        "Hal : Undangan Rapat",
        "Yth. Bapak/Ibu",
        "Kamis, 22 Mei 2025",  # the meeting: second working day after the letter
        "pukul 09.00 WIB s.d. selesai",
        "CAMAT LINGGO SARI BAGANTI,",
        "RAHMAT HIDAYAT, S.STP., M.Si.",
        "Pembina Tingkat I (IV/b)",
        NIP_CAMAT,
        "Sekretaris Camat",  # paraf
    ):
        assert expected in text, expected
    lampiran = _squash(_text(pdf, 2))
    assert "DAFTAR UNDANGAN" in lampiran
    assert f"NOMOR : {NOMOR_UNDANGAN}" in lampiran
    assert "Kepala Seksi Pelayanan Umum" in lampiran
    assert "${" not in text
    assert "Balai Besar Sertifikasi Elektronik" not in text


def test_disposisi_carries_an_agenda_number_not_a_letter_number(surat: dict) -> None:
    _, pdf = surat["made"]["disposisi"]
    text = _squash(_text(pdf))
    for expected in (
        "LEMBAR DISPOSISI",
        "Surat dari: Inisiatif Camat",
        "Nomor agenda: 12",
        "Diteruskan kepada:",
        "Dengan hormat harap:",
        "Proses lebih lanjut",
        "Catatan:",
        "Penyusunan Pengukuran Kinerja Kecamatan Linggo Sari Baganti Triwulan III Tahun 2025",
        "Paraf Sekretaris Camat",
    ):
        assert expected in text, expected
    assert "000.8.6.3" not in text
    with pdfplumber.open(pdf) as doc:
        ticked = [c for c in doc.pages[0].chars if c["text"] == "X" and c["size"] < 9]
    assert len(ticked) == 1 + 2 + 2  # sifat Biasa, two recipients, two instructions


def test_disposisi_of_an_incoming_letter(surat: dict, tmp_path: Path) -> None:
    _, pdf = buat_disposisi(
        surat["kantor"],
        "2025",
        tanggal=TANGGAL,
        out_dir=tmp_path,
        no_agenda=3,
        surat={
            "dari": "Bappeda dan Litbang Kabupaten Pesisir Selatan",
            "nomor": "000.8.6/45/Bappeda/2025",
            "tanggal": dt.date(2025, 5, 12),
        },
        sifat="Terbatas",
    )
    text = _squash(_text(pdf))
    assert "Surat dari: Bappeda dan Litbang Kabupaten Pesisir Selatan" in text
    assert "Nomor surat: 000.8.6/45/Bappeda/2025" in text
    assert "Tanggal surat: 12 Mei 2025" in text
    assert "Inisiatif Camat" not in text


def test_notulen_and_daftar_hadir(surat: dict) -> None:
    notulen = _squash(_text(surat["made"]["notulen"][1]))
    assert "Selasa, 20 Mei 2025" in notulen  # notulen and daftar hadir: dated the meeting day
    for expected in ("NOTULEN RAPAT", "Pimpinan rapat", "Notulis", "DEDI SUPRIADI, S.E."):
        assert expected in notulen, expected
    assert NIP_CAMAT in notulen
    hadir = _squash(_text(surat["made"]["daftar-hadir"][1]))
    assert "DAFTAR HADIR" in hadir
    assert "Tanda Tangan" in hadir
    kantor: Kantor = surat["kantor"]
    for p in kantor.pejabat.values():
        assert p.nama in hadir
    assert "11." in hadir  # two blank rows for walk-in participants


def test_pengantar(surat: dict) -> None:
    text = _squash(_text(surat["made"]["pengantar"][1]))
    for expected in (
        "SURAT PENGANTAR",
        f"NOMOR {NOMOR_PENGANTAR}",
        "Yth. Bupati Pesisir Selatan c.q. Kepala Bappeda dan Litbang",
        "Painan",
        "No. Naskah Dinas yang Dikirim Banyaknya Keterangan",
        "Dokumen Pengukuran Kinerja Kecamatan Linggo Sari",
        "1 (satu) berkas",
        "Diterima tanggal",
        "Penerima,",
        "Air Haji, 20 Mei 2025",
        NIP_CAMAT,
        "Tembusan:",
        "1. Inspektur Kabupaten Pesisir Selatan;",
        "2. Arsip.",
    ):
        assert expected in text, expected


# ---------------------------------------------------------------------------------------------
# SRIKANDI, escaping, paper, signature block options


def test_srikandi_placeholders_only_in_srikandi_drafts(surat: dict) -> None:
    html_s, pdf_s = surat["made"]["undangan-srikandi"]
    html, pdf = surat["made"]["undangan"]
    text_s = _text(pdf_s)
    page_html = html_s.read_text("utf-8")
    for placeholder in SRIKANDI.values():
        assert placeholder in page_html, placeholder
        assert placeholder in text_s, placeholder
    assert "Air Haji, ${tanggal_naskah}" in _squash(text_s)
    plain = html.read_text("utf-8") + _text(pdf)
    assert "${" not in plain
    assert "${" not in _text(surat["made"]["pengantar"][1])


def test_user_text_is_escaped(surat: dict, tmp_path: Path) -> None:
    catatan = '<script>alert("x")</script> & <b>tebal</b>'
    html, pdf = buat_disposisi(
        surat["kantor"], "2025-TW3", tanggal=TANGGAL, out_dir=tmp_path, catatan=catatan
    )
    page = html.read_text("utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;tebal&lt;/b&gt;" in page
    assert '<script>alert("x")</script> & <b>tebal</b>' in _squash(_text(pdf))


def test_f4_paper_from_kantor_toml(tmp_path: Path) -> None:
    kantor = _office(tmp_path, **{'kertas = "A4"': 'kertas = "F4"'})
    _, pdf = buat_pengantar(
        kantor, "2025", nomor=NOMOR_PENGANTAR, tanggal=TANGGAL, out_dir=tmp_path / "f4"
    )
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        assert (round(float(page.width), 2), round(float(page.height), 2)) == F4


def test_plt_and_atas_nama(tmp_path: Path) -> None:
    kantor = _office(tmp_path)
    kantor.config["naskah"]["sebutan"] = "Plt."
    assert blok_ttd(kantor)["jabatan"] == ["Plt. CAMAT LINGGO SARI BAGANTI,"]
    kantor.config["naskah"].update(sebutan="", penanda_tangan="sekcam", atas_nama="camat")
    blok = blok_ttd(kantor)
    assert blok["jabatan"] == ["a.n. CAMAT LINGGO SARI BAGANTI", "SEKRETARIS CAMAT,"]
    assert blok["nip"] == "NIP. 19830715 200604 2 011"
    _, pdf = buat_undangan(
        kantor, "2025-TW3", nomor=NOMOR_UNDANGAN, tanggal=TANGGAL, out_dir=tmp_path / "an"
    )
    text = _squash(_text(pdf, 1))
    assert "a.n. CAMAT LINGGO SARI BAGANTI SEKRETARIS CAMAT," in text
    assert "YULIANTI, S.Sos." in text
    kantor.config["naskah"]["sebutan"] = "Pj."
    with pytest.raises(InputError, match="sebutan"):
        blok_ttd(kantor)


def test_bsre_sentence_only_when_bsre_will_sign(surat: dict, tmp_path: Path) -> None:
    _, pdf = buat_pengantar(
        surat["kantor"],
        "2025-TW3",
        nomor=NOMOR_PENGANTAR,
        tanggal=TANGGAL,
        out_dir=tmp_path,
        penanda="bsre",
    )
    assert "Balai Besar Sertifikasi Elektronik (BSrE)" in _squash(_text(pdf))


def test_meeting_day_skips_the_weekend() -> None:
    from kinerja.naskah.surat import hari_kerja_berikut

    assert hari_kerja_berikut(dt.date(2025, 5, 22)) == dt.date(2025, 5, 26)  # Thu → Mon
    assert hari_kerja_berikut(dt.date(2025, 5, 24), 1) == dt.date(2025, 5, 26)  # Sat → Mon


def test_refusals(surat: dict, tmp_path: Path) -> None:
    kantor = surat["kantor"]
    with pytest.raises(UsageError, match="Nomor surat wajib"):
        buat_undangan(kantor, "2025", nomor=None, tanggal=TANGGAL, out_dir=tmp_path)
    with pytest.raises(UsageError, match="Sifat"):
        buat_undangan(
            kantor, "2025", nomor=NOMOR_UNDANGAN, tanggal=TANGGAL, out_dir=tmp_path, sifat="Kilat"
        )
    with pytest.raises(InputError, match="lurah"):
        buat_disposisi(kantor, "2025", tanggal=TANGGAL, out_dir=tmp_path, diteruskan=["lurah"])
    with pytest.raises(UsageError, match="tidak dikenal"):
        buat_naskah("memo", kantor, "2025", tanggal=TANGGAL, out_dir=tmp_path)
    assert not list(tmp_path.glob("*.pdf"))


def test_signed_letter_validates(surat: dict, tmp_path: Path) -> None:
    """The letters and the signer meet: the Camat's name is found and the stamp goes above it."""
    from kinerja.ttd.tandatangan import buat_sertifikat_uji, tandatangani, tte_dir, validasi_pdf

    kantor = _office(tmp_path)
    buat_sertifikat_uji(tte_dir(kantor) / "uji", kantor)
    _, pdf = surat["made"]["pengantar"]
    out = tmp_path / "pengantar-ttd.pdf"
    hasil = tandatangani(pdf, out, kantor=kantor, alasan="Surat pengantar")
    assert hasil.kotak.halaman == 1
    assert validasi_pdf(out, kantor=kantor).utuh


# ---------------------------------------------------------------------------------------------
# The command


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kantor = _office(tmp_path)
    office, out = str(kantor.path), str(tmp_path / "keluar")
    base = ["naskah", "buat", "--kantor", office, "--periode", "2025-TW3", "--keluaran", out]
    tanggal = ["--tanggal", "20 Mei 2025"]
    assert main([*base, "undangan", *tanggal, "--nomor", NOMOR_UNDANGAN]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1].endswith("undangan-2025-TW3.pdf")
    assert Path(printed[-1]).is_file()
    assert main([*base, "undangan", *tanggal]) == 2  # no number
    assert main([*base, "disposisi", *tanggal, "--nomor", NOMOR_UNDANGAN]) == 2
    assert main([*base, "notulen", "--tanggal", "31-02-2025"]) == 2
    assert main([*base, "pengantar", *tanggal, "--ambil-nomor"]) == 0
    first = _squash(_text(Path(capsys.readouterr().out.splitlines()[-1])))
    assert re.search(r"NOMOR 000\.8\.6\.3/1/Kec-LSB/2025", first)
    assert main([*base, "disposisi", *tanggal, "--no-agenda", "4"]) == 0
    assert main([*base, "daftar-hadir", *tanggal, "--tanggal-rapat", "21 Mei 2025"]) == 0
    hadir = Path(capsys.readouterr().out.splitlines()[-1])
    assert "Rabu, 21 Mei 2025" in _squash(_text(hadir))
    assert "Traceback" not in capsys.readouterr().err
