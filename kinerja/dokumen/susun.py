"""The Dokumen Pengukuran Kinerja: HTML for the screen and PDF/A-3b for signing and filing.

Plain data in (``DokumenData``), documents out::

    data = load_dokumen_data(kantor, "2025", tanggal_cetak=date(2026, 1, 15))
    hasil = render_dokumen(data, Path("reports/linggo-sari-baganti/2025"))

The source data travel inside the PDF as PDF/A-3 associated files
(``AFRelationship=/Source``): ``data-sumber.json`` (``data_json``: canonical,
sorted keys, numbers as strings) and ``pengukuran.csv``. ``source_hash`` is the
sha256 of that JSON; it is printed on the lembar pengesahan and inside the QR
code (``kinerja:doc/<id>?v=<versi>&h=<sha256>``). ``render.read_embedded`` gives
them back for comparison with stored data. Nothing here reads the clock: the
print date is ``tanggal_cetak``.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kinerja.berkas.xlsx import neutralise_formula
from kinerja.cetak.render import Lampiran, halaman_kantor, kop_kantor, render_pdf, template_env
from kinerja.dokumen import grafik
from kinerja.inti.errors import InputError
from kinerja.inti.kelengkapan import kelengkapan
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import OpsiAgregasi, Pengukuran, capaian_anggaran, ukur
from kinerja.kantor.katalog import Kantor, predikat_skala_kantor
from kinerja.kantor.pk import PerjanjianKinerja, load_pk

__all__ = [
    "DATA_FORMAT",
    "DokumenData",
    "HasilDokumen",
    "data_json",
    "dokumen_id",
    "load_dokumen_data",
    "measurement_csv",
    "nama_berkas",
    "qr_teks",
    "render_dokumen",
    "render_html",
    "source_hash",
]

DATA_FORMAT = "kinerja-dokumen-data/1"
NAMA_JSON = "data-sumber.json"
NAMA_CSV = "pengukuran.csv"


@dataclass(frozen=True)
class DokumenData:
    """Everything the document prints; nothing is read from files or the clock later."""

    kantor: Kantor
    pk: PerjanjianKinerja
    pengukuran: Pengukuran
    anggaran: pd.DataFrame  # pengukuran.capaian_anggaran
    realisasi_long: pd.DataFrame  # kendala / tindak lanjut per unit
    tanggal_cetak: dt.date
    kelengkapan: pd.DataFrame | None = None  # unit, kode, tw, status
    keputusan: list[dict[str, Any]] | None = None  # temuan, keputusan, peninjau, alasan
    sop_langkah: list[dict[str, Any]] | None = None
    nomor: str = ""
    versi: int = 1
    revisi: int = 0
    alasan_revisi: str = ""
    draf: bool = False
    sumber_data: str = ""
    tren: pd.DataFrame | None = field(default=None, repr=False)  # tw, seri, capaian

    @property
    def periode(self) -> Periode:
        return self.pengukuran.periode


@dataclass(frozen=True)
class HasilDokumen:
    """The files written by ``render_dokumen``."""

    html: Path
    pdf: Path
    xlsx: Path
    pdf_sha256: str
    halaman: int
    source_sha256: str
    dokumen_id: str
    dapat_diarsipkan: bool  # False for a DRAF


# ---------------------------------------------------------------------------------------------
# Loading


def _opsi(kantor: Kantor) -> OpsiAgregasi:
    return OpsiAgregasi(
        metode=kantor.opsi("agregasi", "metode", "rata_rata"),
        batas_atas=kantor.opsi("agregasi", "batas_atas"),
    )


def load_dokumen_data(
    kantor: Kantor,
    periode: str | Periode,
    *,
    tanggal_cetak: dt.date,
    ukuran: Any = None,
    **kwargs: Any,
) -> DokumenData:
    """Load the PK and realisasi (``sumber.load_realisasi``) and measure ``periode``.

    ``ukuran``: a measurement already made (``langkah.Ukuran``: PK, result,
    realisasi, anggaran, source), used as it is instead of loading and measuring
    again. ``kwargs`` go to ``DokumenData`` (nomor, versi, revisi, draf, keputusan,
    …) and the completeness matrix (``kinerja.inti.kelengkapan``).
    """
    periode = Periode.parse(periode)
    if ukuran is None:
        from kinerja.formulir.sumber import load_realisasi

        pk = load_pk(kantor, periode.tahun)
        realisasi, anggaran_long, sumber = load_realisasi(kantor, periode.tahun)
        skala = predikat_skala_kantor(kantor)
        opsi = _opsi(kantor)
        p = ukur(pk.indikator, realisasi, periode, skala=skala, ordinal=pk.ordinal, opsi=opsi)
        anggaran = capaian_anggaran(pk.program, anggaran_long, periode, indikator=p.indikator)
    else:
        pk, p, realisasi, anggaran = ukuran.pk, ukuran.hasil, ukuran.realisasi, ukuran.anggaran
        sumber = ukuran.sumber
    kwargs.setdefault("sumber_data", sumber)
    if "kelengkapan" not in kwargs:
        kwargs["kelengkapan"] = kelengkapan(pk.indikator, realisasi, periode)
    return DokumenData(
        kantor=kantor,
        pk=pk,
        pengukuran=p,
        anggaran=anggaran,
        realisasi_long=realisasi,
        tanggal_cetak=tanggal_cetak,
        **kwargs,
    )


# ---------------------------------------------------------------------------------------------
# Canonical data (embedded, hashed)


def _canon(value: Any) -> Any:
    """A JSON value without float noise: numbers as short decimal strings, NaN as null."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        x = float(value)
        if math.isnan(x) or math.isinf(x):
            return None
        text = f"{x:.10f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _canon(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    return str(value)


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    cols = [c for c in columns if c in frame.columns]
    return [
        {c: _canon(v) for c, v in zip(cols, row, strict=True)}
        for row in frame[cols].itertuples(index=False, name=None)
    ]


