"""The template context of the Dokumen Pengukuran Kinerja: every value already formatted.

The template only lays text out; every number is formatted here, once, with
``formats``/``tampilan`` so the document prints what the CLI and notebooks print.
Text written by people (kendala, tindak lanjut, decisions) is passed as is and
escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kinerja.inti.angka import format_angka, format_persen, format_rupiah
from kinerja.inti.capaian import RUMUS_TEKS
from kinerja.inti.model import BULAN_TRIWULAN, NAMA_TRIWULAN, ROMAWI
from kinerja.inti.nip import format_nip
from kinerja.inti.tampilan import baris_keputusan, format_nilai, format_target, tabel_indikator
from kinerja.inti.tanggal import format_tanggal

if TYPE_CHECKING:
    from kinerja.dokumen.susun import DokumenData

__all__ = ["DASAR_HUKUM", "konteks"]


DASAR_HUKUM = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun "
    "2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu "
    "atas Laporan Kinerja Instansi Pemerintah",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun "
    "2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, "
    "Pengendalian dan Evaluasi Pembangunan Daerah",
    "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Pedoman Tata Naskah Dinas di "
    "Lingkungan Pemerintah Daerah",
]

JENIS_PERIODE_TEKS = {
    "kumulatif": "Kumulatif: realisasi s.d. triwulan = jumlah realisasi triwulan I s.d. n, "
    "dibandingkan dengan jumlah target triwulan yang sama.",
    "akhir": "Posisi akhir: realisasi triwulan terakhir yang terisi, dibandingkan dengan target "
    "triwulan tersebut.",
    "rata_rata": "Rata-rata: rata-rata realisasi triwulan yang terisi, dibandingkan dengan "
    "rata-rata target triwulan yang sama.",
}
METODE_TEKS = {
    "rata_rata": "rata-rata sederhana (tanpa bobot) capaian indikator yang terisi",
    "berbobot": "rata-rata berbobot (bobot dari Perjanjian Kinerja) capaian indikator",
    "rata_sasaran": "rata-rata capaian sasaran",
}


def _p(x: Any) -> str:
    return format_persen(None if x is None or (isinstance(x, float) and np.isnan(x)) else x)


def _pejabat(data: DokumenData, peran: str) -> dict[str, str]:
    from kinerja.dokumen.susun import _require

    p = _require(data.kantor, peran)
    raw = next((r for r in data.kantor.config.get("pejabat", []) if r.get("peran") == peran), {})
    status = str(raw.get("status", "")).strip()  # Plt. / Plh. / a.n.
    jabatan = p.jabatan.upper()
    return {
        "jabatan": p.jabatan,
        "jabatan_ttd": f"{status} {jabatan}".strip() + ",",
        "nama": p.nama,
        "pangkat": p.pangkat_golongan,
        "nip": format_nip(p.nip),
    }


def _contoh(data: DokumenData) -> list[dict[str, str]]:
    """Worked examples from the office's own rows: one positive, one negative (numbers only)."""
    ind = data.pengukuran.indikator
    out = []
    for polaritas in ("positif", "negatif"):
        rows = ind[
            ind["polaritas"].eq(polaritas)
            & ind["label_target"].eq("")
            & ind["capaian_tw"].notna()
            & (ind["target_sd_lo"] == ind["target_sd"])
            & (ind["target_sd"] != 0)
        ]
        if rows.empty:
            continue
        r = rows.iloc[0]
        t = format_nilai(float(r["target_sd"]))
        real = format_nilai(float(r["realisasi_sd"]))
        if polaritas == "positif":
            rumus = f"{real} / {t} × 100% = {_p(r['capaian_tw_2d'])}"
        elif r["rumus"] == "T/R":
            rumus = f"{t} / {real} × 100% = {_p(r['capaian_tw_2d'])}"
        else:
            rumus = f"(2 × {t} − {real}) / {t} × 100% = {_p(r['capaian_tw_2d'])}"
        out.append(
            {
                "kode": r["kode"],
                "indikator": r["indikator"],
                "satuan": r["satuan"],
                "polaritas": polaritas,
                "jenis_periode": str(r["jenis_periode_efektif"]).replace("_", "-"),
                "target": t,
                "realisasi": real,
                "rumus": rumus,
                "predikat": r["predikat"] or "-",
            }
        )
    return out


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
                "capaian": _p(s["capaian_2d"]),
                "predikat": s["predikat"] or "-",
                "n": f"{int(s['n_valid'])}/{int(s['n_total'])}",
                "sementara": bool(s["sementara"]),
            }
        )
    return groups


