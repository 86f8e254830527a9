"""The document's source data in canonical form: embedded in the PDF, hashed, put in the QR.

``data_json`` is canonical JSON (sorted keys, numbers as JSON numbers rounded to 10
decimals, whole ones without ".0", NaN as null) of the PK, the realisasi and the
results, each indicator's result with the target and realisasi its capaian comes from
(so that the roll-up carries them and ``kinerja hitung`` gets the same capaian); ``source_hash`` is its
sha256, printed on the lembar pengesahan and inside the QR code
(``qr_teks``: the office's ``[verifikasi] url`` with the hash, else a plain text a
person can read). ``measurement_csv`` is the measurement table as CSV: numbers as
numbers (decimal point, no thousands separator, never the ambiguous "2.400"), the
printed text beside, and the columns ``kinerja hitung`` needs to compute the same
capaian again. Both travel inside the PDF as PDF/A-3 associated
files (``NAMA_JSON``, ``NAMA_CSV``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
from typing import Any

import numpy as np
import pandas as pd

from kinerja.berkas.xlsx import neutralise_formula
from kinerja.dokumen.data import DokumenData, dokumen_id
from kinerja.inti.capaian import round_half_up_array
from kinerja.inti.errors import InputError
from kinerja.inti.model import INDIKATOR_COLUMNS, PROGRAM_COLUMNS
from kinerja.inti.notasi import angka_mesin, target_mesin
from kinerja.inti.pengukuran import Pengukuran
from kinerja.inti.tampilan import tabel_indikator
from kinerja.inti.tanggal import format_tanggal
from kinerja.kantor.katalog import Kantor

__all__ = [
    "DATA_FORMAT",
    "NAMA_CSV",
    "NAMA_JSON",
    "data_json",
    "measurement_csv",
    "qr_teks",
    "source_hash",
    "verifikasi_url",
]

DATA_FORMAT = "kinerja-dokumen-data/1"
NAMA_JSON = "data-sumber.json"
NAMA_CSV = "pengukuran.csv"
_KOLOM_CSV = (
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
    "target_teks",
    "realisasi_teks",
    "jenis_target",
    "skala",
    "rumus_negatif",
)


def _canon(value: Any) -> Any:
    """A JSON value without float noise: numbers as numbers (10 decimals at most, whole
    ones as integers, never "-0"), NaN as null."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        x = float(value)
        if math.isnan(x) or math.isinf(x):
            return None
        x = float(f"{x:.10f}") + 0.0  # + 0.0: -0.0 becomes 0.0
        return int(x) if x.is_integer() and abs(x) < 2**53 else x
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
    return f"{float(round_half_up_array(np.array([float(x)]))[0]):.2f}"


def _dua_angka(x: Any) -> float | None:
    """A result as printed, as a JSON number (101.64)."""
    text = _dua(x)
    return None if text is None else float(text)


def _nilai_mesin(teks: str) -> float | str | None:
    """A machine target/realisasi for JSON: a number as a number; a range or label as text."""
    if not teks:
        return None
    return float(teks) if re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", teks) else teks


