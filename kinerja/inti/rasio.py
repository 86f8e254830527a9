"""Realisasi from its parts: pembilang / penyebut × pengali, unrounded (pure core).

Offices have the counts ("14 of 16 nagari"); a capaian computed from a rounded
percentage differs from the one computed from the counts. When a row gives
``pembilang`` and ``penyebut``, its realisasi is their ratio times ``pengali``
(100 when the satuan is a percentage, else 1), kept unrounded for the capaian and
printed rounded. A realisasi also given that disagrees with its parts (by more
than the 2-decimal display rounding) is a warning; the parts win.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import angka_arrays

__all__ = ["KOLOM_RASIO", "Rasio", "SATUAN_PERSEN", "pengali_bawaan", "rasio_arrays"]

KOLOM_RASIO = ("pembilang", "penyebut", "pengali")
SATUAN_PERSEN = frozenset({"%", "persen", "persentase"})
_TOLERANSI = 0.005 + 1e-9  # half of the last printed decimal: "87,50" for 87,4999 agrees


class Rasio(NamedTuple):
    """Per row: the ratio realisasi, where it applies, and the rows wrong per column."""

    nilai: np.ndarray  # float, NaN where no (valid) parts
    ada: np.ndarray  # bool: both parts given and valid
    salah: dict[str, np.ndarray]  # column -> bool rows unreadable / impossible
    pesan: dict[str, np.ndarray]  # column -> object: the message per row ("" elsewhere)
    tidak_cocok: np.ndarray  # bool: a given realisasi disagrees with its parts


def pengali_bawaan(satuan: pd.Series) -> np.ndarray:
    """100 where the satuan is a percentage, else 1."""
    norm = satuan.fillna("").astype("str").str.strip().str.casefold()
    return np.where(norm.isin(SATUAN_PERSEN).to_numpy(), 100.0, 1.0)


def rasio_arrays(
    pembilang: pd.Series | None,
    penyebut: pd.Series | None,
    pengali: pd.Series | None,
    satuan: pd.Series,
    realisasi: np.ndarray,
) -> Rasio:
    """The ratio realisasi of every row (vectorized).

    ``realisasi`` is the realisasi read from its own cell (NaN when empty or not a
    number), used only to flag disagreement.
    """
    n = len(satuan)
    empty = pd.Series([None] * n, index=satuan.index, dtype=object)
    num = angka_arrays(empty if pembilang is None else pembilang)
    den = angka_arrays(empty if penyebut is None else penyebut)
    mul = angka_arrays(empty if pengali is None else pengali)
    salah: dict[str, np.ndarray] = {}
    pesan: dict[str, np.ndarray] = {}

    def flag(col: str, mask: np.ndarray, text: np.ndarray | str) -> None:
        old = salah.get(col, np.zeros(n, dtype=bool))
        msg = pesan.get(col, np.full(n, "", dtype=object))
        new = mask & ~old
        msg[new] = text[new] if isinstance(text, np.ndarray) else text
        salah[col], pesan[col] = old | mask, msg

    for col, parsed in (("pembilang", num), ("penyebut", den), ("pengali", mul)):
        bad = np.isin(parsed.status, ["ambigu", "salah"])
        flag(col, bad, parsed.catatan)
    given_num, given_den = ~num.kosong, ~den.kosong
    flag(
        "penyebut", given_num & ~given_den, "Penyebut kosong padahal pembilang diisi. Isi keduanya."
    )
    flag(
        "pembilang",
        given_den & ~given_num,
        "Pembilang kosong padahal penyebut diisi. Isi keduanya.",
    )
    flag(
        "penyebut", den.nilai == 0, "Penyebut 0: pembagian tidak dapat dihitung. Periksa angkanya."
    )
    flag("penyebut", den.nilai < 0, "Penyebut negatif. Isi jumlah yang dibagi (lebih dari 0).")
    factor = np.where(mul.kosong, pengali_bawaan(satuan), mul.nilai)
    flag("pengali", ~mul.kosong & (mul.nilai <= 0), "Pengali harus lebih dari 0 (100 untuk %).")
    wrong = np.zeros(n, dtype=bool)
    for mask in salah.values():
        wrong |= mask
    ada = given_num & given_den & ~wrong
    with np.errstate(divide="ignore", invalid="ignore"):
        nilai = np.where(ada, num.nilai / den.nilai * factor, np.nan)
    tidak_cocok = ada & ~np.isnan(realisasi) & (np.abs(realisasi - nilai) > _TOLERANSI)
    return Rasio(nilai, ada, salah, pesan, tidak_cocok)
