"""The BagIt layer of a package: manifests, tag manifest, bag-info.txt, Payload-Oxum.

``cek_bagit(root, h)`` records every problem on ``h`` and returns the payload files
whose sha256 matches the manifest; nothing else of the package may be trusted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kinerja.inti.model import Periode
from kinerja.rekap.hasil import HasilPaket

__all__ = ["baca_tag", "cek_bagit", "sha256_berkas"]


def sha256_berkas(path: Path) -> str:
    """The sha256 of a file, read in chunks."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def baca_tag(path: Path) -> dict[str, str]:
    """bag-info.txt as a dict (continuation lines folded; the first value of a key wins)."""
    info: dict[str, str] = {}
    key = None
    for line in path.read_text("utf-8", errors="replace").splitlines():
        if line[:1] in (" ", "\t") and key:
            info[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            key = key.strip()
            info.setdefault(key, value.strip())
    return info


def _keluar(root: Path, p: Path) -> bool:
    """Whether ``p`` is a link or resolves outside the package (never read through)."""
    return p.is_symlink() or not p.resolve().is_relative_to(root.resolve())


def _read_manifest(path: Path, h: HasilPaket) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) != 2 or len(parts[0]) != 64:
            h.tambah("manifest-rusak/baris", path.name, baris=n)
            continue
        rel = parts[1].strip().replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        out[rel] = parts[0].lower()
    return out


def _cek_payload(root: Path, manifest: dict[str, str], h: HasilPaket) -> dict[str, str]:
    """Each manifest line against its file; return {payload path: sha256} of those that match."""
    good: dict[str, str] = {}
    for rel, expected in manifest.items():
        p = root / rel
        if not rel.startswith("data/") or ".." in Path(rel).parts or _keluar(root, p):
            h.tambah("manifest-rusak/jalur", "manifest-sha256.txt", jalur=rel)
        elif not p.is_file():
            h.tambah("berkas-hilang/manifest", rel)
        else:
            actual = sha256_berkas(p)
            if actual != expected:
                h.tambah("hash-berbeda/manifest", rel, sekarang=actual, manifest=expected)
            else:
                good[rel] = actual
    return good


def _cek_tagmanifest(root: Path, h: HasilPaket) -> None:
    tag_path = root / "tagmanifest-sha256.txt"
    if not tag_path.is_file():
        h.tambah("tagmanifest-hilang", root.name)
        return
    tags = _read_manifest(tag_path, h)
    for rel in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt"):
        if rel not in tags:
            h.tambah("tagmanifest-rusak", rel, berkas=rel)
    for rel, expected in tags.items():
        p = root / rel
        if not p.is_file():
            h.tambah("berkas-hilang/tagmanifest", rel)
        elif sha256_berkas(p) != expected:
            h.tambah("hash-berbeda/tagmanifest", rel)


def cek_bagit(root: Path, h: HasilPaket) -> dict[str, str]:
    """Check the bag; return {payload path: sha256 as found} for files that match."""
    if not (root / "bagit.txt").is_file():
        h.tambah("bukan-bagit", root.name)
        return {}
    if (root / "bag-info.txt").is_file():
        h.info = baca_tag(root / "bag-info.txt")
        h.kantor_kode = h.info.get("Kode-Kantor", "")
        h.kantor_nama = h.info.get("Kantor", "")
        periode = h.info.get("Periode", "")
        try:
            h.periode = str(Periode.parse(periode)) if periode else ""
        except Exception:  # any text from the package; never becomes a file name
            h.tambah("periode-tidak-sah", "bag-info.txt", periode=periode[:80])
    manifest_path = root / "manifest-sha256.txt"
    if not manifest_path.is_file():
        h.tambah("manifest-hilang", root.name)
        return {}
    manifest = _read_manifest(manifest_path, h)
    good = _cek_payload(root, manifest, h)
    on_disk = {p.relative_to(root).as_posix() for p in (root / "data").rglob("*") if p.is_file()}
    for rel in sorted(on_disk - set(manifest)):
        h.tambah("berkas-tak-tercatat", rel)
    _cek_tagmanifest(root, h)
    oxum = h.info.get("Payload-Oxum", "")
    if oxum:
        octets = sum((root / rel).stat().st_size for rel in on_disk)
        if oxum != f"{octets}.{len(on_disk)}":
            h.tambah(
                "payload-oxum-beda",
                "bag-info.txt",
                tercatat=oxum,
                oktet=octets,
                jumlah=len(on_disk),
            )
    return good
