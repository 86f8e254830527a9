"""The Dokumen Pengukuran Kinerja read back: PDF/A-3b, text, fonts, data, layout, snapshot.

Golden HTML: ``tests/golden/dokumen-demo-2025.html``; regenerate after an intended
change with ``KINERJA_GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/test_documents.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from kinerja.cetak.render import pdf_bytes, read_embedded
from kinerja.cli import main
from kinerja.dokumen.susun import (
    DokumenData,
    data_json,
    load_dokumen_data,
    measurement_csv,
    qr_teks,
    render_dokumen,
    render_html,
    source_hash,
)
from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.errors import InputError
from kinerja.inti.kelengkapan import kelengkapan
from kinerja.inti.pengukuran import capaian_anggaran, ukur
from kinerja.inti.tampilan import tabel_indikator
from kinerja.kantor.katalog import load_kantor
from kinerja.paths import demo_office

pytestmark = pytest.mark.xdist_group("weasyprint")

TANGGAL = dt.date(2026, 1, 15)
GOLDEN = Path(__file__).parent / "golden" / "dokumen-demo-2025.html"
A4 = (595.276, 841.89)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("kantor") / demo_office().name
    shutil.copytree(demo_office(), target, ignore=shutil.ignore_patterns("arsip"))
    return target


@pytest.fixture(scope="module")
def data(office: Path) -> DokumenData:
    return load_dokumen_data(load_kantor(office), "2025", tanggal_cetak=TANGGAL)


@pytest.fixture(scope="module")
def rendered(data: DokumenData, tmp_path_factory: pytest.TempPathFactory):
    return render_dokumen(data, tmp_path_factory.mktemp("dokumen"))


def _raw_text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-raw"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.split())


def test_pdf_pages_are_a4_with_office_periode_and_every_capaian(rendered, data) -> None:
    reader = PdfReader(rendered.pdf)
    assert len(reader.pages) == rendered.halaman >= 12
    for page in reader.pages:
        size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert size == pytest.approx(sorted(A4), abs=0.5)
    text = _raw_text(rendered.pdf)
    assert "KECAMATAN LINGGO SARI BAGANTI" in text
    assert "PENGUKURAN KINERJA" in text and "TAHUN 2025" in text
    assert "Capaian Indikator Kinerja Tahun 2025" in text
    for row in tabel_indikator(data.pengukuran).itertuples():
        printed = f"{row.Indikator} {row.Satuan} {row.Target} {row.Realisasi} {row.Capaian}"
        assert printed + f" {row.Predikat}" in text, printed
    kantor = data.pengukuran.kantor
    assert "95,18%" in text and kantor["capaian_2d"] == pytest.approx(95.18)
    assert f"Halaman 1 dari {rendered.halaman}" in _raw_text(rendered.pdf, 1)
    assert f"Halaman {rendered.halaman} dari {rendered.halaman}" in _raw_text(
        rendered.pdf, rendered.halaman
    )


def test_every_page_stamped_and_kop_only_on_first(rendered) -> None:
    for page in range(1, rendered.halaman + 1):
        text = _raw_text(rendered.pdf, page)
        assert "Dicetak 15 Januari 2026" in text
        assert f"Halaman {page} dari {rendered.halaman}" in text
        assert ("Kode Pos 25668" in text) == (page == 1)
    assert "CONTOH – DATA FIKTIF" in _raw_text(rendered.pdf, 1)


def test_lembar_pengesahan(rendered, data) -> None:
    text = _raw_text(rendered.pdf, 2)
    sha = source_hash(data)
    assert "LEMBAR PENGESAHAN" in text
    assert " ".join(sha[i : i + 8] for i in range(0, 64, 8)) in text
    assert "Versi 1, revisi 0" in text and "Nomor : …" in text
    assert "RAHMAT HIDAYAT, S.STP., M.Si." in text
    assert "Pembina Tingkat I (IV/b)" in text
    assert "NIP. 19790312 199803 1 002" in text
    assert "CAMAT LINGGO SARI BAGANTI," in text
    assert "Kepala Subbagian Perencanaan dan Keuangan" in text and "Sekretaris Camat" in text
    assert "Peraturan Presiden Nomor 29 Tahun 2014" in text
    # the QR holds a text a person can read (no office address configured): no "kinerja:doc"
    qr = qr_teks(data)
    assert qr.splitlines() == [
        "Pengukuran Kinerja Kecamatan Linggo Sari Baganti Tahun 2025",
        "Nomor: belum bernomor",
        "Tanggal: 15 Januari 2026",
        "Versi 1, revisi 0",
        f"SHA-256 data sumber: {sha}",
    ]
    assert "kinerja:doc" not in text and "QR memuat identitas dokumen ini" in text


def test_qr_opens_the_offices_verification_address(data) -> None:
    kantor = data.kantor
    config = {**kantor.config, "verifikasi": {"url": "https://kinerja.contoh.go.id/cek?h={hash}"}}
    own = replace(data, kantor=replace(kantor, config=config))
    assert qr_teks(own) == f"https://kinerja.contoh.go.id/cek?h={source_hash(data)}"
    html = render_html(own)
    assert f"Verifikasi: https://kinerja.contoh.go.id/cek?h={source_hash(data)}" in html
    for bad in ("kinerja.contoh.go.id/cek?h={hash}", "https://kinerja.contoh.go.id/cek"):
        config["verifikasi"] = {"url": bad}
        wrong = replace(data, kantor=replace(kantor, config=config))
        with pytest.raises(InputError, match=r"\[verifikasi\] url"):
            qr_teks(wrong)


def test_fonts_liberation_sans_embedded(rendered) -> None:
    out = subprocess.run(["pdffonts", str(rendered.pdf)], check=True, capture_output=True)
    rows = out.stdout.decode().splitlines()[2:]
    assert rows
    for row in rows:
        name = row.split()[0]
        assert re.fullmatch(r"[A-Z]{6}\+Liberation-Sans(-Bold|-Italic|-BoldItalic)?", name), row
        assert row.split()[-5] == "yes", row


def test_attachments_equal_the_data_and_pdfa3b_claims(rendered, data) -> None:
    files = read_embedded(rendered.pdf)
    assert set(files) == {"data-sumber.json", "pengukuran.csv"}
    assert files["data-sumber.json"] == data_json(data)
    assert files["pengukuran.csv"] == measurement_csv(data)
    assert hashlib.sha256(files["data-sumber.json"]).hexdigest() == rendered.source_sha256
    parsed = json.loads(files["data-sumber.json"])
    assert parsed["periode"] == "2025" and len(parsed["indikator"]) == 16
    assert parsed["hasil"]["kantor"]["capaian"] == 95.18
    root = PdfReader(rendered.pdf).trailer["/Root"]
    rel = {f.get_object()["/UF"]: f.get_object()["/AFRelationship"] for f in root["/AF"]}
    assert rel == {"data-sumber.json": "/Source", "pengukuran.csv": "/Source"}
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)3', xmp)
    assert re.search(r'pdfaid:conformance(="|>)B', xmp)
    assert "/OutputIntents" in root
    check = subprocess.run(
        ["qpdf", "--check", str(rendered.pdf)], check=False, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_no_word_outside_the_page(rendered) -> None:
    out = subprocess.run(
        ["pdftotext", "-bbox", str(rendered.pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    inset = 0.5 / 2.54 * 72  # every word at least 0,5 cm inside the paper edge
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S)
    assert len(pages) == rendered.halaman
    words = 0
    for n, (w, h, body) in enumerate(pages, start=1):
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)',
            body,
        ):
            words += 1
            assert float(x0) >= inset and float(y0) >= inset, (n, word)
            assert float(x1) <= float(w) - inset, (n, word, x1, w)
            assert float(y1) <= float(h) - inset, (n, word, y1, h)
    assert words > 2000


def test_same_inputs_give_identical_files(rendered, data, tmp_path: Path) -> None:
    again = render_dokumen(data, tmp_path)
    assert again.pdf.read_bytes() == rendered.pdf.read_bytes()
    assert again.pdf_sha256 == rendered.pdf_sha256
    assert again.html.read_bytes() == rendered.html.read_bytes()
    assert again.xlsx.read_bytes() == rendered.xlsx.read_bytes()


def _normalised(html: str) -> str:
    """Data URIs (charts, emblem) replaced by their sha256, so the snapshot stays readable."""

    def digest(m: re.Match[str]) -> str:
        return f"data:{m[1]};sha256={hashlib.sha256(m[2].encode()).hexdigest()[:16]}"

    return re.sub(r"data:([\w/+.-]+);base64,([A-Za-z0-9+/=]+)", digest, html)


def test_golden_html_snapshot(data) -> None:
    html = _normalised(render_html(data))
    if os.environ.get("KINERJA_GOLDEN_UPDATE") == "1" or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, "utf-8")
        if os.environ.get("KINERJA_GOLDEN_UPDATE") != "1":
            pytest.fail(f"{GOLDEN} dibuat; periksa dan commit, lalu jalankan ulang.")
    expected = GOLDEN.read_text("utf-8")
    assert html == expected, (
        "HTML dokumen berbeda dari snapshot; bila disengaja: "
        "KINERJA_GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/test_documents.py"
    )


def test_no_unrendered_template_markers(rendered) -> None:
    html = rendered.html.read_text("utf-8")
    for marker in ("{{", "}}", "{%", "%}", "{#", "${"):
        assert marker not in html, marker


def test_kendala_with_markup_stays_text_and_draf_on_every_page(data, tmp_path: Path) -> None:
    real = data.realisasi_long.copy()
    first = real.index[(real["kode"] == "IK-02") & (real["tw"] == 1)][0]
    real.loc[first, "kendala"] = "<script>alert('x')</script> dan <b>tebal</b> & lain"
    real.loc[first, "tindak_lanjut"] = '=HYPERLINK("http://contoh")'
    changed = replace(data, realisasi_long=real, draf=True, tren=None)
    html = render_html(changed)
    assert "<script>" not in html and "<b>tebal" not in html
    assert (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; dan &lt;b&gt;tebal&lt;/b&gt; &amp; lain"
        in html
    )
    assert source_hash(changed) != source_hash(data)  # kendala is source data too
    pdf, pages, notes = pdf_bytes(html, tanggal=TANGGAL)
    assert notes == ()
    out = tmp_path / "draf.pdf"
    out.write_bytes(pdf)
    assert "<script>alert('x')</script> dan <b>tebal</b> & lain" in _raw_text(out)
    for page in range(1, pages + 1):
        assert "DRAF" in _raw_text(out, page), page


def test_missing_realisasi_is_sementara_and_shown_in_matrix(data) -> None:
    real = data.realisasi_long
    dropped = real[~((real["kode"] == "IK-07") & (real["tw"] == 4))]
    kantor = data.kantor
    partial = load_dokumen_data(kantor, "2025", tanggal_cetak=TANGGAL)
    p = ukur(
        partial.pk.indikator,
        dropped,
        partial.periode,
        skala=partial.pengukuran.skala,
        ordinal=partial.pk.ordinal,
    )
    a = capaian_anggaran(partial.pk.program, _anggaran_long(kantor), p.periode, p.indikator)
    changed = replace(partial, pengukuran=p, realisasi_long=dropped, anggaran=a, kelengkapan=None)
    html = render_html(changed)
    assert "Capaian Kecamatan Linggo Sari Baganti (16/16 indikator, sementara)" in html
    assert html.count('<td class="tengah kosong" data-label="TW IV">kosong</td>') == 1
    assert "Seksi Pemerintahan (11/12 terisi)" in html
    frame = kelengkapan(partial.pk.indikator, dropped, p.periode)
    html = render_html(replace(changed, kelengkapan=frame))
    assert html.count('<td class="tengah kosong" data-label="TW IV">belum</td>') == 1


def _anggaran_long(kantor):
    return load_realisasi(kantor, 2025)[1]


def test_office_without_demo_flag_and_without_camat(office: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kantor"
    shutil.copytree(office, copy)
    kantor = load_kantor(copy)
    kantor.config["kantor"]["demo"] = False
    data = load_dokumen_data(kantor, "2025-TW1", tanggal_cetak=TANGGAL)
    html = render_html(data)
    assert "CONTOH – DATA FIKTIF" not in html
    assert "Triwulan I Tahun 2025" in html
    kantor.config["pejabat"] = [p for p in kantor.config["pejabat"] if p["peran"] != "camat"]
    with pytest.raises(InputError, match='peran "camat"'):
        render_html(data)


def test_data_json_is_canonical(data) -> None:
    raw = data_json(data)
    assert raw == data_json(data)
    text = raw.decode("utf-8")
    parsed = json.loads(text)
    assert json.dumps(parsed, ensure_ascii=False, sort_keys=True, indent=1) + "\n" == text
    inputs = json.dumps([parsed["indikator"], parsed["realisasi"], parsed["program"]])
    numbers = re.findall(r"(?<![\w\".-])(-?\d+\.\d+)(?![\w\"])", inputs)  # JSON numbers
    assert numbers and all(len(n.split(".")[1]) <= 10 for n in numbers)
    assert not [n for n in numbers if n.endswith("0")]  # 96.56, not 96.560000000001
    assert parsed["hasil"]["indikator"][1]["capaian"] == 101.64  # results: 2 decimals
    assert parsed["hasil"]["kantor"]["n_total"] == len(parsed["indikator"])
    values = list(_walk([parsed["hasil"], parsed["realisasi"], parsed["program"]]))
    floats = [v for v in values if isinstance(v, float)]
    assert floats and not [v for v in floats if v.is_integer()]  # 2400, never 2400.0
    as_text = [v for v in values if isinstance(v, str) and re.fullmatch(r"-?\d+(\.\d+)?", v)]
    assert as_text == []  # numbers as numbers: no "96.56", no "2400" (PK text stays as written)


def _walk(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)
    else:
        yield value


def test_cli_dokumen(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "hasil"
    code = main(
        [
            "dokumen",
            "--kantor",
            str(office),
            "--periode",
            "2025-TW2",
            "--tanggal-cetak",
            "2025-07-10",
            "--keluaran",
            str(out),
            "--draf",
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "Triwulan II Tahun 2025" in printed and "DRAF" in printed
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "pengukuran-kinerja-2025-TW2-draf.html",
        "pengukuran-kinerja-2025-TW2-draf.pdf",
        "pengukuran-kinerja-2025-TW2-draf.xlsx",
    ]
    assert main(["dokumen", "--kantor", str(office), "--periode", "2025-TW9"]) == 2
    assert (
        main(
            [
                "dokumen",
                "--kantor",
                str(office),
                "--periode",
                "2025",
                "--tanggal-cetak",
                "30 Februari 2025",
            ]
        )
        == 2
    )
    assert main(["dokumen", "--kantor", str(tmp_path / "tidak-ada"), "--periode", "2025"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "kantor.toml" in err


#: Elements that scroll sideways themselves, or reach past the window's right edge.
_MELEBAR = """() => [...document.querySelectorAll('body *')].filter(e => {
  const s = getComputedStyle(e);
  const scrolls = ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
  const r = e.getBoundingClientRect();
  return scrolls || (r.width > 0 && r.right > window.innerWidth + 1);
}).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 30))"""

#: Top of the first data row's cells of "Capaian Indikator Kinerja", by data-label.
_URUTAN = """() => Object.fromEntries([...document.querySelector('table.tabel-ukur tbody tr')
  .querySelectorAll('td')].filter(td => td.offsetParent !== null)
  .map(td => [td.dataset.label, td.getBoundingClientRect().top]))"""


@pytest.mark.browser
@pytest.mark.slow
def test_html_readable_on_desktop_and_phone(rendered, artefacts: Path) -> None:
    """Headless Chromium at 1366 and 390 px: nothing scrolls sideways, nothing is off screen
    (every TW column on the desktop; tables as stacked rows on the phone, indikator, capaian
    and predikat first); screenshots kept in tests/artefacts to look at."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415  (browser tests only)

    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
    ]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        try:
            for name, width, height in (("desktop", 1366, 768), ("ponsel", 390, 844)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(rendered.html.as_uri())
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, (name, overflow)
                assert page.evaluate(_MELEBAR) == [], name
                images = page.evaluate(
                    "[...document.images].map(i => i.complete && i.naturalWidth > 0)"
                )
                assert images and all(images)
                assert page.locator("text=LEMBAR PENGESAHAN").count() == 1
                narrow = page.evaluate(
                    "[...document.querySelectorAll('td, th')].filter(c => "
                    "/[A-Za-z]{4}/.test(c.textContent) && c.getBoundingClientRect().width < 60"
                    " && c.getBoundingClientRect().height > 80)"
                    ".map(c => c.textContent.trim().slice(0, 30))"
                )
                assert narrow == [], (name, narrow[:5])
                top = page.evaluate(_URUTAN)
                if name == "desktop":  # a table: one line, TW IV's columns in the window
                    assert len({round(v) for v in top.values()}) == 1, top
                    last = page.locator("table.tabel-tw thead th").last
                    assert last.bounding_box()["x"] + last.bounding_box()["width"] <= width
                    assert page.evaluate("document.body.clientWidth") > 1100
                else:  # stacked: indikator, capaian, predikat, then the rest
                    assert top["Indikator"] < top["Capaian"] < top["Predikat"] < top["Target"]
                page.screenshot(path=str(artefacts / f"dokumen-{name}.png"))
                page.screenshot(path=str(artefacts / f"dokumen-{name}-penuh.png"), full_page=True)
                page.close()
        finally:
            browser.close()


@pytest.mark.slow
def test_sixty_indicator_office_stays_inside_the_page(tmp_path: Path) -> None:
    """The benchmark's synthetic office: long tables and charts still fit the paper."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_document.py"
    spec = importlib.util.spec_from_file_location("bench_document", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    hasil = render_dokumen(module.synthetic(), tmp_path)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(hasil.pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    inset = 0.5 / 2.54 * 72
    outside = [
        (n, word)
        for n, (w, h, body) in enumerate(
            re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S), 1
        )
        for x0, y0, x1, y1, word in re.findall(
            r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)', body
        )
        if min(float(x0), float(y0)) < inset
        or float(x1) > float(w) - inset
        or float(y1) > float(h) - inset
    ]
    assert outside == []
    text = _raw_text(hasil.pdf)
    assert "IK-60" in text and "Capaian sasaran S10 (6/6 indikator)" in text
