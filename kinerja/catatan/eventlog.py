"""The event log: append-only and hash-chained, in the office database.

Every record kinerja keeps (an SOP step, a letter number, an archived artefact)
appends one event *in the same transaction* as the record itself, so the two
can never disagree after a crash. Each event carries ``prev_hash`` (the hash of
the event before it, ``""`` for the first) and ``hash`` = sha256 of the
canonical JSON of the event's other fields. Deleting, editing or reordering an
event breaks the chain; ``periksa_rantai`` finds where.

Triggers refuse ``UPDATE`` and ``DELETE`` on the table, so only a person who
edits the SQLite file by hand (dropping the triggers) can change it, and the
chain shows that they did.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja.catatan import rantai
from kinerja.catatan.db import connect, connect_baca, db_path, ensure_schema
from kinerja.kantor.katalog import Kantor

__all__ = [
    "KOLOM_HASH",
    "Peristiwa",
    "append",
    "canonical_json",
    "ensure",
    "event_hash",
    "export_jsonl",
    "iter_peristiwa",
    "kepala_rantai",
    "periksa_rantai",
]

_MIGRATIONS = rantai.MIGRASI
KOLOM_HASH = rantai.KOLOM_HASH
canonical_json = rantai.canonical_json
event_hash = rantai.event_hash


@dataclass(frozen=True)
class Peristiwa:
    """One event: who did what when, on which artefact (by hash)."""

    seq: int
    waktu: str  # ISO 8601 with offset
    siapa: str
    apa: str  # kebab-case kind: sop-langkah, nomor-alokasi, arsip-simpan …
    periode: str
    artefak_sha256: str
    data: dict[str, Any]
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (*KOLOM_HASH, "hash")}


def ensure(conn: sqlite3.Connection) -> None:
    ensure_schema(conn, "eventlog", _MIGRATIONS)


def append(
    conn: sqlite3.Connection,
    *,
    waktu: dt.datetime,
    siapa: str,
    apa: str,
    periode: str = "",
    artefak_sha256: str = "",
    data: dict[str, Any] | None = None,
) -> Peristiwa:
    """Append one event; the caller must hold a write transaction (``immediate``).

    Inside ``BEGIN IMMEDIATE`` no other writer can append between reading the
    last hash and inserting, so the chain stays linear across processes.
    """
    fields = rantai.tambah(
        conn,
        waktu=waktu,
        siapa=siapa,
        apa=apa,
        periode=periode,
        artefak_sha256=artefak_sha256,
        data=data,
    )
    return Peristiwa(**fields)


def iter_peristiwa(conn: sqlite3.Connection) -> Iterator[Peristiwa]:
    """Every event in ``seq`` order, as stored (nothing recomputed)."""
    for row in conn.execute("SELECT * FROM peristiwa ORDER BY seq"):
        try:
            data = json.loads(row["data"])
        except json.JSONDecodeError:
            data = {"_rusak": row["data"]}
        yield Peristiwa(
            seq=row["seq"],
            waktu=row["waktu"],
            siapa=row["siapa"],
            apa=row["apa"],
            periode=row["periode"],
            artefak_sha256=row["artefak_sha256"],
            data=data,
            prev_hash=row["prev_hash"],
            hash=row["hash"],
        )


def periksa_rantai(events: Iterable[Peristiwa | dict[str, Any]]) -> list[str]:
    """Walk the chain; return one Indonesian sentence per break (empty list: intact).

    Checks that ``seq`` runs 1, 2, 3 … without a hole, that each ``prev_hash``
    is the previous event's ``hash``, and that each ``hash`` is recomputed equal.
    Works on stored rows and on an exported JSON Lines file alike.
    """
    masalah: list[str] = []
    expected_seq = 1
    prev_hash = ""
    for item in events:
        ev = item.as_dict() if isinstance(item, Peristiwa) else dict(item)
        seq = ev.get("seq")
        if seq != expected_seq:
            masalah.append(
                f"Peristiwa nomor {seq} muncul di tempat peristiwa nomor {expected_seq}: "
                "ada peristiwa yang dihapus atau diubah urutannya."
            )
        if ev.get("prev_hash") != prev_hash:
            masalah.append(
                f"Peristiwa nomor {seq}: prev_hash {str(ev.get('prev_hash'))[:12]}… tidak sama "
                f"dengan hash peristiwa sebelumnya {prev_hash[:12] or '(kosong)'}…: rantai putus."
            )
        try:
            recomputed = event_hash(ev)
        except (KeyError, TypeError, ValueError):
            recomputed = ""
        if recomputed != ev.get("hash"):
            masalah.append(
                f"Peristiwa nomor {seq}: isi tidak cocok dengan hash-nya "
                f"({str(ev.get('hash'))[:12]}…): peristiwa ini telah diubah."
            )
        expected_seq = (seq if isinstance(seq, int) else expected_seq) + 1
        prev_hash = str(ev.get("hash"))
    return masalah


def export_jsonl(conn: sqlite3.Connection, *, periode: str | None = None) -> bytes:
    """The log as JSON Lines (one canonical event per line).

    With ``periode`` only that periode's events are kept; the whole log (the
    default) is the one a reader can re-verify with ``periksa_rantai``.
    """
    lines = [
        canonical_json(ev.as_dict())
        for ev in iter_peristiwa(conn)
        if periode is None or ev.periode == periode
    ]
    return b"".join(line + b"\n" for line in lines)


def kepala_rantai(kantor_path: Path, *, abaikan: tuple[str, ...] = ()) -> str:
    """The chain's head hash now ("" without a chain); read-only, nothing is created.

    ``abaikan``: kinds of event passed over (the last event of another kind is named).
    """
    if not db_path(kantor_path).is_file():
        return ""
    marks = ",".join("?" * len(abaikan))
    try:
        conn = connect_baca(kantor_path)
        try:
            row = conn.execute(
                f"SELECT hash FROM peristiwa WHERE apa NOT IN ({marks}) ORDER BY seq DESC LIMIT 1",
                abaikan,
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return ""
    return str(row[0]) if row else ""


def open_db(kantor: Kantor) -> sqlite3.Connection:
    """The office database with the event log's table in place."""
    conn = connect(kantor.path)
    ensure(conn)
    return conn
