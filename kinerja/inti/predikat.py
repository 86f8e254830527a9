"""Predikat scales and ordinal scales: versioned reference data with their legal source.

The scales ship in ``kinerja/reference/skala.json``; an office picks one by
``kode`` in its configuration. The predikat is always taken from the value as
displayed (2 decimals, half-up), so a table never shows "91,00 % Tinggi".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from kinerja.inti.errors import UsageError

__all__ = [
    "DEFAULT_SKALA",
    "SkalaOrdinal",
    "SkalaPredikat",
    "load_skala_ordinal",
    "load_skala_predikat",
    "skala_predikat_tersedia",
]

DEFAULT_SKALA = "permendagri-86-2017"


@dataclass(frozen=True)
class SkalaPredikat:
    """A rating scale: ascending lower bounds and their labels.

    ``banding`` is ``minimal`` (value ≥ bound) or ``lebih_dari`` (value > bound,
    the AKIP evaluation grade).
    """

    kode: str
    nama: str
    versi: str
    sumber: str
    batas: tuple[float, ...]  # ascending lower bounds, one fewer than labels
    label: tuple[str, ...]  # ascending: lowest label first
    banding: str = "minimal"
    hanya_nilai_evaluasi: bool = False

    def predikat(self, nilai: pd.Series | np.ndarray | float | None) -> pd.Series | str | None:
        """Label for each value (already rounded for display); None where missing."""
        scalar = nilai is None or np.isscalar(nilai)
        arr = np.asarray([np.nan if nilai is None else nilai] if scalar else nilai, dtype=float)
        side = "right" if self.banding == "minimal" else "left"
        idx = np.searchsorted(np.asarray(self.batas), arr, side=side)
        labels = np.asarray(self.label, dtype=object)[idx]
        labels[np.isnan(arr)] = None
        if scalar:
            return labels[0]
        index = nilai.index if isinstance(nilai, pd.Series) else None
        return pd.Series(labels, index=index, dtype=object)

    def rows(self) -> list[tuple[str, str]]:
        """(rentang, label) from the highest label down, in Indonesian, for documents."""
        sign = "≥" if self.banding == "minimal" else ">"
        lower = "<" if self.banding == "minimal" else "≤"
        out = [
            (f"{sign} {_fmt(b)}", lab) for b, lab in zip(self.batas, self.label[1:], strict=True)
        ]
        out.reverse()
        out.append((f"{lower} {_fmt(self.batas[0])}", self.label[0]))
        return out


@dataclass(frozen=True)
class SkalaOrdinal:
    """An ordinal scale for qualitative targets (e.g. AKIP AA=7 … D=1)."""

    kode: str
    nama: str
    nilai: dict[str, float]

    def map(self, teks: pd.Series) -> pd.Series:
        """Map labels (case- and space-insensitive) to their ordinal value; NaN if unknown."""
        lookup = {k.strip().casefold(): float(v) for k, v in self.nilai.items()}
        return teks.astype("str").str.strip().str.casefold().map(lookup).astype("float64")


def _fmt(x: float) -> str:
    return f"{x:g}".replace(".", ",")


@cache
def _reference() -> dict:
    text = resources.files("kinerja.reference").joinpath("skala.json").read_text("utf-8")
    return json.loads(text)


def skala_predikat_tersedia() -> list[str]:
    return sorted(_reference()["predikat"])


@cache
def load_skala_predikat(kode: str = DEFAULT_SKALA) -> SkalaPredikat:
    """The predikat scale named ``kode`` from the shipped reference data."""
    data = _reference()["predikat"].get(kode)
    if data is None:
        raise UsageError(
            f'Skala predikat "{kode}" tidak dikenal. Pilihan: {", ".join(skala_predikat_tersedia())}.'
        )
    tingkat = data["tingkat"]  # highest first, last has no bound
    batas = tuple(float(b) for b, _ in reversed(tingkat[:-1]))
    label = tuple(lab for _, lab in reversed(tingkat))
    return SkalaPredikat(
        kode=kode,
        nama=data["nama"],
        versi=data["versi"],
        sumber=data["sumber"],
        batas=batas,
        label=label,
        banding=data["banding"],
        hanya_nilai_evaluasi=data.get("hanya_nilai_evaluasi", False),
    )


def load_skala_ordinal(kode: str, extra: dict[str, dict[str, float]] | None = None) -> SkalaOrdinal:
    """The ordinal scale ``kode``: the office's own (``extra``) first, then the shipped ones."""
    if extra and kode in extra:
        return SkalaOrdinal(kode, kode, dict(extra[kode]))
    data = _reference()["ordinal"].get(kode)
    if data is None:
        known = sorted(set(_reference()["ordinal"]) | set(extra or {}))
        raise UsageError(f'Skala "{kode}" tidak dikenal. Pilihan: {", ".join(known)}.')
    return SkalaOrdinal(kode, data["nama"], dict(data["nilai"]))
