"""Shared helpers of the record-keeping modules (register, numbering, archive, verify)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
from pathlib import Path

from kinerja.catatan import eventlog
from kinerja.catatan.db import connect
from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import Kantor, load_kantor

__all__ = ["WIB", "as_kantor", "open_db", "tengah_malam", "titik"]


def as_kantor(kantor: Kantor | str | Path) -> Kantor:
    """A ``Kantor`` as is; a folder path is loaded from its ``kantor.toml``."""
    return kantor if isinstance(kantor, Kantor) else load_kantor(kantor)


def open_db(kantor: Kantor) -> sqlite3.Connection:
    """The office database with the event log's table in place."""
    conn = connect(kantor.path)
    eventlog.ensure(conn)
    return conn


def tengah_malam(tanggal: dt.date) -> dt.datetime:
    """00:00 WIB of ``tanggal``: the event time when a caller gives only a date."""
    return dt.datetime.combine(tanggal, dt.time(0, 0), WIB)


#: Crash tests (tests/test_crash.py) set this variable to a point's name; the
#: process then kills itself there with SIGKILL, as a power cut would.
ENV_MATI_DI = "KINERJA_UJI_MATI_DI"


def titik(nama: str) -> None:
    """An instrumented point of a write (a no-op unless a crash test names it)."""
    if os.environ.get(ENV_MATI_DI) == nama:
        os.kill(os.getpid(), signal.SIGKILL)
