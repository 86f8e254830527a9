"""Capaian of a free-standing table (the ``kinerja hitung`` contract), pure core.

One row = one indikator with ``target`` and ``realisasi`` as people write them.
Rows are never dropped: a row that cannot be computed gets an empty capaian and a
``keterangan``; a row that is *invalid* (unknown polaritas, unreadable target,
ambiguous realisasi, …) is also reported as a ``Temuan`` naming row and column.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import parse_angka_series
from kinerja.inti.capaian import (
    KET_NUMERIC,
    KETERANGAN,
    KUALITATIF,
    RUMUS_NEGATIF,
    RealisasiArrays,
    TargetArrays,
    capaian_arrays,
    realisasi_arrays,
    round_half_up_array,
    target_arrays,
)
from kinerja.inti.errors import ERROR, WARNING, KinerjaError, Temuan
from kinerja.inti.notasi import Notasi, pilih_notasi
from kinerja.inti.pesan_tabel import temuan as buat_temuan
from kinerja.inti.predikat import (
    SkalaOrdinal,
    SkalaPredikat,
    load_skala_ordinal,
    load_skala_predikat,
)
from kinerja.inti.rasio import KOLOM_RASIO, Rasio, rasio_arrays
from kinerja.inti.rentang import mirip_angka
from kinerja.inti.tampilan import format_nilai

__all__ = ["KOLOM_WAJIB", "HasilTabel", "hitung_tabel"]

KOLOM_WAJIB = ("indikator", "satuan", "polaritas", "target", "realisasi")
KOLOM_OPSIONAL = (
    "rumus_negatif",
    "jenis_target",
    "skala",
    "pagu",
    "realisasi_anggaran",
    *KOLOM_RASIO,
)
_KET_TEXT = np.array([KETERANGAN[k] for k in KET_NUMERIC], dtype=object)
_TIDAK_TERBACA, _AMBIGU = 2, 3  # capaian.MASALAH.index("target-tidak-terbaca"/"target-ambigu")
_KOLOM_ANGKA = ("target", "realisasi", "pagu", "realisasi_anggaran")
_KODE_RASIO = {
    "pembilang": "pembilang-salah",
    "penyebut": "penyebut-salah",
    "pengali": "pengali-salah",
}


@dataclass(frozen=True)
class HasilTabel:
    """Computed columns (same index as the input) and the invalid-row findings."""

    capaian: pd.Series  # float, rounded half-up to 2 decimals, NaN when empty
    predikat: pd.Series
    keterangan: pd.Series
    capaian_anggaran: pd.Series | None
    efisiensi: pd.Series | None
    temuan: list[Temuan]  # errors, and warnings (tingkat peringatan) that do not block
    notasi: Notasi | None = None  # the number notation used, and why
    realisasi_rasio: pd.Series | None = None  # pembilang / penyebut × pengali, unrounded


def _col(frame: pd.DataFrame, name: str) -> pd.Series | None:
    return frame[name] if name in frame.columns else None


def _per_value(s: pd.Series, func) -> pd.Series:
    """Apply a string normalisation once per distinct value (choice columns repeat)."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    done = np.asarray([func("" if v is None else str(v)) for v in uniques] + [""], dtype=object)
    return pd.Series(done[codes], index=s.index)


def _norm(s: pd.Series) -> pd.Series:
    return _per_value(s, lambda v: v.strip().casefold())


def _blank(s: pd.Series) -> pd.Series:
    return _per_value(s, lambda v: v.strip().casefold()).isin(["", "-", "n/a", "nan"])


def _per_distinct(s: pd.Series, func) -> np.ndarray:
    """``func`` (Series → array) on each distinct cell of a text column once."""
    codes, uniques = pd.factorize(s, use_na_sentinel=False)
    return np.asarray(func(pd.Series(uniques, dtype=s.dtype)))[codes]


def _plain_number(s: pd.Series) -> np.ndarray:
    """Cells written as a plain decimal-point number ("85.5", "-3"): C-level string ufuncs."""
    text = np.asarray(s.fillna("").astype("str").to_numpy(), dtype=str)
    body = np.strings.lstrip(text, "-")
    digits = np.strings.replace(body, ".", "", 1)
    return (np.strings.str_len(digits) > 0) & np.strings.isdecimal(digits)


