"""``verifikasi(kantor)``: is the office's record intact? (naskah.md §5)

Recomputes the hash of every archived object, walks the event chain, checks that
every record points at an event that says the same thing, that every protective
trigger is still there unchanged (``arsip.verifikasi_skema``), checks the letter
register for gaps and duplicates, compares each archived PDF's embedded source
data with the stored data, validates the signature of each signed PDF and that its
signer is the office's signer on record and that the trust roots are the recorded ones
(``arsip.verifikasi_ttd``; a file archived twice is checked once) or, signed in wet ink,
its record, scan and signer (``arsip.verifikasi_basah``), and hashes every
run log against the event that recorded it. Read only: nothing is repaired. Each
damage is a ``Masalah`` naming the object by file name or hash; a finding worth a
look that is not damage (a run log no event covers yet) is a ``peringatan``; things
worth knowing are ``catatan``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja.arsip.masalah import Masalah, baris_masalah, buat_masalah
from kinerja.arsip.verifikasi_basah import JENIS_BUKTI, cek_basah
from kinerja.arsip.verifikasi_cakupan import (
    FOLDER_KEMBALI,
    bukti_catatan,
    cek_cakupan,
    cek_log,
    cek_masuk,
    cek_saksi,
    cek_tabel_wajib,
    formulir_kembali,
    saksi_pdf,
)
from kinerja.arsip.verifikasi_skema import cek_pemicu
from kinerja.arsip.verifikasi_ttd import masalah_akar, masalah_penanda
from kinerja.catatan import eventlog
from kinerja.catatan.db import connect_baca, db_path
from kinerja.catatan.objek import objek_path, objek_root
from kinerja.cetak.render import read_embedded
from kinerja.inti.errors import WARNING
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.naskah.penomoran import periksa_register
from kinerja.ttd.keabsahan import validasi_pdf

__all__ = ["Laporan", "verifikasi"]


@dataclass
class Laporan:
    """The verification report; ``utuh`` when no ``masalah`` (``peringatan`` do not count)."""

    kantor: str
    masalah: list[Masalah] = field(default_factory=list)
    peringatan: list[Masalah] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    jumlah: dict[str, int] = field(default_factory=dict)
    kepala: str = ""  # the chain's head hash: keep it outside the laptop (a witness)

    @property
    def utuh(self) -> bool:
        return not self.masalah

    def masalah_ada(self) -> bool:
        return bool(self.masalah)

    def tambah(self, kunci: str, objek: str = "", **isian: object) -> None:
        """Add the finding ``kunci`` of ``arsip.masalah.KATALOG`` with its template's fields
        (to ``masalah``, or to ``peringatan`` when the catalogue says so)."""
        m = buat_masalah(kunci, objek, **isian)
        (self.peringatan if m.tingkat == WARNING else self.masalah).append(m)

    def teks(self) -> str:
        """The report as printed by ``kinerja verifikasi``."""
        lines = [f"Verifikasi arsip {self.kantor}"]
        labels = {
            "objek": "objek arsip diperiksa hash-nya",
            "masuk": "formulir masuk diperiksa hash-nya",
            "log": "log jalankan diperiksa hash-nya",
            "peristiwa": "peristiwa dalam rantai",
            "baris": "baris tabel dicocokkan dengan rantai",
            "nomor": "nomor di register surat",
            "pemicu": "pemicu pelindung basis data diperiksa",
            "pdf": "PDF diperiksa data tertanamnya",
            "tanda_tangan": "tanda tangan divalidasi",
        }
        if "saksi" in self.jumlah:
            labels["saksi"] = "saksi kepala rantai diperiksa"
        lines += [f"  {self.jumlah.get(k, 0):>6} {v}" for k, v in labels.items()]
        for kata, daftar in (("RUSAK", self.masalah), ("PERINGATAN", self.peringatan)):
            lines += [f"{kata}: {baris_masalah(m)}" for m in daftar]
        lines += [f"catatan: {c}" for c in self.catatan]
        if self.kepala:
            lines.append(f"Kepala rantai: {self.kepala} (simpan di luar laptop sebagai saksi)")
        lines.append(self._hasil())
        return "\n".join(lines)

    def _hasil(self) -> str:
        tambahan = f"; {len(self.peringatan)} peringatan" if self.peringatan else ""
        if self.utuh:
            return f"HASIL: arsip utuh{tambahan}."
        return f"HASIL: arsip TIDAK utuh ({len(self.masalah)} masalah{tambahan})."


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r["name"] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _rel(kantor: Kantor, path: Path) -> str:
    try:
        return str(path.relative_to(kantor.path))
    except ValueError:
        return str(path)


def _cek_objek(kantor: Kantor, indexed: dict[str, dict[str, Any]], lap: Laporan) -> None:
    root = objek_root(kantor)
    seen: set[str] = set()
    files = sorted(p for p in root.glob("*/*") if p.is_file()) if root.is_dir() else []
    for path in files:
        if path.name.startswith(".tmp-"):
            lap.catatan.append(
                f"Sisa berkas sementara {_rel(kantor, path)} (penulisan yang terputus, belum "
                "pernah menjadi objek); boleh dihapus."
            )
            continue
        expected = path.parent.name + path.name
        seen.add(expected)
        lap.jumlah["objek"] = lap.jumlah.get("objek", 0) + 1
        try:
            with path.open("rb") as fh:
                actual = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError as exc:
            lap.tambah("objek-tak-terbaca", _rel(kantor, path), alasan=exc.strerror)
            continue
        if actual != expected:
            nama = indexed.get(expected, {}).get("nama_berkas", "")
            lap.tambah(
                "objek-rusak/bernama" if nama else "objek-rusak",
                _rel(kantor, path),
                sekarang=actual,
                seharusnya=expected,
                nama=nama,
            )
        elif expected not in indexed:
            lap.catatan.append(
                f"Objek {expected[:16]}… tidak tercatat di indeks arsip (penulisan yang "
                "terputus sebelum dicatat); tidak merusak."
            )
    for sha, row in indexed.items():
        if sha not in seen:
            lap.tambah(
                "objek-hilang",
                sha,
                nama_berkas=row["nama_berkas"],
                jenis=row["jenis"],
                periode=row["periode"],
                versi=row["versi"],
            )


def _cek_rujukan(conn: sqlite3.Connection, tables: set[str], lap: Laporan) -> None:
    """Every record must point at an event that says the same thing."""
    events = {e.hash: e for e in eventlog.iter_peristiwa(conn)}

    def check(
        table: str,
        label: Callable[[sqlite3.Row], str],
        same: Callable[[sqlite3.Row, eventlog.Peristiwa], bool],
    ) -> None:
        if table not in tables:
            return
        for row in conn.execute(f"SELECT * FROM {table}"):
            ev = events.get(row["event_hash"])
            if ev is None:
                lap.tambah("peristiwa-hilang/rujukan", row["event_hash"][:16], label=label(row))
            elif not same(row, ev):
                lap.tambah(
                    "catatan-diubah/rujukan", row["event_hash"][:16], label=label(row), seq=ev.seq
                )

    check(
        "artefak",
        lambda r: f'Artefak "{r["nama_berkas"]}" versi {r["versi"]}',
        lambda r, e: e.artefak_sha256 == r["sha256"] and e.data.get("versi") == r["versi"],
    )
    check(
        "nomor_surat",
        lambda r: f"Register surat urut {r['urut']}/{r['tahun']}",
        lambda r, e: e.data.get("nomor") == r["nomor"] or e.data.get("no_agenda") == r["urut"],
    )
    check(
        "sop_run",
        lambda r: f"Register SOP periode {r['periode']}",
        lambda r, e: e.data.get("nomor_sop") == r["nomor_sop"] and e.periode == r["periode"],
    )
    check(
        "log_jalankan",
        lambda r: f'Catatan log "{r["berkas"]}"',
        lambda r, e: e.artefak_sha256 == r["sha256"] and e.data.get("berkas") == r["berkas"],
    )
    check(
        "sop_langkah",
        lambda r: f"Langkah SOP {r['no']}",
        lambda r, e: e.artefak_sha256 == r["artefak_sha256"] and e.data.get("no") == r["no"],
    )


def _cek_pdf(
    kantor: Kantor, rows: list[dict[str, Any]], lap: Laporan, rantai: list[dict[str, Any]]
) -> None:
    basah = cek_basah(kantor, rows, rantai, lap)  # wet ink: the record and scan are the proof
    pdfs = _satu_per_isi(
        r for r in rows if r["media_type"] == "application/pdf" and r["jenis"] != JENIS_BUKTI
    )
    if not pdfs:
        return
    by_name: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        for key in (r["nama_berkas"], r["nama"]):
            by_name.setdefault((r["periode"], key), set()).add(r["sha256"])
    all_sha = {r["sha256"] for r in rows}
    for r in pdfs:
        path = objek_path(kantor, r["sha256"])
        if not path.is_file():
            continue  # reported as objek-hilang
        label = f"{r['nama_berkas']} ({r['sha256'][:16]}…)"
        try:
            embedded = read_embedded(path)
        except Exception as exc:  # not a readable PDF: unchanged, so a note
            lap.catatan.append(f"{label}: lampiran PDF tidak dapat dibaca ({exc}).")
            embedded = {}
        if embedded:
            lap.jumlah["pdf"] = lap.jumlah.get("pdf", 0) + 1
        for name, data in embedded.items():
            sha = hashlib.sha256(data).hexdigest()
            stored = by_name.get((r["periode"], name))
            if stored and sha not in stored:
                lap.tambah("data-tertanam-berbeda/arsip", label, nama=name)
            elif not stored and sha not in all_sha:
                lap.catatan.append(
                    f'{label}: data tertanam "{name}" tidak punya salinan '
                    "tersimpan di arsip untuk dibandingkan."
                )
        if r["sha256"] in basah:
            continue
        if r["status"] == "ditandatangani" or _bertanda_tangan(path):
            lap.jumlah["tanda_tangan"] = lap.jumlah.get("tanda_tangan", 0) + 1
            hasil = validasi_pdf(path, kantor, nama=r["nama_berkas"])
            if not hasil.utuh:
                lap.tambah("tanda-tangan-tidak-sah", label, pesan=hasil.pesan)
            for m in masalah_penanda(kantor, rantai, r["event_hash"], hasil, label):
                (lap.peringatan if m.tingkat == WARNING else lap.masalah).append(m)
            # the head hash the signed document prints is a witness the signature protects
            cek_saksi(rantai, [(h, r["nama_berkas"]) for h in saksi_pdf(path)], lap)


def _satu_per_isi(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per stored content: a file archived twice (the signed document, and again as
    the artefact of its SOP step) is checked once, by its signed row when it has one."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        ada = out.get(r["sha256"])
        ditandatangani = r["status"] == "ditandatangani"
        if ada is None or (ditandatangani and ada["status"] != "ditandatangani"):
            out[r["sha256"]] = r
    return list(out.values())


def _bertanda_tangan(path: Path) -> bool:
    """Whether a PDF carries a digital signature (whatever status its index row says)."""
    try:
        return b"/ByteRange" in path.read_bytes()
    except OSError:
        return False


def _cek_tanpa_arsip(k: Kantor, lap: Laporan) -> None:
    """No database and no record, yet returned forms wait: a lost archive looks the same
    as an office that never ran himpun, so a PERINGATAN that says both."""
    kembali = formulir_kembali(k)
    if kembali:
        lap.tambah(
            "arsip-mungkin-hilang",
            f"{FOLDER_KEMBALI}/",
            jumlah=len(kembali),
            basis_data=_rel(k, db_path(k.path)),
            kantor=k.path,
        )


def verifikasi(kantor: Kantor | str | Path, saksi: list[tuple[str, str]] | None = None) -> Laporan:
    """Check everything kinerja recorded for the office; see the module docstring.

    ``saksi``: head hashes kept outside the laptop (``verifikasi_cakupan.baca_saksi``);
    each must still be an event of the chain.
    """
    k = as_kantor(kantor)
    lap = Laporan(kantor=k.nama)
    if saksi:
        lap.jumlah["saksi"] = len(saksi)
    if not db_path(k.path).is_file():
        bukti = bukti_catatan(k)
        if bukti:
            lap.tambah("database-hilang", _rel(k, db_path(k.path)), bukti=", ".join(bukti))
        else:
            lap.catatan.append(f"Belum ada arsip di {_rel(k, k.arsip)}: tidak ada yang diperiksa.")
            _cek_tanpa_arsip(k, lap)
        _cek_objek(k, {}, lap)
        lap.jumlah["masuk"] = cek_masuk(None, k, lap)
        lap.jumlah["log"] = cek_log(None, k, lap)
        cek_saksi([], saksi or [], lap)
        return lap
    try:
        conn = connect_baca(k.path)
        status = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        lap.tambah("database-rusak/buka", _rel(k, db_path(k.path)), galat=exc)
        return lap
    try:
        if status != "ok":
            lap.tambah("database-rusak/integritas", _rel(k, db_path(k.path)), status=status)
        tables = _tables(conn)
        rows = (
            [dict(r) for r in conn.execute("SELECT * FROM artefak ORDER BY id")]
            if "artefak" in tables
            else []
        )
        _cek_objek(k, {r["sha256"]: r for r in rows}, lap)
        lap.jumlah["pemicu"] = cek_pemicu(conn, lap)
        lap.jumlah["masuk"] = cek_masuk(conn, k, lap)
        events: list[dict[str, Any]] = []
        if cek_tabel_wajib(conn, k, lap):
            events = [e.as_dict() for e in eventlog.iter_peristiwa(conn)]
            lap.jumlah["peristiwa"] = len(events)
            lap.kepala = str(events[-1]["hash"]) if events else ""
            for pesan in eventlog.periksa_rantai(events):
                lap.tambah("rantai-putus", "log peristiwa", pesan=pesan)
            lap.jumlah["baris"] = cek_cakupan(conn, events, lap)
            _cek_rujukan(conn, tables, lap)
            cek_saksi(events, saksi or [], lap)
        else:
            cek_saksi([], saksi or [], lap)
        lap.jumlah["log"] = cek_log(conn, k, lap)
        if "nomor_surat" in tables:
            lap.jumlah["nomor"] = conn.execute("SELECT COUNT(*) FROM nomor_surat").fetchone()[0]
            for pesan in periksa_register(conn):
                lap.tambah("register-nomor", "register surat", pesan=pesan)
    finally:
        conn.close()
    lap.masalah += masalah_akar(k)
    _cek_pdf(k, rows, lap, events)
    return lap
