"""Capaian of a free-standing table (the ``kinerja hitung`` contract), pure core.

One row = one indikator with ``target`` and ``realisasi`` as people write them.
Rows are never dropped: a row that cannot be computed gets an empty capaian and a
``keterangan``; a row that is *invalid* (unknown polaritas, unreadable target,
ambiguous realisasi, …) is also reported as a ``Temuan`` naming row and column.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import parse_angka_series
from kinerja.inti.capaian import (
    KET_NUMERIC,
    KETERANGAN,
    KUALITATIF,
    RUMUS_NEGATIF,
    capaian_arrays,
    realisasi_arrays,
    round_half_up_array,
    target_arrays,
)
from kinerja.inti.errors import ERROR, WARNING, KinerjaError, Temuan
from kinerja.inti.notasi import Notasi, pilih_notasi
from kinerja.inti.predikat import (
    SkalaOrdinal,
    SkalaPredikat,
    load_skala_ordinal,
    load_skala_predikat,
)
from kinerja.inti.rasio import KOLOM_RASIO, rasio_arrays
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
    mask: pd.Series, column: str, frame: pd.DataFrame, message: str, kode: str, first_row: int
) -> list[Temuan]:
    """One finding per flagged row (the few invalid rows, not the data)."""
    rows = np.flatnonzero(mask.to_numpy())
    values = frame[column].to_numpy()[rows] if column in frame.columns else [""] * len(rows)
    return [
        Temuan(
            kode=kode,
            tingkat=ERROR,
            pesan=message.format(nilai=v),
            baris=int(r) + first_row,
            kolom=column,
            nilai="" if v is None else str(v),
        )
        for r, v in zip(rows, values, strict=True)
    ]


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
    temuan: list[Temuan] = []
    dipakai = pilih_notasi(notasi, {c: frame[c] for c in _KOLOM_ANGKA if c in frame}, first_row)
    kode_notasi = dipakai.kode

    pol = _norm(frame["polaritas"])
    bad_pol = ~pol.isin(["positif", "negatif"])
    temuan += _invalid(
        bad_pol,
        "polaritas",
        frame,
        'Polaritas "{nilai}" tidak dikenal. Isi "positif" atau "negatif".',
        "polaritas-salah",
        first_row,
    )

    rumus_col = _col(frame, "rumus_negatif")
    rumus = pd.Series(rumus_negatif, index=index, dtype=object)
    if rumus_col is not None:
        given = _per_value(rumus_col, lambda v: v.strip().upper().replace(" ", ""))
        given = given.where(~_blank(rumus_col), rumus_negatif)
        bad_rumus = ~given.isin(list(RUMUS_NEGATIF))
        temuan += _invalid(
            bad_rumus,
            "rumus_negatif",
            frame,
            'Rumus negatif "{nilai}" tidak dikenal. Isi "2T-R" atau "T/R".',
            "rumus-negatif-salah",
            first_row,
        )
        rumus = given.where(~bad_rumus, rumus_negatif)

    jenis_col = _col(frame, "jenis_target")
    if jenis_col is not None:
        jt = _norm(jenis_col)
        bad_jenis = ~jt.isin(["angka", "rentang", "kualitatif"]) & ~_blank(jenis_col)
        temuan += _invalid(
            bad_jenis,
            "jenis_target",
            frame,
            'Jenis target "{nilai}" tidak dikenal. Isi angka, rentang, atau kualitatif.',
            "jenis-target-salah",
            first_row,
        )

    skala_col = _col(frame, "skala")
    ordinal: dict[str, SkalaOrdinal] = {}
    skala_teks = None
    if skala_col is not None:
        skala_teks = _per_value(skala_col, str.strip).where(~_blank(skala_col), "")
        for kode in sorted(set(skala_teks) - {""}):
            with contextlib.suppress(KinerjaError):  # unknown: reported per row below
                ordinal[kode] = load_skala_ordinal(kode)
        bad_skala = skala_teks.ne("") & ~skala_teks.isin(list(ordinal))
        temuan += _invalid(
            bad_skala,
            "skala",
            frame,
            'Skala "{nilai}" tidak dikenal. Pilihan: akip, opini-bpk, ikm, ada-tidak.',
            "skala-salah",
            first_row,
        )

    target = frame["target"]
    none = np.zeros(len(frame), dtype=bool)
    declared_kual = jt.eq("kualitatif").to_numpy(dtype=bool) if jenis_col is not None else none
    tgt = target_arrays(
        target, declared_kual if jenis_col is not None else None, skala_teks, ordinal, kode_notasi
    )
    target_kual = tgt.jenis == KUALITATIF
    real = realisasi_arrays(
        frame["realisasi"], target, target_kual, skala_teks, ordinal, kode_notasi
    )

    # A text target compared without a scale is only a label comparison when the
    # realisasi is a label too (or the row says kualitatif); otherwise it is unreadable.
    # A number-like realisasi ("2.400", even unreadable) is never a label.
    has_scale = skala_teks.ne("").to_numpy(dtype=bool) if skala_teks is not None else none
    label_vs_number = target_kual & ~declared_kual & ~has_scale
    if label_vs_number.any():
        rows = np.flatnonzero(label_vs_number)
        label_vs_number[rows] = real.angka[rows] | mirip_angka(frame["realisasi"].iloc[rows])
    ambigu_target = tgt.masalah == _AMBIGU
    if ambigu_target.any():
        rows = np.flatnonzero(ambigu_target)
        catatan = parse_angka_series(target.iloc[rows])["catatan"].to_numpy(dtype=object)
        temuan += [
            Temuan(
                kode="target-ambigu",
                tingkat=ERROR,
                pesan=f'"{target.iloc[r]}": {c}',
                baris=int(r) + first_row,
                kolom="target",
                nilai=str(target.iloc[r]),
            )
            for r, c in zip(rows, catatan, strict=True)
        ]
    bad_target = pd.Series((tgt.masalah == _TIDAK_TERBACA) | label_vs_number, index=index)
    temuan += _invalid(
        bad_target,
        "target",
        frame,
        'Target "{nilai}" tidak dapat dibaca sebagai angka, rentang (80 – 90), '
        "atau nilai skala. Perbaiki target atau isi kolom skala.",
        "target-tidak-terbaca",
        first_row,
    )
    ambigu, salah = real.status == "ambigu", real.status == "salah"
    bad_real = pd.Series(ambigu | salah, index=index)
    for mask, kode in ((ambigu, "realisasi-ambigu"), (salah, "realisasi-bukan-angka")):
        rows = pd.Series(mask, index=index)
        for t in _invalid(rows, "realisasi", frame, "{nilai}", kode, first_row):
            catatan = real.catatan[t.baris - first_row]
            temuan.append(
                Temuan(
                    kode=t.kode,
                    tingkat=ERROR,
                    baris=t.baris,
                    kolom=t.kolom,
                    nilai=t.nilai,
                    pesan=f'"{t.nilai}": {catatan}',
                )
            )

    rasio = None
    if "pembilang" in frame.columns or "penyebut" in frame.columns:
        own = np.where(np.isin(real.status, ["ok", "dibaca"]), real.nilai, np.nan)
        rasio = rasio_arrays(
            _col(frame, "pembilang"),
            _col(frame, "penyebut"),
            _col(frame, "pengali"),
            frame["satuan"],
            own,
        )
        for col, mask in rasio.salah.items():
            for t in _invalid(pd.Series(mask, index=index), col, frame, "", "", first_row):
                pesan = rasio.pesan[col][t.baris - first_row]
                temuan.append(
                    Temuan(
                        kode=f"{col}-salah",
                        tingkat=ERROR,
                        baris=t.baris,
                        kolom=col,
                        nilai=t.nilai,
                        pesan=pesan,
                    )
                )
        bad_real = bad_real | pd.Series(
            np.logical_or.reduce(list(rasio.salah.values())), index=index
        )
        real = real._replace(nilai=np.where(rasio.ada, rasio.nilai, real.nilai))
        warn = _tidak_cocok(rasio.tidak_cocok, own, rasio.nilai, frame, first_row)
        temuan += warn

    neg = pol.to_numpy(dtype=object) == "negatif"
    per_rumus = {name: rumus.to_numpy(dtype=object) == name for name in RUMUS_NEGATIF}
    cap, ket = capaian_arrays(neg, per_rumus, tgt.lo, tgt.hi, real.nilai)
    bad_target |= ambigu_target
    invalid = bad_pol | bad_target | bad_real
    if jenis_col is not None:
        invalid |= bad_jenis
    if skala_col is not None:
        invalid |= bad_skala
    cap = np.where(invalid.to_numpy(), np.nan, cap)
    cap_r = pd.Series(round_half_up_array(cap), index=index)
    tanpa = (np.isnan(tgt.lo) | (~neg & (tgt.hi == 0))) & ~invalid.to_numpy()
    predikat = skala.predikat_target(cap_r, tanpa)

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
    ket_text = ket_text.where(~invalid, invalid_text)

    anggaran = efisiensi = None
    if "pagu" in frame.columns and "realisasi_anggaran" in frame.columns:
        pagu = parse_angka_series(frame["pagu"], kode_notasi)
        spent = parse_angka_series(frame["realisasi_anggaran"], kode_notasi)
        for col, parsed in (("pagu", pagu), ("realisasi_anggaran", spent)):
            bad = parsed["status"].isin(["ambigu", "salah"])
            temuan += _invalid(
                bad,
                col,
                frame,
                '"{nilai}" bukan nilai rupiah. Isi angka, misalnya 1.250.000 atau Rp1.250.000,00.',
                f"{col.replace('_', '-')}-bukan-angka",
                first_row,
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            raw = spent["nilai"] / pagu["nilai"].where(pagu["nilai"] != 0) * 100
            eff = pd.Series(cap, index=index) / raw.where(raw != 0) * 100
        anggaran = pd.Series(round_half_up_array(raw), index=index)
        efisiensi = pd.Series(round_half_up_array(eff), index=index)

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
        Temuan(
            kode="realisasi-tidak-cocok-rasio",
            tingkat=WARNING,
            baris=int(r) + first_row,
            kolom="realisasi",
            nilai=str(frame["realisasi"].iloc[r]),
            pesan=f"Realisasi {format_nilai(float(given[r]))} tidak sama dengan pembilang / "
            f"penyebut × pengali = {format_nilai(float(parts[r]))}; capaian memakai "
            "pembilang dan penyebut. Periksa realisasi atau kedua angka itu.",
        )
        for r in np.flatnonzero(mask)
    ]
