"""One measurement: capaian per indikator for a periode, per sasaran, for the office.

Pure core (domain.md §2–§4). Periode semantics per ``jenis_periode``:
``kumulatif`` sums quarters (a missing quarter leaves the running total unknown),
``akhir`` takes the last non-empty quarter against that quarter's target,
``rata_rata`` averages the non-empty quarters against the mean target of the
same quarters. Aggregates are computed from unrounded values and rounded once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .capaian import (
    KETERANGAN,
    capaian_numeric,
    resolve_realisasi,
    resolve_target,
    round_half_up_array,
)
from .model import Periode
from .predikat import SkalaOrdinal, SkalaPredikat, load_skala_predikat

__all__ = [
    "OpsiAgregasi",
    "Pengukuran",
    "capaian_anggaran",
    "capaian_kantor",
    "capaian_sasaran",
    "ukur",
]

TW = (1, 2, 3, 4)


@dataclass(frozen=True)
class OpsiAgregasi:
    """How indikator capaian are averaged (documented in the document's method).

    ``metode``: ``rata_rata`` (unweighted mean, the default), ``berbobot`` (weights
    from the PK's ``bobot``) or ``rata_sasaran`` (office = mean of sasaran means).
    ``batas_atas``: optional cap (e.g. 120) applied only when averaging.
    """

    metode: str = "rata_rata"
    batas_atas: float | None = None


@dataclass(frozen=True)
class Pengukuran:
    """The result of ``ukur``: frames ready for documents, charts and checks."""

    periode: Periode
    indikator: pd.DataFrame
    sasaran: pd.DataFrame
    kantor: dict
    realisasi_tw: pd.DataFrame  # numeric realisasi per indikator × TW (NaN = missing)
    target_tw: pd.DataFrame  # numeric target (upper bound) per indikator × TW
    temuan_nilai: pd.DataFrame  # cells read leniently or unreadable
    skala: SkalaPredikat
    opsi: OpsiAgregasi = field(default_factory=OpsiAgregasi)


def _wide(realisasi: pd.DataFrame, kode: pd.Series, column: str) -> dict[int, pd.Series]:
    """Long realisasi (kode, tw, column) → one Series per TW, rows in PK order.

    A later row for the same (kode, tw) wins. Hash lookups, no pivot.
    """
    numeric = pd.api.types.is_numeric_dtype(realisasi[column]) if len(realisasi) else True
    fill = np.nan if numeric else None
    cells = np.full(len(kode) * 4, fill, dtype=float if numeric else object)
    if len(realisasi):
        pos = pd.Index(kode.to_numpy()).get_indexer(realisasi["kode"].to_numpy())
        tw = realisasi["tw"].to_numpy(dtype=np.int64)
        ok = (pos >= 0) & (tw >= 1) & (tw <= 4)
        key = pos[ok] * 4 + (tw[ok] - 1)
        last = ~pd.Series(key).duplicated(keep="last").to_numpy()
        cells[key[last]] = realisasi[column].to_numpy()[ok][last]
    grid = cells.reshape(len(kode), 4)
    return {tw: pd.Series(grid[:, tw - 1], index=kode.index) for tw in TW}


def _sd(values: np.ndarray, n: int, jenis: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Value s.d. TW n per jenis_periode, and the quarter index it came from (akhir)."""
    part = values[:, :n]
    present = ~np.isnan(part)
    with np.errstate(invalid="ignore"):
        kum = np.where(present.all(axis=1), np.nansum(part, axis=1), np.nan)
        count = present.sum(axis=1)
        rata = np.where(count > 0, np.nansum(part, axis=1) / np.maximum(count, 1), np.nan)
    last = np.where(present.any(axis=1), n - 1 - np.argmax(present[:, ::-1], axis=1), -1)
    akhir = np.where(last >= 0, part[np.arange(len(part)), np.maximum(last, 0)], np.nan)
    out = np.select([jenis == "kumulatif", jenis == "rata_rata"], [kum, rata], akhir)
    return out, last


def _target_sd(
    t: np.ndarray, r_present: np.ndarray, n: int, jenis: np.ndarray, last: np.ndarray
) -> np.ndarray:
    """Target s.d. TW n matching the realisasi semantics of ``_sd``."""
    part = t[:, :n]
    kum = part.sum(axis=1)
    used = r_present[:, :n]
    with np.errstate(invalid="ignore", divide="ignore"):
        rata_same = np.where(used, part, 0).sum(axis=1) / used.sum(axis=1)
    rata = np.where(used.any(axis=1), rata_same, part.mean(axis=1))
    akhir = np.where(last >= 0, part[np.arange(len(part)), np.maximum(last, 0)], part[:, n - 1])
    return np.select([jenis == "kumulatif", jenis == "rata_rata"], [kum, rata], akhir)


def ukur(
    indikator: pd.DataFrame,
    realisasi: pd.DataFrame,
    periode: Periode,
    *,
    skala: SkalaPredikat | None = None,
    ordinal: dict[str, SkalaOrdinal] | None = None,
    opsi: OpsiAgregasi | None = None,
) -> Pengukuran:
    """Measure every indikator of the PK for ``periode``.

    ``indikator`` follows ``model.INDIKATOR_COLUMNS``; ``realisasi`` is long with
    ``kode``, ``tw`` and ``realisasi`` (text or numbers) and may hold kendala etc.
    """
    skala = skala or load_skala_predikat()
    opsi = opsi or OpsiAgregasi()
    ind = indikator.reset_index(drop=True)
    n = periode.tw
    kode = ind["kode"]
    jenis_periode = ind["jenis_periode"].to_numpy(dtype=object)
    pol = ind["polaritas"]
    rumus = ind["rumus_negatif"].where(ind["rumus_negatif"].astype(bool), "2T-R")

    # Resolve each quarter's target and realisasi to numbers (once, vectorized per TW).
    r_raw = _wide(realisasi, kode, "realisasi")
    t_lo = np.empty((len(ind), 4))
    t_hi = np.empty((len(ind), 4))
    r_num = np.empty((len(ind), 4))
    notes = []
    tahunan = resolve_target(ind["target_tahunan"], ind["jenis_target"], ind["skala"], ordinal)
    jenis_tahunan = tahunan.jenis
    kualitatif = jenis_tahunan.eq("kualitatif").to_numpy()
    jenis_periode = np.where(kualitatif, "akhir", jenis_periode)
    for i, tw in enumerate(TW):
        tt = resolve_target(ind[f"target_tw{tw}"], ind["jenis_target"], ind["skala"], ordinal)
        t_lo[:, i] = tt.lo.to_numpy(dtype=float)
        t_hi[:, i] = tt.hi.to_numpy(dtype=float)
        rr = resolve_realisasi(
            r_raw[tw],
            ind[f"target_tw{tw}"],
            tt.jenis.where(tt.jenis.ne(""), jenis_tahunan),
            ind["skala"],
            ordinal,
        )
        r_num[:, i] = rr["nilai"].to_numpy(dtype=float)
        if tw <= n:
            noted = rr[rr["status"].isin(["dibaca", "ambigu", "salah"])]
            if len(noted):
                notes.append(noted.assign(kode=kode[noted.index].to_numpy(), tw=tw))

    present = ~np.isnan(r_num)
    r_sd, last = _sd(r_num, n, jenis_periode)
    lo_sd = _target_sd(t_lo, present, n, jenis_periode, last)
    hi_sd = _target_sd(t_hi, present, n, jenis_periode, last)
    lengkap = present[:, :n].all(axis=1)

    cap_tw, ket = capaian_numeric(pol, lo_sd, hi_sd, r_sd, rumus)
    cap_q, _ = capaian_numeric(pol, t_lo[:, n - 1], t_hi[:, n - 1], r_num[:, n - 1], rumus)

    def _annual(column: str) -> tuple[np.ndarray, np.ndarray]:
        res = resolve_target(ind[column], ind["jenis_target"], ind["skala"], ordinal)
        return res.lo.to_numpy(dtype=float), res.hi.to_numpy(dtype=float)

    ann_lo, ann_hi = tahunan.lo.to_numpy(dtype=float), tahunan.hi.to_numpy(dtype=float)
    cap_thn, _ = capaian_numeric(pol, ann_lo, ann_hi, r_sd, rumus)
    ren_lo, ren_hi = _annual("target_renstra")
    cap_renstra, _ = capaian_numeric(pol, ren_lo, ren_hi, r_sd, rumus)
    lalu_lo, lalu_hi = _annual("target_tahun_lalu")
    r_lalu = resolve_realisasi(
        ind["realisasi_tahun_lalu"], ind["target_tahun_lalu"], jenis_tahunan, ind["skala"], ordinal
    )["nilai"].to_numpy(dtype=float)
    cap_lalu, _ = capaian_numeric(pol, lalu_lo, lalu_hi, r_lalu, rumus)
    cap_tahunan = cap_thn if n == 4 else np.full(len(ind), np.nan)
    selisih = cap_tahunan - cap_lalu
    selisih_r = round_half_up_array(selisih)
    arah = np.select([selisih_r > 0, selisih_r < 0, selisih_r == 0], ["naik", "turun", "tetap"], "")

    # Labels of qualitative rows as written (the quarter the s.d. value came from).
    used = np.where(last >= 0, last, n - 1)
    rows = np.arange(len(ind))
    t_raw = ind[[f"target_tw{tw}" for tw in TW]].to_numpy(dtype=object)
    label_target = np.where(kualitatif, t_raw[rows, used], "")
    r_grid = np.column_stack([r_raw[tw].to_numpy(dtype=object) for tw in TW])
    label_real = np.where(kualitatif & (last >= 0), r_grid[rows, used], "")

    cap_r = round_half_up_array(cap_tw)
    out = ind.copy()
    out["label_target"] = label_target
    out["label_realisasi"] = label_real
    out["jenis_periode_efektif"] = jenis_periode
    out["target_sd_lo"] = lo_sd
    out["target_sd"] = hi_sd
    out["realisasi_sd"] = r_sd
    out["realisasi_tw"] = r_num[:, n - 1]
    out["capaian_triwulan"] = cap_q
    out["capaian_tw"] = cap_tw
    out["capaian_tw_2d"] = cap_r
    out["predikat"] = skala.predikat(pd.Series(cap_r))
    out["capaian_thd_target_tahunan"] = cap_thn
    out["capaian_tahunan"] = cap_tahunan
    out["capaian_thd_renstra"] = cap_renstra
    out["realisasi_tahun_lalu_nilai"] = r_lalu
    out["capaian_tahun_lalu"] = cap_lalu
    out["selisih_pp"] = selisih
    out["arah"] = arah
    out["lengkap"] = lengkap
    out["keterangan_kode"] = np.where(~lengkap & (ket == ""), "realisasi-kosong", ket)
    out["keterangan"] = pd.Series(out["keterangan_kode"]).map(KETERANGAN).fillna("")
    out["rumus"] = np.where(pol.eq("negatif"), rumus, "positif")

    cols = pd.Index(list(TW), name="tw")
    r_frame = pd.DataFrame(r_num, index=kode.to_numpy(), columns=cols)
    t_frame = pd.DataFrame(t_hi, index=kode.to_numpy(), columns=cols)
    temuan = (
        pd.concat(notes, ignore_index=True)
        if notes
        else pd.DataFrame(columns=["nilai", "status", "catatan", "kode", "tw"])
    )
    sasaran = capaian_sasaran(out, skala, opsi)
    kantor = capaian_kantor(out, sasaran, skala, opsi)
    return Pengukuran(periode, out, sasaran, kantor, r_frame, t_frame, temuan, skala, opsi)


def _for_mean(values: pd.Series, opsi: OpsiAgregasi) -> pd.Series:
    return values.clip(upper=opsi.batas_atas) if opsi.batas_atas is not None else values


def capaian_sasaran(
    tabel: pd.DataFrame, skala: SkalaPredikat, opsi: OpsiAgregasi | None = None
) -> pd.DataFrame:
    """Capaian per sasaran: mean of its indikator's non-missing capaian.

    Columns: sasaran_kode, sasaran, capaian, capaian_2d, predikat, n_valid,
    n_total, n_capai (≥ 100 % as displayed), n_tidak_capai, sementara.
    """
    opsi = opsi or OpsiAgregasi()
    df = tabel.assign(
        _cap=_for_mean(tabel["capaian_tw"], opsi),
        _w=tabel["bobot"].astype(float).fillna(1.0) if opsi.metode == "berbobot" else 1.0,
        _valid=tabel["capaian_tw"].notna(),
        _capai=tabel["capaian_tw_2d"] >= 100,
        _missing_wajib=tabel["wajib"].astype(bool) & ~tabel["lengkap"].astype(bool),
    )
    df["_wx"] = df["_cap"] * df["_w"]
    df["_wv"] = df["_w"].where(df["_valid"], 0.0)
    g = df.groupby(["sasaran_kode", "sasaran"], sort=False)
    res = g.agg(
        _wx=("_wx", "sum"),
        _wv=("_wv", "sum"),
        n_valid=("_valid", "sum"),
        n_total=("kode", "size"),
        n_capai=("_capai", "sum"),
        sementara=("_missing_wajib", "any"),
    ).reset_index()
    res["capaian"] = np.where(res["_wv"] > 0, res["_wx"] / res["_wv"].where(res["_wv"] > 0), np.nan)
    res["n_tidak_capai"] = res["n_valid"] - res["n_capai"]
    res["capaian_2d"] = round_half_up_array(res["capaian"])
    res["predikat"] = skala.predikat(res["capaian_2d"])
    return res.drop(columns=["_wx", "_wv"])


def capaian_kantor(
    tabel: pd.DataFrame,
    sasaran: pd.DataFrame,
    skala: SkalaPredikat,
    opsi: OpsiAgregasi | None = None,
) -> dict:
    """Capaian for the office: flat mean over IKU (default), or mean of sasaran means."""
    opsi = opsi or OpsiAgregasi()
    iku = tabel[tabel["iku"].astype(bool)] if tabel["iku"].astype(bool).any() else tabel
    cap = _for_mean(iku["capaian_tw"], opsi)
    valid = cap.notna()
    if opsi.metode == "rata_sasaran":
        values = sasaran["capaian"].dropna()
        nilai = float(values.mean()) if len(values) else float("nan")
    elif opsi.metode == "berbobot":
        w = iku["bobot"].astype(float).fillna(1.0)[valid]
        nilai = float((cap[valid] * w).sum() / w.sum()) if w.sum() > 0 else float("nan")
    else:
        nilai = float(cap[valid].mean()) if valid.any() else float("nan")
    nilai_2d = float(round_half_up_array(np.array([nilai]))[0])
    missing_wajib = iku["wajib"].astype(bool) & ~iku["lengkap"].astype(bool)
    return {
        "capaian": nilai,
        "capaian_2d": nilai_2d,
        "predikat": skala.predikat(nilai_2d),
        "n_valid": int(valid.sum()),
        "n_total": len(iku),
        "n_capai": int((iku["capaian_tw_2d"] >= 100).sum()),
        "n_tidak_capai": int(((iku["capaian_tw_2d"] < 100) & valid).sum()),
        "sementara": bool(missing_wajib.any()),
        "metode": opsi.metode,
        "batas_atas": opsi.batas_atas,
    }


def capaian_anggaran(
    program: pd.DataFrame,
    realisasi_anggaran: pd.DataFrame,
    periode: Periode,
    indikator: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Budget realisation per program s.d. TW n, and efisiensi against capaian kinerja.

    ``realisasi_anggaran`` is long: ``kode`` (program), ``tw``, ``realisasi_anggaran``
    (the amount spent in that quarter). Like is compared with like: capaian
    anggaran is spending against the annual pagu, so capaian kinerja is the mean
    capaian against the *annual* target of the program's sasaran (``indikator``
    from ``ukur``). Efisiensi = capaian kinerja / capaian anggaran × 100; > 100 is
    efficient. A total row ("Jumlah") is appended.
    """
    spent = realisasi_anggaran[realisasi_anggaran["tw"].astype(int) <= periode.tw]
    per_program = spent.groupby("kode")["realisasi_anggaran"].sum()
    out = program.copy()
    out["pagu"] = out["pagu"].astype(float)
    out["realisasi_anggaran"] = out["kode"].map(per_program).astype(float)
    total = pd.DataFrame(
        {
            "kode": [""],
            "program": ["Jumlah"],
            "pagu": [out["pagu"].sum()],
            "realisasi_anggaran": [out["realisasi_anggaran"].sum(min_count=1)],
        }
    )
    if indikator is not None and len(indikator):
        kinerja = indikator.groupby("sasaran_kode")["capaian_thd_target_tahunan"].mean()
        out["capaian_kinerja"] = out["sasaran_kode"].map(kinerja).astype(float)
        covered = indikator["sasaran_kode"].isin(out["sasaran_kode"])
        total["capaian_kinerja"] = [
            float(indikator.loc[covered, "capaian_thd_target_tahunan"].mean())
        ]
    else:
        out["capaian_kinerja"] = np.nan
        total["capaian_kinerja"] = [np.nan]
    out = pd.concat([out, total], ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["capaian_anggaran"] = out["realisasi_anggaran"] / out["pagu"] * 100
        out["sisa_anggaran"] = out["pagu"] - out["realisasi_anggaran"]
        out["efisiensi"] = out["capaian_kinerja"] / out["capaian_anggaran"] * 100
    out.loc[out["pagu"] == 0, ["capaian_anggaran", "efisiensi"]] = np.nan
    return out
