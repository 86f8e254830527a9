"""The document's appendix of decisions (Lampiran A) and the one DRAF rule.

Every finding of the periode with its decision, reviewer and reason, the decided
findings the unit's corrected form made disappear, and the year's earlier
corrections still in force (or superseded by a resubmission). ``error_terbuka``
says which rows keep the document a DRAF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kinerja.inti.errors import ERROR, Temuan
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.validasi.keputusan import STATUS, STATUS_KEPUTUSAN, Keputusan
from kinerja.validasi.koreksi_nilai import koreksi_sebelumnya
from kinerja.validasi.ledger import keputusan_berlaku, riwayat, tinjauan
from kinerja.validasi.pesan import judul_temuan

__all__ = ["error_terbuka", "keputusan_untuk_dokumen"]


def error_terbuka(lampiran: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The one DRAF rule, on the appendix rows of :func:`keputusan_untuk_dokumen`: the
    error-level findings still in the data and not decided (open or returned to the unit).
    A document is a DRAF while this list is not empty; the rows say why."""
    return [
        r
        for r in lampiran
        if r["masih_ada"] and r["tingkat"] == ERROR and r["status"] in ("terbuka", "dikembalikan")
    ]


def keputusan_untuk_dokumen(
    kantor: Kantor | str | Path, periode: Periode | str
) -> list[dict[str, Any]]:
    """The document's appendix: every finding with its decision, reviewer and reason.

    Also lists decided findings that no longer appear (the unit's corrected form
    fixed the data) with ``masih_ada`` false. Values are plain text for printing.
    """
    k = as_kantor(kantor)
    ditinjau = tinjauan(k, periode)
    berlaku = keputusan_berlaku(k, periode)
    seen = {d.id for d in ditinjau}
    out = []
    for d in ditinjau:
        out.append(_lampiran(d.temuan.kode, d.temuan, d.keputusan, d.status, d.versi, True))
    for ident, kep in berlaku.items():
        if ident not in seen:
            versi = len(riwayat(k, periode, ident))
            out.append(
                _lampiran(kep.kode, None, kep, STATUS_KEPUTUSAN[kep.keputusan], versi, False)
            )
    out += _koreksi_sebelumnya(k, Periode.parse(periode))
    for i, row in enumerate(out, start=1):
        row["no"] = i
    return out


def _koreksi_sebelumnya(k: Kantor, p: Periode) -> list[dict[str, Any]]:
    """Appendix rows for the year's earlier reviews' corrections, in force or superseded."""
    rows = []
    for kep, gone in koreksi_sebelumnya(k, p):
        row = _lampiran(kep.kode, None, kep, "dikoreksi", 1, False)
        pada = f"Dikoreksi pada tinjauan {kep.periode}"
        row["status_teks"] = pada + ("; digantikan kiriman ulang unit" if gone else "")
        # the appendix prints keputusan_teks (then the values): the review it was made in shows
        row["keputusan_teks"] = pada + (" (digantikan kiriman ulang unit)" if gone else "")
        rows.append({**row, "digantikan": gone})
    return rows


def _lampiran(
    kode: str, t: Temuan | None, k: Keputusan | None, status: str, versi: int, ada: bool
) -> dict[str, Any]:
    src: Any = t if t is not None else k
    return {
        "no": 0,
        "temuan_id": t.data["id"] if t is not None else k.temuan_id,  # type: ignore[union-attr]
        "kode": kode,
        "judul": judul_temuan(kode),
        "tingkat": src.tingkat,
        "unit": src.unit,
        "indikator": src.indikator,
        "tw": t.data.get("tw") if t is not None else k.tw,  # type: ignore[union-attr]
        "pesan": src.pesan,
        "status": status,
        "status_teks": STATUS[status] if ada else f"{STATUS[status]}; data sudah diperbaiki",
        "keputusan": k.keputusan if k else "",
        "keputusan_teks": _teks_keputusan(k, ada),
        "nilai_lama": k.nilai_lama if k else (t.nilai if t else ""),
        "nilai_baru": k.nilai_baru if k else None,
        "nilai_baru_teks": k.nilai_baru_teks if k else "-",
        "oleh": k.oleh_nama if k else "",
        "peran": k.oleh_peran if k else "",
        "jabatan": k.oleh_jabatan if k else "",
        "waktu": k.waktu if k else "",
        "waktu_teks": k.waktu_teks if k else "",
        "alasan": k.alasan if k else "",
        "revisi": max(versi - 1, 0),
        "masih_ada": ada,
    }


def _teks_keputusan(k: Keputusan | None, ada: bool) -> str:
    """The decision as the appendix prints it; a finding the unit's form fixed says so."""
    if k is None:
        return STATUS["terbuka"]
    return k.label if ada else f"{k.label} (data sudah diperbaiki)"
