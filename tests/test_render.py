"""render.py: WeasyPrint PDF/A-3b, deterministic and atomic; the shared kop and print CSS."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from kinerja.cetak.render import (
    Lampiran,
    RenderError,
    halaman_kantor,
    kop_kantor,
    pdf_bytes,
    read_embedded,
    render_pdf,
    template_env,
)
from kinerja.inti.errors import InputError, KinerjaError
from kinerja.kantor.katalog import Kantor

pytestmark = pytest.mark.xdist_group("weasyprint")

WHEN = dt.datetime(2025, 5, 15, 9, 0)

_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Uji</title>
<style>{% include "cetak.css" %}</style></head><body>
{% if cetak.draf %}<div class="draf">DRAF</div>{% endif %}
{% include "_kop.html" %}
<p>{{ isi }}</p>{{ extra|safe }}
<table><thead><tr><th>No</th><th>Uraian</th></tr></thead><tbody>
{% for i in range(rows) %}<tr><td>{{ i + 1 }}</td><td>Baris {{ i + 1 }}</td></tr>{% endfor %}
</tbody></table></body></html>"""


def _html(kantor: Kantor, *, isi: str = "Isi", rows: int = 5, draf=False, extra="", kertas="A4"):
    return (
        template_env()
        .from_string(_PAGE)
        .render(
            kop=kop_kantor(kantor),
            halaman=halaman_kantor(kantor, kertas),
            cetak={"tanggal": "15 Mei 2025", "draf": draf},
            isi=isi,
            rows=rows,
            extra=extra,
        )
    )


def _text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_same_input_same_bytes_and_dates_fixed(kantor: Kantor, tmp_path: Path) -> None:
    html = _html(kantor, rows=60)
    files = [Lampiran("data.json", b'{"a":"1"}', "Data", "application/json")]
    a = render_pdf(html, tmp_path / "a.pdf", tanggal=WHEN, attachments=files)
    b = render_pdf(html, tmp_path / "b.pdf", tanggal=WHEN, attachments=files)
    c = render_pdf(html, tmp_path / "c.pdf", tanggal=WHEN + dt.timedelta(days=1), attachments=files)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    assert a.sha256 == b.sha256 != c.sha256
    assert a.halaman == 2
    assert a.peringatan == ()
    info = PdfReader(tmp_path / "a.pdf").metadata
    assert info["/CreationDate"].startswith("D:20250515090000+07")


