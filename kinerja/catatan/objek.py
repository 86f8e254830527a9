"""The write-once archive (naskah.md §5): content-addressed objects and their index.

Objects live at ``<kantor>/arsip/objek/sha256/ab/cdef…`` (the hash's first two hex
digits, then the other 62). A write goes to a temp file opened with ``"x"`` in the
object's own folder → fsync → chmod read-only → rename → fsync the folder, so a
crash leaves either the whole object or an unpublished ``.tmp-*`` file, never a
half object under its final name. Writing the same content twice is a no-op.

The index (table ``artefak``) names each object: jenis, periode, nama, versi, status
(``draf`` / ``final`` / ``ditandatangani``), the version it supersedes and why, the
letter number, and the retention schedule (``kantor.retensi``; recorded, never acted on). A new content
for the same jenis+periode+nama is a new version; once a version is signed it is
frozen: a new version then needs a reason (revision) and any change to the frozen
row is refused, by this module and by triggers in the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog
from kinerja.catatan.db import ensure_schema, immediate, titik
from kinerja.catatan.eventlog import open_db
from kinerja.inti.errors import InputError, KinerjaError
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.kantor.retensi import jadwal_retensi

__all__ = [
    "MIGRASI",
    "STATUS",
    "BekuError",
    "baca",
    "bekukan",
    "bersihkan_sementara",
    "daftar",
    "objek_path",
    "objek_root",
    "simpan",
    "terbaru",
    "ubah_status",
    "write_object",
]

STATUS = ("draf", "final", "ditandatangani")
BEKU = "ditandatangani"

MIGRASI = [
    """
    CREATE TABLE artefak (
        id INTEGER PRIMARY KEY,
        jenis TEXT NOT NULL,
        periode TEXT NOT NULL,
        nama TEXT NOT NULL,
        versi INTEGER NOT NULL CHECK (versi >= 1),
        sha256 TEXT NOT NULL,
        ukuran INTEGER NOT NULL,
        nama_berkas TEXT NOT NULL,
        media_type TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('draf', 'final', 'ditandatangani')),
        menggantikan INTEGER REFERENCES artefak(id),
        alasan TEXT NOT NULL DEFAULT '',
        nomor_surat TEXT NOT NULL DEFAULT '',
        kode_klasifikasi TEXT NOT NULL DEFAULT '',
        retensi_aktif INTEGER,
        retensi_inaktif INTEGER,
        retensi_keterangan TEXT NOT NULL DEFAULT '',
        dibuat TEXT NOT NULL,
        oleh TEXT NOT NULL DEFAULT '',
        dibekukan TEXT NOT NULL DEFAULT '',
        event_hash TEXT NOT NULL,
        UNIQUE (jenis, periode, nama, versi)
    );
    CREATE INDEX artefak_sha ON artefak (sha256);
    CREATE TRIGGER artefak_tanpa_hapus BEFORE DELETE ON artefak BEGIN SELECT RAISE(ABORT, 'artefak arsip tidak boleh dihapus'); END;
    CREATE TRIGGER artefak_isi_tetap BEFORE UPDATE OF jenis, periode, nama, versi, sha256, ukuran, nama_berkas, menggantikan, alasan, dibuat, event_hash ON artefak BEGIN SELECT RAISE(ABORT, 'isi versi arsip tidak boleh diubah; simpan versi baru'); END;
    CREATE TRIGGER artefak_beku BEFORE UPDATE ON artefak WHEN OLD.status = 'ditandatangani' BEGIN SELECT RAISE(ABORT, 'versi yang sudah ditandatangani dibekukan dan tidak boleh diubah'); END
    """
]


class BekuError(InputError):
    """A change to a signed (frozen) version was asked for."""


def objek_root(kantor: Kantor) -> Path:
    return kantor.arsip / "objek" / "sha256"


def objek_path(kantor: Kantor | str | Path, sha256: str) -> Path:
    """Where the object with this hash lives (whether or not it exists)."""
    return objek_root(as_kantor(kantor)) / sha256[:2] / sha256[2:]


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_object(root: Path, data: bytes) -> tuple[str, Path]:
    """Store ``data`` once under ``root`` (``…/objek/sha256``); return (sha256, path).

    Atomic and durable: temp file opened with ``"x"`` in the final folder, written,
    fsynced, made read-only, renamed into place, folder fsynced. An existing object
    is left untouched (same hash, same bytes).
    """
    sha = hashlib.sha256(data).hexdigest()
    folder = root / sha[:2]
    final = folder / sha[2:]
    if final.exists():
        return sha, final
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        _fsync_dir(folder.parent)
    tmp = folder / f".tmp-{sha[2:10]}-{os.getpid()}-{secrets.token_hex(4)}"
    titik("arsip.sebelum-tmp")
    with tmp.open("xb") as fh:
        half = len(data) // 2
        fh.write(data[:half])
        fh.flush()
        titik("arsip.tmp-separuh")
        fh.write(data[half:])
        fh.flush()
        os.fsync(fh.fileno())
    titik("arsip.tmp-fsync")
    tmp.chmod(0o444)
    tmp.replace(final)
    titik("arsip.sesudah-rename")
    _fsync_dir(folder)
    titik("arsip.sesudah-fsync-folder")
    return sha, final


def _open(kantor: Kantor) -> sqlite3.Connection:
    conn = open_db(kantor)
    ensure_schema(conn, "archive", MIGRASI)
    return conn


def _latest(conn: sqlite3.Connection, jenis: str, periode: str, nama: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT * FROM artefak WHERE jenis = ? AND periode = ? AND nama = ? "
        "ORDER BY versi DESC LIMIT 1",
        (jenis, periode, nama),
    ).fetchone()


def _label(row: sqlite3.Row | dict[str, Any]) -> str:
    return f'{row["jenis"]} "{row["nama"]}" periode {row["periode"]} versi {row["versi"]}'


def simpan(
    kantor: Kantor | str | Path,
    sumber: Path | str | bytes,
    *,
    jenis: str,
    periode: str,
    nama: str,
    waktu: dt.datetime,
    oleh: str = "sistem",
    status: str = "draf",
    alasan: str = "",
    nama_berkas: str | None = None,
    kode_klasifikasi: str | None = None,
    nomor_surat: str = "",
) -> str:
    """Archive a file or bytes as the next version of jenis+periode+nama; return its sha256.

    The same content as the latest version is a no-op (its status may rise). A
    signed latest version needs ``alasan`` (the revision's reason), otherwise
    ``BekuError``. ``status="ditandatangani"`` stores a version frozen at once.
    """
    k = as_kantor(kantor)
    if status not in STATUS:
        raise KinerjaError(f"status must be one of {STATUS}, got {status!r}")
    data, file_name = _isi(sumber, nama_berkas, nama)
    kode = kode_klasifikasi or str(k.opsi("penomoran", "kode_dokumen", "000.8.6.3"))
    conn = _open(k)
    try:
        latest = _latest(conn, jenis, periode, nama)
        sha = hashlib.sha256(data).hexdigest()
        if latest is not None and latest["sha256"] == sha:
            if STATUS.index(status) > STATUS.index(latest["status"]):
                _set_status(conn, latest, status, waktu, oleh)
            return sha
        _refuse_frozen(latest, alasan)
        sha, _ = write_object(objek_root(k), data)
        aktif, inaktif, ket = jadwal_retensi(k, kode)
        with immediate(conn):
            latest = _latest(conn, jenis, periode, nama)  # re-read inside the lock
            _refuse_frozen(latest, alasan)
            versi = (latest["versi"] + 1) if latest else 1
            if latest is not None and not alasan.strip():
                alasan = "perubahan draf"
            event = eventlog.append(
                conn,
                waktu=waktu,
                siapa=oleh,
                apa="arsip-simpan",
                periode=periode,
                artefak_sha256=sha,
                data={
                    "jenis": jenis,
                    "nama": nama,
                    "versi": versi,
                    "status": status,
                    "nama_berkas": file_name,
                    "alasan": alasan,
                    "menggantikan": latest["sha256"] if latest else "",
                },
            )
            titik("arsip.indeks-ditulis")
            _indeks(
                conn,
                jenis=jenis,
                periode=periode,
                nama=nama,
                versi=versi,
                sha256=sha,
                ukuran=len(data),
                nama_berkas=file_name,
                media_type=mimetypes.guess_type(file_name)[0] or "",
                status=status,
                menggantikan=latest["id"] if latest else None,
                alasan=alasan,
                nomor_surat=nomor_surat,
                kode_klasifikasi=kode,
                retensi_aktif=aktif,
                retensi_inaktif=inaktif,
                retensi_keterangan=ket,
                dibuat=event.waktu,
                oleh=oleh,
                dibekukan=event.waktu if status == BEKU else "",
                event_hash=event.hash,
            )
        return sha
    finally:
        conn.close()


def _isi(sumber: Path | str | bytes, nama_berkas: str | None, nama: str) -> tuple[bytes, str]:
    """The bytes to archive and their file name (given, else the file's own, else ``nama``)."""
    if isinstance(sumber, bytes):
        return sumber, nama_berkas or nama
    path = Path(sumber)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f'Berkas "{path}" tidak dapat dibaca: {exc.strerror}.') from exc
    return data, nama_berkas or path.name


def _indeks(conn: sqlite3.Connection, **row: Any) -> None:
    """Insert one version into the index (table ``artefak``), column by keyword."""
    columns = ", ".join(row)
    marks = ", ".join("?" * len(row))
    conn.execute(f"INSERT INTO artefak ({columns}) VALUES ({marks})", tuple(row.values()))


def _refuse_frozen(latest: sqlite3.Row | None, alasan: str) -> None:
    if latest is not None and latest["status"] == BEKU and not alasan.strip():
        raise BekuError(
            f"{_label(latest)} sudah ditandatangani sejak {latest['dibekukan'][:16]} dan "
            "dibekukan: isinya tidak boleh diubah. Perubahan harus berupa revisi (versi "
            "baru) dengan alasan, misalnya --alasan 'perbaikan salah ketik pada Bab II', "
            "lalu disetujui dan ditandatangani lagi."
        )


def _set_status(
    conn: sqlite3.Connection, row: sqlite3.Row, status: str, waktu: dt.datetime, oleh: str
) -> None:
    if row["status"] == BEKU:
        raise BekuError(
            f"{_label(row)} sudah ditandatangani dan dibekukan; statusnya tidak dapat diubah "
            "lagi. Untuk perubahan, simpan revisi baru dengan alasan."
        )
    if STATUS.index(status) < STATUS.index(row["status"]):
        raise InputError(
            f'{_label(row)} berstatus "{row["status"]}"; status tidak dapat mundur ke "{status}".'
        )
    with immediate(conn):
        event = eventlog.append(
            conn,
            waktu=waktu,
            siapa=oleh,
            apa="arsip-status",
            periode=row["periode"],
            artefak_sha256=row["sha256"],
            data={
                "jenis": row["jenis"],
                "nama": row["nama"],
                "versi": row["versi"],
                "dari": row["status"],
                "ke": status,
            },
        )
        conn.execute(
            "UPDATE artefak SET status = ?, dibekukan = ? WHERE id = ?",
            (status, event.waktu if status == BEKU else "", row["id"]),
        )


def _row_by_sha(conn: sqlite3.Connection, sha256: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT * FROM artefak WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (sha256,)
    ).fetchone()
    if row is None:
        raise InputError(f"Tidak ada artefak arsip dengan sha256 {sha256}.")
    return row


def ubah_status(
    kantor: Kantor | str | Path, sha256: str, status: str, *, waktu: dt.datetime, oleh: str = ""
) -> None:
    """Raise the status of the (latest) version holding ``sha256``: draf → final → ditandatangani."""
    if status not in STATUS:
        raise KinerjaError(f"status must be one of {STATUS}, got {status!r}")
    conn = _open(as_kantor(kantor))
    try:
        _set_status(conn, _row_by_sha(conn, sha256), status, waktu, oleh or "sistem")
    finally:
        conn.close()


def bekukan(
    kantor: Kantor | str | Path, sha256: str, *, waktu: dt.datetime, oleh: str = ""
) -> None:
    """Mark the version holding ``sha256`` as signed: frozen from now on."""
    ubah_status(kantor, sha256, BEKU, waktu=waktu, oleh=oleh)


def baca(kantor: Kantor | str | Path, sha256: str) -> bytes:
    """The bytes of an archived object (checked against its hash)."""
    path = objek_path(kantor, sha256)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"Objek arsip {sha256} tidak ada ({path}).") from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        raise InputError(f"Objek arsip {path} rusak: isinya tidak cocok dengan hash-nya.")
    return data


