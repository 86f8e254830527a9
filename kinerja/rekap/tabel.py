"""Consolidating verified packages: the frames of the Kabupaten roll-up.

``rekap(paths)`` verifies every input (``rekap.periksa``) and builds ``Rekap``:
capaian per office, per indicator and per comparable indicator, the predikat
distribution, the offices missing a periode, a ranking with its caveats, the
refused packages, those listed apart, and the lineage of every figure (office,
package path, payload file, sha256). Only accepted packages contribute figures:
verified, their figures from a signed document a trusted root vouches for (or
``terima_tanpa_ttd``), one per office and periode (``rekap.status``).

Which indicators are comparable is ``rekap.banding``'s rule (each indicator row
says which rule made it comparable: ``dasar_banding``); the ranking and the
caveats are ``rekap.peringkat``'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kinerja.arsip.masalah import baris_masalah
from kinerja.inti.model import Periode
from kinerja.inti.notasi import dari_mesin
from kinerja.rekap.banding import baca_pemetaan, kunci_banding, terapkan_pemetaan
from kinerja.rekap.hasil import HasilPaket
from kinerja.rekap.periksa import periksa, periksa_akar
from kinerja.rekap.peringkat import catatan_rekap, peringkat
from kinerja.rekap.status import KOLOM_TERPISAH, terpisah, tetapkan_status

__all__ = ["URUTAN_PREDIKAT", "Rekap", "rekap", "susun"]

URUTAN_PREDIKAT = ("Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah")
#: An indicator's result as the package gives it; ``target``/``realisasi`` (the values its
#: capaian comes from) are in packages since numbers travel as JSON numbers.
_HASIL = ["capaian", "predikat", "lengkap"]


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
    terpisah: pd.DataFrame = dataclasses.field(
        default_factory=lambda: pd.DataFrame(columns=KOLOM_TERPISAH)
    )
    terima_tanpa_ttd: bool = False

    @property
    def diterima(self) -> list[HasilPaket]:
        """The accepted inputs (the only ones that contribute figures)."""
        return [h for h in self.hasil if h.status == "diterima"]

    @property
    def semua_utuh(self) -> bool:
        """Whether every input was verified and counted (a superseded duplicate counts once)."""
        return all(h.status in ("diterima", "ganda") for h in self.hasil)

    def ringkasan(self) -> str:
        """A few Markdown lines: counts, refused inputs by name, the caveats."""
        ditolak = [h for h in self.hasil if h.status == "ditolak"]
        apart = [h for h in self.hasil if h.status not in ("diterima", "ditolak")]
        lines = [
            f"**Diperiksa:** {len(self.hasil)}; **diterima:** {len(self.diterima)}; "
            f"**ditolak:** {len(ditolak)}; **tidak diperingkat:** {len(apart)}  ",
            f"**Periode utama:** {self.periode_utama or '-'}; **diharapkan:** "
            f"{', '.join(self.periode_harapan) or '-'}",
            "",
        ]
        for h in ditolak:
            kode = ", ".join(dict.fromkeys(m.kode for m in h.masalah))
            lines.append(f"- DITOLAK `{h.path.name}` ({h.label}): {kode}")
        for h in apart:
            lines.append(f"- {h.status.upper()} `{h.path.name}` ({h.label}): {h.keterangan}")
        lines += ["", *(f"> {c}  " for c in self.catatan)]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.ringkasan()


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
                "ttd": h.ttd,
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
        pk_cols = [*cols, "target_tahunan", "skala", "rumus_negatif"]
        frame = pk.reindex(columns=pk_cols).merge(
            hasil.reindex(columns=["kode", "target", "realisasi", *_HASIL]), on="kode", how="left"
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
        for col in ("target_tahunan", "target", "realisasi"):  # number cells in xlsx
            ind[col] = dari_mesin(ind[col].astype(object).where(ind[col].notna(), None))
        # the rule of a negative indicator only (as pengukuran.csv): hitung reads it back
        ind["rumus_negatif"] = ind["rumus_negatif"].where(ind["polaritas"].eq("negatif"), "")
        ind[["skala", "rumus_negatif"]] = ind[["skala", "rumus_negatif"]].fillna("")
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
        if h.status == "diterima":
            status[(h.kantor_kode, h.periode)] = ("ada", "")
        elif h.status == "ganda" or status.get((h.kantor_kode, h.periode), ("",))[0] == "ada":
            continue
        elif h.status == "ditolak":
            first = h.masalah[0] if h.masalah else None
            why = baris_masalah(first) if first else ""
            status[(h.kantor_kode, h.periode)] = ("ditolak", why)
        else:
            status[(h.kantor_kode, h.periode)] = ("tidak diperingkat", h.keterangan)
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


def _ditolak(hasil: Sequence[HasilPaket]) -> pd.DataFrame:
    """The refused inputs: their office, periode, problem codes and first problems."""
    return pd.DataFrame(
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
            if h.status == "ditolak"
        ],
        columns=["paket", "kantor_kode", "kantor", "periode", "kode", "masalah", "jumlah_masalah"],
    )


def _jejak(ok: Sequence[HasilPaket]) -> pd.DataFrame:
    """The lineage of every accepted figure: package, data file, sha256, signature check.

    The package by its name (the sha256 identifies its data): this table is printed in
    the rekap PDF, which travels; a local folder of this machine means nothing there.
    """
    return pd.DataFrame(
        [
            {
                "kantor_kode": h.kantor_kode,
                "kantor": h.kantor_nama,
                "periode": h.periode,
                "jenis": h.jenis,
                "paket": h.path.name,  # its name, never a path of the machine that made it
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


def _sah(periode: str) -> bool:
    try:
        Periode.parse(periode)
    except Exception:  # a periode read from a package: not ours to trust
        return False
    return True


def susun(
    hasil: Sequence[HasilPaket],
    *,
    periode: Sequence[str] = (),
    pemetaan: Path | None = None,
    terima_tanpa_ttd: bool = False,
) -> Rekap:
    """Consolidate verified results (``rekap.periksa``) into a ``Rekap``."""
    hasil = tetapkan_status(hasil, terima_tanpa_ttd=terima_tanpa_ttd)
    ok = [h for h in hasil if h.status == "diterima"]
    kantor, ind = _frames_kantor(ok)
    peta = baca_pemetaan(pemetaan) if pemetaan else None
    if len(ind):
        ind["kunci"] = kunci_banding(ind["indikator"], ind["satuan"])
        ind["dasar_banding"] = "nama+satuan"
        if peta is not None:
            ind = terapkan_pemetaan(ind, peta)
    harapan = tuple(_sort_periode(str(Periode.parse(p)) for p in periode)) or tuple(
        _sort_periode(h.periode for h in hasil if h.periode and _sah(h.periode))
    )
    seen = _sort_periode(p for p in kantor["periode"] if _sah(p)) if len(kantor) else []
    # the newest ranked periode, else the expected one or the newest seen (the file's name)
    utama = seen[-1] if seen and not periode else (harapan[-1] if harapan else "")
    banding = _banding(ind)
    ditolak = _ditolak(hasil)
    apart = terpisah(hasil)
    return Rekap(
        hasil=tuple(hasil),
        periode_utama=utama,
        periode_harapan=harapan,
        kantor=kantor,
        indikator=ind,
        banding=banding,
        predikat=_predikat(kantor, ind),
        kekurangan=_kekurangan(hasil, harapan),
        peringkat=peringkat(kantor, ind, utama) if utama else pd.DataFrame(),
        ditolak=ditolak,
        jejak=_jejak(ok),
        catatan=tuple(
            catatan_rekap(
                kantor,
                banding,
                len(ditolak),
                pemetaan.name if pemetaan else "",
                0 if peta is None else len(peta),
                apart,
                terima_tanpa_ttd,
            )
        ),  # fmt: skip
        pemetaan=str(pemetaan or ""),
        terpisah=apart,
        terima_tanpa_ttd=terima_tanpa_ttd,
    )


def rekap(
    paths: Iterable[Path],
    *,
    akar: Sequence[Path] = (),
    periode: Sequence[str] = (),
    pemetaan: Path | None = None,
    pekerja: int = 1,
    laporan: Any = None,
    terima_tanpa_ttd: bool = False,
    penanda: Mapping[str, str] | None = None,
) -> Rekap:
    """Verify every input and consolidate the accepted ones (see the module docstring).

    Without ``akar`` no signature can be trusted: every package is listed apart
    unless ``terima_tanpa_ttd``. ``penanda``: office kode → NIP of its signer
    (``rekap.penanda.baca_penanda``); a document signed by another is listed apart.
    """
    periode = [str(Periode.parse(p)) for p in periode]
    if pemetaan is not None:
        baca_pemetaan(pemetaan)  # a bad mapping file fails before the long verification
    periksa_akar(akar)  # an unreadable root fails before the long verification
    hasil = periksa(
        paths, akar=akar, periode=periode, pekerja=pekerja, laporan=laporan, penanda=penanda
    )
    return susun(hasil, periode=periode, pemetaan=pemetaan, terima_tanpa_ttd=terima_tanpa_ttd)