def _invalid(
    mask: pd.Series | np.ndarray,
    column: str,
    frame: pd.DataFrame,
    kode: str,
    first_row: int,
    catatan: np.ndarray | None = None,
) -> list[Temuan]:
    """One finding ``kode`` per flagged row (the few invalid rows, not the data);
    ``catatan``: the per-row sentence of a ``{catatan}`` template (one per frame row)."""
    rows = np.flatnonzero(np.asarray(mask))
    values = frame[column].to_numpy()[rows] if column in frame.columns else [""] * len(rows)
    extra = (lambda r: {}) if catatan is None else (lambda r: {"catatan": catatan[r]})
    return [
        buat_temuan(kode, baris=int(r) + first_row, kolom=column, nilai=v, **extra(r))
        for r, v in zip(rows, values, strict=True)
    ]


class _Pilihan(NamedTuple):
    """The choice columns of a table, read and checked: polarity, formula, type, scale."""

    pol: pd.Series
    rumus: pd.Series
    declared_kual: np.ndarray | None  # rows the table declares qualitative (jenis_target)
    skala_teks: pd.Series | None
    ordinal: dict[str, SkalaOrdinal]
    invalid: pd.Series  # rows with a bad choice
    temuan: list[Temuan]


def _pilihan(frame: pd.DataFrame, rumus_negatif: str, first_row: int) -> _Pilihan:
    index = frame.index
    pol = _norm(frame["polaritas"])
    invalid = ~pol.isin(["positif", "negatif"])
    temuan = _invalid(invalid, "polaritas", frame, "polaritas-salah", first_row)

    rumus_col = _col(frame, "rumus_negatif")
    rumus = pd.Series(rumus_negatif, index=index, dtype=object)
    if rumus_col is not None:
        given = _per_value(rumus_col, lambda v: v.strip().upper().replace(" ", ""))
        given = given.where(~_blank(rumus_col), rumus_negatif)
        bad_rumus = ~given.isin(list(RUMUS_NEGATIF))
        temuan += _invalid(bad_rumus, "rumus_negatif", frame, "rumus-negatif-salah", first_row)
        rumus = given.where(~bad_rumus, rumus_negatif)

    declared_kual = None
    jenis_col = _col(frame, "jenis_target")
    if jenis_col is not None:
        jt = _norm(jenis_col)
        bad_jenis = ~jt.isin(["angka", "rentang", "kualitatif"]) & ~_blank(jenis_col)
        temuan += _invalid(bad_jenis, "jenis_target", frame, "jenis-target-salah", first_row)
        invalid |= bad_jenis
        declared_kual = jt.eq("kualitatif").to_numpy(dtype=bool)

    skala_col = _col(frame, "skala")
    ordinal: dict[str, SkalaOrdinal] = {}
    skala_teks = None
    if skala_col is not None:
        skala_teks = _per_value(skala_col, str.strip).where(~_blank(skala_col), "")
        for kode in sorted(set(skala_teks) - {""}):
            with contextlib.suppress(KinerjaError):  # unknown: reported per row below
                ordinal[kode] = load_skala_ordinal(kode)
        bad_skala = skala_teks.ne("") & ~skala_teks.isin(list(ordinal))
        temuan += _invalid(bad_skala, "skala", frame, "skala-salah", first_row)
        invalid |= bad_skala
    return _Pilihan(pol, rumus, declared_kual, skala_teks, ordinal, invalid, temuan)