def _dua(x: Any) -> str | None:
    """A result as printed, in machine form: 2 decimals, dot ("101.64")."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    from kinerja.inti.capaian import round_half_up_array

    return f"{float(round_half_up_array(np.array([float(x)]))[0]):.2f}"


def data_json(data: DokumenData) -> bytes:
    """Canonical JSON of the document's source data and results (UTF-8, sorted keys)."""
    from kinerja.inti.model import INDIKATOR_COLUMNS, PROGRAM_COLUMNS

    p = data.pengukuran
    realisasi = data.realisasi_long.copy()
    realisasi["_tw"] = pd.to_numeric(realisasi["tw"], errors="coerce")
    realisasi = realisasi.sort_values(["kode", "_tw"], kind="stable")
    ind = p.indikator
    hasil_indikator = [
        {
            "kode": k,
            "capaian": _dua(c),
            "predikat": pr,
            "capaian_thd_target_tahunan": _dua(t),
            "capaian_thd_renstra": _dua(r),
            "capaian_tahun_lalu": _dua(lalu),
            "lengkap": bool(lk),
        }
        for k, c, pr, t, r, lalu, lk in zip(
            ind["kode"],
            ind["capaian_tw"],
            ind["predikat"],
            ind["capaian_thd_target_tahunan"],
            ind["capaian_thd_renstra"],
            ind["capaian_tahun_lalu"],
            ind["lengkap"],
            strict=True,
        )
    ]
    doc = {
        "format": DATA_FORMAT,
        "kantor": {"kode": data.kantor.kode, "nama": data.kantor.nama},
        "periode": str(data.periode),
        "skala_predikat": p.skala.kode,
        "agregasi": {"metode": p.opsi.metode, "batas_atas": p.opsi.batas_atas},
        "sumber_data": data.sumber_data,
        "indikator": _records(data.pk.indikator, list(INDIKATOR_COLUMNS)),
        "program": _records(data.pk.program, list(PROGRAM_COLUMNS)),
        "realisasi": _records(
            realisasi,
            ["kode", "tw", "unit", "realisasi", "kendala", "tindak_lanjut", "bukti_dukung"],
        ),
        "realisasi_anggaran": _records(
            data.anggaran[data.anggaran["program"].ne("Jumlah")],
            ["kode", "pagu", "realisasi_anggaran"],
        ),
        "hasil": {
            "indikator": hasil_indikator,
            "sasaran": [
                {
                    "kode": k,
                    "capaian": _dua(c),
                    "predikat": pr,
                    "n_valid": str(v),
                    "n_total": str(t),
                    "sementara": bool(s),
                }
                for k, c, pr, v, t, s in zip(
                    p.sasaran["sasaran_kode"],
                    p.sasaran["capaian"],
                    p.sasaran["predikat"],
                    p.sasaran["n_valid"],
                    p.sasaran["n_total"],
                    p.sasaran["sementara"],
                    strict=True,
                )
            ],
            "kantor": {
                "capaian": _dua(p.kantor["capaian"]),
                "predikat": p.kantor["predikat"],
                "n_valid": str(p.kantor["n_valid"]),
                "n_total": str(p.kantor["n_total"]),
                "sementara": bool(p.kantor["sementara"]),
            },
        },
    }
    text = json.dumps(_canon(doc), ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def source_hash(data: DokumenData) -> str:
    """sha256 (hex) of ``data_json(data)``: the content hash printed and put in the QR."""
    return hashlib.sha256(data_json(data)).hexdigest()


def dokumen_id(kantor: Kantor, periode: Periode) -> str:
    """The document's stable id: ``pengukuran-<kantor>-<periode>``."""
    return f"pengukuran-{kantor.kode}-{periode}"


def qr_teks(data: DokumenData, sha256: str | None = None) -> str:
    """``kinerja:doc/<id>?v=<versi>&h=<sha256 of the source data>`` (naskah.md §4)."""
    h = sha256 or source_hash(data)
    return f"kinerja:doc/{dokumen_id(data.kantor, data.periode)}?v={data.versi}&h={h}"


def measurement_csv(data: DokumenData) -> bytes:
    """The measurement table as CSV (UTF-8, comma, dot decimals, formulas neutralised)."""
    from kinerja.inti.tampilan import tabel_indikator

    ind = data.pengukuran.indikator
    shown = tabel_indikator(data.pengukuran)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "no",
            "kode",
            "sasaran_kode",
            "sasaran",
            "indikator",
            "satuan",
            "polaritas",
            "jenis_periode",
            "target",
            "realisasi",
            "capaian",
            "predikat",
            "capaian_thd_target_tahunan",
            "capaian_thd_renstra",
            "capaian_tahun_lalu",
            "selisih_pp",
            "lengkap",
            "keterangan",
        ]
    )
    for i in range(len(ind)):
        row = ind.iloc[i]
        writer.writerow(
            [
                neutralise_formula(v)
                for v in (
                    str(i + 1),
                    row["kode"],
                    row["sasaran_kode"],
                    row["sasaran"],
                    row["indikator"],
                    row["satuan"],
                    row["polaritas"],
                    row["jenis_periode"],
                    shown["Target"].iloc[i],
                    shown["Realisasi"].iloc[i],
                    _dua(row["capaian_tw"]) or "",
                    row["predikat"] or "",
                    _dua(row["capaian_thd_target_tahunan"]) or "",
                    _dua(row["capaian_thd_renstra"]) or "",
                    _dua(row["capaian_tahun_lalu"]) or "",
                    _dua(row["selisih_pp"]) or "",
                    "ya" if row["lengkap"] else "tidak",
                    row["keterangan"],
                )
            ]
        )
    return buffer.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Rendering


