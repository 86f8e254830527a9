"""The chain's core: hashing, appending one event, and covering every row of every table.

``eventlog`` is the public face of the chain; this module is what ``db`` needs below
it, so that every write transaction (``db.immediate``) can close with an event that
hashes the canonical content of each row it inserted, changed or deleted
(``apa = "catatan-baris"``). Connection-local TEMP triggers (not stored in the file,
so nobody can drop them from it) note the rowid of every changed row; just before
``COMMIT`` those rows are read back and hashed into the event. A transaction that
changes the schema (a migration), and the first covered transaction of an office,
hash every row of every table instead (``semua``).

``cakupan_dari_rantai`` replays those events into the expected content of every
table; ``periksa_cakupan`` compares it with the tables as stored and names each row
changed, added or deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from kinerja.inti.errors import KinerjaError

__all__ = [
    "APA_BARIS",
    "KOLOM_HASH",
    "MIGRASI",
    "awasi",
    "cakupan_dari_rantai",
    "canonical_json",
    "catat_baris",
    "event_hash",
    "hash_baris",
    "isi_tabel",
    "periksa_cakupan",
    "tabel_tercakup",
    "tambah",
]

#: The event log's table (component "eventlog" of ``db.ensure_schema``).
MIGRASI = [
    """
    CREATE TABLE peristiwa (
        seq INTEGER PRIMARY KEY,
        waktu TEXT NOT NULL,
        siapa TEXT NOT NULL,
        apa TEXT NOT NULL,
        periode TEXT NOT NULL DEFAULT '',
        artefak_sha256 TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
    );
    CREATE TRIGGER peristiwa_tanpa_ubah BEFORE UPDATE ON peristiwa
    BEGIN SELECT RAISE(ABORT, 'log peristiwa hanya dapat ditambah (append-only)'); END;
    CREATE TRIGGER peristiwa_tanpa_hapus BEFORE DELETE ON peristiwa
    BEGIN SELECT RAISE(ABORT, 'log peristiwa hanya dapat ditambah (append-only)'); END
    """
]

#: The fields that enter the hash, in the event's canonical JSON.
KOLOM_HASH = ("seq", "waktu", "siapa", "apa", "periode", "artefak_sha256", "data", "prev_hash")

#: The kind of the events that cover the rows of the tables.
APA_BARIS = "catatan-baris"

#: Tables that are not records: the chain itself, and SQLite's own counters
#: (``sqlite_sequence``, hashed whole into every covering event instead).
_TANPA_PENGAWAS = ("peristiwa", "sqlite_sequence")
_SEQ = "sqlite_sequence"


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8: the same bytes for the same value, always."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def event_hash(fields: Mapping[str, Any]) -> str:
    """sha256 (hex) of the canonical JSON of the hashed fields of an event."""
    return hashlib.sha256(canonical_json({k: fields[k] for k in KOLOM_HASH})).hexdigest()


def _iso(waktu: dt.datetime) -> str:
    if not isinstance(waktu, dt.datetime):
        raise KinerjaError(f"waktu must be a datetime, got {waktu!r}")
    if waktu.tzinfo is None:
        raise KinerjaError("waktu must be timezone-aware (e.g. Asia/Jakarta, +07:00)")
    return waktu.isoformat(timespec="seconds")


def tambah(
    conn: sqlite3.Connection,
    *,
    waktu: dt.datetime,
    siapa: str,
    apa: str,
    periode: str = "",
    artefak_sha256: str = "",
    data: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Append one event inside the caller's write transaction; return its fields."""
    if not conn.in_transaction:
        raise KinerjaError("eventlog.append must run inside `with immediate(conn):`")
    last = conn.execute("SELECT seq, hash FROM peristiwa ORDER BY seq DESC LIMIT 1").fetchone()
    fields: dict[str, Any] = {
        "seq": (last[0] + 1) if last else 1,
        "waktu": _iso(waktu),
        "siapa": siapa,
        "apa": apa,
        "periode": periode,
        "artefak_sha256": artefak_sha256,
        "data": json.loads(canonical_json(data or {})),
        "prev_hash": last[1] if last else "",
    }
    fields["hash"] = event_hash(fields)
    conn.execute(
        "INSERT INTO peristiwa (seq, waktu, siapa, apa, periode, artefak_sha256, data, "
        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            fields["seq"],
            fields["waktu"],
            siapa,
            apa,
            periode,
            artefak_sha256,
            canonical_json(fields["data"]).decode("utf-8"),
            fields["prev_hash"],
            fields["hash"],
        ),
    )
    return fields


# --------------------------------------------------------------------------------------------
# Row coverage


def _nilai(v: Any) -> Any:
    """A cell as canonical JSON can hold it, its SQLite type kept."""
    if isinstance(v, float):
        return {"r": v.hex()}
    if isinstance(v, bytes):
        return {"x": v.hex()}
    return v


def hash_baris(tabel: str, kolom: Iterable[str], nilai: Iterable[Any]) -> str:
    """sha256 of a row's canonical content: its table, columns and values (rowid first)."""
    isi = [tabel, [[k, _nilai(v)] for k, v in zip(kolom, nilai, strict=True)]]
    return hashlib.sha256(canonical_json(isi)).hexdigest()


def tabel_tercakup(conn: sqlite3.Connection) -> list[str]:
    """The tables whose rows the chain covers (every table of the file but the chain)."""
    rows = conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows if r[0] not in _TANPA_PENGAWAS]


