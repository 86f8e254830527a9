"""Consolidating verified packages: the frames of the Kabupaten roll-up.

``rekap(paths)`` verifies every input (``rekap.periksa``) and builds ``Rekap``:
capaian per office, per indicator and per comparable indicator, the predikat
distribution, the offices missing a periode, a ranking with its caveats, the
refused packages, and the lineage of every figure (office, package path,
payload file, sha256). Only accepted packages contribute figures.

Comparable indicators: the same normalised name and satuan (case, punctuation
and spacing ignored, "persen"/"persentase" = "%"), or the same ``kunci`` in an
optional mapping file (CSV or XLSX with columns ``kunci`` and ``indikator``
and/or ``kode``, optionally ``satuan`` and ``kantor``). Each indicator row says
which rule made it comparable (``dasar_banding``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.errors import InputError
from kinerja.inti.model import Periode
from kinerja.rekap.periksa import HasilPaket, periksa

__all__ = ["Rekap", "baca_pemetaan", "kunci_banding", "rekap", "susun"]

URUTAN_PREDIKAT = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
_PERSEN = {"%", "persen", "persentase", "prosen", "prosentase"}


@dataclass(frozen=True)
class Rekap:
    """The consolidated roll-up (frames documented in the module docstring)."""

    hasil: tuple[HasilPaket, ...]
    periode_utama: str
    periode_harapan: tuple[str, ...]
    kantor: pd.DataFrame
    indikator: pd.DataFrame
    banding: pd.DataFrame
    predikat: pd.DataFrame
    kekurangan: pd.DataFrame
    peringkat: pd.DataFrame
    ditolak: pd.DataFrame
    jejak: pd.DataFrame
    catatan: tuple[str, ...]
    pemetaan: str = ""

    @property
    def diterima(self) -> list[HasilPaket]:
        return [h for h in self.hasil if h.utuh]

    @property
    def semua_utuh(self) -> bool:
        return all(h.utuh for h in self.hasil)

    def ringkasan(self) -> str:
        """A few Markdown lines: counts, refused inputs by name, the caveats."""
        ditolak = [h for h in self.hasil if not h.utuh]
        lines = [
            f"**Diperiksa:** {len(self.hasil)}; **diterima:** {len(self.diterima)}; "
            f"**ditolak:** {len(ditolak)}  ",
            f"**Periode utama:** {self.periode_utama or '-'}; **diharapkan:** "
            f"{', '.join(self.periode_harapan) or '-'}",
            "",
        ]
        for h in ditolak:
            kode = ", ".join(dict.fromkeys(m.kode for m in h.masalah))
            lines.append(f"- DITOLAK `{h.path.name}` ({h.label}): {kode}")
        lines += ["", *(f"> {c}  " for c in self.catatan)]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.ringkasan()


def _norm_text(s: pd.Series) -> pd.Series:
    text = s.fillna("").astype(str).map(lambda x: unicodedata.normalize("NFKC", x))
    return (
        text.str.casefold()
        .str.replace(r"[^\w%]+", " ", regex=True)
        .str.strip()
        # "Prosentase" is a common misspelling of "Persentase"
        .str.replace(r"\bprosentase\b", "persentase", regex=True)
    )


def _norm_satuan(s: pd.Series) -> pd.Series:
    text = _norm_text(s)
    return text.where(~text.isin(_PERSEN), "%")


def kunci_banding(indikator: pd.Series, satuan: pd.Series) -> pd.Series:
    """The comparison key of each indicator: normalised name and satuan."""
    return _norm_text(indikator) + " [" + _norm_satuan(satuan) + "]"


def baca_pemetaan(path: Path) -> pd.DataFrame:
    """A mapping file (CSV or XLSX): kunci + indikator and/or kode (+ satuan, kantor)."""
    path = Path(path)
    try:
        if path.suffix.casefold() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, engine="calamine", dtype=str)
        else:
            frame = pd.read_csv(path, sep=None, engine="python", dtype=str, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f'Berkas pemetaan "{path}" tidak ditemukan.') from None
    except Exception as exc:  # calamine/csv errors have no common type
        raise InputError(f'Berkas pemetaan "{path.name}" tidak dapat dibaca: {exc}') from None
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    if "kunci" not in frame.columns or not {"indikator", "kode"} & set(frame.columns):
        raise InputError(
            f'Berkas pemetaan "{path.name}" harus memuat kolom "kunci" dan kolom "indikator" '
            'atau "kode" (boleh juga "satuan" dan "kantor"). Kolom yang ada: '
            f"{', '.join(frame.columns)}."
        )
    for col in ("indikator", "kode", "satuan", "kantor"):
        frame[col] = frame[col].fillna("").astype(str).str.strip() if col in frame else ""
    frame["kunci"] = frame["kunci"].fillna("").astype(str).str.strip()
    empty = frame.index[frame["kunci"].eq("")]
    if len(empty):
        rows = ", ".join(str(i + 2) for i in empty[:5])
        raise InputError(f'Berkas pemetaan "{path.name}": kolom kunci kosong pada baris {rows}.')
    return frame


def _terapkan_pemetaan(ind: pd.DataFrame, peta: pd.DataFrame) -> pd.DataFrame:
    by_kode = peta[peta["kode"].ne("")]
    by_nama = peta[peta["kode"].eq("") & peta["indikator"].ne("")]
    kunci = pd.Series(pd.NA, index=ind.index, dtype=object)
    if len(by_kode):
        spesifik = by_kode[by_kode["kantor"].ne("")]
        umum = by_kode[by_kode["kantor"].eq("")]
        a = dict(
            zip(
                zip(spesifik["kantor"], spesifik["kode"], strict=True),
                spesifik["kunci"],
                strict=True,
            )
        )
        b = dict(zip(umum["kode"], umum["kunci"], strict=True))
        pairs = pd.Series(list(zip(ind["kantor_kode"], ind["kode"], strict=True)), index=ind.index)
        kunci = kunci.fillna(pairs.map(a)).fillna(ind["kode"].map(b))
    if len(by_nama):
        nama = _norm_text(by_nama["indikator"])
        sat = by_nama["satuan"]
        tanpa = dict(zip(nama[sat.eq("")], by_nama["kunci"][sat.eq("")], strict=True))
        dengan = dict(
            zip(
                nama[sat.ne("")] + " [" + _norm_satuan(sat[sat.ne("")]) + "]",
                by_nama["kunci"][sat.ne("")],
                strict=True,
            )
        )
        kunci = kunci.fillna(ind["kunci"].map(dengan)).fillna(
            _norm_text(ind["indikator"]).map(tanpa)
        )
    mapped = kunci.notna()
    out = ind.copy()
    out.loc[mapped, "kunci"] = "peta: " + kunci[mapped].astype(str)
    out.loc[mapped, "dasar_banding"] = "pemetaan"
    return out


def _num(values: Iterable[Any]) -> np.ndarray:
    return pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(float)


def _frames_kantor(ok: list[HasilPaket]) -> tuple[pd.DataFrame, pd.DataFrame]:
    kantor_rows, ind_frames = [], []
    for h in ok:
        d = h.data or {}
        k = d.get("hasil", {}).get("kantor", {})
        lineage = {
            "paket": str(h.path),
            "berkas_data": h.berkas_data,
            "sha256_data": h.sha256_data,
        }
        kantor_rows.append(
            {
                "kantor_kode": h.kantor_kode,
                "kantor": h.kantor_nama,
                "periode": h.periode,
                "capaian": k.get("capaian"),
                "predikat": k.get("predikat") or "",
                "n_valid": k.get("n_valid"),
                "n_total": k.get("n_total"),
                "sementara": bool(k.get("sementara")),
                "skala_predikat": d.get("skala_predikat", ""),
                "agregasi": (d.get("agregasi") or {}).get("metode", ""),
                **lineage,
            }
        )
        pk = pd.DataFrame(d.get("indikator", []))
        hasil = pd.DataFrame(d.get("hasil", {}).get("indikator", []))
        if pk.empty or hasil.empty:
            continue
        cols = ["kode", "indikator", "satuan", "polaritas", "jenis_periode", "jenis_target"]
        frame = pk.reindex(columns=[*cols, "target_tahunan"]).merge(
            hasil.reindex(columns=["kode", "capaian", "predikat", "lengkap"]), on="kode", how="left"
        )
        frame.insert(0, "periode", h.periode)
        frame.insert(0, "kantor", h.kantor_nama)
        frame.insert(0, "kantor_kode", h.kantor_kode)
        for key, value in lineage.items():
            frame[key] = value
        ind_frames.append(frame)
    kantor = pd.DataFrame(kantor_rows)
    if len(kantor):
        kantor["capaian"] = _num(kantor["capaian"])
        for col in ("n_valid", "n_total"):
            kantor[col] = pd.array(np.round(_num(kantor[col])), dtype="Int64")
    ind = pd.concat(ind_frames, ignore_index=True) if ind_frames else pd.DataFrame()
    if len(ind):
        ind["capaian"] = _num(ind["capaian"])
        ind["predikat"] = ind["predikat"].fillna("")
    return kantor, ind


def _banding(ind: pd.DataFrame) -> pd.DataFrame:
    if ind.empty:
        return pd.DataFrame()
    g = ind.groupby(["periode", "kunci"], sort=True)
    out = g.agg(
        indikator=("indikator", "first"),
        satuan=("satuan", "first"),
        dasar_banding=("dasar_banding", "first"),
        n_kantor=("kantor_kode", "nunique"),
        rata_rata=("capaian", "mean"),
        median=("capaian", "median"),
        minimum=("capaian", "min"),
        maksimum=("capaian", "max"),
        n_target_berbeda=("target_tahunan", lambda s: s.astype(str).nunique()),
        n_polaritas=("polaritas", "nunique"),
    ).reset_index()
    return out.sort_values(["periode", "n_kantor", "kunci"], ascending=[True, False, True])


def _predikat(kantor: pd.DataFrame, ind: pd.DataFrame) -> pd.DataFrame:
    frames = []
    for tingkat, frame in (("kantor", kantor), ("indikator", ind)):
        if frame.empty:
            continue
        p = frame["predikat"].replace("", "(tanpa predikat)")
        counts = p.groupby([frame["periode"], p]).size().rename("jumlah").reset_index()
        counts.columns = ["periode", "predikat", "jumlah"]
        counts["persen"] = counts["jumlah"] / counts.groupby("periode")["jumlah"].transform("sum")
        counts["persen"] *= 100
        counts.insert(0, "tingkat", tingkat)
        order = {v: i for i, v in enumerate(URUTAN_PREDIKAT)}
        counts["_o"] = counts["predikat"].map(order).fillna(len(order))
        frames.append(counts.sort_values(["periode", "_o", "predikat"]).drop(columns="_o"))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _sort_periode(values: Iterable[str]) -> list[str]:
    def key(p: str) -> tuple:
        try:
            x = Periode.parse(p)
            return (0, x.tahun, x.tw, x.tahunan)
        except Exception:
            return (1, 0, 0, p)

    return sorted(set(values), key=key)


def _kekurangan(hasil: Sequence[HasilPaket], harapan: Sequence[str]) -> pd.DataFrame:
    kantor: dict[str, str] = {}
    status: dict[tuple[str, str], tuple[str, str]] = {}
    for h in hasil:
        if not h.kantor_kode:
            continue
        kantor.setdefault(h.kantor_kode, h.kantor_nama)
        if h.utuh:
            status[(h.kantor_kode, h.periode)] = ("ada", "")
        elif status.get((h.kantor_kode, h.periode), ("",))[0] != "ada":
            first = h.masalah[0] if h.masalah else None
            why = f"[{first.kode}] {first.pesan}" if first else ""
            status[(h.kantor_kode, h.periode)] = ("ditolak", why)
    rows = []
    for kode in sorted(kantor):
        for p in harapan:
            st, why = status.get((kode, p), ("tidak ada", "paket periode ini tidak diterima"))
            if st != "ada":
                rows.append(
                    {"kantor_kode": kode, "kantor": kantor[kode], "periode": p, "status": st,
                     "keterangan": why}
                )  # fmt: skip
    return pd.DataFrame(rows, columns=["kantor_kode", "kantor", "periode", "status", "keterangan"])


def _peringkat(kantor: pd.DataFrame, ind: pd.DataFrame, periode: str) -> pd.DataFrame:
    k = kantor[kantor["periode"].eq(periode)].copy() if len(kantor) else kantor
    if k.empty:
        return pd.DataFrame()
    i = ind[ind["periode"].eq(periode)]
    n_kantor = k["kantor_kode"].nunique()
    spread = i.groupby("kunci")["kantor_kode"].nunique()
    common = i["kunci"].map(spread).fillna(0) >= max(2, n_kantor / 2)
    share = common.groupby(i["kantor_kode"]).mean() * 100
    k["indikator_sebanding_persen"] = k["kantor_kode"].map(share).fillna(0.0)
    k["peringkat"] = k["capaian"].rank(method="min", ascending=False).astype("Int64")
    skala = k["skala_predikat"].mode().iloc[0] if len(k) else ""
    metode = k["agregasi"].mode().iloc[0] if len(k) else ""
    notes = pd.Series("", index=k.index, dtype=object)
    notes = notes.where(~k["sementara"], notes + "sementara; ")
    notes = notes.where(k["skala_predikat"].eq(skala), notes + "skala predikat lain; ")
    notes = notes.where(k["agregasi"].eq(metode), notes + "metode agregasi lain; ")
    notes = notes.where(
        k["indikator_sebanding_persen"] >= 50, notes + "< 50% indikator sebanding; "
    )
    k["catatan"] = notes.str.rstrip("; ")
    cols = [
        "peringkat", "kantor", "kantor_kode", "capaian", "predikat", "n_valid", "n_total",
        "sementara", "indikator_sebanding_persen", "skala_predikat", "agregasi", "catatan",
        "paket", "berkas_data", "sha256_data",
    ]  # fmt: skip
    return k.sort_values(["peringkat", "kantor"])[cols].reset_index(drop=True)


def _catatan(
    kantor: pd.DataFrame, banding: pd.DataFrame, ditolak: int, pemetaan: str, n_peta: int
) -> list[str]:
    out = [
        "Indikator dianggap sebanding bila nama dan satuannya sama setelah dinormalkan (huruf "
        'besar-kecil, tanda baca dan spasi diabaikan; "persen" dan "persentase" = "%")'
        + (
            f', atau bila berkas pemetaan "{pemetaan}" ({n_peta} baris) memberinya kunci yang sama.'
            if pemetaan
            else "; tidak ada berkas pemetaan yang dipakai."
        ),
        "Peringkat membandingkan capaian kantor, yaitu rata-rata capaian indikator kantor itu "
        "sendiri. Tiap kantor mengukur indikator dan target yang berbeda, sehingga peringkat "
        "bukan ukuran kinerja yang setara: bacalah bersama kolom indikator sebanding dan catatan.",
    ]
    if len(kantor):
        n_s = int(kantor["sementara"].sum())
        if n_s:
            out.append(
                f"{n_s} kantor-periode berstatus sementara (ada indikator wajib tanpa realisasi): "
                "capaiannya dapat berubah setelah realisasi lengkap."
            )
        for col, label in (("skala_predikat", "skala predikat"), ("agregasi", "metode agregasi")):
            values = sorted(set(kantor[col]) - {""})
            if len(values) > 1:
                out.append(f"Kantor memakai {label} yang berbeda ({', '.join(values)}).")
    if len(banding):
        beda = banding[(banding["n_kantor"] > 1) & (banding["n_target_berbeda"] > 1)]
        if len(beda):
            out.append(
                f"{len(beda)} kelompok indikator sebanding memiliki target yang berbeda antar "
                "kantor: capaian yang sama tidak berarti hasil yang sama."
            )
    if ditolak:
        out.append(
            f"{ditolak} paket ditolak karena gagal verifikasi dan tidak ikut direkap (lihat "
            "lembar Ditolak)."
        )
    return out


def susun(
    hasil: Sequence[HasilPaket],
    *,
    periode: Sequence[str] = (),
    pemetaan: Path | None = None,
) -> Rekap:
    """Consolidate verified results (``rekap.periksa``) into a ``Rekap``."""
    ok = [h for h in hasil if h.utuh]
    kantor, ind = _frames_kantor(ok)
    peta = baca_pemetaan(pemetaan) if pemetaan else None
    if len(ind):
        ind["kunci"] = kunci_banding(ind["indikator"], ind["satuan"])
        ind["dasar_banding"] = "nama+satuan"
        if peta is not None:
            ind = _terapkan_pemetaan(ind, peta)
    harapan = tuple(_sort_periode(str(Periode.parse(p)) for p in periode)) or tuple(
        _sort_periode(h.periode for h in hasil if h.periode)
    )
    seen = _sort_periode(kantor["periode"]) if len(kantor) else []
    utama = harapan[-1] if periode else (seen[-1] if seen else "")
    banding = _banding(ind)
    ditolak = pd.DataFrame(
        [
            {
                "paket": str(h.path),
                "kantor_kode": h.kantor_kode,
                "kantor": h.kantor_nama,
                "periode": h.periode,
                "kode": ", ".join(dict.fromkeys(m.kode for m in h.masalah)),
                "masalah": "; ".join(
                    f"{m.objek}: {m.pesan}" if m.objek else m.pesan for m in h.masalah[:8]
                ),
                "jumlah_masalah": len(h.masalah),
            }
            for h in hasil
            if not h.utuh
        ],
        columns=["paket", "kantor_kode", "kantor", "periode", "kode", "masalah", "jumlah_masalah"],
    )
    jejak = pd.DataFrame(
        [
            {
                "kantor_kode": h.kantor_kode,
                "kantor": h.kantor_nama,
                "periode": h.periode,
                "jenis": h.jenis,
                "paket": str(h.path),
                "berkas_data": h.berkas_data,
                "sha256_data": h.sha256_data,
                "cara": h.cara,
                "tanggal_paket": h.info.get("Bagging-Date", ""),
                "hash_peristiwa_terakhir": h.info.get("Hash-Peristiwa-Terakhir", ""),
                "tanda_tangan": h.tanda_tangan,
                "catatan": " ".join(h.catatan),
            }
            for h in ok
        ]
    )
    return Rekap(
        hasil=tuple(hasil),
        periode_utama=utama,
        periode_harapan=harapan,
        kantor=kantor,
        indikator=ind,
        banding=banding,
        predikat=_predikat(kantor, ind),
        kekurangan=_kekurangan(hasil, harapan),
        peringkat=_peringkat(kantor, ind, utama) if utama else pd.DataFrame(),
        ditolak=ditolak,
        jejak=jejak,
        catatan=tuple(
            _catatan(
                kantor,
                banding,
                len(ditolak),
                pemetaan.name if pemetaan else "",
                0 if peta is None else len(peta),
            )
        ),  # fmt: skip
        pemetaan=str(pemetaan or ""),
    )


def rekap(
    paths: Iterable[Path],
    *,
    akar: Sequence[Path] = (),
    periode: Sequence[str] = (),
    pemetaan: Path | None = None,
    pekerja: int = 1,
    laporan: Any = None,
) -> Rekap:
    """Verify every input and consolidate the accepted ones (see the module docstring)."""
    periode = [str(Periode.parse(p)) for p in periode]
    if pemetaan is not None:
        baca_pemetaan(pemetaan)  # a bad mapping file fails before the long verification
    hasil = periksa(paths, akar=akar, periode=periode, pekerja=pekerja, laporan=laporan)
    return susun(hasil, periode=periode, pemetaan=pemetaan)
