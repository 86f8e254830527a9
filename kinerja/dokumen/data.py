"""What the Dokumen Pengukuran Kinerja prints, as plain data: ``DokumenData``.

``load_dokumen_data`` reads the office's PK and realisasi and measures the
periode (or takes a measurement already made); ``tren_capaian`` measures every
quarter up to the periode for the trend chart. Nothing here reads the clock: the
print date is ``tanggal_cetak``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.kelengkapan import kelengkapan
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import OpsiAgregasi, Pengukuran, capaian_anggaran, ukur
from kinerja.kantor.katalog import Kantor, predikat_skala_kantor
from kinerja.kantor.pk import PerjanjianKinerja, load_pk

__all__ = ["DokumenData", "dokumen_id", "load_dokumen_data", "tren_capaian"]


@dataclass(frozen=True)
class DokumenData:
    """Everything the document prints; nothing is read from files or the clock later."""

    kantor: Kantor
    pk: PerjanjianKinerja
    pengukuran: Pengukuran
    anggaran: pd.DataFrame  # pengukuran.capaian_anggaran
    realisasi_long: pd.DataFrame  # kendala / tindak lanjut per unit
    tanggal_cetak: dt.date
    kelengkapan: pd.DataFrame | None = None  # unit, kode, tw, status
    keputusan: list[dict[str, Any]] | None = None  # temuan, keputusan, peninjau, alasan
    sop_langkah: list[dict[str, Any]] | None = None
    nomor: str = ""
    versi: int = 1
    revisi: int = 0
    alasan_revisi: str = ""
    draf: bool = False
    sumber_data: str = ""
    tren: pd.DataFrame | None = field(default=None, repr=False)  # tw, seri, capaian

    @property
    def periode(self) -> Periode:
        return self.pengukuran.periode


def _opsi(kantor: Kantor) -> OpsiAgregasi:
    return OpsiAgregasi(
        metode=kantor.opsi("agregasi", "metode", "rata_rata"),
        batas_atas=kantor.opsi("agregasi", "batas_atas"),
    )


def load_dokumen_data(
    kantor: Kantor,
    periode: str | Periode,
    *,
    tanggal_cetak: dt.date,
    ukuran: Any = None,
    **kwargs: Any,
) -> DokumenData:
    """Load the PK and realisasi (``sumber.load_realisasi``) and measure ``periode``.

    ``ukuran``: a measurement already made (``langkah.Ukuran``: PK, result,
    realisasi, anggaran, source), used as it is instead of loading and measuring
    again. ``kwargs`` go to ``DokumenData`` (nomor, versi, revisi, draf, keputusan,
    …) and the completeness matrix (``kinerja.inti.kelengkapan``).
    """
    periode = Periode.parse(periode)
    if ukuran is None:
        pk = load_pk(kantor, periode.tahun)
        realisasi, anggaran_long, sumber = load_realisasi(kantor, periode.tahun)
        skala = predikat_skala_kantor(kantor)
        opsi = _opsi(kantor)
        p = ukur(pk.indikator, realisasi, periode, skala=skala, ordinal=pk.ordinal, opsi=opsi)
        anggaran = capaian_anggaran(pk.program, anggaran_long, periode, indikator=p.indikator)
    else:
        pk, p, realisasi, anggaran = ukuran.pk, ukuran.hasil, ukuran.realisasi, ukuran.anggaran
        sumber = ukuran.sumber
    kwargs.setdefault("sumber_data", sumber)
    if "kelengkapan" not in kwargs:
        kwargs["kelengkapan"] = kelengkapan(pk.indikator, realisasi, periode)
    return DokumenData(
        kantor=kantor,
        pk=pk,
        pengukuran=p,
        anggaran=anggaran,
        realisasi_long=realisasi,
        tanggal_cetak=tanggal_cetak,
        **kwargs,
    )


def dokumen_id(kantor: Kantor, periode: Periode) -> str:
    """The document's stable id: ``pengukuran-<kantor>-<periode>``."""
    return f"pengukuran-{kantor.kode}-{periode}"


def tren_capaian(data: DokumenData) -> pd.DataFrame:
    """Capaian s.d. TW 1..n for the office and per sasaran (computed by ``ukur``).

    Long frame: ``tw``, ``seri`` ("Kantor" or "<kode> <sasaran>"), ``capaian``
    (2 decimals) and, on the office's rows, that quarter's ``indikator`` frame.
    ``data.tren``, when given, is returned as it is.
    """
    if data.tren is not None:
        return data.tren
    p = data.pengukuran
    rows = []
    for tw in range(1, p.periode.tw + 1):
        q = (
            p
            if tw == p.periode.tw
            else ukur(
                data.pk.indikator,
                data.realisasi_long,
                Periode(p.periode.tahun, tw),
                skala=p.skala,
                ordinal=data.pk.ordinal,
                opsi=p.opsi,
            )
        )
        rows.append(
            {
                "tw": tw,
                "seri": "Kantor",
                "capaian": q.kantor["capaian_2d"],
                "indikator": q.indikator,
            }
        )
        for kode, nama, cap in zip(
            q.sasaran["sasaran_kode"], q.sasaran["sasaran"], q.sasaran["capaian_2d"], strict=True
        ):
            rows.append({"tw": tw, "seri": f"{kode} {nama}", "capaian": cap, "indikator": None})
    return pd.DataFrame(rows)
