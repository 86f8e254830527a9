"""Signing (naskah.md §4): a signed PDF/A validates; every kind of tampering is caught.

The PDF under test is a real PDF/A-3b (``render.render_pdf``) with a lembar
pengesahan; the test CA is generated at run time (never committed).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pdfplumber
import pytest

from kinerja.cli import main
from kinerja.inti.errors import InputError, UsageError
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.paths import demo_office
from kinerja.ttd.tandatangan import (
    TANDA_UJI,
    Kotak,
    buat_sertifikat_uji,
    kalimat_kaki,
    pakai_kalimat_bsre,
    tandatangani,
    tte_dir,
    validasi_pdf,
)

pytestmark = pytest.mark.xdist_group("signing")

WAKTU = dt.datetime(2025, 5, 20, 10, 15, tzinfo=WIB)
NAMA = "RAHMAT HIDAYAT, S.STP., M.Si."

_HTML = f"""<html><head><style>
@page {{ size: A4; margin: 2cm 2cm 2.5cm 3cm; }}
body {{ font-family: 'Liberation Sans'; font-size: 12pt; }}
.ttd {{ margin-left: 55%; text-align: center; }}
.ruang {{ height: 3cm; }}
</style></head><body>
<p>Halaman satu menyebut {NAMA} di dalam teks.</p>
<h1 style="break-before: page; text-align: center">LEMBAR PENGESAHAN</h1>
<p>Dokumen Pengukuran Kinerja Triwulan III Tahun 2025.</p>
<div class="ttd"><p>Air Haji, 20 Mei 2025</p><p>CAMAT LINGGO SARI BAGANTI,</p>
<div class="ruang"></div>
<p><b><u>{NAMA}</u></b><br>Pembina Tingkat I (IV/b)<br>NIP. 19790312 199803 1 002</p></div>
</body></html>"""


def _render(path: Path) -> Path:
    from kinerja.cetak.render import render_pdf

    render_pdf(_HTML, path, tanggal=WAKTU, pdf_variant="pdf/a-3b")
    return path


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("ttd")
    office = root / "kantor"
    shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip"))
    kantor = load_kantor(office)
    p12 = buat_sertifikat_uji(tte_dir(kantor) / "uji", kantor)
    source = _render(root / "dokumen.pdf")
    signed = root / "dokumen-ttd.pdf"
    hasil = tandatangani(source, signed, kantor=kantor, waktu=WAKTU, alasan="Pengesahan")
    return {
        "root": root,
        "kantor": kantor,
        "p12": p12,
        "source": source,
        "signed": signed,
        "hasil": hasil,
    }


def _tampered(setup: dict, name: str, data: bytes) -> Path:
    path = setup["root"] / name
    path.write_bytes(data)
    return path


def _byte_range(data: bytes) -> list[int]:
    found = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", data)
    return [int(x) for x in found[-1]]


# ---------------------------------------------------------------------------------------------
# A signed PDF validates and stays a PDF/A


def test_signed_pdf_validates(setup: dict) -> None:
    v = validasi_pdf(setup["signed"], kantor=setup["kantor"])
    assert v.utuh, v.pesan
    assert (v.bottom_line, v.intact, v.coverage) == (True, True, "ENTIRE_FILE")
    assert v.jenis == "elektronik"
    assert v.jumlah == 1
    assert TANDA_UJI in v.penanda_tangan
    assert v.waktu == WAKTU
    assert "sah dan berkas utuh" in v.pesan


def test_signature_is_an_incremental_update(setup: dict) -> None:
    source = setup["source"].read_bytes()
    signed = setup["signed"].read_bytes()
    assert signed.startswith(source)
    assert setup["hasil"].sha256_sumber != setup["hasil"].sha256
    assert b"/ETSI.CAdES.detached" in signed  # PAdES


def test_signed_pdf_keeps_pdfa_metadata_and_passes_qpdf(setup: dict) -> None:
    import pypdf

    reader = pypdf.PdfReader(setup["signed"])
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfaid:part(="|>)3', xmp)
    assert re.search(rb'pdfaid:conformance(="|>)B', xmp)
    assert "/OutputIntents" in root
    check = subprocess.run(
        ["qpdf", "--check", str(setup["signed"])], capture_output=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = subprocess.run(
        ["pdffonts", str(setup["signed"])], capture_output=True, text=True, check=True
    ).stdout
    noto = [line for line in fonts.splitlines() if "NotoSans" in line]
    assert noto, fonts
    assert all(" yes " in line for line in noto)  # embedded
    widget = next(
        a.get_object() for a in reader.pages[1]["/Annots"] if a.get_object()["/FT"] == "/Sig"
    )
    assert widget["/F"] & 4  # printable, as PDF/A requires


def _metadata(path: Path) -> tuple[dict, bytes]:
    import pypdf

    reader = pypdf.PdfReader(path)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    return dict(reader.metadata or {}), xmp


def _xmp(xmp: bytes, tag: str) -> list[str]:
    return [a or b for a, b in re.findall(tag + rb'(?:="([^"]*)"|>([^<]+)<)', xmp)]


def test_signed_pdf_producer_equal_and_dates_from_signing_time(setup: dict) -> None:
    later = WAKTU + dt.timedelta(days=2, hours=3)  # not the render time, not the clock
    out = setup["root"] / "waktu.pdf"
    tandatangani(setup["source"], out, kantor=setup["kantor"], waktu=later)
    info, xmp = _metadata(out)
    assert [info["/Producer"].encode()] == _xmp(xmp, rb"pdf:Producer")
    assert info["/ModDate"].startswith("D:20250522131500+07")
    assert _xmp(xmp, rb"xmp:ModifyDate") == [b"2025-05-22T13:15:00+07:00"]
    assert info["/CreationDate"].startswith("D:20250520101500+07")  # the render's, kept
    assert _xmp(xmp, rb"pdfaid:part") == [b"3"] and _xmp(xmp, rb"pdfaid:conformance") == [b"B"]
    assert validasi_pdf(out, kantor=setup["kantor"]).utuh
    # a second signature keeps them equal too
    dua = setup["root"] / "waktu-dua.pdf"
    tandatangani(out, dua, kantor=setup["kantor"], waktu=later, kotak=Kotak(1, 72, 650, 272, 710))
    info, xmp = _metadata(dua)
    assert [info["/Producer"].encode()] == _xmp(xmp, rb"pdf:Producer")
    assert info["/ModDate"].startswith("D:20250522131500+07")


def test_visible_stamp_text_extracts_above_the_name(setup: dict) -> None:
    kotak = setup["hasil"].kotak
    assert kotak.halaman == 2  # the lembar pengesahan, not page 1 that also names him
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-layout", str(setup["signed"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Ditandatangani secara elektronik oleh" in text
    assert TANDA_UJI in text
    assert "20 Mei 2025 pukul 10.15 WIB" in text
    with pdfplumber.open(setup["signed"]) as pdf:
        page = pdf.pages[1]
        words = page.extract_words()
        name_top = min(w["top"] for w in words if w["text"] == "RAHMAT" and w["top"] > 200)
        jabatan_bottom = max(w["bottom"] for w in words if w["text"] == "CAMAT")
        top_of_box = page.height - kotak.y2
        bottom_of_box = page.height - kotak.y1
        assert jabatan_bottom < top_of_box < bottom_of_box < name_top
        assert 0 < kotak.x1 < kotak.x2 < page.width


def test_signed_file_is_never_overwritten(setup: dict) -> None:
    before = setup["signed"].read_bytes()
    with pytest.raises(InputError, match="tidak pernah"):
        tandatangani(setup["source"], setup["signed"], kantor=setup["kantor"], waktu=WAKTU)
    assert setup["signed"].read_bytes() == before
    assert not setup["signed"].stat().st_mode & 0o222  # read-only
    assert not list(setup["root"].glob(".*.tmp"))


# ---------------------------------------------------------------------------------------------
# Tampering is caught, even where pyHanko's `valid` alone would pass


def test_flipped_byte_inside_signed_range_fails(setup: dict) -> None:
    data = bytearray(setup["signed"].read_bytes())
    i = data.index(b"pyHanko")  # the Producer string of the update, in the first signed range
    assert i < _byte_range(bytes(data))[1]
    data[i] = ord("P")
    v = validasi_pdf(_tampered(setup, "flip.pdf", bytes(data)), kantor=setup["kantor"])
    assert not v.utuh
    assert v.intact is False
    assert v.valid is True  # the reason never to gate on `valid` alone
    assert "berubah" in v.pesan


def test_bytes_appended_after_signature_fail(setup: dict) -> None:
    data = setup["signed"].read_bytes() + b"\n% tambahan\n"
    v = validasi_pdf(_tampered(setup, "tambah.pdf", data), kantor=setup["kantor"])
    assert not v.utuh
    assert v.coverage != "ENTIRE_FILE"
    assert "tidak menutup berkas" in v.pesan


def test_changed_byte_in_signature_value_fails(setup: dict) -> None:
    from asn1crypto import cms

    data = bytearray(setup["signed"].read_bytes())
    br = _byte_range(bytes(data))
    start, end = br[1] + 1, br[2] - 1  # the hex digits of /Contents
    blob = bytes.fromhex(bytes(data[start:end]).decode())
    info = cms.ContentInfo.load(blob.rstrip(b"\0"))
    sig_value = info["content"]["signer_infos"][0]["signature"].native
    offset = blob.index(sig_value) + len(sig_value) // 2
    digit = start + 2 * offset
    data[digit] = ord("0") if data[digit] != ord("0") else ord("1")
    v = validasi_pdf(_tampered(setup, "sig.pdf", bytes(data)), kantor=setup["kantor"])
    assert not v.utuh
    assert v.bottom_line is False


def test_untrusted_root_is_not_enough(setup: dict) -> None:
    v = validasi_pdf(setup["signed"])  # no office: no trust roots
    assert not v.utuh
    assert v.trusted is False
    assert "terpercaya" in v.pesan


def test_unsigned_pdf_is_not_intact(setup: dict) -> None:
    v = validasi_pdf(setup["source"], kantor=setup["kantor"])
    assert not v.utuh
    assert v.jenis == "tidak-ada"


def test_garbage_is_reported_not_raised(setup: dict) -> None:
    v = validasi_pdf(_tampered(setup, "sampah.pdf", b"bukan pdf"), kantor=setup["kantor"])
    assert not v.utuh
    assert v.jenis in {"rusak", "tidak-ada"}


def test_periksa_cli_exit_codes(setup: dict, capsys: pytest.CaptureFixture[str]) -> None:
    office = str(setup["kantor"].path)
    assert main(["ttd", "periksa", str(setup["signed"]), "--kantor", office]) == 0
    assert "SAH:" in capsys.readouterr().out
    data = setup["signed"].read_bytes() + b"x"
    bad = _tampered(setup, "cli-bad.pdf", data)
    assert main(["ttd", "periksa", str(bad), "--kantor", office]) == 1
    out = capsys.readouterr()
    assert "TIDAK SAH" in out.out
    assert "Traceback" not in out.err
    assert main(["ttd", "periksa", str(setup["root"] / "tidak-ada.pdf")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Certificates, signers, options


def test_test_certificate_is_marked_and_never_replaced(setup: dict) -> None:
    from cryptography.hazmat.primitives.serialization import pkcs12

    bundle = pkcs12.load_pkcs12(setup["p12"].read_bytes(), None)
    from cryptography.x509.oid import NameOID

    cn = bundle.cert.certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert TANDA_UJI in cn
    assert NAMA in cn
    roots = list((tte_dir(setup["kantor"]) / "akar").glob("*.pem"))
    assert len(roots) == 1
    with pytest.raises(InputError, match="sudah ada"):
        buat_sertifikat_uji(setup["p12"].parent, setup["kantor"])
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "data/linggo-sari-baganti/arsip/tte/uji/x.p12"],
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert ignored.returncode == 0  # keys under an office's arsip never reach the repository


def test_explicit_box(setup: dict) -> None:
    out = setup["root"] / "kotak.pdf"
    kotak = Kotak.parse("1,72,700,272,760")
    hasil = tandatangani(setup["source"], out, kantor=setup["kantor"], waktu=WAKTU, kotak=kotak)
    assert hasil.kotak == kotak
    assert validasi_pdf(out, kantor=setup["kantor"]).utuh
    with pytest.raises(UsageError):
        Kotak.parse("1,72,700")


def test_second_signature_keeps_both_valid(setup: dict) -> None:
    out = setup["root"] / "dua.pdf"
    tandatangani(
        setup["signed"], out, kantor=setup["kantor"], waktu=WAKTU, kotak=Kotak(1, 72, 650, 272, 710)
    )
    v = validasi_pdf(out, kantor=setup["kantor"])
    assert v.utuh, v.pesan
    assert v.jumlah == 2


def test_wet_ink_records_the_scan_hash(setup: dict, tmp_path: Path) -> None:
    import hashlib

    kantor = _fresh_office(tmp_path)
    scan = tmp_path / "pindaian.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"halaman bertanda tangan basah")
    out = tmp_path / "basah.pdf"
    hasil = tandatangani(
        setup["source"], out, signer="basah", kantor=kantor, waktu=WAKTU, pindaian=scan
    )
    assert out.read_bytes() == setup["source"].read_bytes()  # the PDF is not modified
    assert hasil.pindaian_sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert hasil.pindaian.read_bytes() == scan.read_bytes()
    record = json.loads(
        (tte_dir(kantor) / "basah" / f"{hasil.sha256}.json").read_text(encoding="utf-8")
    )
    assert record["pindaian_sha256"] == hasil.pindaian_sha256
    assert not hasil.kalimat_bsre
    v = validasi_pdf(out, kantor=kantor)
    assert v.utuh and v.jenis == "basah", v.pesan
    hasil.pindaian.chmod(0o644)
    hasil.pindaian.write_bytes(b"\x89PNG\r\n\x1a\n" + b"diganti")
    assert not validasi_pdf(out, kantor=kantor).utuh


def test_wet_ink_needs_a_real_scan(setup: dict, tmp_path: Path) -> None:
    kantor = _fresh_office(tmp_path)
    with pytest.raises(UsageError, match="pindaian"):
        tandatangani(setup["source"], tmp_path / "a.pdf", signer="basah", kantor=kantor)
    text = tmp_path / "catatan.txt"
    text.write_text("bukan gambar", encoding="utf-8")
    with pytest.raises(InputError, match="bukan PDF, PNG"):
        tandatangani(
            setup["source"], tmp_path / "b.pdf", signer="basah", kantor=kantor, pindaian=text
        )
    assert not (tmp_path / "b.pdf").exists()
    with pytest.raises(InputError, match="tidak ditemukan"):
        tandatangani(
            setup["source"],
            tmp_path / "c.pdf",
            signer="basah",
            kantor=kantor,
            pindaian=tmp_path / "tidak-ada.png",
        )


def test_bsre_unconfigured_is_a_clear_error(
    setup: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NIK", "PASSPHRASE", "CLIENT_ID", "CLIENT_SECRET"):
        monkeypatch.delenv(f"KINERJA_BSRE_{name}", raising=False)
    out = tmp_path / "bsre.pdf"
    with pytest.raises(InputError, match="BSrE belum dikonfigurasi") as err:
        tandatangani(setup["source"], out, signer="bsre", kantor=setup["kantor"])
    assert "[tte] url" in str(err.value)
    assert "KINERJA_BSRE_NIK" in str(err.value)
    assert not out.exists()


def test_bsre_sentence_only_for_bsre() -> None:
    assert pakai_kalimat_bsre("bsre")
    assert not pakai_kalimat_bsre("pkcs12")
    assert not pakai_kalimat_bsre("basah")
    assert kalimat_kaki("pkcs12") is None
    assert "BSrE" in kalimat_kaki("bsre")
    with pytest.raises(UsageError, match="tidak dikenal"):
        pakai_kalimat_bsre("stempel")


def test_bsre_adapter_against_a_local_stand_in(
    setup: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The request the adapter sends, answered by a loopback stand-in for the service."""
    seen: dict = {}
    answer = setup["signed"].read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen["path"] = self.path
            seen["auth"] = self.headers["Authorization"]
            seen["body"] = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            body = json.dumps({"file": [base64.b64encode(answer).decode()]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        kantor = _fresh_office(tmp_path, tte=f'url = "http://127.0.0.1:{server.server_port}"')
        monkeypatch.setenv("KINERJA_BSRE_NIK", "1234567890123456")
        monkeypatch.setenv("KINERJA_BSRE_PASSPHRASE", "rahasia")
        monkeypatch.setenv("KINERJA_BSRE_CLIENT_ID", "klien")
        monkeypatch.setenv("KINERJA_BSRE_CLIENT_SECRET", "kunci")
        out = tmp_path / "bsre.pdf"
        hasil = tandatangani(setup["source"], out, signer="bsre", kantor=kantor, waktu=WAKTU)
    finally:
        server.shutdown()
        server.server_close()
    assert seen["path"] == "/api/v2/sign/pdf"
    assert seen["auth"] == "Basic " + base64.b64encode(b"klien:kunci").decode()
    assert seen["body"]["nik"] == "1234567890123456"
    assert base64.b64decode(seen["body"]["file"][0]) == setup["source"].read_bytes()
    assert hasil.kalimat_bsre
    assert out.read_bytes() == answer


def test_tandatangani_cli(setup: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kantor = _fresh_office(tmp_path)
    office = str(kantor.path)
    assert main(["ttd", "sertifikat-uji", "--kantor", office]) == 0
    assert main(["ttd", "sertifikat-uji", "--kantor", office]) == 1  # never replaced
    source = tmp_path / "dok.pdf"
    shutil.copy(setup["source"], source)
    assert main(["ttd", "tandatangani", "--kantor", office, str(source)]) == 0
    signed = tmp_path / "dok-ttd.pdf"
    assert signed.is_file()
    assert main(["ttd", "periksa", str(signed), "--kantor", office]) == 0
    assert main(["ttd", "tandatangani", "--kantor", office, str(source)]) == 1  # exists
    args = ["ttd", "tandatangani", "--kantor", office, str(source), "-o", str(tmp_path / "k.pdf")]
    assert main([*args, "--kotak", "1,2"]) == 2
    assert main([*args, "--penanda-tangan", "basah"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err


def _fresh_office(tmp_path: Path, tte: str = "") -> Kantor:
    office = tmp_path / "kantor"
    shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip"))
    if tte:
        toml = office / "kantor.toml"
        toml.write_text(toml.read_text("utf-8") + f"\n[tte]\n{tte}\n", encoding="utf-8")
    return load_kantor(office)