def _per_tw(data: DokumenData, tren: pd.DataFrame) -> dict[str, Any]:
    """Target, realisasi and capaian of each quarter alone (TW I … TW n)."""
    p = data.pengukuran
    tws = list(range(1, p.periode.tw + 1))
    per_tw = {int(r.tw): r.indikator for r in tren.itertuples() if r.indikator is not None}
    rows = []
    for i, kode in enumerate(p.indikator["kode"]):
        cells = []
        for tw in tws:
            q = per_tw.get(tw)
            label_t = str(data.pk.indikator[f"target_tw{tw}"].iloc[i]).strip()
            real_raw = p.realisasi_tw.loc[kode, tw]
            kual = p.indikator["label_target"].iloc[i] != ""
            target = label_t if kual else format_nilai(p.target_tw.loc[kode, tw])
            if kual:
                raw = data.realisasi_long[
                    (data.realisasi_long["kode"] == kode)
                    & (pd.to_numeric(data.realisasi_long["tw"]) == tw)
                ]["realisasi"]
                real = str(raw.iloc[-1]) if len(raw) and pd.notna(raw.iloc[-1]) else "-"
            else:
                real = format_nilai(real_raw)
            cap = q["capaian_triwulan"].iloc[i] if q is not None else np.nan
            cells.append({"target": target, "realisasi": real, "capaian": _p(cap)})
        rows.append(
            {
                "no": i + 1,
                "kode": kode,
                "indikator": p.indikator["indikator"].iloc[i],
                "satuan": p.indikator["satuan"].iloc[i],
                "tw": cells,
            }
        )
    return {"tw": [ROMAWI[t] for t in tws], "baris": rows}


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


def _anggaran(data: DokumenData) -> list[dict[str, Any]]:
    a = data.anggaran
    return [
        {
            "no": "" if prog == "Jumlah" else str(i + 1),
            "kode": kode,
            "program": prog,
            "pagu": format_rupiah(pagu),
            "realisasi": format_rupiah(real),
            "capaian_anggaran": _p(ca),
            "sisa": format_rupiah(sisa),
            "capaian_kinerja": _p(ck),
            "efisiensi": _p(ef),
            "jumlah": prog == "Jumlah",
        }
        for i, (kode, prog, pagu, real, ca, sisa, ck, ef) in enumerate(
            zip(
                a["kode"],
                a["program"],
                a["pagu"],
                a["realisasi_anggaran"],
                a["capaian_anggaran"],
                a["sisa_anggaran"],
                a["capaian_kinerja"],
                a["efisiensi"],
                strict=True,
            )
        )
    ]


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


