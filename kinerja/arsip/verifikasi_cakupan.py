"""The parts of ``verifikasi`` that cover every record: rows, received forms, anchors.

* every row of every table is compared with the content the chain hashed for it
  (``catatan.rantai``): a row changed, added or deleted is named by table and rowid;
* a database that is missing, or lacks its tables, while the office has records
  (archived objects, received forms, packages) is damage, not "nothing to check";
* every received form under ``arsip/masuk/`` is hashed and matched with ``berkas_masuk``;
* every run log under ``arsip/log/`` is hashed and matched with ``log_jalankan``
  (``catatan.berkas_log``): changed or deleted is damage; a log no row covers is a
  ``peringatan`` (a run under way or killed, or an office from before logs were covered,
  until the next ``jalankan`` records it; or a file someone put there);
* a witness (``--saksi``: a head hash kept outside the laptop, or a package that
  carries one) must still be an event of the chain;
* returned forms under ``formulir-kembali/`` with no database at all (``formulir_kembali``)
  are a ``peringatan``: the archive may have been lost, or himpun never ran.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from kinerja.catatan import rantai
from kinerja.catatan.berkas_log import berkas_log, log_tercatat
from kinerja.catatan.objek import objek_root
from kinerja.inti.errors import UsageError
from kinerja.kantor.katalog import Kantor
from kinerja.ttd.tandatangan import LABEL_KEPALA_TTD

__all__ = [
    "FOLDER_KEMBALI",
    "HEX64",
    "LABEL_KEPALA",
    "baca_saksi",
    "bukti_catatan",
    "cek_cakupan",
    "cek_log",
    "cek_masuk",
    "cek_saksi",
    "cek_tabel_wajib",
    "formulir_kembali",
    "saksi_pdf",
]

HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
#: The bag-info.txt label (and the document's line) that carries the chain's head hash.
LABEL_KEPALA = "Kinerja-Kepala-Rantai"
#: The label of a BagIt package's bag-info.txt that carries the head hash.
LABEL_PAKET = "Hash-Peristiwa-Terakhir"
_TABEL_WAJIB = ("skema", "peristiwa")
#: Where an office puts the forms its units return (``jalankan.langkah.folder_formulir``).
FOLDER_KEMBALI = "formulir-kembali"
_DAFTAR_MAKS = 12


class _Laporan(Protocol):
    catatan: list[str]

    def tambah(self, kunci: str, objek: str = "", **isian: object) -> None: ...

    def masalah_ada(self) -> bool: ...


def _masuk_root(k: Kantor) -> Path:
    return k.arsip / "masuk"


def _berkas(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".tmp"))


def bukti_catatan(k: Kantor) -> list[str]:
    """What shows that the office has kept records (empty: a new office)."""
    bukti = []
    objek = _berkas(objek_root(k))
    if objek:
        bukti.append(f"{len(objek)} objek arsip")
    masuk = _berkas(_masuk_root(k))
    if masuk:
        bukti.append(f"{len(masuk)} formulir masuk")
    log = berkas_log(k.path)
    if log:
        bukti.append(f"{len(log)} log jalankan")
    paket = k.arsip / "paket"
    if paket.is_dir() and any(paket.iterdir()):
        bukti.append("paket arsip")
    return bukti


def formulir_kembali(k: Kantor) -> list[Path]:
    """The returned forms (``.xlsx``) under ``<kantor>/formulir-kembali/``, any quarter;
    Excel's lock files (``~$…``) and hidden files left out."""
    root = k.path / FOLDER_KEMBALI
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.rglob("*.xlsx") if p.is_file() and not p.name.startswith(("~$", "."))
    )


def cek_tabel_wajib(conn: sqlite3.Connection, k: Kantor, lap: _Laporan) -> bool:
    """The chain's tables must be there when the office has records; False when missing."""
    ada = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    kurang = [t for t in _TABEL_WAJIB if t not in ada]
    if not kurang:
        return True
    bukti = bukti_catatan(k)
    isi = [t for t in ada if not t.startswith("sqlite_")]
    if bukti or isi:
        lap.tambah(
            "database-hilang/tabel",
            "kinerja.sqlite",
            tabel=", ".join(kurang),
            bukti=", ".join(bukti or [f"tabel {', '.join(sorted(isi))}"]),
        )
    return False


def _daftar(rowids: list[str]) -> str:
    head = ", ".join(rowids[:_DAFTAR_MAKS])
    return head + (f", … (+{len(rowids) - _DAFTAR_MAKS})" if len(rowids) > _DAFTAR_MAKS else "")


def cek_cakupan(
    conn: sqlite3.Connection, events: Iterable[Mapping[str, Any]], lap: _Laporan
) -> int:
    """Every table against the chain; returns how many rows the chain covers."""
    events = list(events)
    if not any(e.get("apa") == rantai.APA_BARIS for e in events):
        for t in rantai.tabel_tercakup(conn):
            n = conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            if n and t != "skema":
                lap.tambah("baris-ditambah", f"tabel {t}", jumlah=n, daftar="semua")
        if lap.masalah_ada():
            lap.catatan.append(
                "Rantai peristiwa tidak mencatat isi tabel sama sekali: arsip dari kinerja "
                "sebelum versi ini, atau peristiwa pencatatnya dihapus. Bandingkan dengan "
                "cadangan dan paket yang disimpan Kabupaten."
            )
        return 0
    per: dict[tuple[str, str], list[str]] = {}
    for jenis, tabel, rowid in rantai.periksa_cakupan(conn, events):
        per.setdefault((jenis, tabel), []).append(rowid)
    for (jenis, tabel), rowids in sorted(per.items()):
        n, daftar = len(rowids), _daftar(rowids)
        if jenis == "diubah":
            lap.tambah("baris-diubah", f"tabel {tabel}", jumlah=n, daftar=daftar)
        elif jenis == "ditambah":
            lap.tambah("baris-ditambah", f"tabel {tabel}", jumlah=n, daftar=daftar)
        else:
            lap.tambah("baris-dihapus", f"tabel {tabel}", jumlah=n, daftar=daftar)
    return sum(len(v) for v in rantai.cakupan_dari_rantai(events).values())


