"""Template context of the results: BAB III B–F and the summary of BAB IV.

The measurement table per sasaran, each quarter alone, the office's capaian,
this year against last year, against the Renstra, and budget against
performance; BAB IV's weakest sasaran and budget totals.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kinerja.dokumen.data import DokumenData
from kinerja.dokumen.nilai_tw import nilai_per_tw
from kinerja.inti.angka import format_angka, format_persen, format_rupiah
from kinerja.inti.capaian import round_half_up_array
from kinerja.inti.model import ROMAWI
from kinerja.inti.predikat import SkalaPredikat
from kinerja.inti.tampilan import format_nilai, tabel_indikator
from kinerja.kantor.katalog import predikat_anggaran_kantor

__all__ = ["konteks_hasil"]


def _tabel_sasaran(data: DokumenData) -> list[dict[str, Any]]:
    """The measurement table grouped per sasaran (No | Sasaran | Indikator | … | Predikat)."""
    p = data.pengukuran
    shown = tabel_indikator(p)
    ind = p.indikator
    groups = []
    no = 0
    for kode, nama in dict.fromkeys(zip(ind["sasaran_kode"], ind["sasaran"], strict=True)):
        mask = (ind["sasaran_kode"] == kode).to_numpy()
        rows = []
        for i in np.flatnonzero(mask):
            no += 1
            rows.append(
                {
                    "no": no,
                    "kode": ind["kode"].iloc[i],
                    "indikator": ind["indikator"].iloc[i],
                    "satuan": ind["satuan"].iloc[i],
                    "target": shown["Target"].iloc[i],
                    "realisasi": shown["Realisasi"].iloc[i],
                    "capaian": shown["Capaian"].iloc[i],
                    "predikat": shown["Predikat"].iloc[i],
                    "keterangan": ind["keterangan"].iloc[i],
                    "kurang": bool(ind["capaian_tw_2d"].iloc[i] < 100),
                }
            )
        s = p.sasaran[p.sasaran["sasaran_kode"] == kode].iloc[0]
        groups.append(
            {
                "kode": kode,
                "nama": nama,
                "baris": rows,
                "capaian": format_persen(s["capaian_2d"]),
                "predikat": s["predikat"] or "-",
                "n": f"{int(s['n_valid'])}/{int(s['n_total'])}",
                "sementara": bool(s["sementara"]),
            }
        )
    return groups


def _teks(value: object) -> str:
    """A per-quarter cell as printed: text (a range, a label) as is, numbers formatted."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "-"
    return value if isinstance(value, str) else format_nilai(value)


def _per_tw(data: DokumenData, tren: pd.DataFrame) -> dict[str, Any]:
    """Target, realisasi and capaian of each quarter alone (TW I … TW n)."""
    p = data.pengukuran
    tws = list(range(1, p.periode.tw + 1))
    per_tw = {int(r.tw): r.indikator for r in tren.itertuples() if r.indikator is not None}
    target, real = nilai_per_tw(data)
    rows = [
        {
            "no": i + 1,
            "kode": kode,
            "indikator": p.indikator["indikator"].iloc[i],
            "satuan": p.indikator["satuan"].iloc[i],
            "tw": [
                {
                    "target": _teks(target.at[kode, tw]),
                    "realisasi": _teks(real.at[kode, tw]),
                    "capaian": format_persen(
                        per_tw[tw]["capaian_triwulan"].iloc[i] if tw in per_tw else np.nan
                    ),
                }
                for tw in tws
            ],
        }
        for i, kode in enumerate(p.indikator["kode"])
    ]
    return {"tw": [ROMAWI[t] for t in tws], "baris": rows}


def _tahun_lalu(ind: pd.DataFrame, annual: bool) -> list[dict[str, Any]]:
    """This year against last year per indikator (the difference only for a whole year)."""
    return [
        {
            "no": i + 1,
            "kode": r.kode,
            "indikator": r.indikator,
            "lalu": format_persen(r.capaian_tahun_lalu),
            "ini": format_persen(r.capaian_tahunan if annual else r.capaian_thd_target_tahunan),
            "selisih": (format_angka(r.selisih_pp) + " poin")
            if annual and pd.notna(r.selisih_pp)
            else "-",
            "arah": r.arah if annual and r.arah else "-",
        }
        for i, r in enumerate(ind.itertuples())
    ]