def konteks(data: DokumenData, tren: pd.DataFrame, sha: str, qr: str) -> dict[str, Any]:
    """Everything ``dokumen.html`` prints."""
    import segno

    k = data.kantor
    p = data.pengukuran
    periode = p.periode
    ind = p.indikator
    annual = periode.tw == 4
    cfg = k.config.get("kantor", {})
    kantor_ctx = {
        "nama": k.nama,
        "nama_kapital": k.nama.upper(),
        "pemerintah": cfg.get("pemerintah", ""),
        "kabupaten": cfg.get("kabupaten", ""),
        "provinsi": cfg.get("provinsi", ""),
        "ibu_kota": cfg.get("ibu_kota", ""),
        "sebutan_desa": cfg.get("sebutan_desa", "desa"),
        "jumlah_desa": cfg.get("jumlah_desa", ""),
        "demo": bool(cfg.get("demo", False)),
        "tempat": k.opsi("naskah", "tempat", cfg.get("ibu_kota", "")),
    }
    kp = p.kantor
    tahun_lalu = [
        {
            "no": i + 1,
            "kode": r.kode,
            "indikator": r.indikator,
            "lalu": _p(r.capaian_tahun_lalu),
            "ini": _p(r.capaian_tahunan if annual else r.capaian_thd_target_tahunan),
            "selisih": (format_angka(r.selisih_pp) + " poin")
            if annual and pd.notna(r.selisih_pp)
            else "-",
            "arah": r.arah if annual and r.arah else "-",
        }
        for i, r in enumerate(ind.itertuples())
    ]
    renstra_akhir = k.opsi("renstra", "tahun_akhir", "")
    renstra = [
        {
            "no": i + 1,
            "kode": r.kode,
            "indikator": r.indikator,
            "satuan": r.satuan,
            "target": format_nilai(r.target_renstra) if r.target_renstra != "" else "-",
            "realisasi": r.label_realisasi or format_nilai(r.realisasi_sd),
            "capaian": _p(r.capaian_thd_renstra),
        }
        for i, r in enumerate(ind.itertuples())
    ]
    rumus = [
        {"nama": "Polaritas positif (semakin tinggi semakin baik)", "teks": RUMUS_TEKS["positif"]}
    ]
    used = set(ind.loc[ind["polaritas"].eq("negatif"), "rumus"])
    for key in ("2T-R", "T/R"):
        if key in used:
            rumus.append({"nama": f"Polaritas negatif, rumus {key}", "teks": RUMUS_TEKS[key]})
    rumus.append({"nama": "Target rentang", "teks": RUMUS_TEKS["rentang"]})
    if (ind["label_target"] != "").any():
        rumus.append({"nama": "Target kualitatif", "teks": RUMUS_TEKS["kualitatif"]})
    jenis_used = [j for j in JENIS_PERIODE_TEKS if j in set(ind["jenis_periode_efektif"])]
    units = []
    for u in k.units:
        head = k.pejabat.get(u.kepala)
        units.append(
            {
                "nama": u.nama,
                "kepala": head.nama if head else "-",
                "jumlah": int((ind["unit"] == u.kode).sum()),
            }
        )
    a_total = data.anggaran[data.anggaran["program"].eq("Jumlah")].iloc[0]
    terendah = p.sasaran.sort_values("capaian", kind="stable").iloc[0] if len(p.sasaran) else None
    qr_svg = segno.make(qr, error="m").svg_inline(scale=1, border=0, omitsize=True)
    return {
        "judul": f"Dokumen Pengukuran Kinerja {k.nama} {periode.label}",
        "kantor": kantor_ctx,
        "periode": {
            "kode": str(periode),
            "label": periode.label,
            "label_sd": periode.label_sd,
            "tahun": periode.tahun,
            "tw": periode.tw,
            "tahunan": periode.tahunan,
            "nama_tw": NAMA_TRIWULAN[periode.tw],
            "bulan": f"Januari–{BULAN_TRIWULAN[periode.tw].split('–')[1]} {periode.tahun}",
        },
        "cetak": {"tanggal": format_tanggal(data.tanggal_cetak), "draf": data.draf},
        "dokumen": {
            "nomor": data.nomor,
            "versi": data.versi,
            "revisi": data.revisi,
            "alasan_revisi": data.alasan_revisi,
            "sha256": sha,
            "sha256_kelompok": " ".join(sha[i : i + 8] for i in range(0, len(sha), 8)),
            "qr": qr,
            "qr_svg": qr_svg,
            "sumber_data": data.sumber_data,
            "tanggal": format_tanggal(data.tanggal_cetak),
        },
        "dasar_hukum": list(k.opsi("dokumen", "dasar_hukum", DASAR_HUKUM)),
        "camat": _pejabat(data, "camat"),
        "paraf": [_pejabat(data, peran) for peran in ("kasubag_pk", "sekcam")],
        "units": units,
        "sasaran": [
            {
                "kode": kode,
                "nama": nama,
                "indikator": ind.loc[ind["sasaran_kode"] == kode, "indikator"].tolist(),
            }
            for kode, nama in dict.fromkeys(zip(ind["sasaran_kode"], ind["sasaran"], strict=True))
        ],
        "iku": [
            {
                "no": i + 1,
                "kode": r.kode,
                "sasaran": r.sasaran,
                "indikator": r.indikator,
                "satuan": r.satuan,
                "target": format_nilai(r.target_tahunan),
                "renstra": format_nilai(r.target_renstra) if r.target_renstra != "" else "-",
                "unit": r.unit,
                "polaritas": r.polaritas,
                "tw": [format_nilai(getattr(r, f"target_tw{t}")) for t in (1, 2, 3, 4)],
            }
            for i, r in enumerate(data.pk.indikator.itertuples())
        ],
        "program": [
            {
                "kode": r.kode,
                "program": r.program,
                "pagu": format_rupiah(r.pagu),
                "sasaran": r.sasaran_kode,
                "unit": r.unit,
            }
            for r in data.pk.program.itertuples()
        ],
        "pagu_total": format_rupiah(data.pk.program["pagu"].sum()),
        "rumus": rumus,
        "jenis_periode": [JENIS_PERIODE_TEKS[j] for j in jenis_used],
        "skala": {"nama": p.skala.nama, "sumber": p.skala.sumber, "baris": p.skala.rows()},
        "agregasi": {
            "metode": METODE_TEKS.get(p.opsi.metode, p.opsi.metode),
            "batas_atas": _p(p.opsi.batas_atas) if p.opsi.batas_atas is not None else "",
        },
        "contoh": _contoh(data),
        "tabel": _tabel_sasaran(data),
        "per_tw": _per_tw(data, tren),
        "capaian_kantor": {
            "capaian": _p(kp["capaian_2d"]),
            "predikat": kp["predikat"] or "-",
            "n": f"{kp['n_valid']}/{kp['n_total']}",
            "n_capai": kp["n_capai"],
            "n_tidak_capai": kp["n_tidak_capai"],
            "n_valid": kp["n_valid"],
            "sementara": kp["sementara"],
        },
        "tahun_lalu": tahun_lalu,
        "renstra": renstra,
        "renstra_akhir": renstra_akhir,
        "renstra_periode": k.opsi("renstra", "periode", ""),
        "anggaran": _anggaran(data),
        "anggaran_total": {
            "capaian": _p(a_total["capaian_anggaran"]),
            "efisiensi": _p(a_total["efisiensi"]),
            "sisa": format_rupiah(a_total["sisa_anggaran"]),
        },
        "kelengkapan": _kelengkapan(data),
        "kendala": _kendala(data),
        "terendah": None
        if terendah is None
        else {"nama": terendah["sasaran"], "capaian": _p(terendah["capaian_2d"])},
        "keputusan": _generic(
            baris_keputusan(data.keputusan), ["temuan", "keputusan", "peninjau", "alasan"]
        ),
        "sop": _generic(data.sop_langkah, ["langkah", "uraian", "pelaksana", "waktu", "status"]),
        "lampiran_data": {"json": "data-sumber.json", "csv": "pengukuran.csv"},
        "target": {"format_target": format_target},
    }
