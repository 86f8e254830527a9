"""Which verified packages the roll-up ranks: only what a trusted signature vouches for, once.

``tetapkan_status(hasil)`` gives every result its ``status``:

- ``ditolak``: a problem was found (``HasilPaket.masalah``);
- ``tanpa-ttd`` / ``tidak-terpercaya``: verified, but the figures do not come from
  a signed document whose certificate a root given with ``--akar`` vouches for;
  listed apart, never ranked, unless ``terima_tanpa_ttd`` (then ``diterima``, and
  the ranking says so);
- ``penanda-lain``: the signed document's certificate is not the office's signer's
  (``rekap.penanda``): listed apart and never ranked, ``terima_tanpa_ttd`` or not;
- ``ganda``: a second package of the same office and periode; the newer signed
  one wins (trusted first, then signing time, bagging date, events), the other is
  listed with the name of the one that counts;
- ``diterima``: ranked.

``terpisah(hasil)`` is the frame of those listed apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pandas as pd

from kinerja.rekap.hasil import STATUS_TERPISAH, HasilPaket

__all__ = ["KOLOM_TERPISAH", "LABEL_STATUS", "SARAN_OPSI", "terpisah", "tetapkan_status"]

KOLOM_TERPISAH = ["paket", "kantor_kode", "kantor", "periode", "status", "keterangan"]

#: What a person reads for a status in a document (the code stays in machine columns).
LABEL_STATUS = {
    "diterima": "Diterima",
    "ditolak": "Ditolak",
    "tanpa-ttd": "Tanpa tanda tangan elektronik",
    "tidak-terpercaya": "Sertifikat tidak terpercaya",
    "penanda-lain": "Penanda tangan lain",
    "ganda": "Ganda",
}
#: The command-line hint for a status (stderr of ``kinerja rekap`` only, never a document).
SARAN_OPSI = {
    "tanpa-ttd": "--terima-tanpa-ttd untuk tetap memakainya",
    "tidak-terpercaya": "--akar sertifikat akar yang dipercaya, atau --terima-tanpa-ttd untuk "
    "tetap memakainya",
}

_ALASAN = {
    "tanpa-ttd": (
        "angka tidak berasal dari dokumen bertanda tangan elektronik; tidak diperingkat. Bila "
        "perlu, minta kantornya mengirim paket dengan dokumen bertanda tangan elektronik"
    ),
    "tidak-terpercaya": "dokumen bertanda tangan {ttd}; tidak diperingkat",
    "penanda-lain": (
        "penanda tangan dokumen bukan pejabat kantor: {ttd}; tidak dipercaya dan tidak diperingkat"
    ),
}

#: A package whose document was signed in wet ink: by design not ranked (only an electronic
#: signature can be checked by the Kabupaten), but its scans travel in the package.
_BASAH = "ditandatangani basah; pindaian terlampir di paket; tidak diperingkat"


def _bukti_basah(h: HasilPaket) -> bool:
    """Whether a package carries wet-ink signing records (``data/tte/basah-*.json``)."""
    tte = h.path / "data" / "tte"
    return h.jenis == "paket" and tte.is_dir() and any(tte.glob("basah-*.json"))


def _urutan(h: HasilPaket) -> tuple:
    """Newer and better signed sorts last (the winner of a duplicate group)."""
    try:
        n_peristiwa = int(h.info.get("Jumlah-Peristiwa", "0"))
    except ValueError:
        n_peristiwa = 0
    return (
        h.ttd == "terpercaya",
        h.ttd != "tanpa-ttd",
        h.waktu_ttd,
        h.info.get("Bagging-Date", ""),
        n_peristiwa,
        str(h.path),
    )


def tetapkan_status(
    hasil: Sequence[HasilPaket], *, terima_tanpa_ttd: bool = False
) -> list[HasilPaket]:
    """Copies of ``hasil`` with ``status`` and ``keterangan`` set (see the module docstring)."""
    out = []
    for h in hasil:  # one per package, not per data row
        if not h.utuh:
            out.append(dataclasses.replace(h, status="ditolak", keterangan=""))
        elif h.ttd == "terpercaya" or (terima_tanpa_ttd and h.ttd != "penanda-lain"):
            out.append(dataclasses.replace(h, status="diterima", keterangan=""))
        else:
            status = h.ttd if h.ttd in _ALASAN else "tanpa-ttd"
            alasan = _BASAH if status == "tanpa-ttd" and _bukti_basah(h) else _ALASAN[status]
            why = alasan.format(ttd=h.tanda_tangan)
            out.append(dataclasses.replace(h, status=status, keterangan=why))
    groups: dict[tuple[str, str], list[int]] = {}
    for i, h in enumerate(out):
        if h.status == "diterima":
            groups.setdefault((h.kantor_kode, h.periode), []).append(i)
    for idx in groups.values():
        if len(idx) < 2:
            continue
        winner = max(idx, key=lambda i: _urutan(out[i]))
        w = out[winner]
        for i in idx:
            if i != winner:
                out[i] = dataclasses.replace(
                    out[i],
                    status="ganda",
                    keterangan=(
                        f"paket kedua untuk {w.kantor_nama or w.kantor_kode} {w.periode}; "
                        f"dihitung sekali dari paket {w.path}"
                        + (f" (ditandatangani {w.waktu_ttd})" if w.waktu_ttd else "")
                    ),
                )
    return out


def terpisah(hasil: Sequence[HasilPaket]) -> pd.DataFrame:
    """The verified packages listed apart (never ranked), with why."""
    return pd.DataFrame(
        [
            {
                "paket": str(h.path),
                "kantor_kode": h.kantor_kode,
                "kantor": h.kantor_nama,
                "periode": h.periode,
                "status": h.status,
                "keterangan": h.keterangan,
            }
            for h in hasil
            if h.status in STATUS_TERPISAH
        ],
        columns=KOLOM_TERPISAH,
    )
