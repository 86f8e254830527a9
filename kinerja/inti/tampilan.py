"""Display frames: the measurement as people read it (Indonesian formats), pure core.

Used by the CLI, the notebooks and the document, so every surface prints the
same numbers the same way.
"""

from __future__ import annotations

import pandas as pd

from kinerja.inti.angka import format_angka, format_persen
from kinerja.inti.errors import kata_tingkat
from kinerja.inti.model import ROMAWI
from kinerja.inti.pengukuran import Pengukuran
from kinerja.inti.tanggal import format_tanggal, format_waktu

__all__ = [
    "baris_keputusan",
    "baris_sop",
    "format_nilai",
    "format_target",
    "tabel_indikator",
    "tabel_sasaran",
]


def format_nilai(value: object, satuan: str = "") -> str:
    """A target or realisasi as printed: numbers the Indonesian way, text as is."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "-"
    if isinstance(value, int | float):
        whole = float(value).is_integer()
        return format_angka(value, 0 if whole else 2)
    return str(value).strip() or "-"


def format_target(lo: float, hi: float, label: str = "") -> str:
    """A resolved target as printed: its label, a number, or a range "2 – 3"."""
    if label:
        return label
    if pd.isna(lo) or lo == hi:
        return format_nilai(hi)
    return f"{format_nilai(lo)} – {format_nilai(hi)}"


def tabel_indikator(p: Pengukuran) -> pd.DataFrame:
    """The measurement table (No, Sasaran, Indikator, Satuan, Target, Realisasi, Capaian, Predikat)."""
    ind = p.indikator
    return pd.DataFrame(
        {
            "No": range(1, len(ind) + 1),
            "Kode": ind["kode"],
            "Sasaran": ind["sasaran"],
            "Indikator": ind["indikator"],
            "Satuan": ind["satuan"],
            "Target": [
                format_target(lo, hi, lab)
                for lo, hi, lab in zip(
                    ind["target_sd_lo"], ind["target_sd"], ind["label_target"], strict=True
                )
            ],
            "Realisasi": [
                lab or format_nilai(v)
                for v, lab in zip(ind["realisasi_sd"], ind["label_realisasi"], strict=True)
            ],
            "Capaian": [format_persen(v) for v in ind["capaian_tw_2d"]],
            "Predikat": ind["predikat"].fillna("-"),
        }
    )


def tabel_sasaran(p: Pengukuran) -> pd.DataFrame:
    """Capaian per sasaran as printed (Kode, Sasaran, Capaian, Predikat, Indikator, Status)."""
    s = p.sasaran
    return pd.DataFrame(
        {
            "Kode": s["sasaran_kode"],
            "Sasaran": s["sasaran"],
            "Capaian": [format_persen(v) for v in s["capaian_2d"]],
            "Predikat": s["predikat"].fillna("-"),
            "Indikator": [f"{v}/{t}" for v, t in zip(s["n_valid"], s["n_total"], strict=True)],
            "Status": ["sementara" if x else "final" for x in s["sementara"]],
        }
    )


def baris_sop(langkah: list[dict]) -> list[dict]:
    """SOP step records (``register.status_sop``) as the document's lampiran prints them."""

    def waktu(r: dict) -> str:
        if r.get("mulai") is None:
            return "-"
        mulai, selesai = r["mulai"], r.get("selesai")
        text = f"{format_tanggal(mulai)}, {format_waktu(mulai)}"
        if selesai is not None:
            same_day = selesai.date() == mulai.date()
            end = (
                format_waktu(selesai)
                if same_day
                else f"{format_tanggal(selesai)}, {format_waktu(selesai)}"
            )
            text += f" s.d. {end.removeprefix('pukul ')}" if same_day else f" s.d. {end}"
        return text

    rows = []
    for r in langkah:
        notes = [f"Nomor {r['nomor_surat']}" if r.get("nomor_surat") else ""]
        notes.append("MELEBIHI MUTU BAKU" if r.get("melebihi") else "")
        notes.append(f"Artefak sha256 {r['sha256'][:12]}…" if r.get("sha256") else "")
        rows.append(
            {
                "langkah": r["no"],
                "uraian": r["uraian"],
                "pelaksana": r.get("nama_pelaksana") or ", ".join(r.get("pelaksana") or []),
                "waktu": waktu(r),
                "menit": f"{r.get('menit') or '-'} / {r.get('mutu_baku') or '-'}",
                "keterangan": "; ".join(n for n in notes if n),
            }
        )
    return rows


def baris_keputusan(keputusan: list[dict] | None) -> list[dict] | None:
    """Reviewers' decisions (``validasi.lampiran.keputusan_untuk_dokumen``) as the lampiran prints them."""
    if not keputusan:
        return keputusan
    rows = []
    for r in keputusan:
        where = " ".join(
            x for x in (r.get("indikator", ""), f"TW {ROMAWI.get(r.get('tw'), '')}".strip()) if x
        )
        keputusan_teks = r.get("keputusan_teks") or r.get("status_teks") or "-"
        if r.get("keputusan") == "koreksi" and r.get("nilai_baru_teks"):
            lama = format_nilai(float(r["nilai_lama"])) if r.get("nilai_lama") else "-"
            keputusan_teks += f": {lama} → {r['nilai_baru_teks']}"
        peninjau = r.get("oleh") or "-"
        if r.get("jabatan"):
            peninjau += f" ({r['jabatan']})"
        if r.get("waktu_teks"):
            peninjau += f", {r['waktu_teks']}"
        rows.append(
            {
                "temuan": f"{where} — {r.get('judul') or 'Temuan'} "
                f"({kata_tingkat(str(r.get('tingkat', '')))}): {r.get('pesan', '')}",
                "keputusan": keputusan_teks,
                "peninjau": peninjau,
                "alasan": r.get("alasan") or "-",
            }
        )
    return rows