def nama_berkas(data: DokumenData) -> str:
    """File stem: ``pengukuran-kinerja-<periode>`` (``-draf`` for a draft)."""
    return f"pengukuran-kinerja-{data.periode}" + ("-draf" if data.draf else "")


def _img(svg: str, alt: str) -> dict[str, str]:
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return {"src": uri, "alt": alt}


def _tren(data: DokumenData) -> pd.DataFrame:
    """Capaian s.d. TW 1..n for the office and per sasaran (computed by ``ukur``)."""
    if data.tren is not None:
        return data.tren
    p = data.pengukuran
    rows = []
    for tw in range(1, p.periode.tw + 1):
        q = (
            p
            if tw == p.periode.tw
            else ukur(
                data.pk.indikator,
                data.realisasi_long,
                Periode(p.periode.tahun, tw),
                skala=p.skala,
                ordinal=data.pk.ordinal,
                opsi=p.opsi,
            )
        )
        rows.append(
            {
                "tw": tw,
                "seri": "Kantor",
                "capaian": q.kantor["capaian_2d"],
                "indikator": q.indikator,
            }
        )
        for kode, nama, cap in zip(
            q.sasaran["sasaran_kode"], q.sasaran["sasaran"], q.sasaran["capaian_2d"], strict=True
        ):
            rows.append({"tw": tw, "seri": f"{kode} {nama}", "capaian": cap, "indikator": None})
    return pd.DataFrame(rows)


