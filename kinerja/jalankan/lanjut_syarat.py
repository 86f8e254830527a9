"""What a step of ``kinerja sop lanjut`` waits on or takes in, checked before it is done.

``belum_kembali``: the units whose form of the quarter is not accepted yet (step 6
waits on them); ``periksa_draf``: the draft named with ``--berkas`` at step 9 is a
document of this office and periode (its embedded source data says so).
"""

from __future__ import annotations

import json
from pathlib import Path

from kinerja.cetak.render import read_embedded
from kinerja.formulir.layout import unit_anggaran
from kinerja.formulir.simpan import berkas_terakhir, open_db, temuan_berkas
from kinerja.inti.errors import ERROR, InputError
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import load_pk

__all__ = ["belum_kembali", "periksa_draf"]


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