def _sha(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def cek_masuk(conn: sqlite3.Connection | None, k: Kantor, lap: _Laporan) -> int:
    """Every received form: named by its hash, recorded in ``berkas_masuk``, still there."""
    rows: list[sqlite3.Row] = []
    if conn is not None:
        ada = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'berkas_masuk'"
        ).fetchone()
        if ada:
            rows = conn.execute("SELECT nama, sha256, arsip, periode FROM berkas_masuk").fetchall()
    tercatat = {str(r["arsip"]).replace("\\", "/"): r for r in rows}
    files = _berkas(_masuk_root(k))
    for path in files:
        rel = path.relative_to(k.path).as_posix()
        try:
            actual = _sha(path)
        except OSError as exc:
            lap.tambah("objek-tak-terbaca", rel, alasan=exc.strerror)
            continue
        expected = path.stem
        row = tercatat.get(rel) or tercatat.get(path.relative_to(k.arsip).as_posix())
        if row is not None:
            expected = row["sha256"]
        if actual != expected:
            lap.tambah("berkas-masuk-rusak", rel, sekarang=actual, seharusnya=expected)
        elif row is None and not any(r["sha256"] == actual for r in rows):
            lap.tambah("berkas-masuk-tak-tercatat", rel)
    present = {p.relative_to(k.path).as_posix() for p in files}
    present |= {p.relative_to(k.arsip).as_posix() for p in files}
    present |= {p.name for p in files}
    for r in rows:
        arsip = str(r["arsip"]).replace("\\", "/")
        if arsip and arsip not in present and Path(arsip).name not in present:
            lap.tambah("berkas-masuk-hilang", arsip, nama=r["nama"], periode=r["periode"])
    return len(files)


def cek_log(conn: sqlite3.Connection | None, k: Kantor, lap: _Laporan) -> int:
    """Every file under ``arsip/log/`` against the latest row recording it; returns how many."""
    tercatat = log_tercatat(conn) if conn is not None else {}
    files = berkas_log(k.path)
    present = set()
    for path in files:
        rel = path.relative_to(k.path).as_posix()
        present.add(rel)
        rec = tercatat.get(rel)
        if rec is None:
            lap.tambah("log-tak-tercatat", rel)
            continue
        try:
            actual = _sha(path)
        except OSError as exc:
            lap.tambah("objek-tak-terbaca", rel, alasan=exc.strerror)
            continue
        if actual != rec["sha256"]:
            lap.tambah(
                "log-rusak", rel, status=rec["status"], sekarang=actual, seharusnya=rec["sha256"]
            )
    for rel, rec in sorted(tercatat.items()):
        if rel not in present:
            lap.tambah(
                "log-hilang",
                rel,
                status=rec["status"],
                dicatat=rec["dicatat"][:16].replace("T", " "),
            )
    return len(files)


def baca_saksi(teks: str) -> list[tuple[str, str]]:
    """``--saksi``: a head hash, or a file/package that carries one → [(hash, where from)]."""
    nilai = teks.strip()
    if HEX64.fullmatch(nilai.lower()):
        return [(nilai.lower(), "--saksi")]
    path = Path(nilai)
    if path.is_dir():
        path = path / "bag-info.txt"
    try:
        isi = path.read_text("utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(
            f'--saksi "{teks}": bukan hash sha256 (64 digit heksadesimal) dan bukan berkas '
            f"saksi yang dapat dibaca ({exc.strerror or exc}). Berikan hash kepala rantai yang "
            "tercetak di dokumen, atau berkas/paket yang memuatnya."
        ) from exc
    label = re.findall(rf"(?:{LABEL_KEPALA}|{LABEL_PAKET}):\s*([0-9a-fA-F]{{64}})", isi)
    hashes = [h.lower() for h in label] or HEX64.findall(isi.lower().strip())
    if not hashes or (not label and len(hashes) != 1):
        raise UsageError(
            f'Berkas saksi "{path}" tidak memuat {LABEL_KEPALA}: <hash> atau tepat satu hash '
            "sha256. Berikan hash kepala rantai yang tercetak di dokumen."
        )
    return [(h, str(path)) for h in hashes]


def saksi_pdf(path: Path) -> list[str]:
    """The head hashes a signed PDF carries: each signature's reason names the chain's head
    at signing time (``kepala rantai arsip <hash>``), under the signature itself."""
    from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: PLC0415  (pyHanko is heavy)

    try:
        with path.open("rb") as fh:
            sigs = PdfFileReader(fh, strict=False).embedded_signatures
            reasons = [str(s.sig_object.get("/Reason", "")) for s in sigs]
    except Exception:  # an unreadable PDF is reported by the signature check
        return []
    pola = re.compile(rf"{LABEL_KEPALA_TTD} ([0-9a-f]{{64}})")
    return [h for r in reasons for h in pola.findall(r)]


def cek_saksi(
    events: Iterable[Mapping[str, Any]], saksi: list[tuple[str, str]], lap: _Laporan
) -> int:
    """Each witness hash must still be the hash of an event of the chain."""
    ada = {str(e.get("hash")) for e in events}
    for h, asal in saksi:
        if h not in ada:
            lap.tambah("saksi-tidak-ada", h[:16], saksi=h, asal=asal)
    return len(saksi)