def render_html(data: DokumenData, *, tren: pd.DataFrame | None = None) -> str:
    """The document as one self-contained HTML page (the same HTML WeasyPrint prints)."""
    from kinerja.dokumen.konteks import konteks

    tren = tren if tren is not None else _tren(data)
    sha = source_hash(data)
    ctx = konteks(data, tren, sha, qr_teks(data, sha))
    p = data.pengukuran
    annual = p.periode.tw == 4
    per_indikator = [
        _img(svg, "Capaian per indikator terhadap garis 100%")
        for svg in grafik.render_capaian_indikator(p.indikator)
    ]
    ctx["grafik"] = {
        "indikator": per_indikator,
        "sasaran": _img(grafik.render_capaian_sasaran(p.sasaran), "Capaian per sasaran"),
        "tren": _img(
            grafik.render_tren_triwulan(tren[["tw", "seri", "capaian"]]), "Tren capaian triwulan"
        ),
        "tahun_lalu": [
            _img(svg, "Capaian tahun ini dan tahun lalu")
            for svg in grafik.render_tahun_lalu(
                p.indikator, "capaian_tahunan" if annual else "capaian_thd_target_tahunan"
            )
        ],
        "anggaran": _img(
            grafik.render_kinerja_anggaran(data.anggaran), "Capaian kinerja dan penyerapan anggaran"
        ),
    }
    ctx["kop"] = kop_kantor(data.kantor)
    ctx["halaman"] = halaman_kantor(data.kantor, "A4")
    return template_env().get_template("dokumen.html").render(**ctx)


def render_dokumen(data: DokumenData, keluaran: Path) -> HasilDokumen:
    """Write ``<stem>.html``, ``<stem>.pdf`` (PDF/A-3b) and ``<stem>.xlsx`` to ``keluaran``."""
    from kinerja.dokumen.workbook import write_pengukuran_xlsx

    keluaran = Path(keluaran)
    stem = nama_berkas(data)
    payload = data_json(data)
    sha = hashlib.sha256(payload).hexdigest()
    html = render_html(data)
    html_path = keluaran / f"{stem}.html"
    when = dt.datetime.combine(data.tanggal_cetak, dt.time(0, 0))
    lampiran = [
        Lampiran(
            NAMA_JSON, payload, "Data sumber pengukuran kinerja (JSON kanonik)", "application/json"
        ),
        Lampiran(NAMA_CSV, measurement_csv(data), "Tabel pengukuran kinerja (CSV)", "text/csv"),
    ]
    pdf_path = keluaran / f"{stem}.pdf"
    hasil = render_pdf(html, pdf_path, tanggal=when, attachments=lampiran)
    from kinerja.cetak.render import _write_atomic

    _write_atomic(html_path, html.encode("utf-8"), timpa=True)
    xlsx_path = keluaran / f"{stem}.xlsx"
    write_pengukuran_xlsx(data, xlsx_path)
    return HasilDokumen(
        html=html_path,
        pdf=pdf_path,
        xlsx=xlsx_path,
        pdf_sha256=hasil.sha256,
        halaman=hasil.halaman,
        source_sha256=sha,
        dokumen_id=dokumen_id(data.kantor, data.periode),
        dapat_diarsipkan=not data.draf,
    )


def _require(kantor: Kantor, peran: str) -> Any:
    pejabat = kantor.pejabat.get(peran)
    if pejabat is None:
        raise InputError(
            f'kantor.toml tidak memuat pejabat dengan peran "{peran}". Tambahkan bagian '
            f'[[pejabat]] peran = "{peran}" dengan nama, nip, pangkat, golongan dan jabatan.'
        )
    return pejabat
