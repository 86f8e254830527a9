"""The office database: one SQLite file under ``<kantor>/arsip/kinerja.sqlite``.

Every part that keeps records (intake values, review ledger, SOP register,
archive index, letter numbers) owns its tables and declares them with
``ensure_schema``; this module only opens the file the same way for all:
``journal_mode=WAL``, ``synchronous=FULL``, foreign keys on, a busy timeout so
several processes can wait for each other instead of failing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from kinerja.catatan import rantai

#: Western Indonesia Time, for the covering events of transactions that name no time.
_WIB = dt.timezone(dt.timedelta(hours=7), "WIB")

__all__ = [
    "DB_NAME",
    "Pemicu",
    "connect",
    "connect_baca",
    "db_path",
    "ensure_schema",
    "immediate",
    "jika_tercatat",
    "pemicu_basis",
    "pemicu_migrasi",
]

T = TypeVar("T")

DB_NAME = "kinerja.sqlite"


def db_path(kantor_path: Path) -> Path:
    return Path(kantor_path) / "arsip" / DB_NAME


def connect(kantor_path: Path, *, timeout: float = 30.0) -> sqlite3.Connection:
    """Open (creating if needed) the office database with kinerja's settings.

    Autocommit mode (``isolation_level=None``): write transactions are explicit
    with ``immediate(conn)``.
    """
    path = db_path(kantor_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    conn.execute("CREATE TABLE IF NOT EXISTS skema (nama TEXT PRIMARY KEY, versi INTEGER NOT NULL)")
    ensure_schema(conn, "eventlog", rantai.MIGRASI)  # every record is covered by the chain
    return conn


def connect_baca(kantor_path: Path) -> sqlite3.Connection:
    """Open the existing office database read-only (``verifikasi``: nothing is written)."""
    path = db_path(kantor_path).resolve()
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def jika_tercatat(kantor_path: Path, baca: Callable[[sqlite3.Connection], T]) -> T | None:
    """``baca`` on the office database opened read-only; ``None`` when there is no database
    or it (or the table ``baca`` reads) is missing or unreadable: nothing recorded."""
    if not db_path(kantor_path).is_file():
        return None
    try:
        conn = connect_baca(kantor_path)
    except sqlite3.DatabaseError:
        return None
    try:
        return baca(conn)
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any exception).

    Every row the transaction inserts, changes or deletes is hashed into one
    ``catatan-baris`` event appended just before ``COMMIT`` (``rantai``).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        rantai.awasi(conn)
        schema = int(conn.execute("PRAGMA main.schema_version").fetchone()[0])
        yield conn
        rantai.catat_baris(conn, schema, dt.datetime.now(_WIB).replace(microsecond=0))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def ensure_schema(conn: sqlite3.Connection, nama: str, migrations: list[str]) -> None:
    """Apply the migrations of component ``nama`` that are not applied yet.

    ``migrations[i]`` is the SQL script that brings the component to version i+1;
    append new ones, never edit applied ones.
    """
    with immediate(conn):
        row = conn.execute("SELECT versi FROM skema WHERE nama = ?", (nama,)).fetchone()
        current = row["versi"] if row else 0
        for version, script in enumerate(migrations[current:], start=current + 1):
            for statement in filter(str.strip, script.split(";\n")):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO skema (nama, versi) VALUES (?, ?) "
                "ON CONFLICT(nama) DO UPDATE SET versi = excluded.versi",
                (nama, version),
            )


_BUAT_PEMICU = re.compile(
    r"CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\b.*?\bON\s+(\w+)", re.S | re.I
)
_HAPUS_PEMICU = re.compile(r"DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+)", re.I)

#: A trigger: the table it guards and its ``CREATE TRIGGER`` statement (whitespace folded).
Pemicu = tuple[str, str]


def _lipat(sql: str) -> str:
    return " ".join(sql.split())


def pemicu_migrasi(migrations: Sequence[str], versi: int) -> dict[str, Pemicu]:
    """The triggers the first ``versi`` migrations of a component leave in the database,
    read from their SQL the way :func:`ensure_schema` runs it: name → (table, statement)."""
    out: dict[str, Pemicu] = {}
    for script in migrations[:versi]:
        for statement in filter(str.strip, script.split(";\n")):
            if hapus := _HAPUS_PEMICU.match(statement.strip()):
                out.pop(hapus[1], None)
            elif buat := _BUAT_PEMICU.match(statement.strip()):
                out[buat[1]] = (buat[2], _lipat(statement))
    return out


def pemicu_basis(conn: sqlite3.Connection) -> dict[str, Pemicu]:
    """The triggers the database holds now: name → (table, statement); read only."""
    rows = conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    return {str(r[0]): (str(r[1]), _lipat(r[2] or "")) for r in rows}


#: Crash tests (tests/test_crash.py) set this variable to a point's name; the
#: process then kills itself there, as a power cut would.
ENV_MATI_DI = "KINERJA_UJI_MATI_DI"


def titik(nama: str) -> None:
    """An instrumented point of a write (a no-op unless a crash test names it)."""
    if os.environ.get(ENV_MATI_DI) == nama:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
