"""The Kabupaten roll-up: many offices' packages, each verified, then compared.

``periksa(path)`` verifies one input and reads its source data; ``rekap(paths)``
does it for many (in a process pool when asked) and consolidates what passed.
An input is a BagIt package of ``kinerja arsip paket`` (a folder holding
``bagit.txt``), an office folder (``kantor.toml``) or its ``arsip`` folder, or a
folder of those.

A package is accepted only when all of these hold, otherwise it is refused by
name with every problem found (``Masalah``: a stable ``kode`` and an Indonesian
sentence), and the others go on:

- BagIt: every file in ``manifest-sha256.txt`` exists with that sha256, no
  payload file is missing from it, ``tagmanifest-sha256.txt`` holds and covers
  the manifest, ``Payload-Oxum`` agrees;
- the event chain ``data/register/peristiwa.jsonl`` walks clean
  (``eventlog.periksa_rantai``) and ends where ``bag-info.txt`` says it ends;
- every archived artefact (``register/artefak.json``) is in the package with its
  recorded sha256, and its event is in the chain;
- every PDF's signatures, whatever status the index claims, are intact, valid
  and cover the whole file (``ttd.keabsahan.validasi_pdf``);
- the source data (``data-sumber.json`` embedded in the document PDF, or the
  archived data file beside it) exist, agree with each other, have the shape
  ``rekap.skema`` checks, and belong to the office and periode of the package.

Whether the figures may be ranked is a separate question (``HasilPaket.ttd``):
``terpercaya`` only when they are the data embedded in a signed document whose
certificate a root the Kabupaten gives (``akar``) vouches for and names the office's
signer (``penanda-lain`` otherwise: ``rekap.penanda``); ``rekap.status`` lists the
others apart.

An office folder is verified with ``arsip.verifikasi`` and read from its objek.
The BagIt layer is checked in ``rekap.bagit``, the source data read in
``rekap.sumber``; the problems' codes and messages are ``arsip.masalah``'s.
Consolidation lives in ``rekap.tabel``; writing the workbook and report in
``rekap.tulis``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kinerja.arsip.masalah import baris_masalah
from kinerja.arsip.verifikasi import verifikasi
from kinerja.arsip.verifikasi_ttd import penanda_saat
from kinerja.catatan import eventlog, objek
from kinerja.catatan.objek import objek_path
from kinerja.inti.errors import KinerjaError, UsageError
from kinerja.inti.paralel import peta
from kinerja.kantor.katalog import load_kantor
from kinerja.rekap.bagit import cek_bagit
from kinerja.rekap.hasil import HasilPaket
from kinerja.rekap.penanda import percaya, rantai_kantor, tandai_penanda
from kinerja.rekap.sumber import NAMA_DATA, baca_data
from kinerja.ttd.keabsahan import HasilValidasi, validasi_pdf
from kinerja.ttd.penanda_kantor import penanda_pada

__all__ = ["HasilPaket", "periksa", "periksa_akar", "periksa_paket", "temukan"]

_PDF = "application/pdf"
_TERKOMPRESI = (".zip", ".tar", ".tar.gz", ".tgz", ".gz", ".7z", ".rar")


def _cek_rantai(root: Path, h: HasilPaket) -> dict[str, dict[str, Any]]:
    """Walk the chain; return events by hash."""
    rel = "data/register/peristiwa.jsonl"
    path = root / rel
    if not path.is_file():
        h.tambah("peristiwa-hilang/paket", rel)
        return {}
    events = []
    for n, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            event = None
        if isinstance(event, dict):
            events.append(event)
        else:
            h.tambah("peristiwa-rusak", rel, baris=n)
    for pesan in eventlog.periksa_rantai(events):
        h.tambah("rantai-putus", rel, pesan=pesan)
    if "Jumlah-Peristiwa" in h.info and h.info["Jumlah-Peristiwa"] != str(len(events)):
        h.tambah(
            "rantai-terpotong/jumlah", rel, tercatat=h.info["Jumlah-Peristiwa"], jumlah=len(events)
        )
    last = h.info.get("Hash-Peristiwa-Terakhir")
    if last and (not events or events[-1].get("hash") != last):
        h.tambah("rantai-terpotong/akhir", rel)
    return {str(e.get("hash")): e for e in events}


def _rows(root: Path, h: HasilPaket) -> list[dict[str, Any]]:
    rel = "data/register/artefak.json"
    try:
        rows = json.loads((root / rel).read_text("utf-8"))
    except FileNotFoundError:
        h.tambah("artefak-hilang/indeks", rel)
        return []
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        h.tambah("artefak-rusak", rel)
        return []
    if not isinstance(rows, list):
        h.tambah("artefak-rusak", rel)
        return []
    return [r for r in rows if isinstance(r, dict)]


def _cek_artefak(
    root: Path,
    rows: list[dict[str, Any]],
    good: dict[str, str],
    events: dict[str, dict[str, Any]],
    h: HasilPaket,
) -> None:
    for r in rows:
        rel = str(r.get("berkas_paket", ""))
        if rel in good and good[rel] != r.get("sha256"):
            h.tambah("artefak-berbeda", rel)
        ev = events.get(str(r.get("event_hash")))
        if ev is None:
            h.tambah("peristiwa-hilang/artefak", rel)
        elif ev.get("artefak_sha256") != r.get("sha256"):
            h.tambah("catatan-diubah/artefak", rel)


def periksa_akar(akar: Sequence[Path]) -> None:
    """Every trust root readable as a certificate; ``UsageError`` naming the one that is not."""
    from pyhanko.keys import load_cert_from_pemder  # noqa: PLC0415  (pyHanko is heavy)

    for p in akar:
        try:
            load_cert_from_pemder(str(p))
        except (OSError, ValueError, TypeError) as exc:
            raise UsageError(
                f'Sertifikat akar "{p}" tidak dapat dibaca sebagai sertifikat PEM/DER: {exc}. '
                "Berikan berkas sertifikat akar yang dipercaya Kabupaten."
            ) from None


def _cek_ttd(
    path: Path, rel: str, akar: Sequence[Path] | None, h: HasilPaket, *, berstatus: bool
) -> HasilValidasi | None:
    """Validate any signature of one PDF, whatever its recorded status.

    A signature that is not intact, not valid or does not cover the file refuses
    the package; an intact one is returned (whether a root vouches for it is the
    caller's question). ``None``: no electronic signature.
    """
    v = validasi_pdf(path, trust_roots=list(akar or []))
    if v.jenis == "tidak-ada":
        if berstatus:
            h.catatan.append(
                f"{rel}: berstatus ditandatangani tetapi tanpa tanda tangan elektronik (basah?)."
            )
        return None
    if not (v.intact and v.valid and v.coverage == "ENTIRE_FILE"):
        h.tambah("tanda-tangan-tidak-sah", rel, pesan=v.pesan)
        return None
    return v


def _versi(r: dict[str, Any]) -> int:
    try:
        return int(r.get("versi", 0))
    except (TypeError, ValueError):
        return 0


def _latest(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (str(r.get("jenis")), str(r.get("nama")))
        if key not in best or _versi(r) > _versi(best[key]):
            best[key] = r
    return list(best.values())


def periksa_paket(
    root: Path, *, akar: Sequence[Path] | None = None, penanda: Mapping[str, str] | None = None
) -> HasilPaket:
    """Verify one BagIt package and read its source data (see the module docstring).

    ``penanda``: office kode → NIP of its signer, pinned by the Kabupaten."""
    root = Path(root)
    h = HasilPaket(path=root, jenis="paket")
    good = cek_bagit(root, h)
    if not (root / "bagit.txt").is_file():
        return h
    events = _cek_rantai(root, h)
    rows = _rows(root, h)
    _cek_artefak(root, rows, good, events, h)
    sah: dict[str, HasilValidasi] = {}
    for r in rows:  # every PDF, superseded ones included, whatever status it claims
        rel = str(r.get("berkas_paket", ""))
        if rel in good and r.get("media_type") == _PDF:
            v = _cek_ttd(root / rel, rel, akar, h, berstatus=r.get("status") == "ditandatangani")
            if v is not None:
                sah[rel] = v
    latest = _latest(rows)
    pdfs = sorted(
        (r for r in latest if r.get("media_type") == _PDF and r.get("jenis") == "dokumen"),
        key=lambda r: (str(r.get("berkas_paket")) not in sah, str(r.get("nama"))),
    )
    files = [r for r in latest if NAMA_DATA in (r.get("nama"), r.get("nama_berkas"))]
    if all(str(r.get("berkas_paket")) in good for r in [*pdfs, *files]):
        baca_data(
            [(str(r["berkas_paket"]), root / str(r["berkas_paket"]), "") for r in files],
            h,
            pdf_rows=[(str(r["berkas_paket"]), root / str(r["berkas_paket"])) for r in pdfs],
        )
        percaya(h, sah, akar)
        rantai = list(events.values())
        asal = {str(r.get("berkas_paket")): str(r.get("event_hash")) for r in rows}
        tandai_penanda(h, sah, lambda src: penanda_pada(rantai, asal.get(src, "")), penanda or {})
    else:  # a source file failed its check (already named): reading it proves nothing
        for r in [*pdfs, *files]:
            rel = str(r.get("berkas_paket"))
            if rel not in good and not any(m.objek == rel for m in h.masalah):
                h.tambah("artefak-hilang/paket", rel)
    if h.masalah:
        h.data = None  # a refused package contributes no figure
    return h


def _periksa_arsip(
    folder: Path,
    periode: Sequence[str] | None,
    akar: Sequence[Path] | None = None,
    penanda: Mapping[str, str] | None = None,
) -> list[HasilPaket]:
    """An office folder: ``arsip.verifikasi`` once, then one result per archived periode.

    ``verifikasi`` trusts the office's own roots; whether the Kabupaten's roots
    (``akar``) vouch for the document the figures come from is checked here.
    """
    h0 = HasilPaket(path=folder, jenis="arsip")
    try:
        kantor = load_kantor(folder)
    except KinerjaError as exc:
        h0.tambah("kantor-tak-terbaca", str(folder), pesan=exc)
        return [h0]
    lap = verifikasi(kantor)
    rows = objek.daftar(kantor)
    rantai = rantai_kantor(kantor)
    asal = {objek_path(kantor, r["sha256"]).relative_to(kantor.arsip).as_posix(): r for r in rows}
    periodes = sorted({r["periode"] for r in rows} & set(periode or {r["periode"] for r in rows}))
    if not periodes:
        h0.kantor_kode, h0.kantor_nama = kantor.kode, kantor.nama
        h0.tambah("data-tidak-ada/arsip", str(folder))
        return [h0]
    out = []
    for p in periodes:
        h = HasilPaket(path=kantor.arsip, jenis="arsip", kantor_kode=kantor.kode)
        h.kantor_nama, h.periode = kantor.nama, p
        h.masalah += lap.masalah
        h.catatan += lap.catatan + [f"PERINGATAN: {baris_masalah(m)}" for m in lap.peringatan]
        latest = [r for r in _latest(rows) if r["periode"] == p]
        rel = lambda r: objek_path(kantor, r["sha256"]).relative_to(kantor.arsip).as_posix()  # noqa: E731
        pdfs = [
            (rel(r), objek_path(kantor, r["sha256"]))
            for r in latest
            if r["media_type"] == _PDF and r["jenis"] == "dokumen"
        ]
        files = [
            (rel(r), objek_path(kantor, r["sha256"]), "")
            for r in latest
            if NAMA_DATA in (r["nama"], r["nama_berkas"])
        ]
        sah: dict[str, HasilValidasi] = {}
        for rel_pdf, path in pdfs:
            v = _cek_ttd(path, rel_pdf, akar, h, berstatus=False)
            if v is not None:
                sah[rel_pdf] = v
        pdfs.sort(key=lambda x: x[0] not in sah)
        baca_data(files, h, pdf_rows=pdfs)
        percaya(h, sah, akar)
        tandai_penanda(
            h, sah, lambda src: penanda_saat(kantor, rantai, asal[src]["event_hash"]), penanda or {}
        )
        if h.masalah:
            h.data = None
        out.append(h)
    return out


def temukan(paths: Iterable[Path]) -> list[tuple[str, Path]]:
    """Expand inputs into ("paket"|"arsip"|"tak-dikenal", path), folders of them included."""
    out: list[tuple[str, Path]] = []

    def kind(p: Path) -> str | None:
        if (p / "bagit.txt").is_file():
            return "paket"
        if (p / "kantor.toml").is_file():
            return "arsip"
        if p.name == "arsip" and (p.parent / "kantor.toml").is_file():
            return "arsip-induk"
        return None

    for p in map(Path, paths):
        k = kind(p) if p.is_dir() else None
        if k == "arsip-induk":
            out.append(("arsip", p.parent))
        elif k:
            out.append((k, p))
        elif p.is_dir() and any(kind(c) for c in p.iterdir() if c.is_dir()):
            for c in sorted(c for c in p.iterdir() if not c.name.startswith(".")):
                ck = kind(c) if c.is_dir() else None
                if ck:
                    out.append(("arsip" if ck == "arsip-induk" else ck, c))
                elif c.is_file() and c.name.casefold().endswith(_TERKOMPRESI):
                    out.append(("tak-dikenal", c))  # a package sent compressed: named, not skipped
        else:
            out.append(("tak-dikenal", p))
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class _Tugas:
    jenis: str
    path: Path
    akar: tuple[Path, ...]
    periode: tuple[str, ...]
    penanda: tuple[tuple[str, str], ...] = ()


def _periksa_satu(t: _Tugas) -> list[HasilPaket]:
    if t.jenis == "paket":
        return [periksa_paket(t.path, akar=t.akar, penanda=dict(t.penanda))]
    if t.jenis == "arsip":
        return _periksa_arsip(t.path, t.periode or None, t.akar, dict(t.penanda))
    h = HasilPaket(path=t.path, jenis="tak-dikenal")
    if t.path.is_file() and t.path.name.casefold().endswith(_TERKOMPRESI):
        h.tambah("bukan-paket/terkompresi", t.path.name)
    elif t.path.exists():
        h.tambah("bukan-paket")
    else:
        h.tambah("tidak-ditemukan")
    return [h]


def periksa(
    paths: Iterable[Path],
    *,
    akar: Sequence[Path] = (),
    periode: Sequence[str] = (),
    pekerja: int = 1,
    laporan: Any = None,
    penanda: Mapping[str, str] | None = None,
) -> list[HasilPaket]:
    """Verify every input (in a process pool when ``pekerja`` > 1); never raises per input.

    ``penanda``: office kode → NIP of its signer (``rekap.penanda.baca_penanda``)."""
    pin = tuple(sorted((penanda or {}).items()))
    tasks = [_Tugas(k, p, tuple(akar), tuple(periode), pin) for k, p in temukan(paths)]
    out: list[HasilPaket] = []
    for t, r in zip(
        tasks,
        peta(_periksa_satu, tasks, nama=lambda t: t.path.name, pekerja=pekerja, laporan=laporan),
        strict=True,
    ):
        if r.ok:
            out += r.nilai
        else:
            h = HasilPaket(path=t.path, jenis=t.jenis)
            h.tambah("pemeriksaan-gagal", pesan=r.pesan)
            out.append(h)
    return out
