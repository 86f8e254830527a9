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

from kinerja.inti.capaian import round_half_up_array
from kinerja.inti.model import Periode
from kinerja.inti.predikat import SkalaOrdinal, SkalaPredikat, load_skala_predikat
from kinerja.inti.ukur_blok import BLOK, TW, realisasi_grid, ukur_blok

__all__ = [
    "OpsiAgregasi",
    "Pengukuran",
    "capaian_anggaran",
    "capaian_kantor",
    "capaian_sasaran",
    "ukur",
]


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
    kode = ind["kode"]
    r_raw = realisasi_grid(realisasi, kode, "realisasi")
    rows = len(ind)
    kolom: dict[str, np.ndarray] = {}
    r_num = np.empty((rows, 4))
    t_hi = np.empty((rows, 4))
    notes: dict[int, list[pd.DataFrame]] = {tw: [] for tw in TW}
    for a in range(0, max(rows, 1), BLOK):  # each block written into the result at once
        blok = ukur_blok(ind.iloc[a : a + BLOK], r_raw[a : a + BLOK], periode.tw, skala, ordinal)
        for name, values in blok.kolom.items():
            kolom.setdefault(name, np.empty(rows, dtype=values.dtype))[a : a + BLOK] = values
        r_num[a : a + BLOK] = blok.r_num
        t_hi[a : a + BLOK] = blok.t_hi
        for tw, frame in blok.notes.items():
            notes[tw].append(frame)
    kolom["predikat"] = pd.Series(kolom["predikat"], dtype=object, copy=False)
    if ind.columns.intersection(list(kolom)).empty:
        # the arrays are this call's own: joined without the copy each setitem makes
        out = pd.concat([ind, pd.DataFrame(kolom, copy=False)], axis=1)
    else:  # a frame that already holds results: those columns are replaced in place
        out = ind.copy(deep=False)
        for name, values in kolom.items():
            out[name] = values

    cols = pd.Index(list(TW), name="tw")
    index = pd.Index(kode.to_numpy())
    r_frame = pd.DataFrame(r_num, index=index, columns=cols, copy=False)
    t_frame = pd.DataFrame(t_hi, index=index, columns=cols, copy=False)
    noted = [frame for tw in TW for frame in notes[tw]]  # TW by TW, in PK order
    temuan = (
        pd.concat(noted, ignore_index=True)
        if noted
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
    valid = tabel["capaian_tw"].notna()
    w = tabel["bobot"].astype(float).fillna(1.0) if opsi.metode == "berbobot" else 1.0
    # only the columns the sums need (a copy of the whole table is costly at scale)
    df = pd.DataFrame(
        {
            "sasaran_kode": tabel["sasaran_kode"],
            "sasaran": tabel["sasaran"],
            "kode": tabel["kode"],
            "_wx": _for_mean(tabel["capaian_tw"], opsi) * w,
            "_wv": (w if isinstance(w, pd.Series) else pd.Series(w, index=tabel.index)).where(
                valid, 0.0
            ),
            "_valid": valid,
            "_capai": tabel["capaian_tw_2d"] >= 100,
            "_missing_wajib": tabel["wajib"].astype(bool) & ~tabel["lengkap"].astype(bool),
        },
        copy=False,
    )
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
    efficient. A total row ("Jumlah") is appended. When ``program`` has the
    disbursement plan ``rencana_tw1..4``, ``rencana_sd`` (plan s.d. TW n) and
    ``capaian_rencana`` (realisasi against it) are added.

    A missing report is never Rp0 (domain.md §1.6, §2 kumulatif): a program whose
    realisasi of any quarter up to TW n is empty has no realisasi s.d. TW n (NaN, so no
    capaian, sisa or efisiensi), and ``dilaporkan`` is False on its row. The "Jumlah"
    row then sums only the programs that reported (pagu, plan and realisasi alike, and
    capaian kinerja over their sasaran), like capaian kantor over the measured indikator
    (§3), and its ``dilaporkan`` is False: the total is *sementara*. When no program
    with pagu reported, the row keeps the whole pagu and has no realisasi.
    """
    spent = realisasi_anggaran[realisasi_anggaran["tw"].astype(int) <= periode.tw]
    spent = spent[spent["realisasi_anggaran"].notna()]
    per_program = spent.groupby("kode")["realisasi_anggaran"].sum()
    lengkap = program["kode"].map(spent.groupby("kode")["tw"].nunique()).eq(periode.tw)
    out = program.copy()
    out["pagu"] = out["pagu"].astype(float)
    out["realisasi_anggaran"] = out["kode"].map(per_program).astype(float).where(lengkap)
    out["dilaporkan"] = out["realisasi_anggaran"].notna()
    belum = out["pagu"].gt(0) & ~out["dilaporkan"]
    basis = out[~belum] if (out["pagu"].gt(0) & ~belum).any() else out
    total = pd.DataFrame(
        {
            "kode": [""],
            "program": ["Jumlah"],
            "pagu": [basis["pagu"].sum()],
            "realisasi_anggaran": [basis["realisasi_anggaran"].sum(min_count=1)],
            "dilaporkan": [not belum.any()],
        }
    )
    if indikator is not None and len(indikator):
        kinerja = indikator.groupby("sasaran_kode")["capaian_thd_target_tahunan"].mean()
        out["capaian_kinerja"] = out["sasaran_kode"].map(kinerja).astype(float)
        covered = indikator["sasaran_kode"].isin(basis["sasaran_kode"])
        total["capaian_kinerja"] = [
            float(indikator.loc[covered, "capaian_thd_target_tahunan"].mean())
        ]
    else:
        out["capaian_kinerja"] = np.nan
        total["capaian_kinerja"] = [np.nan]
    rencana = [f"rencana_tw{tw}" for tw in TW]
    if all(c in out.columns for c in rencana):  # optional: the disbursement plan per TW
        plan = out[rencana[: periode.tw]].apply(pd.to_numeric, errors="coerce").astype(float)
        out["rencana_sd"] = plan.sum(axis=1, min_count=periode.tw)
        dasar = out.loc[basis.index]  # the programs the total counts
        total["rencana_sd"] = [dasar["rencana_sd"].sum(min_count=len(dasar))]
        for c in rencana:  # the plan of the budget per TW, for the xlsx export
            total[c] = [pd.to_numeric(dasar[c], errors="coerce").sum(min_count=len(dasar))]
    out = pd.concat([out, total], ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        if "rencana_sd" in out.columns:
            plan_sd = out["rencana_sd"].where(out["rencana_sd"] != 0)
            out["capaian_rencana"] = out["realisasi_anggaran"] / plan_sd * 100
        out["capaian_anggaran"] = out["realisasi_anggaran"] / out["pagu"] * 100
        out["sisa_anggaran"] = out["pagu"] - out["realisasi_anggaran"]
        serapan = out["capaian_anggaran"].where(out["capaian_anggaran"] != 0)  # 0: no ratio
        out["efisiensi"] = out["capaian_kinerja"] / serapan * 100
    out.loc[out["pagu"] == 0, ["capaian_anggaran", "efisiensi"]] = np.nan
    return out
