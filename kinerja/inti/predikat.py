"""Predikat scales and ordinal scales: versioned reference data with their legal source.

The scales ship in ``kinerja/reference/skala.json``; an office picks one by
``kode`` in its configuration. The predikat is always taken from the value as
displayed (2 decimals, half-up), so a table never shows "91,00 % Tinggi".
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.errors import InputError, UsageError

__all__ = [
    "DEFAULT_SKALA",
    "SkalaOrdinal",
    "SkalaPredikat",
    "load_skala_ordinal",
    "load_skala_predikat",
    "skala_predikat_dari",
    "skala_predikat_tersedia",
    "tanpa_target_dari",
]

DEFAULT_SKALA = "permendagri-86-2017"


@dataclass(frozen=True)
class SkalaPredikat:
    """A rating scale: ascending lower bounds and their labels.

    ``banding`` is ``minimal`` (value ≥ bound) or ``lebih_dari`` (value > bound,
    the AKIP evaluation grade); an office's own scale may mix both per bound
    (``termasuk``, ascending like ``batas``: True ≥, False >).
    """

    kode: str
    nama: str
    versi: str
    sumber: str
    batas: tuple[float, ...]  # ascending lower bounds, one fewer than labels
    label: tuple[str, ...]  # ascending: lowest label first
    banding: str = "minimal"
    hanya_nilai_evaluasi: bool = False
    termasuk: tuple[bool, ...] = ()  # per bound; empty: every bound as ``banding`` says
    tanpa_target: str = ""  # the label of a row without a target (empty, or 0 and positive)

    def inklusif(self) -> tuple[bool, ...]:
        """Per ascending bound: True when a value equal to it reaches the band above."""
        return self.termasuk or (self.banding == "minimal",) * len(self.batas)

    def predikat(self, nilai: pd.Series | np.ndarray | float | None) -> pd.Series | str | None:
        """Label for each value (already rounded for display); None where missing."""
        scalar = nilai is None or np.isscalar(nilai)
        arr = np.asarray([np.nan if nilai is None else nilai] if scalar else nilai, dtype=float)
        batas = np.asarray(self.batas, dtype=float)
        inc = np.asarray(self.inklusif(), dtype=bool)
        col = arr[:, None]
        idx = np.where(inc, col >= batas, col > batas).sum(axis=1)  # bounds passed
        labels = np.asarray(self.label, dtype=object)[idx]
        labels[np.isnan(arr)] = None
        if scalar:
            return labels[0]
        index = nilai.index if isinstance(nilai, pd.Series) else None
        return pd.Series(labels, index=index, dtype=object)

    def predikat_target(
        self, nilai: pd.Series | np.ndarray, tanpa: np.ndarray | pd.Series
    ) -> pd.Series:
        """``predikat`` per row, with ``tanpa_target`` (when the scale has one) where
        ``tanpa`` marks a row without a target; without it those rows stay empty."""
        out = self.predikat(nilai)
        if self.tanpa_target:
            out = out.where(~np.asarray(tanpa, dtype=bool), self.tanpa_target)
        return out

    def rows(self) -> list[tuple[str, str]]:
        """(rentang, label) from the highest label down, in Indonesian, for documents."""
        inc = self.inklusif()
        out = [
            (f"{'≥' if i else '>'} {_fmt(b)}", lab)
            for b, i, lab in zip(self.batas, inc, self.label[1:], strict=True)
        ]
        out.reverse()
        out.append((f"{'<' if inc[0] else '≤'} {_fmt(self.batas[0])}", self.label[0]))
        if self.tanpa_target:
            out.append(("target kosong atau 0 (indikator positif)", self.tanpa_target))
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


_KUNCI_SKALA = frozenset({"nama", "sumber", "tingkat", "tanpa_target"})
_KUNCI_TINGKAT = frozenset({"label", "min", "min_termasuk"})


def _angka_toml(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def skala_predikat_dari(
    data: Mapping[str, Any],
    *,
    asal: str,
    kunci: str = "",
    lain: frozenset[str] = frozenset(),
) -> SkalaPredikat:
    """An office's own predikat scale from a TOML table, validated.

    ``data`` has ``nama``, ``sumber`` and ``tingkat`` (a list of tables from the
    highest down: ``label``, ``min``, optional ``min_termasuk``; the last without
    ``min``). ``asal`` names the file and ``kunci`` the table ("predikat" in
    kantor.toml, "" for a scale file) in the Indonesian messages; ``lain`` are keys
    the caller reads itself. Raises ``InputError`` naming the key.
    """
    pre = f"{kunci}." if kunci else ""
    tk = f"[[{pre}tingkat]]"

    def salah(pesan: str) -> InputError:
        return InputError(f"{asal}: {pesan}")

    extra = sorted(set(data) - _KUNCI_SKALA - lain)
    if extra:
        raise salah(
            f"kunci {', '.join(f'{pre}{k}' for k in extra)} tidak dikenal. "
            f"Skala predikat memakai {pre}nama, {pre}sumber, dan {tk} (label, min, min_termasuk)."
        )
    teks = {}
    for key in ("nama", "sumber"):
        v = data.get(key)
        if not isinstance(v, str) or not v.strip():
            raise salah(
                f"kunci {pre}{key} wajib berisi teks (nilai: {v!r}); {key} dicetak di Bab III, "
                f'misalnya {key} = "'
                + ("Skala predikat Kabupaten" if key == "nama" else "Peraturan Bupati …")
                + '".'
            )
        teks[key] = v.strip()
    tingkat = data.get("tingkat")
    if not isinstance(tingkat, list) or len(tingkat) < 2:
        raise salah(f"skala predikat perlu paling sedikit dua {tk}, dari yang tertinggi ke bawah.")
    labels: list[str] = []
    mins: list[float] = []
    inc: list[bool] = []
    for n, t in enumerate(tingkat, start=1):
        if not isinstance(t, Mapping):
            raise salah(f"{tk} ke-{n} harus tabel dengan label dan min.")
        bad = sorted(set(t) - _KUNCI_TINGKAT)
        label = t.get("label")
        if not isinstance(label, str) or not label.strip():
            raise salah(f"{tk} ke-{n}: kunci label wajib berisi teks (nilai: {label!r}).")
        label = label.strip()
        where = f'{tk} ke-{n} (label "{label}")'
        if bad:
            raise salah(
                f"{where}: kunci {', '.join(bad)} tidak dikenal. Pakai label, min, min_termasuk."
            )
        if label.casefold() in {x.casefold() for x in labels}:
            raise salah(f'{where}: label "{label}" sudah dipakai tingkat lain. Label harus unik.')
        labels.append(label)
        last = n == len(tingkat)
        if last:
            if "min" in t or "min_termasuk" in t:
                raise salah(
                    f"{where}: tingkat terakhir tidak memakai min (ia menampung semua nilai di "
                    "bawah tingkat sebelumnya). Hapus min dan min_termasuk."
                )
            continue
        low = t.get("min")
        if not _angka_toml(low):
            raise salah(
                f"{where}: kunci min wajib berisi angka, misalnya min = 90 (nilai: {low!r})."
            )
        if mins and not low < mins[-1]:
            raise salah(
                f"{where}: min = {_fmt(float(low))} harus lebih kecil dari min tingkat di atasnya "
                f"({_fmt(mins[-1])}). Urutkan tingkat dari yang tertinggi ke bawah."
            )
        termasuk = t.get("min_termasuk", True)
        if not isinstance(termasuk, bool):
            raise salah(f"{where}: min_termasuk harus true atau false (nilai: {termasuk!r}).")
        mins.append(float(low))
        inc.append(termasuk)
    return SkalaPredikat(
        tanpa_target=tanpa_target_dari(data, asal=asal, kunci=kunci, label=labels),
        kode=f"kantor:{teks['nama']}",
        nama=teks["nama"],
        versi="",
        sumber=teks["sumber"],
        batas=tuple(reversed(mins)),
        label=tuple(reversed(labels)),
        banding="minimal" if all(inc) else ("lebih_dari" if not any(inc) else "campuran"),
        termasuk=tuple(reversed(inc)),
    )


def tanpa_target_dari(
    data: Mapping[str, Any], *, asal: str, kunci: str = "", label: Any = ()
) -> str:
    """``tanpa_target`` of a scale table ("" when absent): a text unlike its labels."""
    if "tanpa_target" not in data:
        return ""
    v = data["tanpa_target"]
    key = f"{kunci}.tanpa_target" if kunci else "tanpa_target"
    if not isinstance(v, str) or not v.strip():
        raise InputError(
            f"{asal}: kunci {key} wajib berisi teks (nilai: {v!r}), misalnya "
            f'{key} = "Tidak Ada Target"; atau hapus kuncinya.'
        )
    if v.strip().casefold() in {str(x).casefold() for x in label}:
        raise InputError(
            f'{asal}: {key} = "{v.strip()}" sama dengan label sebuah tingkat. Pakai label '
            'tersendiri, misalnya "Tidak Ada Target".'
        )
    return v.strip()
