"""What a step of ``kinerja sop lanjut`` waits on or takes in, checked before it is done.

``belum_kembali``: the units whose form of the quarter is not accepted yet (step 6
waits on them); ``laporan_himpun``: what step 6 took in on this call, each form with its
status and findings (as ``kinerja himpun`` shows them), and the quarter's count; ``periksa_draf``: the draft named with ``--berkas`` at step 9 is a
document of this office and periode (its embedded source data says so).
"""

from __future__ import annotations

import json
from pathlib import Path

from kinerja.cetak.render import read_embedded
from kinerja.formulir.himpun import HasilHimpun
from kinerja.formulir.laporan import baris_berkas
from kinerja.formulir.layout import unit_anggaran
from kinerja.formulir.simpan import berkas_terakhir, open_db, temuan_berkas
from kinerja.inti.errors import ERROR, InputError
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import load_pk

__all__ = ["belum_kembali", "jumlah_himpun", "laporan_himpun", "periksa_draf"]


def belum_kembali(kantor: Kantor, periode: Periode) -> list[str]:
    """Units whose form of the quarter has not been accepted yet (``KODE (alasan)``)."""
    pk = load_pk(kantor, periode.tahun)
    anggaran = unit_anggaran(kantor, pk)
    wajib = [u for u in kantor.units if not pk.untuk_unit(u.kode).empty or u.kode == anggaran]
    conn = open_db(kantor.path)
    try:
        rows = {u.kode: berkas_terakhir(conn, u.kode, periode.tahun, periode.tw) for u in wajib}
        sebab = {
            kode: next(
                (t["pesan"] for t in temuan_berkas(conn, r["id"]) if t["tingkat"] == ERROR), ""
            )
            for kode, r in rows.items()
            if r is not None and r["status"] != "diterima"
        }
    finally:
        conn.close()
    return [
        f"{kode} (" + ("belum ada" if r is None else f"formulir ditolak: {sebab[kode]}") + ")"
        for kode, r in rows.items()
        if r is None or r["status"] != "diterima"
    ]


def periksa_draf(kantor: Kantor, periode: Periode, berkas: Path) -> Path:
    """``berkas`` when it is a Dokumen Pengukuran Kinerja of ``kantor`` and ``periode``."""
    data = read_embedded(berkas).get("data-sumber.json") if berkas.is_file() else None
    sumber = json.loads(data) if data else {}
    if (sumber.get("kantor", {}).get("kode"), sumber.get("periode")) != (kantor.kode, str(periode)):
        raise InputError(
            f'Berkas "{berkas}" bukan dokumen pengukuran kinerja {kantor.nama} periode {periode}. '
            "Sebut PDF dari kinerja jalankan atau kinerja dokumen untuk kantor dan periode ini, "
            "atau jalankan tanpa --berkas agar drafnya dibuat."
        )
    return berkas


def _diterima(kantor: Kantor, periode: Periode) -> int:
    """How many forms of the quarter were accepted, over every intake."""
    conn = open_db(kantor.path)
    try:
        return conn.execute(
            "SELECT COUNT(*) FROM berkas_masuk WHERE tahun = ? AND tw = ? AND status = 'diterima'",
            (periode.tahun, periode.tw),
        ).fetchone()[0]
    finally:
        conn.close()


def jumlah_himpun(kantor: Kantor, periode: Periode, hasil: list[HasilHimpun]) -> str:
    """The quarter's accepted forms over all calls, and how many of them on this call."""
    kini = sum(
        b.status == "diterima" and h.periode.tw == periode.tw for h in hasil for b in h.berkas
    )
    return (
        f"{_diterima(kantor, periode)} berkas {periode.label} diterima, {kini} di antaranya "
        "pada panggilan ini"
    )


def laporan_himpun(kantor: Kantor, periode: Periode, hasil: list[HasilHimpun], folder: Path) -> str:
    """Step 6's intake: the quarter's count, per quarter the files of this call, and each
    form taken in now with its status and findings (as ``kinerja himpun`` shows them)."""
    baru = [b for h in hasil for b in h.berkas if b.status != "duplikat"]
    lines = [f"formulir kembali dihimpun dari {folder}: {jumlah_himpun(kantor, periode, hasil)}"]
    lines += [
        f"  Formulir {h.periode.label}: {len(h.berkas)} berkas, "
        f"{sum(b.status == 'diterima' for b in h.berkas)} diterima, "
        f"{sum(b.status == 'ditolak' for b in h.berkas)} ditolak, "
        f"{sum(b.status == 'duplikat' for b in h.berkas)} sudah dihimpun sebelumnya"
        for h in hasil
    ]
    if baru:
        lines += [
            "",
            f"Berkas yang dihimpun pada panggilan ini ({len(baru)}):",
            *baris_berkas(baru),
        ]
    else:
        lines.append("Tidak ada berkas baru pada panggilan ini.")
    return "\n".join(lines)