def _hasil(p: Pengukuran) -> dict[str, Any]:
    """The results as printed: per indikator, per sasaran, for the office."""
    ind = p.indikator
    return {
        "indikator": [
            {
                "kode": k,
                "capaian": _dua_angka(c),
                "predikat": pr,
                "capaian_thd_target_tahunan": _dua_angka(t),
                "capaian_thd_renstra": _dua_angka(r),
                "capaian_tahun_lalu": _dua_angka(lalu),
                "lengkap": bool(lk),
                "target": _nilai_mesin(target_mesin(lo, hi, lt)),
                "realisasi": _nilai_mesin(lr or angka_mesin(rs)),
            }
            for k, c, pr, t, r, lalu, lk, lo, hi, lt, lr, rs in zip(
                ind["kode"],
                ind["capaian_tw"],
                ind["predikat"],
                ind["capaian_thd_target_tahunan"],
                ind["capaian_thd_renstra"],
                ind["capaian_tahun_lalu"],
                ind["lengkap"],
                ind["target_sd_lo"],
                ind["target_sd"],
                ind["label_target"],
                ind["label_realisasi"],
                ind["realisasi_sd"],
                strict=True,
            )
        ],
        "sasaran": [
            {
                "kode": k,
                "capaian": _dua_angka(c),
                "predikat": pr,
                "n_valid": int(v),
                "n_total": int(t),
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
            "capaian": _dua_angka(p.kantor["capaian"]),
            "predikat": p.kantor["predikat"],
            "n_valid": int(p.kantor["n_valid"]),
            "n_total": int(p.kantor["n_total"]),
            "sementara": bool(p.kantor["sementara"]),
        },
    }


def data_json(data: DokumenData) -> bytes:
    """Canonical JSON of the document's source data and results (UTF-8, sorted keys)."""
    p = data.pengukuran
    realisasi = data.realisasi_long.copy()
    realisasi["_tw"] = pd.to_numeric(realisasi["tw"], errors="coerce")
    realisasi = realisasi.sort_values(["kode", "_tw"], kind="stable")
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
        "hasil": _hasil(p),
    }
    text = json.dumps(_canon(doc), ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def source_hash(data: DokumenData) -> str:
    """sha256 (hex) of ``data_json(data)``: the content hash printed and put in the QR."""
    return hashlib.sha256(data_json(data)).hexdigest()


def qr_teks(data: DokumenData, sha256: str | None = None) -> str:
    """What the lembar pengesahan's QR holds: something a phone can open or a person can read.

    With ``[verifikasi] url`` in kantor.toml (``https://…/cek?h={hash}``; ``{id}`` and
    ``{versi}`` may be used too) the office's own verification address; otherwise plain
    text: office, document, number, date, version and the sha256 of the source data.
    """
    h = sha256 or source_hash(data)
    url = verifikasi_url(data.kantor)
    if url:
        ganti = {
            "{hash}": h,
            "{id}": dokumen_id(data.kantor, data.periode),
            "{versi}": str(data.versi),
        }
        for kunci, nilai in ganti.items():
            url = url.replace(kunci, nilai)
        return url
    return "\n".join(
        [
            f"Pengukuran Kinerja {data.kantor.nama} {data.periode.label}",
            f"Nomor: {data.nomor or 'belum bernomor'}",
            f"Tanggal: {format_tanggal(data.tanggal_cetak)}",
            f"Versi {data.versi}, revisi {data.revisi}",
            f"SHA-256 data sumber: {h}",
        ]
    )


def verifikasi_url(kantor: Kantor) -> str:
    """``[verifikasi] url`` checked: an http(s) address holding ``{hash}``; "" when not set."""
    url = str(kantor.opsi("verifikasi", "url", "") or "").strip()
    if url and (not url.startswith(("https://", "http://")) or "{hash}" not in url):
        raise InputError(
            f'kantor.toml [verifikasi] url = "{url}" tidak dapat dipakai untuk QR. Tulis alamat '
            'lengkap yang memuat {hash}, misalnya "https://kinerja.contoh.go.id/cek?h={hash}", '
            "atau hapus kuncinya (QR lalu memuat teks identitas dokumen)."
        )
    return url


def measurement_csv(data: DokumenData) -> bytes:
    """The measurement table as CSV (UTF-8, comma, dot decimals, formulas neutralised):
    ``target``/``realisasi`` as machine numbers (``target_teks``/``realisasi_teks`` as
    printed), so that ``kinerja hitung`` reads it back to the same capaian."""
    ind = data.pengukuran.indikator
    shown = tabel_indikator(data.pengukuran)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_KOLOM_CSV)
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
                    target_mesin(row["target_sd_lo"], row["target_sd"], row["label_target"]),
                    row["label_realisasi"] or angka_mesin(row["realisasi_sd"]),
                    _dua(row["capaian_tw"]) or "",
                    row["predikat"] or "",
                    _dua(row["capaian_thd_target_tahunan"]) or "",
                    _dua(row["capaian_thd_renstra"]) or "",
                    _dua(row["capaian_tahun_lalu"]) or "",
                    _dua(row["selisih_pp"]) or "",
                    "ya" if row["lengkap"] else "tidak",
                    row["keterangan"],
                    shown["Target"].iloc[i],
                    shown["Realisasi"].iloc[i],
                    row["jenis_target"],
                    row["skala"],
                    row["rumus_negatif"] if row["polaritas"] == "negatif" else "",
                )
            ]
        )
    return buffer.getvalue().encode("utf-8")