def _nilai(
    frame: pd.DataFrame, pil: _Pilihan, kode_notasi: str, first_row: int
) -> tuple[TargetArrays, RealisasiArrays, pd.Series, list[Temuan]]:
    """Target and realisasi read (ranges, labels, notation); rows that cannot be read."""
    index = frame.index
    target = frame["target"]
    none = np.zeros(len(frame), dtype=bool)
    declared_kual = pil.declared_kual if pil.declared_kual is not None else none
    tgt = target_arrays(target, pil.declared_kual, pil.skala_teks, pil.ordinal, kode_notasi)
    target_kual = tgt.jenis == KUALITATIF
    real = realisasi_arrays(
        frame["realisasi"], target, target_kual, pil.skala_teks, pil.ordinal, kode_notasi
    )
    temuan: list[Temuan] = []
    # A text target compared without a scale is only a label comparison when the
    # realisasi is a label too (or the row says kualitatif); otherwise it is unreadable.
    # A number-like realisasi ("2.400", even unreadable) is never a label.
    skala_teks = pil.skala_teks
    has_scale = skala_teks.ne("").to_numpy(dtype=bool) if skala_teks is not None else none
    label_vs_number = target_kual & ~declared_kual & ~has_scale
    if label_vs_number.any():
        rows = np.flatnonzero(label_vs_number)
        label_vs_number[rows] = real.angka[rows] | mirip_angka(frame["realisasi"].iloc[rows])
    ambigu_target = tgt.masalah == _AMBIGU
    if ambigu_target.any():
        rows = np.flatnonzero(ambigu_target)
        catatan = np.full(len(frame), "", dtype=object)
        catatan[rows] = parse_angka_series(target.iloc[rows])["catatan"].to_numpy(dtype=object)
        temuan += _invalid(ambigu_target, "target", frame, "target-ambigu", first_row, catatan)
    bad_target = pd.Series((tgt.masalah == _TIDAK_TERBACA) | label_vs_number, index=index)
    temuan += _invalid(bad_target, "target", frame, "target-tidak-terbaca", first_row)
    ambigu, salah = real.status == "ambigu", real.status == "salah"
    for mask, kode in ((ambigu, "realisasi-ambigu"), (salah, "realisasi-bukan-angka")):
        temuan += _invalid(mask, "realisasi", frame, kode, first_row, real.catatan)
    unreadable = bad_target | pd.Series(ambigu_target | ambigu | salah, index=index)
    return tgt, real, unreadable, temuan


def _dari_rasio(
    frame: pd.DataFrame, real: RealisasiArrays, first_row: int
) -> tuple[RealisasiArrays, Rasio | None, pd.Series, list[Temuan]]:
    """Realisasi from pembilang / penyebut × pengali where the table gives them."""
    bad = pd.Series(False, index=frame.index)
    if "pembilang" not in frame.columns and "penyebut" not in frame.columns:
        return real, None, bad, []
    own = np.where(np.isin(real.status, ["ok", "dibaca"]), real.nilai, np.nan)
    rasio = rasio_arrays(
        _col(frame, "pembilang"), _col(frame, "penyebut"), _col(frame, "pengali"),
        frame["satuan"], own,
    )  # fmt: skip
    temuan: list[Temuan] = []
    for col, mask in rasio.salah.items():
        temuan += _invalid(mask, col, frame, _KODE_RASIO[col], first_row, rasio.pesan[col])
    bad |= pd.Series(np.logical_or.reduce(list(rasio.salah.values())), index=frame.index)
    real = real._replace(nilai=np.where(rasio.ada, rasio.nilai, real.nilai))
    temuan += _tidak_cocok(rasio.tidak_cocok, own, rasio.nilai, frame, first_row)
    return real, rasio, bad, temuan


def _keterangan(
    ket: np.ndarray,
    real: RealisasiArrays,
    frame: pd.DataFrame,
    temuan: list[Temuan],
    invalid: pd.Series,
    first_row: int,
) -> pd.Series:
    """The keterangan column: why capaian is empty, the lenient readings, the warnings,
    and for a refused row every reason by column."""
    index = frame.index
    ket_text = pd.Series(_KET_TEXT[ket], index=index, dtype="str")
    # In a CSV every cell is text: "85.5" is not worth a remark, "85,5%" or "1.234,5" is.
    lenient = pd.Series(real.status == "dibaca", index=index)
    if lenient.any():
        lenient[lenient] = ~_per_distinct(frame["realisasi"][lenient], _plain_number)
    if lenient.any():
        catatan = pd.Series(real.catatan, index=index, dtype=object)
        ket_text[lenient] = (ket_text[lenient] + " " + catatan[lenient]).str.strip()
    invalid_text = pd.Series("", index=index, dtype=object)
    for t in temuan:
        if t.tingkat == WARNING:
            pos = t.baris - first_row
            ket_text.iloc[pos] = (ket_text.iloc[pos] + " " + t.pesan).strip()
    for t in temuan:
        if t.tingkat == ERROR:
            pos = t.baris - first_row
            invalid_text.iloc[pos] = (
                invalid_text.iloc[pos] + f" Kolom {t.kolom}: {t.pesan}"
            ).strip()
    return ket_text.where(~invalid, invalid_text)