def test_pdfa3b_claims_and_associated_source_files(kantor: Kantor, tmp_path: Path) -> None:
    payload = b'{"capaian": "93.75", "kantor": "Linggo Sari Baganti"}'
    csv = b"kode,capaian\nIK-01,93.75\n"
    out = tmp_path / "x.pdf"
    render_pdf(
        _html(kantor),
        out,
        tanggal=WHEN,
        attachments=[
            Lampiran("data.json", payload, "Data sumber", "application/json"),
            Lampiran("pengukuran.csv", csv, "Tabel pengukuran", "text/csv"),
        ],
    )
    reader = PdfReader(out)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part="3"', xmp) or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert re.search(r'pdfaid:conformance="B"', xmp) or ">B</pdfaid:conformance>" in xmp
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    relations = {f.get_object()["/UF"]: f.get_object()["/AFRelationship"] for f in root["/AF"]}
    assert relations == {"data.json": "/Source", "pengukuran.csv": "/Source"}
    assert read_embedded(out) == {"data.json": payload, "pengukuran.csv": csv}
    check = subprocess.run(
        ["qpdf", "--check", str(out)], check=False, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_liberation_sans_embedded_not_a_fallback(kantor: Kantor, tmp_path: Path) -> None:
    out = tmp_path / "f.pdf"
    render_pdf(_html(kantor, isi="≥ 91 − × – … Rp5.294.655,00"), out, tanggal=WHEN)
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Liberation-Sans" in row.split()[0], row
        assert row.split()[-5] == "yes", row  # emb


def test_kop_first_page_page_numbers_and_date_on_every_page(kantor: Kantor, tmp_path: Path) -> None:
    out = tmp_path / "k.pdf"
    result = render_pdf(_html(kantor, rows=90), out, tanggal=WHEN)
    assert result.halaman >= 3
    first = _text(out, 1)
    assert "KECAMATAN LINGGO SARI BAGANTI" in first
    assert "PEMERINTAH KABUPATEN PESISIR SELATAN" in first
    for page in range(1, result.halaman + 1):
        text = _text(out, page)
        assert f"Halaman {page} dari {result.halaman}" in text
        assert "Dicetak 15 Mei 2025" in text
        if page > 1:
            assert "KECAMATAN LINGGO SARI BAGANTI" not in text
            assert "No" in text and "Uraian" in text  # header repeated


def test_draf_mark_on_every_page(kantor: Kantor, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    result = render_pdf(_html(kantor, rows=90, draf=True), out, tanggal=WHEN)
    for page in range(1, result.halaman + 1):
        assert "DRAF" in _text(out, page)
    plain = tmp_path / "p.pdf"
    render_pdf(_html(kantor, rows=90), plain, tanggal=WHEN)
    assert "DRAF" not in _text(plain)


def test_f4_and_configured_margins(kantor: Kantor, tmp_path: Path) -> None:
    kantor.config["naskah"]["margin_kiri"] = "4cm"
    halaman = halaman_kantor(kantor, "F4")
    assert halaman.ukuran == "215mm 330mm"
    assert halaman.margin_kiri == "4cm"
    out = tmp_path / "f4.pdf"
    render_pdf(_html(kantor, kertas="F4"), out, tanggal=WHEN)
    box = PdfReader(out).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 215
    assert round(float(box.height) / 72 * 25.4) == 330
    kantor.config["naskah"]["margin_kiri"] = "4 furlong"
    with pytest.raises(InputError, match="margin_kiri"):
        halaman_kantor(kantor)
    with pytest.raises(InputError, match="kertas"):
        halaman_kantor(kantor, "A3")


def test_unreadable_image_is_an_error_not_silence(kantor: Kantor, tmp_path: Path) -> None:
    broken = '<img src="data:image/png;base64,AAAAAAAA" alt="">'
    with pytest.raises(RenderError, match="WeasyPrint"):
        pdf_bytes(_html(kantor, extra=broken), tanggal=WHEN)
    missing = f'<img src="{(tmp_path / "tidak-ada.png").as_uri()}" alt="">'
    out = tmp_path / "keluaran"
    with pytest.raises(RenderError):
        render_pdf(_html(kantor, extra=missing), out / "m.pdf", tanggal=WHEN)
    assert not out.exists() or not list(out.iterdir())  # nothing half-written


def test_remote_resources_are_refused(kantor: Kantor) -> None:
    remote = '<img src="http://192.0.2.1/lambang.png" alt="">'
    with pytest.raises(RenderError):
        pdf_bytes(_html(kantor, extra=remote), tanggal=WHEN)


def test_text_is_escaped_in_kop_and_body(kantor: Kantor, tmp_path: Path) -> None:
    kantor.config["kantor"]["nama"] = "Kecamatan <b>Uji</b>"
    html = _html(kantor, isi="<script>alert(1)</script>")
    assert "<script>" not in html and "<b>" not in html
    out = tmp_path / "e.pdf"
    render_pdf(html, out, tanggal=WHEN)
    text = _text(out)
    assert "<script>alert(1)</script>" in text
    assert "KECAMATAN <B>UJI</B>" in text


def test_timpa_false_keeps_existing_file(kantor: Kantor, tmp_path: Path) -> None:
    out = tmp_path / "arsip" / "arsip.pdf"
    out.parent.mkdir()
    out.write_bytes(b"signed")
    with pytest.raises(KinerjaError, match="tidak boleh ditimpa"):
        render_pdf(_html(kantor), out, tanggal=WHEN, timpa=False)
    assert out.read_bytes() == b"signed"
    assert [p.name for p in out.parent.iterdir()] == ["arsip.pdf"]


def test_office_emblem_from_configuration(kantor: Kantor) -> None:
    (kantor.path / "lambang.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', "utf-8"
    )
    kantor.config["kantor"]["lambang"] = "lambang.svg"
    assert kop_kantor(kantor)["lambang"].startswith("data:image/svg+xml;base64,")
    kantor.config["kantor"]["lambang"] = "hilang.png"
    with pytest.raises(InputError, match="hilang.png"):
        kop_kantor(kantor)


def test_no_emblem_unless_the_office_names_one(kantor: Kantor) -> None:
    assert kop_kantor(kantor)["lambang"].startswith("data:image/svg+xml;base64,")  # the demo's
    assert 'class="kop-lambang"' in _html(kantor)
    del kantor.config["kantor"]["lambang"]
    assert kop_kantor(kantor)["lambang"] == ""
    assert "kop-lambang" not in _html(kantor).split("</style>")[1]  # no placeholder by itself


def test_contact_items_never_break_inside(kantor: Kantor, tmp_path: Path) -> None:
    """ "Pos-el" and its address stay on one line (it used to break at the hyphen), whatever
    the length of what comes before it."""
    kop = template_env().get_template("_kop.html")
    email = kantor.config["kantor"]["pos_el"]
    kops = []
    for n in range(0, 36, 3):
        kantor.config["kantor"]["laman"] = "x" * n + ".go.id"
        kops.append(kop.render(kop=kop_kantor(kantor)))
    pdf = tmp_path / "kop.pdf"
    render_pdf(_html(kantor, extra="".join(kops)), pdf, tanggal=WHEN)
    lines = [" ".join(line.split()) for line in _text(pdf).splitlines()]
    assert sum(f"Pos-el {email}" in line for line in lines) == len(kops) + 1, lines[:12]
    assert not [line for line in lines if line.endswith(("Pos-", "Pos-el", "Telepon", "Laman"))]


def test_missing_system_libraries_give_indonesian_error() -> None:
    code = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "from kinerja.cetak.render import pdf_bytes\n"
        "import datetime\n"
        "try:\n"
        "    pdf_bytes('<p>x</p>', tanggal=datetime.date(2025, 1, 1))\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("RenderError WeasyPrint tidak dapat dimuat")
    assert "libpango" in out.stdout