def _renstra(ind: pd.DataFrame) -> list[dict[str, Any]]:
    """Realisasi against the Renstra's final target per indikator (and against the
    national/provincial target when the PK has ``target_nasional``)."""
    nasional = "capaian_thd_nasional" in ind.columns
    return [
        {
            "no": i + 1,
            "kode": r.kode,
            "indikator": r.indikator,
            "satuan": r.satuan,
            "target": format_nilai(r.target_renstra) if r.target_renstra != "" else "-",
            "realisasi": r.label_realisasi or format_nilai(r.realisasi_sd),
            "capaian": format_persen(r.capaian_thd_renstra),
            **(
                {
                    "nasional": format_nilai(r.target_nasional) if r.target_nasional != "" else "-",
                    "capaian_nasional": format_persen(r.capaian_thd_nasional),
                }
                if nasional
                else {}
            ),
        }
        for i, r in enumerate(ind.itertuples())
    ]


def _anggaran(a: pd.DataFrame, skala: SkalaPredikat | None) -> list[dict[str, Any]]:
    """Budget per program as printed, the "Jumlah" row last (with the office's budget
    predikat, taken from the rounded capaian anggaran, when it has a scale for it)."""
    predikat = (
        [""] * len(a)
        if skala is None
        else skala.predikat(round_half_up_array(a["capaian_anggaran"].to_numpy(float)))
    )
    nan = pd.Series(np.nan, index=a.index)
    rencana, thd = a.get("rencana_sd", nan), a.get("capaian_rencana", nan)
    belum = _belum_dilaporkan(a)
    n_program = int(a["program"].ne("Jumlah").sum())
    jumlah = (
        f"Jumlah {n_program - len(belum)} dari {n_program} program yang melaporkan (sementara)"
        if belum
        else "Jumlah"
    )
    return [
        {
            "no": "" if prog == "Jumlah" else str(i + 1),
            "kode": kode,
            "program": jumlah if prog == "Jumlah" else prog,
            "pagu": format_rupiah(pagu),
            "realisasi": format_rupiah(real),
            "capaian_anggaran": format_persen(ca),
            "sisa": format_rupiah(sisa),
            "capaian_kinerja": format_persen(ck),
            "efisiensi": format_persen(ef),
            "predikat": pr or "-",
            "rencana": format_rupiah(rc),
            "capaian_rencana": format_persen(cr),
            "jumlah": prog == "Jumlah",
        }
        for i, (kode, prog, pagu, real, ca, sisa, ck, ef, pr, rc, cr) in enumerate(
            zip(
                a["kode"],
                a["program"],
                a["pagu"],
                a["realisasi_anggaran"],
                a["capaian_anggaran"],
                a["sisa_anggaran"],
                a["capaian_kinerja"],
                a["efisiensi"],
                predikat,
                rencana,
                thd,
                strict=True,
            )
        )
    ]


def _belum_dilaporkan(a: pd.DataFrame) -> list[str]:
    """The programs with pagu whose realisasi anggaran s.d. the quarter is not reported
    (``capaian_anggaran``'s ``dilaporkan``), as "kode (nama)", when some others did
    report; empty when all did or none did (then nothing is summed)."""
    if "dilaporkan" not in a.columns:
        return []
    rows = a[a["program"].ne("Jumlah")]
    lapor, berpagu = rows["dilaporkan"].astype(bool), rows["pagu"].gt(0)
    if not (lapor & berpagu).any():
        return []
    belum = rows[berpagu & ~lapor]
    return [f"{k} ({n})" for k, n in zip(belum["kode"], belum["program"], strict=True)]


def _daftar(items: list[str]) -> str:
    """ "a", "a dan b", "a, b, dan c"."""
    if len(items) < 3:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def _kalimat_sementara(a: pd.DataFrame, periode_sd: str) -> str:
    """Bab III F's sentence under the budget table when the total counts only the
    programs that reported; empty when every program reported."""
    belum = _belum_dilaporkan(a)
    if not belum:
        return ""
    n = int(a["program"].ne("Jumlah").sum())
    return (
        f"Realisasi anggaran {periode_sd} program {_daftar(belum)} belum dilaporkan, sehingga "
        "penyerapan anggaran dan efisiensinya belum dihitung. Baris jumlah bersifat sementara "
        f"dan hanya mencakup {n - len(belum)} dari {n} program yang sudah melaporkan; program "
        "yang belum melaporkan tidak dihitung sebagai Rp0."
    )


