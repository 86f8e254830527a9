"""The intake as a person reads it: the files, their findings, the completeness matrix.

``render`` is ``kinerja himpun``'s output; ``baris_berkas`` (the files table and their
findings by severity word and Indonesian title) is shared with ``kinerja sop lanjut``
step 6, so both show an intake the same way. The codes stay in the JSON report.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kinerja.formulir.himpun import BerkasHimpun, HasilHimpun
from kinerja.formulir.pesan import judul_temuan
from kinerja.inti.errors import Temuan, kata_tingkat
from kinerja.inti.kelengkapan import matriks

__all__ = ["baris_berkas", "baris_temuan", "render"]

_STATUS = {"diterima": "diterima", "ditolak": "DITOLAK", "duplikat": "duplikat"}


def baris_temuan(temuan: Sequence[Temuan]) -> list[str]:
    """``[KESALAHAN] Judul: pesan`` per finding (the pesan names file, sheet and cell)."""
    return [f"  [{kata_tingkat(t.tingkat)}] {judul_temuan(t.kode)}: {t.pesan}" for t in temuan]


def baris_berkas(berkas: Sequence[BerkasHimpun]) -> list[str]:
    """The files as a table (unit, status, rows, errors, warnings), then their findings."""
    rows = [
        {
            "Berkas": b.nama,
            "Unit": b.unit or "-",
            "Status": _STATUS[b.status],
            "Baris": b.baris,
            "Kesalahan": sum(t.is_error for t in b.temuan),
            "Peringatan": sum(not t.is_error for t in b.temuan),
        }
        for b in berkas
    ]
    lines = [pd.DataFrame(rows).to_string(index=False)]
    temuan = [t for b in berkas for t in b.temuan]
    if temuan:
        lines += ["", f"Temuan ({len(temuan)}):", *baris_temuan(temuan)]
    else:
        lines += ["", "Tidak ada temuan."]
    return lines


def render(hasil: HasilHimpun) -> str:
    """The intake as text: files, findings (by their Indonesian title; the codes are in
    the JSON report), completeness matrix."""
    lines = [f"Himpunan formulir {hasil.kantor} — {hasil.periode.label}", ""]
    diterima = sum(b.status == "diterima" for b in hasil.berkas)
    ditolak = sum(b.status == "ditolak" for b in hasil.berkas)
    tabel, *temuan = baris_berkas(hasil.berkas)
    lines += [
        tabel,
        "",
        f"{diterima} berkas diterima, {ditolak} ditolak, dari {len(hasil.berkas)}.",
    ]
    lines += temuan
    long = hasil.kelengkapan
    terisi = int(long["status"].eq("ada").sum())
    lines += [
        "",
        f"Kelengkapan realisasi {hasil.periode.label_sd}: {terisi} dari {len(long)} terisi "
        "(ada = sudah dilaporkan, kosong = formulir kembali tanpa nilai, belum = belum ada formulir).",
    ]
    if not long.empty:
        wide = matriks(long)
        wide["indikator"] = wide["indikator"].astype("str").str.slice(0, 48)
        lines.append(
            wide.rename(
                columns={"unit": "Unit", "kode": "Kode", "indikator": "Indikator"}
            ).to_string(index=False)
        )
    return "\n".join(lines) + "\n"
