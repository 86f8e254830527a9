"""The office's validation thresholds (kantor.toml ``[validasi]`` and ``[anggaran]``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["OpsiValidasi", "opsi_validasi"]


@dataclass(frozen=True)
class OpsiValidasi:
    """The office's thresholds (kantor.toml ``[validasi]``, ``[anggaran]``)."""

    lonjakan_persen: float = 50.0
    capaian_atas: float = 150.0
    capaian_bawah: float = 50.0
    bukti_wajib: bool = False
    total_pagu: float | None = None


def opsi_validasi(config: Mapping[str, Any]) -> OpsiValidasi:
    """Thresholds from a kantor.toml dict (``Kantor.config``); defaults where absent."""
    v = config.get("validasi", {}) or {}
    a = config.get("anggaran", {}) or {}
    total = a.get("total_pagu")
    return OpsiValidasi(
        lonjakan_persen=float(v.get("lonjakan_persen", 50)),
        capaian_atas=float(v.get("capaian_atas", 150)),
        capaian_bawah=float(v.get("capaian_bawah", 50)),
        bukti_wajib=bool(v.get("bukti_wajib", False)),
        total_pagu=None if total is None else float(total),
    )
