"""Display frames: the measurement as people read it (Indonesian formats), pure core.

Used by the CLI, the notebooks and the document, so every surface prints the
same numbers the same way.
"""

from __future__ import annotations

import pandas as pd

from .formats import format_angka, format_persen
from .pengukuran import Pengukuran

__all__ = ["format_nilai", "format_target", "tabel_indikator", "tabel_sasaran"]


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
