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
- every signed PDF validates (``signing.validasi_pdf``; the trust roots the
  Kabupaten gives, else integrity only, with a note);
- the source data (``data-sumber.json`` embedded in the document PDF, or the
  archived data file beside it) exist, agree with each other, and belong to the
  office and periode of the package.

An office folder is verified with ``verify.verifikasi`` and read from its objek.
Consolidation lives in ``rekap_tabel``; writing the workbook and report in
``rekap_tulis``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja.arsip.verifikasi import Masalah
from kinerja.catatan import eventlog

__all__ = [
    "NAMA_DATA",
    "HasilPaket",
    "Masalah",
    "periksa",
    "periksa_paket",
    "temukan",
]

NAMA_DATA = "data-sumber.json"
FORMAT_DATA = "kinerja-dokumen-data/1"
PDF = "application/pdf"


@dataclass
class HasilPaket:
    """One verified (or refused) input: its office, periode, problems and source data."""

    path: Path
    jenis: str  # "paket" (BagIt) | "arsip" (an office's archive folder)
    kantor_kode: str = ""
    kantor_nama: str = ""
    periode: str = ""
    masalah: list[Masalah] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None  # the parsed data-sumber.json
    berkas_data: str = ""  # where the data came from, relative to ``path``
    sha256_data: str = ""
    cara: str = ""  # "tertanam di PDF" | "berkas data"
    info: dict[str, str] = field(default_factory=dict)  # bag-info.txt
    tanda_tangan: str = ""  # what the signature check said

    @property
    def utuh(self) -> bool:
        return not self.masalah and self.data is not None

    @property
    def label(self) -> str:
        who = self.kantor_nama or self.path.name
        return f"{who} {self.periode}".strip()

    def tambah(self, kode: str, pesan: str, objek: str = "") -> None:
        self.masalah.append(Masalah(kode, pesan, objek))