def _q(nama: str) -> str:
    return '"' + nama.replace('"', '""') + '"'


def isi_tabel(
    conn: sqlite3.Connection, tabel: str, rowids: Iterable[int] | None = None
) -> dict[str, str]:
    """rowid (as text) → row hash, for every row of ``tabel`` (or only ``rowids``)."""
    sql = f"SELECT rowid AS _rowid_k, * FROM main.{_q(tabel)}"
    if tabel == _SEQ:
        sql = f"SELECT name AS _rowid_k, * FROM main.{_q(tabel)}"
    cur = conn.execute(sql)
    if rowids is not None:
        wanted = sorted(set(rowids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        cur = conn.execute(sql + f" WHERE rowid IN ({marks})", wanted)
    kolom = ["rowid", *(d[0] for d in cur.description[1:])]
    return {str(r[0]): hash_baris(tabel, kolom, r) for r in cur.fetchall()}


def awasi(conn: sqlite3.Connection) -> None:
    """Note every changed row of every table in ``temp._ubah`` (TEMP triggers, this connection)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _ubah (tabel TEXT NOT NULL, rid INTEGER)")
    ada = {r[0] for r in conn.execute("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'")}
    for t in tabel_tercakup(conn):
        nama = "_awas_" + hashlib.sha256(t.encode()).hexdigest()[:16]
        if nama + "_i" in ada:
            continue
        lit = "'" + t.replace("'", "''") + "'"
        for akhiran, kapan, baris in (
            ("_i", "INSERT", f"VALUES ({lit}, NEW.rowid)"),
            ("_u", "UPDATE", f"VALUES ({lit}, OLD.rowid), ({lit}, NEW.rowid)"),
            ("_d", "DELETE", f"VALUES ({lit}, OLD.rowid)"),
        ):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {nama}{akhiran} AFTER {kapan} ON "
                f"main.{_q(t)} BEGIN INSERT INTO _ubah (tabel, rid) {baris}; END"
            )


def _schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA main.schema_version").fetchone()[0])


def catat_baris(conn: sqlite3.Connection, schema_awal: int, waktu: dt.datetime) -> None:
    """Inside the closing write transaction: append the event covering its changed rows."""
    tables = {r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type='table'")}
    if "peristiwa" not in tables:
        return  # an office without a chain yet: nothing to anchor the rows to
    pertama = (
        conn.execute("SELECT 1 FROM peristiwa WHERE apa = ? LIMIT 1", (APA_BARIS,)).fetchone()
        is None
    )
    baris: dict[str, dict[str, str | None]] = {}
    semua = pertama or _schema_version(conn) != schema_awal
    if semua:
        baris = {t: dict(isi_tabel(conn, t)) for t in tabel_tercakup(conn)}
    else:
        ubah: dict[str, set[int]] = {}
        for t, rid in conn.execute("SELECT tabel, rid FROM temp._ubah"):
            ubah.setdefault(t, set()).add(rid)
        for t, rids in ubah.items():
            now = isi_tabel(conn, t, rids)
            baris[t] = {str(r): now.get(str(r)) for r in sorted(rids)}
    conn.execute("DELETE FROM temp._ubah")
    if not baris:
        return
    if _SEQ in tables:  # SQLite's own counters: whole, every time (a few rows)
        baris[_SEQ] = dict(isi_tabel(conn, _SEQ))
    last = conn.execute("SELECT waktu FROM peristiwa ORDER BY seq DESC LIMIT 1").fetchone()
    if last is not None:  # the time of the event the rows belong to (or the last one)
        waktu = dt.datetime.fromisoformat(last[0])
    tambah(conn, waktu=waktu, siapa="sistem", apa=APA_BARIS, data={"semua": semua, "baris": baris})


def cakupan_dari_rantai(events: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, str]]:
    """Replay the covering events: table → rowid → the hash its row must have now."""
    state: dict[str, dict[str, str]] = {}
    for ev in events:
        if ev.get("apa") != APA_BARIS:
            continue
        data = ev.get("data") or {}
        if data.get("semua"):
            state = {}
        for t, rows in (data.get("baris") or {}).items():
            if t == _SEQ:
                state[t] = {}
            tab = state.setdefault(t, {})
            for rid, h in rows.items():
                if h is None:
                    tab.pop(rid, None)
                else:
                    tab[rid] = h
    return state


def periksa_cakupan(
    conn: sqlite3.Connection, events: Iterable[Mapping[str, Any]]
) -> list[tuple[str, str, str]]:
    """Compare every table with the chain: ``(kind, table, rowid)`` per row that differs.

    kind is ``diubah`` (content differs), ``ditambah`` (a row the chain never saw) or
    ``dihapus`` (a row the chain holds, missing from the table; a missing table
    counts all of its rows).
    """
    harap = cakupan_dari_rantai(events)
    if not harap:
        return []
    ada = tabel_tercakup(conn)
    if conn.execute(
        "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?", (_SEQ,)
    ).fetchone():
        ada.append(_SEQ)
    hasil: list[tuple[str, str, str]] = []
    for t in sorted(set(ada) | set(harap)):
        now = isi_tabel(conn, t) if t in ada else {}
        want = harap.get(t, {})
        for rid in sorted(set(now) | set(want), key=lambda s: (len(s), s)):
            if rid not in want:
                hasil.append(("ditambah", t, rid))
            elif rid not in now:
                hasil.append(("dihapus", t, rid))
            elif now[rid] != want[rid]:
                hasil.append(("diubah", t, rid))
    return hasil