def _kalimat_anggaran(a: pd.DataFrame, periode: str) -> dict[str, Any]:
    """Bab IV's budget sentence: ``lengkap`` when both figures exist over every program
    (the template words it), else the sentence that says which figure is missing or
    provisional, and why."""
    total = a[a["program"].eq("Jumlah")].iloc[0]
    belum = _belum_dilaporkan(a)
    if belum and pd.notna(total["capaian_anggaran"]):
        n = int(a["program"].ne("Jumlah").sum())
        efisiensi = (
            f" dengan efisiensi {format_persen(total['efisiensi'])}"
            if pd.notna(total["efisiensi"])
            else ""
        )
        kalimat = (
            f"Penyerapan anggaran sementara mencapai {format_persen(total['capaian_anggaran'])}"
            f"{efisiensi}, dihitung atas {n - len(belum)} dari {n} program; realisasi anggaran "
            f"program {_daftar(belum)} belum dilaporkan."
        )
        return {"lengkap": False, "kalimat": kalimat}
    if pd.notna(total["capaian_anggaran"]) and pd.notna(total["efisiensi"]):
        return {"lengkap": True, "kalimat": ""}
    if not (pd.notna(total["pagu"]) and total["pagu"] > 0):
        kalimat = "Perjanjian Kinerja tidak memuat pagu program, sehingga penyerapan anggaran "
        kalimat += "tidak diukur."
    elif pd.isna(total["capaian_anggaran"]):
        kalimat = f"Realisasi anggaran {periode} belum dilaporkan, sehingga penyerapan "
        kalimat += "anggaran dan efisiensi belum dapat dihitung."
    else:
        kalimat = f"Penyerapan anggaran mencapai {format_persen(total['capaian_anggaran'])}; "
        kalimat += "efisiensi tidak dapat dihitung" + (
            " (belum ada anggaran yang terserap)."
            if total["capaian_anggaran"] == 0
            else " karena capaian kinerja belum terukur."
        )
    return {"lengkap": False, "kalimat": kalimat}


def konteks_hasil(data: DokumenData, tren: pd.DataFrame) -> dict[str, Any]:
    """Context of BAB III B–F and BAB IV: tables of results, capaian kantor, anggaran."""
    k = data.kantor
    p = data.pengukuran
    kp = p.kantor
    a_total = data.anggaran[data.anggaran["program"].eq("Jumlah")].iloc[0]
    terendah = p.sasaran.sort_values("capaian", kind="stable").iloc[0] if len(p.sasaran) else None
    return {
        "tabel": _tabel_sasaran(data),
        "per_tw": _per_tw(data, tren),
        "capaian_kantor": {
            "capaian": format_persen(kp["capaian_2d"]),
            "predikat": kp["predikat"] or "-",
            "n": f"{kp['n_valid']}/{kp['n_total']}",
            "n_capai": kp["n_capai"],
            "n_tidak_capai": kp["n_tidak_capai"],
            "n_valid": kp["n_valid"],
            "sementara": kp["sementara"],
        },
        "tahun_lalu": _tahun_lalu(p.indikator, p.periode.tw == 4),
        "renstra": _renstra(p.indikator),
        "ada_nasional": "capaian_thd_nasional" in p.indikator.columns,
        "renstra_akhir": k.opsi("renstra", "tahun_akhir", ""),
        "renstra_periode": k.opsi("renstra", "periode", ""),
        "anggaran": _anggaran(data.anggaran, predikat_anggaran_kantor(k)),
        "ada_rencana": "rencana_sd" in data.anggaran.columns,
        "anggaran_total": {
            "capaian": format_persen(a_total["capaian_anggaran"]),
            "efisiensi": format_persen(a_total["efisiensi"]),
            "sisa": format_rupiah(a_total["sisa_anggaran"]),
            "sementara": _kalimat_sementara(data.anggaran, p.periode.label_sd),
            **_kalimat_anggaran(data.anggaran, p.periode.label),
        },
        "terendah": None
        if terendah is None
        else {"nama": terendah["sasaran"], "capaian": format_persen(terendah["capaian_2d"])},
    }