def _sha(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _read_tags(path: Path) -> dict[str, str]:
    """bag-info.txt as a dict (continuation lines folded; the first value of a key wins)."""
    info: dict[str, str] = {}
    key = None
    for line in path.read_text("utf-8").splitlines():
        if line[:1] in (" ", "\t") and key:
            info[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            key = key.strip()
            info.setdefault(key, value.strip())
    return info


def _read_manifest(path: Path, h: HasilPaket) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) != 2 or len(parts[0]) != 64:
            h.tambah("manifest-rusak", f"baris {n} tidak berbentuk '<sha256>  <berkas>'", path.name)
            continue
        rel = parts[1].strip().replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        out[rel] = parts[0].lower()
    return out


def _cek_bagit(root: Path, h: HasilPaket) -> dict[str, str]:
    """Check the bag; return {payload path: sha256 as found} for files that match."""
    if not (root / "bagit.txt").is_file():
        h.tambah("bukan-bagit", "tidak ada bagit.txt: bukan paket BagIt", root.name)
        return {}
    if (root / "bag-info.txt").is_file():
        h.info = _read_tags(root / "bag-info.txt")
        h.kantor_kode = h.info.get("Kode-Kantor", "")
        h.kantor_nama = h.info.get("Kantor", "")
        h.periode = h.info.get("Periode", "")
    manifest_path = root / "manifest-sha256.txt"
    if not manifest_path.is_file():
        h.tambah("manifest-hilang", "manifest-sha256.txt tidak ada", root.name)
        return {}
    manifest = _read_manifest(manifest_path, h)
    good: dict[str, str] = {}
    for rel, expected in manifest.items():
        p = root / rel
        if not rel.startswith("data/") or ".." in Path(rel).parts:
            h.tambah("manifest-rusak", f'jalur "{rel}" di luar folder data/', "manifest-sha256.txt")
        elif not p.is_file():
            h.tambah("berkas-hilang", "tercatat di manifest tetapi tidak ada di paket", rel)
        else:
            actual = _sha(p)
            if actual != expected:
                h.tambah(
                    "hash-berbeda",
                    f"isi berubah: sha256 {actual[:16]}…, manifest {expected[:16]}…",
                    rel,
                )
            else:
                good[rel] = actual
    on_disk = {p.relative_to(root).as_posix() for p in (root / "data").rglob("*") if p.is_file()}
    for rel in sorted(on_disk - set(manifest)):
        h.tambah("berkas-tak-tercatat", "ada di paket tetapi tidak tercatat di manifest", rel)
    tag_path = root / "tagmanifest-sha256.txt"
    if not tag_path.is_file():
        h.tambah("tagmanifest-hilang", "tagmanifest-sha256.txt tidak ada", root.name)
    else:
        tags = _read_manifest(tag_path, h)
        for rel in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt"):
            if rel not in tags:
                h.tambah("tagmanifest-rusak", f"{rel} tidak tercatat di tagmanifest", rel)
        for rel, expected in tags.items():
            p = root / rel
            if not p.is_file():
                h.tambah("berkas-hilang", "tercatat di tagmanifest tetapi tidak ada", rel)
            elif _sha(p) != expected:
                h.tambah("hash-berbeda", "isi berubah (tagmanifest)", rel)
    oxum = h.info.get("Payload-Oxum", "")
    if oxum:
        octets = sum((root / rel).stat().st_size for rel in on_disk)
        if oxum != f"{octets}.{len(on_disk)}":
            h.tambah(
                "payload-oxum-beda",
                f"Payload-Oxum {oxum}, isi paket {octets}.{len(on_disk)}",
                "bag-info.txt",
            )
    return good


def _cek_rantai(root: Path, h: HasilPaket) -> dict[str, dict[str, Any]]:
    """Walk the chain; return events by hash."""
    rel = "data/register/peristiwa.jsonl"
    path = root / rel
    if not path.is_file():
        h.tambah("peristiwa-hilang", "log peristiwa tidak ada di paket", rel)
        return {}
    events = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            h.tambah("peristiwa-rusak", f"baris {n} bukan JSON yang sah", rel)
    for pesan in eventlog.periksa_rantai(events):
        h.tambah("rantai-putus", pesan, rel)
    if "Jumlah-Peristiwa" in h.info and h.info["Jumlah-Peristiwa"] != str(len(events)):
        h.tambah(
            "rantai-terpotong",
            f"bag-info mencatat {h.info['Jumlah-Peristiwa']} peristiwa, log memuat {len(events)}",
            rel,
        )
    last = h.info.get("Hash-Peristiwa-Terakhir")
    if last and (not events or events[-1].get("hash") != last):
        h.tambah("rantai-terpotong", "peristiwa terakhir bukan yang dicatat bag-info", rel)
    return {str(e.get("hash")): e for e in events}


def _rows(root: Path, h: HasilPaket) -> list[dict[str, Any]]:
    rel = "data/register/artefak.json"
    try:
        rows = json.loads((root / rel).read_text("utf-8"))
    except FileNotFoundError:
        h.tambah("artefak-hilang", "indeks artefak tidak ada di paket", rel)
        return []
    except json.JSONDecodeError:
        h.tambah("artefak-rusak", "indeks artefak bukan JSON yang sah", rel)
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
            h.tambah("artefak-berbeda", "isi tidak sama dengan sha256 yang diarsipkan", rel)
        ev = events.get(str(r.get("event_hash")))
        if ev is None:
            h.tambah("peristiwa-hilang", "artefak merujuk peristiwa yang tidak ada di log", rel)
        elif ev.get("artefak_sha256") != r.get("sha256"):
            h.tambah("catatan-diubah", "artefak tidak sama dengan peristiwa yang mencatatnya", rel)


@contextmanager
def _quiet() -> Any:
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _cek_ttd(path: Path, rel: str, akar: Sequence[Path] | None, h: HasilPaket) -> None:
    try:
        from kinerja.ttd.tandatangan import validasi_pdf
    except ImportError:
        h.catatan.append(
            f"{rel}: validasi tanda tangan dilewati (kinerja.ttd.tandatangan tidak tersedia)."
        )
        return
    v = validasi_pdf(path, trust_roots=list(akar or []))
    if v.jenis == "tidak-ada":
        h.tanda_tangan = "tanpa TTE (tanda tangan basah?)"
        h.catatan.append(
            f"{rel}: berstatus ditandatangani tetapi tanpa tanda tangan elektronik (basah?)."
        )
    elif akar:
        h.tanda_tangan = v.pesan
        if not v.utuh:
            h.tambah("tanda-tangan-tidak-sah", v.pesan, rel)
    elif v.intact and v.valid and v.coverage == "ENTIRE_FILE":
        h.tanda_tangan = f"utuh, oleh {v.penanda_tangan}; sertifikat belum diperiksa"
        h.catatan.append(
            f"{rel}: tanda tangan utuh dan sah secara kriptografis; kepercayaan sertifikat tidak "
            "diperiksa (berikan --akar dengan sertifikat akar yang dipercaya)."
        )
    else:
        h.tanda_tangan = v.pesan
        h.tambah("tanda-tangan-tidak-sah", v.pesan, rel)


def _latest(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    best: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (str(r.get("jenis")), str(r.get("nama")))
        if key not in best or int(r.get("versi", 0)) > int(best[key].get("versi", 0)):
            best[key] = r
    return list(best.values())


def _baca_data(
    sources: list[tuple[str, Path, str]], h: HasilPaket, *, pdf_rows: list[tuple[str, Path]]
) -> None:
    """Choose the source data: embedded in the document PDF first, else the data file."""
    from kinerja.cetak.render import read_embedded

    found: list[tuple[str, bytes, str]] = []
    for rel, path in pdf_rows:
        try:
            with _quiet():
                embedded = read_embedded(path)
        except Exception as exc:  # untrusted bytes; the message names the file
            h.tambah("pdf-tak-terbaca", f"PDF tidak dapat dibaca: {exc}", rel)
            continue
        if NAMA_DATA in embedded:
            found.append((f"{rel}#{NAMA_DATA}", embedded[NAMA_DATA], "tertanam di PDF"))
    for rel, path, _ in sources:
        found.append((rel, path.read_bytes(), "berkas data"))
    if not found:
        h.tambah("data-tidak-ada", f"tidak ada {NAMA_DATA} (di PDF maupun sebagai berkas)")
        return
    hashes = {hashlib.sha256(b).hexdigest() for _, b, _ in found}
    if len(hashes) > 1:
        h.tambah(
            "data-tertanam-berbeda",
            "data sumber tidak sama antara " + ", ".join(r for r, _, _ in found),
            found[0][0],
        )
        return
    rel, payload, cara = found[0]
    try:
        data = json.loads(payload)
    except (json.JSONDecodeError, UnicodeDecodeError):
        h.tambah("data-rusak", "data sumber bukan JSON yang sah", rel)
        return
    if not isinstance(data, dict) or data.get("format") != FORMAT_DATA:
        fmt = data.get("format") if isinstance(data, dict) else None
        h.tambah("format-data-tidak-dikenal", f"format {fmt!r}, seharusnya {FORMAT_DATA}", rel)
        return
    kode = str(data.get("kantor", {}).get("kode", ""))
    periode = str(data.get("periode", ""))
    if h.kantor_kode and kode != h.kantor_kode or h.periode and periode != h.periode:
        h.tambah(
            "data-bukan-paket-ini",
            f"data sumber milik {kode} {periode}, paket milik {h.kantor_kode} {h.periode}",
            rel,
        )
        return
    h.kantor_kode = h.kantor_kode or kode
    h.kantor_nama = h.kantor_nama or str(data.get("kantor", {}).get("nama", ""))
    h.periode = h.periode or periode
    h.data, h.berkas_data, h.cara = data, rel, cara
    h.sha256_data = next(iter(hashes))


def periksa_paket(root: Path, *, akar: Sequence[Path] | None = None) -> HasilPaket:
    """Verify one BagIt package and read its source data (see the module docstring)."""
    root = Path(root)
    h = HasilPaket(path=root, jenis="paket")
    good = _cek_bagit(root, h)
    if not (root / "bagit.txt").is_file():
        return h
    events = _cek_rantai(root, h)
    rows = _rows(root, h)
    _cek_artefak(root, rows, good, events, h)
    for r in rows:  # every signed version, superseded ones included
        rel = str(r.get("berkas_paket", ""))
        if rel in good and r.get("media_type") == PDF and r.get("status") == "ditandatangani":
            _cek_ttd(root / rel, rel, akar, h)
    latest = _latest(rows)
    pdfs = sorted(
        (r for r in latest if r.get("media_type") == PDF and r.get("jenis") == "dokumen"),
        key=lambda r: (r.get("status") != "ditandatangani", str(r.get("nama"))),
    )
    files = [r for r in latest if NAMA_DATA in (r.get("nama"), r.get("nama_berkas"))]
    if all(str(r.get("berkas_paket")) in good for r in [*pdfs, *files]):
        _baca_data(
            [(r["berkas_paket"], root / r["berkas_paket"], "") for r in files],
            h,
            pdf_rows=[(r["berkas_paket"], root / r["berkas_paket"]) for r in pdfs],
        )
    else:  # a source file failed its check (already named): reading it proves nothing
        for r in [*pdfs, *files]:
            rel = str(r.get("berkas_paket"))
            if rel not in good and not any(m.objek == rel for m in h.masalah):
                h.tambah("artefak-hilang", "artefak yang diarsipkan tidak ada di paket", rel)
    if h.masalah:
        h.data = None  # a refused package contributes no figure
    return h


def _periksa_arsip(folder: Path, periode: Sequence[str] | None) -> list[HasilPaket]:
    """An office folder: ``verify.verifikasi`` once, then one result per archived periode."""
    from kinerja.arsip.verifikasi import verifikasi
    from kinerja.catatan import objek
    from kinerja.catatan.objek import objek_path
    from kinerja.inti.errors import KinerjaError
    from kinerja.kantor.katalog import load_kantor

    h0 = HasilPaket(path=folder, jenis="arsip")
    try:
        kantor = load_kantor(folder)
    except KinerjaError as exc:
        h0.tambah("kantor-tak-terbaca", str(exc), str(folder))
        return [h0]
    lap = verifikasi(kantor)
    rows = objek.daftar(kantor)
    periodes = sorted({r["periode"] for r in rows} & set(periode or {r["periode"] for r in rows}))
    if not periodes:
        h0.kantor_kode, h0.kantor_nama = kantor.kode, kantor.nama
        h0.tambah("data-tidak-ada", "arsip kantor tidak memuat data pengukuran", str(folder))
        return [h0]
    out = []
    for p in periodes:
        h = HasilPaket(path=kantor.arsip, jenis="arsip", kantor_kode=kantor.kode)
        h.kantor_nama, h.periode = kantor.nama, p
        h.masalah += lap.masalah
        h.catatan += lap.catatan
        latest = [r for r in _latest(rows) if r["periode"] == p]
        rel = lambda r: objek_path(kantor, r["sha256"]).relative_to(kantor.arsip).as_posix()  # noqa: E731
        pdfs = [
            (rel(r), objek_path(kantor, r["sha256"]))
            for r in latest
            if r["media_type"] == PDF and r["jenis"] == "dokumen"
        ]
        files = [
            (rel(r), objek_path(kantor, r["sha256"]), "")
            for r in latest
            if NAMA_DATA in (r["nama"], r["nama_berkas"])
        ]
        if lap.jumlah.get("tanda_tangan"):
            h.tanda_tangan = "divalidasi oleh kinerja verifikasi (akar terpercaya kantor)"
        _baca_data(files, h, pdf_rows=pdfs)
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
            for c in sorted(c for c in p.iterdir() if c.is_dir() and not c.name.startswith(".")):
                ck = kind(c)
                if ck:
                    out.append(("arsip" if ck == "arsip-induk" else ck, c))
        else:
            out.append(("tak-dikenal", p))
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class _Tugas:
    jenis: str
    path: Path
    akar: tuple[Path, ...]
    periode: tuple[str, ...]


def _periksa_satu(t: _Tugas) -> list[HasilPaket]:
    if t.jenis == "paket":
        return [periksa_paket(t.path, akar=t.akar)]
    if t.jenis == "arsip":
        return _periksa_arsip(t.path, t.periode or None)
    h = HasilPaket(path=t.path, jenis="tak-dikenal")
    if t.path.exists():
        h.tambah("bukan-paket", "bukan paket BagIt, folder kantor, atau folder berisi keduanya")
    else:
        h.tambah("tidak-ditemukan", "berkas atau folder tidak ditemukan")
    return [h]


def periksa(
    paths: Iterable[Path],
    *,
    akar: Sequence[Path] = (),
    periode: Sequence[str] = (),
    pekerja: int = 1,
    laporan: Any = None,
) -> list[HasilPaket]:
    """Verify every input (in a process pool when ``pekerja`` > 1); never raises per input."""
    from kinerja.jalankan.batch import peta

    tasks = [_Tugas(k, p, tuple(akar), tuple(periode)) for k, p in temukan(paths)]
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
            h.tambah("pemeriksaan-gagal", r.pesan)
            out.append(h)
    return out
