"""Writing the Kabupaten roll-up: a workbook (openpyxl) and a report (HTML + PDF/A).

``tulis_rekap(r, keluaran, tanggal_cetak=...)`` writes ``rekap-<periode>.xlsx``,
``rekap-<periode>.html`` and ``rekap-<periode>.pdf`` (PDF/A-3b, with the lineage
table embedded as ``jejak-rekap.csv``). Text cells are neutralised against
formula injection (``xlsx.neutralise_formula``): office names and indicator
names come from many offices. Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kinerja.berkas.atomic import write_atomic
from kinerja.berkas.xlsx import neutralise_formula, save_workbook
from kinerja.cetak.render import Lampiran, halaman_kantor, kop_kantor, render_pdf, template_env
from kinerja.inti.angka import format_persen
from kinerja.inti.errors import UsageError
from kinerja.inti.filename import safe_filename
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_tanggal
from kinerja.kantor.katalog import Kantor
from kinerja.rekap.status import LABEL_STATUS
from kinerja.rekap.tabel import Rekap

__all__ = [
    "LEMBAR",
    "HasilTulis",
    "konteks",
    "tulis_rekap",
    "write_workbook",
]

#: Sheet → (frame attribute, {column: Indonesian header}).
LEMBAR: dict[str, tuple[str, dict[str, str]]] = {
    "Peringkat": ("peringkat", {
        "peringkat": "Peringkat", "kantor": "Kantor", "kantor_kode": "Kode kantor",
        "capaian": "Capaian kantor (%)", "predikat": "Predikat", "n_valid": "Indikator terukur",
        "n_total": "Jumlah indikator", "sementara": "Sementara",
        "indikator_sebanding_persen": "Indikator sebanding (%)",
        "skala_predikat": "Skala predikat", "agregasi": "Metode agregasi", "catatan": "Catatan",
        "paket": "Paket", "berkas_data": "Berkas data", "sha256_data": "SHA-256 data",
    }),
    "Kantor": ("kantor", {
        "kantor_kode": "Kode kantor", "kantor": "Kantor", "periode": "Periode",
        "capaian": "Capaian kantor (%)", "predikat": "Predikat", "n_valid": "Indikator terukur",
        "n_total": "Jumlah indikator", "sementara": "Sementara",
        "skala_predikat": "Skala predikat", "agregasi": "Metode agregasi", "paket": "Paket",
        "berkas_data": "Berkas data", "sha256_data": "SHA-256 data",
    }),
    "Indikator": ("indikator", {
        "kantor_kode": "Kode kantor", "kantor": "Kantor", "periode": "Periode", "kode": "Kode",
        "indikator": "Indikator", "satuan": "Satuan", "polaritas": "Polaritas",
        "jenis_periode": "Jenis periode", "jenis_target": "Jenis target",
        "target_tahunan": "Target tahunan", "target": "Target", "realisasi": "Realisasi",
        "skala": "Skala", "rumus_negatif": "Rumus negatif", "capaian": "Capaian (%)",
        "predikat": "Predikat", "lengkap": "Lengkap", "kunci": "Kunci banding", "dasar_banding": "Dasar banding",
        "paket": "Paket", "berkas_data": "Berkas data", "sha256_data": "SHA-256 data",
    }),
    "Sebanding": ("banding", {
        "periode": "Periode", "kunci": "Kunci banding", "indikator": "Indikator (contoh nama)",
        "satuan": "Satuan", "dasar_banding": "Dasar banding", "n_kantor": "Jumlah kantor",
        "rata_rata": "Rata-rata capaian (%)", "median": "Median (%)", "minimum": "Terendah (%)",
        "maksimum": "Tertinggi (%)", "n_target_berbeda": "Target berbeda",
        "n_polaritas": "Polaritas berbeda",
    }),
    "Predikat": ("predikat", {
        "tingkat": "Tingkat", "periode": "Periode", "predikat": "Predikat", "jumlah": "Jumlah",
        "persen": "Persen (%)",
    }),
    "Kekurangan": ("kekurangan", {
        "kantor_kode": "Kode kantor", "kantor": "Kantor", "periode": "Periode",
        "status": "Status", "keterangan": "Keterangan",
    }),
    "Tidak Diperingkat": ("terpisah", {
        "paket": "Paket", "kantor_kode": "Kode kantor", "kantor": "Kantor", "periode": "Periode",
        "status": "Status", "keterangan": "Keterangan",
    }),
    "Ditolak": ("ditolak", {
        "paket": "Paket", "kantor_kode": "Kode kantor", "kantor": "Kantor", "periode": "Periode",
        "kode": "Kode masalah", "masalah": "Masalah", "jumlah_masalah": "Jumlah masalah",
    }),
    "Jejak": ("jejak", {
        "kantor_kode": "Kode kantor", "kantor": "Kantor", "periode": "Periode", "jenis": "Jenis",
        "paket": "Paket", "berkas_data": "Berkas data", "sha256_data": "SHA-256 data",
        "cara": "Cara membaca", "tanggal_paket": "Tanggal paket",
        "hash_peristiwa_terakhir": "Hash peristiwa terakhir", "tanda_tangan": "Tanda tangan",
        "catatan": "Catatan",
    }),
}  # fmt: skip

_NUMBER_2 = {"capaian", "rata_rata", "median", "minimum", "maksimum", "persen",
             "indikator_sebanding_persen"}  # fmt: skip


@dataclass(frozen=True)
class HasilTulis:
    """What ``tulis_rekap`` wrote: the workbook, the HTML report, its PDF and page count."""

    xlsx: Path
    html: Path
    pdf: Path | None
    halaman: int = 0


def _value(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    return neutralise_formula(v) if isinstance(v, str) else v


def _stem(r: Rekap) -> str:
    """The file stem; the periode comes from packages, so it is made a safe name too."""
    return f"rekap-{safe_filename(r.periode_utama or 'kosong')}"


def write_workbook(r: Rekap, path: Path, *, when: dt.datetime) -> Path:
    """The roll-up as a workbook: Ringkasan, then one sheet per frame (``LEMBAR``)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    ws.append(["REKAPITULASI PENGUKURAN KINERJA"])
    ws["A1"].font = Font(bold=True, size=13)
    rows = [
        ("Periode utama (peringkat)", r.periode_utama),
        ("Periode yang diharapkan", ", ".join(r.periode_harapan)),
        ("Paket/arsip diperiksa", len(r.hasil)),
        ("Diterima", len(r.diterima)),
        ("Tidak diperingkat (tanpa TTE terpercaya, ganda)", len(r.terpisah)),
        ("Ditolak", len(r.ditolak)),
        ("Paket tanpa TTE terpercaya diterima", r.terima_tanpa_ttd),
        ("Berkas pemetaan", r.pemetaan or "-"),
    ]
    for label, value in rows:
        ws.append([label, _value(value)])
    ws.append([])
    ws.append(["Catatan dan batasan perbandingan"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for note in r.catatan:
        ws.append([_value(note)])
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 100
    ws.column_dimensions["B"].width = 40
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    for title, (attr, headers) in LEMBAR.items():
        frame: pd.DataFrame = getattr(r, attr)
        sheet = wb.create_sheet(title)
        cols = [c for c in headers if c in frame.columns]
        sheet.append([headers[c] for c in cols] or ["(kosong)"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = head_fill
        if cols:
            for row in frame[cols].itertuples(index=False, name=None):
                sheet.append([_value(v) for v in row])
        for i, c in enumerate(cols, start=1):
            letter = get_column_letter(i)
            width = 64 if c in ("sha256_data", "hash_peristiwa_terakhir") else 14
            width = (
                40
                if c in ("kantor", "indikator", "kunci", "masalah", "catatan", "paket")
                else width
            )
            sheet.column_dimensions[letter].width = width
            if c in _NUMBER_2:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = "0.00"
        sheet.freeze_panes = "A2"
        if cols and len(frame):
            sheet.auto_filter.ref = sheet.dimensions
    wb.properties.creator = "kinerja rekap"
    save_workbook(wb, path, when.replace(tzinfo=None))
    return path


def _records(frame: pd.DataFrame, cols: list[str], limit: int | None = None) -> list[dict]:
    if frame.empty:
        return []
    part = frame[[c for c in cols if c in frame.columns]]
    if limit is not None:
        part = part.head(limit)
    return part.to_dict("records")


def _label_periode(periode: str) -> str:
    """``2025-TW1`` as people read it (``Triwulan I Tahun 2025``); a periode read from a
    package that does not parse is shown as written."""
    try:
        return Periode.parse(periode).label
    except UsageError:
        return periode


def _untuk_dibaca(rows: list[dict]) -> list[dict]:
    """Rows of the report with periode and status in words (codes stay in the workbook),
    and a package by its name: a folder of this machine means nothing where the PDF goes."""
    out = []
    for asli in rows:
        row = dict(asli)
        if isinstance(row.get("paket"), str):
            row["paket"] = Path(row["paket"]).name
        if isinstance(row.get("periode"), str):
            row["periode"] = _label_periode(row["periode"])
        if "status" in row:
            row["status"] = LABEL_STATUS.get(row["status"], row["status"])
        out.append(row)
    return out


def _kop(r: Rekap, kantor: Kantor | None) -> dict[str, Any]:
    if kantor is None:
        orgs = [h.info.get("Source-Organization", "") for h in r.hasil]
        pemerintah = pd.Series([o.split(" — ")[0] for o in orgs if o] or [""]).mode().iloc[0]
        kantor = Kantor(
            path=r.hasil[0].path.parent if r.hasil else Path("/"),  # no lambang is read
            config={"kantor": {"nama": pemerintah or "Rekapitulasi Pengukuran Kinerja"}},
        )
    return kop_kantor(kantor)


def konteks(r: Rekap, *, tanggal_cetak: dt.date, kantor: Kantor | None = None) -> dict[str, Any]:
    """The template context of ``rekap.html``."""
    try:
        label = Periode.parse(r.periode_utama).label if r.periode_utama else "-"
    except UsageError:  # a periode read from a package is never trusted to parse
        label = "-"
    kantor_pred = (
        r.predikat[r.predikat["tingkat"].eq("kantor") & r.predikat["periode"].eq(r.periode_utama)]
        if len(r.predikat)
        else r.predikat
    )
    banding = (
        r.banding[r.banding["periode"].eq(r.periode_utama) & (r.banding["n_kantor"] > 1)]
        if len(r.banding)
        else r.banding
    )
    return {
        "kop": _kop(r, kantor),
        "halaman": halaman_kantor(kantor, "A4"),
        "cetak": {"tanggal": format_tanggal(tanggal_cetak), "draf": False},
        "judul": f"Rekapitulasi Pengukuran Kinerja {label}",
        "periode_label": label,
        "periode_harapan": ", ".join(_label_periode(p) for p in r.periode_harapan),
        "jumlah": {
            "diperiksa": len(r.hasil),
            "diterima": len(r.diterima),
            "ditolak": len(r.ditolak),
            "terpisah": len(r.terpisah),
            "kantor": r.kantor["kantor_kode"].nunique() if len(r.kantor) else 0,
        },
        "catatan": list(r.catatan),
        "peringkat": _records(
            r.peringkat,
            [
                "peringkat",
                "kantor",
                "capaian",
                "predikat",
                "n_valid",
                "n_total",
                "indikator_sebanding_persen",
                "catatan",
                "sha256_data",
            ],
        ),  # fmt: skip
        "predikat": _records(kantor_pred, ["predikat", "jumlah", "persen"]),
        "banding": _records(
            banding,
            [
                "indikator",
                "satuan",
                "dasar_banding",
                "n_kantor",
                "rata_rata",
                "minimum",
                "maksimum",
                "n_target_berbeda",
            ],
        ),  # fmt: skip
        "kekurangan": _untuk_dibaca(
            _records(r.kekurangan, ["kantor", "periode", "status", "keterangan"])
        ),
        "ditolak": _untuk_dibaca(_records(r.ditolak, ["paket", "kode", "masalah"])),
        "terpisah": _untuk_dibaca(
            _records(r.terpisah, ["paket", "kantor", "periode", "status", "keterangan"])
        ),
        "jejak": _untuk_dibaca(
            _records(
                r.jejak,
                ["kantor", "periode", "paket", "berkas_data", "sha256_data", "tanda_tangan"],
            )
        ),
        "persen": format_persen,
    }


def tulis_rekap(
    r: Rekap,
    keluaran: Path,
    *,
    tanggal_cetak: dt.date,
    kantor: Kantor | None = None,
    pdf: bool = True,
) -> HasilTulis:
    """Write the workbook, the HTML report and (``pdf``) its PDF/A-3b into ``keluaran``."""
    keluaran = Path(keluaran)
    keluaran.mkdir(parents=True, exist_ok=True)
    stem = _stem(r)
    if (keluaran / stem).resolve().parent != keluaran.resolve():  # never outside keluaran
        raise UsageError(f'Nama berkas rekap "{stem}" keluar dari folder {keluaran}.')
    when = dt.datetime.combine(tanggal_cetak, dt.time(0, 0))
    xlsx = write_workbook(r, keluaran / f"{stem}.xlsx", when=when)
    html = (
        template_env()
        .get_template("rekap.html")
        .render(**konteks(r, tanggal_cetak=tanggal_cetak, kantor=kantor))
    )
    html_path = keluaran / f"{stem}.html"
    write_atomic(html_path, html.encode("utf-8"))
    if not pdf:
        return HasilTulis(xlsx, html_path, None)
    buffer = io.StringIO()
    r.jejak.to_csv(buffer, index=False)
    lampiran = [
        Lampiran(
            "jejak-rekap.csv",
            buffer.getvalue().encode("utf-8"),
            "Jejak data: kantor, paket, berkas data dan SHA-256",
            "text/csv",
        )
    ]
    hasil = render_pdf(html, keluaran / f"{stem}.pdf", tanggal=when, attachments=lampiran)
    return HasilTulis(xlsx, html_path, hasil.path, hasil.halaman)
