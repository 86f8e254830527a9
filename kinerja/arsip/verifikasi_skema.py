"""Is the database still protected? Every trigger kinerja creates must be there, unchanged.

The triggers refuse a change or a deletion of what must only grow (the event chain,
the archive index, the letter register, the SOP register, the decision ledger, the
run-log records). Dropping them is not damage by itself, but it leaves those tables
open to a silent change, so ``verifikasi`` reports a missing or rewritten trigger as
damage naming the trigger and its table. What is expected comes from the components'
own migrations (``catatan.db.pemicu_migrasi``) up to the version ``skema`` records.
"""

from __future__ import annotations

import sqlite3
from typing import Protocol

from kinerja.catatan import berkas_log, objek, rantai
from kinerja.catatan.db import Pemicu, pemicu_basis, pemicu_migrasi
from kinerja.formulir import simpan
from kinerja.naskah import buku_agenda
from kinerja.sop import register
from kinerja.validasi import ledger

__all__ = ["KOMPONEN", "cek_pemicu", "pemicu_seharusnya"]

#: Every component that keeps records, by its name in ``skema``, with its migrations.
KOMPONEN: dict[str, list[str]] = {
    "eventlog": rantai.MIGRASI,
    "archive": objek.MIGRASI,
    "log": berkas_log.MIGRASI,
    "numbering": buku_agenda.MIGRASI,
    "intake": simpan.MIGRATIONS,
    "ledger": ledger.MIGRASI,
    "register": register.MIGRASI,
}


class _Laporan(Protocol):
    def tambah(self, kunci: str, objek: str = "", **isian: object) -> None: ...


def pemicu_seharusnya(conn: sqlite3.Connection) -> dict[str, Pemicu]:
    """The triggers the database must hold, given the component versions ``skema`` records."""
    versi = {str(r[0]): int(r[1]) for r in conn.execute("SELECT nama, versi FROM skema")}
    out: dict[str, Pemicu] = {}
    for nama, migrasi in KOMPONEN.items():
        out.update(pemicu_migrasi(migrasi, versi.get(nama, 0)))
    return out


def cek_pemicu(conn: sqlite3.Connection, lap: _Laporan) -> int:
    """Report every missing or rewritten trigger; the number of triggers checked."""
    try:
        seharusnya = pemicu_seharusnya(conn)
        ada = pemicu_basis(conn)
    except sqlite3.DatabaseError:  # no skema table: the required-table check names it
        return 0
    for nama, (tabel, sql) in sorted(seharusnya.items()):
        if nama not in ada:
            lap.tambah("pemicu-hilang", f"tabel {tabel}", pemicu=nama, tabel=tabel)
        elif ada[nama] != (tabel, sql):
            lap.tambah("pemicu-diubah", f"tabel {tabel}", pemicu=nama, tabel=tabel)
    return len(seharusnya)
