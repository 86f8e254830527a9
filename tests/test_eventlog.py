"""The hash-chained, append-only event log."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from kinerja.catatan import eventlog
from kinerja.catatan.db import connect, immediate
from kinerja.inti.errors import KinerjaError

W = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = connect(tmp_path)
    eventlog.ensure(c)
    with immediate(c):
        for i in range(5):
            eventlog.append(
                c,
                waktu=W + dt.timedelta(minutes=i),
                siapa="camat",
                apa="uji",
                periode="2025-TW1",
                artefak_sha256="ab" * 32,
                data={"i": i},
            )
    yield c
    c.close()


def _unguard(c: sqlite3.Connection) -> None:
    c.execute("DROP TRIGGER peristiwa_tanpa_ubah")
    c.execute("DROP TRIGGER peristiwa_tanpa_hapus")


def test_chain_links_and_hash_is_sha256_of_canonical_json(conn: sqlite3.Connection) -> None:
    alle = list(eventlog.iter_peristiwa(conn))
    assert alle[0].prev_hash == "" and alle[0].apa == "catatan-baris"  # the rows' cover
    events = [e for e in alle if e.apa == "uji"]
    assert [e.seq for e in events] == [2, 3, 4, 5, 6]
    assert all(b.prev_hash == a.hash for a, b in zip(alle, alle[1:], strict=False))
    e = events[2]
    body = {k: v for k, v in e.as_dict().items() if k != "hash"}
    expected = hashlib.sha256(
        json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert e.hash == expected
    assert e.waktu == "2025-05-20T09:02:00+07:00" and e.siapa == "camat"
    assert eventlog.periksa_rantai(alle) == []


def test_canonical_json_ignores_key_order() -> None:
    assert eventlog.canonical_json({"b": 1, "a": "é"}) == eventlog.canonical_json(
        {"a": "é", "b": 1}
    )
    assert eventlog.canonical_json({"a": "é"}) == '{"a":"é"}'.encode()


def test_append_needs_transaction_and_aware_time(conn: sqlite3.Connection) -> None:
    with pytest.raises(KinerjaError, match="immediate"):
        eventlog.append(conn, waktu=W, siapa="x", apa="y")
    with immediate(conn), pytest.raises(KinerjaError, match="timezone-aware"):
        eventlog.append(conn, waktu=W.replace(tzinfo=None), siapa="x", apa="y")


def test_database_refuses_update_and_delete(conn: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE peristiwa SET siapa = 'orang lain' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM peristiwa WHERE seq = 5")


def test_edited_event_detected(conn: sqlite3.Connection) -> None:
    _unguard(conn)
    conn.execute("UPDATE peristiwa SET siapa = 'orang lain' WHERE seq = 3")
    problems = eventlog.periksa_rantai(eventlog.iter_peristiwa(conn))
    assert problems and all("nomor 3" in p for p in problems)
    assert any("telah diubah" in p for p in problems)


def test_deleted_event_detected(conn: sqlite3.Connection) -> None:
    _unguard(conn)
    conn.execute("DELETE FROM peristiwa WHERE seq = 2")
    problems = eventlog.periksa_rantai(eventlog.iter_peristiwa(conn))
    assert any("dihapus" in p for p in problems) and any("rantai putus" in p for p in problems)


def test_reordered_events_detected(conn: sqlite3.Connection) -> None:
    _unguard(conn)
    conn.execute("UPDATE peristiwa SET seq = -2 WHERE seq = 2")
    conn.execute("UPDATE peristiwa SET seq = 2 WHERE seq = 3")
    conn.execute("UPDATE peristiwa SET seq = 3 WHERE seq = -2")
    problems = eventlog.periksa_rantai(eventlog.iter_peristiwa(conn))
    assert any("rantai putus" in p for p in problems)


def test_export_is_re_verifiable(conn: sqlite3.Connection) -> None:
    text = eventlog.export_jsonl(conn)
    lines = [json.loads(line) for line in text.decode().splitlines()]
    assert sum(e["apa"] == "uji" for e in lines) == 5 and eventlog.periksa_rantai(lines) == []
    lines[1]["data"]["i"] = 99
    assert eventlog.periksa_rantai(lines)
    assert eventlog.export_jsonl(conn, periode="lain") == b""