def _anggaran(
    frame: pd.DataFrame, cap: np.ndarray, kode_notasi: str, first_row: int
) -> tuple[pd.Series | None, pd.Series | None, list[Temuan]]:
    """Capaian anggaran and efisiensi when the table has pagu and realisasi_anggaran."""
    if "pagu" not in frame.columns or "realisasi_anggaran" not in frame.columns:
        return None, None, []
    index = frame.index
    pagu = parse_angka_series(frame["pagu"], kode_notasi)
    spent = parse_angka_series(frame["realisasi_anggaran"], kode_notasi)
    temuan: list[Temuan] = []
    for col, parsed, kode in (
        ("pagu", pagu, "pagu-bukan-angka"),
        ("realisasi_anggaran", spent, "realisasi-anggaran-bukan-angka"),
    ):
        bad = parsed["status"].isin(["ambigu", "salah"])
        temuan += _invalid(bad, col, frame, kode, first_row)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = spent["nilai"] / pagu["nilai"].where(pagu["nilai"] != 0) * 100
        eff = pd.Series(cap, index=index) / raw.where(raw != 0) * 100
    anggaran = pd.Series(round_half_up_array(raw), index=index)
    return anggaran, pd.Series(round_half_up_array(eff), index=index), temuan


def hitung_tabel(
    frame: pd.DataFrame,
    *,
    rumus_negatif: str = "2T-R",
    skala: SkalaPredikat | None = None,
    first_row: int = 2,
    notasi: str = "otomatis",
) -> HasilTabel:
    """Compute capaian, predikat and keterangan for every row of ``frame``.

    ``frame`` has lower-case column names (see ``KOLOM_WAJIB``/``KOLOM_OPSIONAL``)
    and raw cells (text or numbers). ``first_row`` is the file row number of the
    first data row, used to name rows in findings. ``notasi``: otomatis, id or en
    (``inti.notasi``), for texts such as "2.400".
    """
    skala = skala or load_skala_predikat()
    index = frame.index
    dipakai = pilih_notasi(notasi, {c: frame[c] for c in _KOLOM_ANGKA if c in frame}, first_row)
    pil = _pilihan(frame, rumus_negatif, first_row)
    tgt, real, unreadable, temuan_nilai = _nilai(frame, pil, dipakai.kode, first_row)
    real, rasio, bad_rasio, temuan_rasio = _dari_rasio(frame, real, first_row)
    temuan = pil.temuan + temuan_nilai + temuan_rasio

    neg = pil.pol.to_numpy(dtype=object) == "negatif"
    per_rumus = {name: pil.rumus.to_numpy(dtype=object) == name for name in RUMUS_NEGATIF}
    cap, ket = capaian_arrays(neg, per_rumus, tgt.lo, tgt.hi, real.nilai)
    invalid = pil.invalid | unreadable | bad_rasio
    cap = np.where(invalid.to_numpy(), np.nan, cap)
    cap_r = pd.Series(round_half_up_array(cap), index=index)
    # no target (empty, or 0 on a positive indicator): the scale's "tanpa target" band
    tanpa = (np.isnan(tgt.lo) | (~neg & (tgt.hi == 0))) & ~invalid.to_numpy()
    predikat = skala.predikat_target(cap_r, tanpa)
    ket_text = _keterangan(ket, real, frame, temuan, invalid, first_row)
    anggaran, efisiensi, temuan_anggaran = _anggaran(frame, cap, dipakai.kode, first_row)
    temuan += temuan_anggaran

    temuan.sort(key=lambda t: (t.baris or 0, t.kolom))
    ratio = None if rasio is None else pd.Series(rasio.nilai, index=index)
    return HasilTabel(
        cap_r, predikat, ket_text, anggaran, efisiensi, temuan, dipakai, realisasi_rasio=ratio
    )


def _tidak_cocok(
    mask: np.ndarray, given: np.ndarray, parts: np.ndarray, frame: pd.DataFrame, first_row: int
) -> list[Temuan]:
    """A warning per row whose given realisasi disagrees with pembilang / penyebut."""
    return [
        buat_temuan(
            "realisasi-tidak-cocok-rasio",
            baris=int(r) + first_row,
            kolom="realisasi",
            nilai=str(frame["realisasi"].iloc[r]),
            realisasi=format_nilai(float(given[r])),
            hasil=format_nilai(float(parts[r])),
        )
        for r in np.flatnonzero(mask)
    ]