def daftar(
    kantor: Kantor | str | Path, *, periode: str | None = None, semua_versi: bool = True
) -> list[dict[str, Any]]:
    """The index rows (oldest first); ``semua_versi=False`` keeps each latest version."""
    conn = _open(as_kantor(kantor))
    try:
        sql, params = "SELECT * FROM artefak", []
        if periode is not None:
            sql += " WHERE periode = ?"
            params.append(periode)
        rows = [dict(r) for r in conn.execute(sql + " ORDER BY id", params)]
    finally:
        conn.close()
    if not semua_versi:
        latest: dict[tuple[str, str, str], dict[str, Any]] = {}
        for r in rows:
            latest[(r["jenis"], r["periode"], r["nama"])] = r
        rows = sorted(latest.values(), key=lambda r: r["id"])
    return rows


def terbaru(
    kantor: Kantor | str | Path, jenis: str, periode: str, nama: str
) -> dict[str, Any] | None:
    """The latest version of jenis+periode+nama, or None."""
    conn = _open(as_kantor(kantor))
    try:
        row = _latest(conn, jenis, periode, nama)
        return dict(row) if row else None
    finally:
        conn.close()


def bersihkan_sementara(kantor: Kantor | str | Path) -> list[Path]:
    """Remove the unpublished ``.tmp-*`` files a crash left behind; return them."""
    root = objek_root(as_kantor(kantor))
    removed = sorted(root.glob("*/.tmp-*")) if root.is_dir() else []
    for p in removed:
        p.unlink()
    return removed
