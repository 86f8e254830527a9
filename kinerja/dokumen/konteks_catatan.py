"""Template context of what is recorded around the numbers: BAB III G–H and the Lampiran.

Completeness of the realisasi (unit × indikator × TW), the units' kendala and
tindak lanjut exactly as written, the reviewers' decisions and the SOP step
record. Text written by people is passed as is and escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kinerja.dokumen.data import DokumenData
from kinerja.dokumen.kanonik import NAMA_CSV, NAMA_JSON
from kinerja.inti.model import ROMAWI
from kinerja.inti.tampilan import baris_keputusan

__all__ = ["konteks_catatan"]

_LABEL_LAMPIRAN = {
    "temuan": "Temuan",
    "keputusan": "Keputusan",
    "peninjau": "Peninjau",
    "alasan": "Alasan",
    "waktu": "Waktu",
    "langkah": "Langkah",
    "uraian": "Uraian",
    "pelaksana": "Pelaksana",
    "status": "Status",
    "artefak": "Artefak",
    "sha256": "SHA-256",
}


def _kelengkapan(data: DokumenData) -> dict[str, Any]:
    """Completeness matrix unit × indikator × TW (the intake frame, or from realisasi)."""
    p = data.pengukuran
    tws = list(range(1, p.periode.tw + 1))
    ind = p.indikator
    status: dict[tuple[str, int], str] = {}
    if data.kelengkapan is not None and len(data.kelengkapan):
        for r in data.kelengkapan.itertuples():
            status[(str(r.kode), int(r.tw))] = str(r.status)
    units = {u.kode: u.nama for u in data.kantor.units}
    out = []
    for unit, group in ind.groupby("unit", sort=False):
        rows = []
        filled = 0
        for kode, nama in zip(group["kode"], group["indikator"], strict=True):
            cells = []
            for tw in tws:
                present = not np.isnan(p.realisasi_tw.loc[kode, tw])
                text = status.get((kode, tw), "ada" if present else "kosong")
                filled += text == "ada"
                cells.append({"teks": text, "ada": text == "ada"})
            rows.append({"kode": kode, "indikator": nama, "tw": cells})
        out.append(
            {
                "unit": unit,
                "nama": units.get(unit, unit),
                "baris": rows,
                "ringkas": f"{filled}/{len(group) * len(tws)}",
            }
        )
    return {"tw": [ROMAWI[t] for t in tws], "unit": out}


def _kendala(data: DokumenData) -> list[dict[str, Any]]:
    """Per unit: kendala and tindak lanjut exactly as the unit wrote them (TW ≤ n)."""
    p = data.pengukuran
    real = data.realisasi_long.copy()
    real["tw_num"] = pd.to_numeric(real["tw"], errors="coerce")
    real = real[real["tw_num"] <= p.periode.tw]
    unit_of = dict(zip(p.indikator["kode"], p.indikator["unit"], strict=True))
    nama_of = dict(zip(p.indikator["kode"], p.indikator["indikator"], strict=True))
    if "unit" not in real.columns:
        real["unit"] = real["kode"].map(unit_of)
    real["unit"] = real["unit"].fillna(real["kode"].map(unit_of))
    for col in ("kendala", "tindak_lanjut"):
        if col not in real.columns:
            real[col] = ""
        real[col] = real[col].fillna("").astype(str).str.strip()
    real = real[real["kendala"].ne("") | real["tindak_lanjut"].ne("")]
    out = []
    for u in data.kantor.units:
        rows = real[real["unit"] == u.kode].sort_values(["kode", "tw_num"], kind="stable")
        out.append(
            {
                "kode": u.kode,
                "nama": u.nama,
                "baris": [
                    {
                        "kode": r.kode,
                        "indikator": nama_of.get(r.kode, r.kode),
                        "tw": ROMAWI.get(int(r.tw_num), str(r.tw_num)),
                        "kendala": r.kendala or "-",
                        "tindak_lanjut": r.tindak_lanjut or "-",
                    }
                    for r in rows.itertuples()
                ],
            }
        )
    return out


def _generic(rows: list[dict[str, Any]] | None, first: list[str]) -> dict[str, Any] | None:
    """A list of dicts as a table: known columns first, then the others in given order."""
    if not rows:
        return None
    keys = [k for k in first if any(k in r for r in rows)]
    keys += [k for k in dict.fromkeys(k for r in rows for k in r) if k not in keys]
    return {
        "kolom": [_LABEL_LAMPIRAN.get(k, k.replace("_", " ").capitalize()) for k in keys],
        "baris": [["" if r.get(k) is None else str(r.get(k)) for k in keys] for r in rows],
    }


def konteks_catatan(data: DokumenData) -> dict[str, Any]:
    """Context of BAB III G–H and the Lampiran: kelengkapan, kendala, keputusan, SOP."""
    return {
        "kelengkapan": _kelengkapan(data),
        "kendala": _kendala(data),
        "keputusan": _generic(
            baris_keputusan(data.keputusan), ["temuan", "keputusan", "peninjau", "alasan"]
        ),
        "sop": _generic(data.sop_langkah, ["langkah", "uraian", "pelaksana", "waktu", "status"]),
        "lampiran_data": {"json": NAMA_JSON, "csv": NAMA_CSV},
    }
