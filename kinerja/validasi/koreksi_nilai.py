"""Corrections belong to the value, not to the periode they were decided in.

A reviewer corrects a quarter's value (IK-07 TW II 875 → 87,5) during one periode's
review. The correction holds in every later periode of that year (its s.d. figures,
the annual document, the next forms' pre-fill and the next validation) for as long as
the unit's submitted value is still the one corrected (``nilai_lama``). When the unit
resubmits that quarter with another value, the correction is *digantikan*: the new
submission counts, the correction stays in the ledger and is shown as superseded.

:func:`koreksi_tahun` reads the corrections in force up to a periode (from the
ledger table, read only); :func:`terapkan_koreksi` lays them over a realisasi frame;
:func:`koreksi_digantikan` names the superseded ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.catatan import db
from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.angka_baca import parse_angka
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.validasi.keputusan import KOLOM_KOREKSI, Keputusan

__all__ = [
    "koreksi_digantikan",
    "koreksi_sebelumnya",
    "koreksi_tahun",
    "sama_nilai",
    "terapkan_koreksi",
]


def _urutan(periode: str) -> tuple[int, int]:
    p = Periode.parse(periode)
    return p.tw, int(p.tahunan)


def koreksi_tahun(
    kantor_path: Path, periode: Periode | str, *, termasuk: bool = True
) -> list[Keputusan]:
    """The corrections in force from the reviews of ``periode``'s year up to ``periode``
    (``termasuk=False``: before it), oldest first. A finding's latest decision is the one
    in force, so a correction later accepted or returned no longer counts."""
    p = Periode.parse(periode)
    path = db.db_path(Path(kantor_path))
    if not path.is_file():
        return []
    conn = db.connect(Path(kantor_path))
    try:
        ada = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_keputusan'"
        ).fetchone()
        if not ada:
            return []
        rows = conn.execute(
            "SELECT * FROM ledger_keputusan WHERE periode = ? OR periode LIKE ? ORDER BY id",
            (str(p.tahun), f"{p.tahun}-TW%"),
        ).fetchall()
    finally:
        conn.close()
    batas = (p.tw, int(p.tahunan))
    berlaku: dict[tuple[str, str], Keputusan] = {}
    for r in rows:
        k = Keputusan(**{name: r[name] for name in Keputusan.__dataclass_fields__})
        urut = _urutan(k.periode)
        if urut < batas or (termasuk and urut == batas):
            berlaku[(k.periode, k.temuan_id)] = k
    return sorted((k for k in berlaku.values() if k.keputusan == "koreksi"), key=lambda k: k.id)


def _angka(value: object) -> float | None:
    parsed = parse_angka(value)
    if parsed.value is None or parsed.status not in ("ok", "dibaca"):
        return None
    return float(parsed.value)


def sama_nilai(lama: object, kini: object) -> bool:
    """True when the submitted value ``kini`` is still the value a correction replaced
    (``lama``, as the ledger keeps it): equal numbers, equal text, or both empty."""

    def kosong(v: object) -> bool:
        return v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""

    if kosong(lama) or kosong(kini):
        return kosong(lama) and kosong(kini)
    a, b = _angka(lama), _angka(kini)
    if a is not None and b is not None:
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return str(lama).strip().casefold() == str(kini).strip().casefold()


def _frame(kor: list[Keputusan]) -> pd.DataFrame:
    """The corrections, one per (kode, tw, kolom): the latest wins."""
    return pd.DataFrame(
        {
            "kode": [k.indikator for k in kor],
            "tw": [int(k.tw or 0) for k in kor],
            "kolom": [k.kolom for k in kor],
            "nilai": [k.nilai_baru for k in kor],
            "lama": [k.nilai_lama for k in kor],
            "unit": [k.unit for k in kor],
            "id": [k.id for k in kor],
        }
    ).drop_duplicates(["kode", "tw", "kolom"], keep="last")


def _koreksi(keputusan: Iterable[Keputusan]) -> list[Keputusan]:
    return [
        k
        for k in keputusan
        if k.keputusan == "koreksi" and k.kolom in KOLOM_KOREKSI and k.tw and k.indikator
    ]


def _dikirim(realisasi: pd.DataFrame, kf: pd.DataFrame) -> np.ndarray:
    """The unit's submitted value for each correction's (kode, tw, kolom); NaN when none."""
    out = np.full(len(kf), np.nan, dtype=object)
    if realisasi.empty:
        return out
    index = pd.MultiIndex.from_arrays([realisasi["kode"].astype(str), realisasi["tw"].astype(int)])
    for kolom in KOLOM_KOREKSI:
        if kolom not in realisasi.columns:
            continue
        series = pd.Series(realisasi[kolom].to_numpy(dtype=object), index=index)
        series = series[~series.index.duplicated(keep="last")]
        hit = (kf["kolom"] == kolom).to_numpy()
        keys = pd.MultiIndex.from_frame(kf.loc[hit, ["kode", "tw"]])
        out[hit] = series.reindex(keys).to_numpy(dtype=object)
    return out


def _berlaku(realisasi: pd.DataFrame, kf: pd.DataFrame) -> np.ndarray:
    """Which corrections still hold: the submitted value is still the one corrected."""
    kini = _dikirim(realisasi, kf)
    return np.array([sama_nilai(a, b) for a, b in zip(kf["lama"], kini, strict=True)], dtype=bool)


def koreksi_digantikan(realisasi: pd.DataFrame, keputusan: Iterable[Keputusan]) -> list[Keputusan]:
    """The corrections superseded by the unit's resubmission of that quarter (the
    submitted value is no longer the one corrected); ``realisasi`` as submitted."""
    kor = _koreksi(keputusan)
    if not kor:
        return []
    kf = _frame(kor)
    gone = set(kf.loc[~_berlaku(realisasi, kf), "id"])
    return [k for k in kor if k.id in gone]


def koreksi_sebelumnya(kantor: Kantor, periode: Periode | str) -> list[tuple[Keputusan, bool]]:
    """The corrections of the year's reviews before ``periode``, each with whether the
    unit's resubmission of the quarter superseded it (for the document's appendix)."""
    kor = koreksi_tahun(kantor.path, periode, termasuk=False)
    if not kor:
        return []
    gone = {
        k.id
        for k in koreksi_digantikan(load_realisasi(kantor, Periode.parse(periode).tahun)[0], kor)
    }
    return [(k, k.id in gone) for k in kor]


def _as_value(text: str) -> object:
    """Corrected text → float when it is a number (canonical), else the text."""
    try:
        return float(text)
    except ValueError:
        return text


def _missing_rows(out: pd.DataFrame, kf: pd.DataFrame) -> pd.DataFrame:
    """``out`` with an empty row for each corrected (kode, tw) the unit submitted nothing for."""
    have = pd.MultiIndex.from_frame(out[["kode", "tw"]].astype({"tw": int}))
    want = kf[["kode", "tw", "unit"]].drop_duplicates(["kode", "tw"])
    missing = want[~pd.MultiIndex.from_frame(want[["kode", "tw"]]).isin(have)]
    if not len(missing):
        return out
    extra = pd.DataFrame({c: [np.nan] * len(missing) for c in out.columns})
    extra["kode"] = missing["kode"].to_numpy()
    extra["tw"] = missing["tw"].to_numpy()
    for col in ("kendala", "tindak_lanjut", "bukti_dukung"):
        if col in out.columns:
            extra[col] = ""
    if "unit" in out.columns:
        extra["unit"] = missing["unit"].to_numpy()
    return pd.concat([out, extra.astype(object)], ignore_index=True)


def terapkan_koreksi(realisasi: pd.DataFrame, keputusan: Iterable[Keputusan]) -> pd.DataFrame:
    """The realisasi frame with the corrections in force laid over it.

    ``realisasi`` holds the corrected value, ``realisasi_asli`` what the unit
    submitted (NaN when it submitted nothing), ``asal`` is ``unit`` or ``koreksi``;
    ``bukti_dukung_asli`` likewise when bukti dukung was corrected. Pass the
    decisions in force (``koreksi_tahun(...)``); only ``koreksi`` rows act, and only
    while the unit's submitted value is still the one corrected (a resubmission of
    the quarter supersedes the correction). The input frame is not changed.
    """
    out = realisasi.copy()
    out["realisasi"] = out["realisasi"].astype(object)
    kor = _koreksi(keputusan)
    kf = _frame(kor) if kor else None
    if kf is not None:
        kf = kf[_berlaku(out, kf)]
        kf = kf if len(kf) else None
    if kf is not None:
        out = _missing_rows(out, kf)
    out["tw"] = out["tw"].astype(int)
    out["realisasi_asli"] = out["realisasi"]
    out["asal"] = "unit"
    if "bukti_dukung" in out.columns:
        out["bukti_dukung_asli"] = out["bukti_dukung"]
    if kf is None:
        return out
    index = pd.MultiIndex.from_frame(out[["kode", "tw"]])
    for kolom in KOLOM_KOREKSI:
        sub = kf[kf["kolom"] == kolom]
        if not len(sub) or kolom not in out.columns:
            continue
        series = pd.Series(
            sub["nilai"].to_numpy(), index=pd.MultiIndex.from_frame(sub[["kode", "tw"]])
        )
        new = series.reindex(index).to_numpy(dtype=object)
        hit = pd.notna(new)
        values = [_as_value(v) for v in new[hit]] if kolom == "realisasi" else list(new[hit])
        out.loc[hit, kolom] = pd.Series(values, index=out.index[hit], dtype=object)
        out.loc[hit, "asal"] = "koreksi"
    return out
