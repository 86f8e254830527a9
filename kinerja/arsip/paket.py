"""A BagIt package (RFC 8493) of one periode, for the archive unit or the Kabupaten.

Written by hand rather than with ``bagit.make_bag`` (which changes the process's
working directory while it runs, unsafe inside a notebook kernel); the tests check
the result with the ``bagit`` library. Layout::

    <kode>-<periode>/
      bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
      data/<jenis>/<nama>                 latest version of each archived artefact
      data/versi-lama/<jenis>/<nama>-vN   superseded versions
      data/tte/basah-<signed file>.json   a wet-ink signing record and the scan it names
      data/tte/pindaian-<signed file>.*   (archived as jenis tte by sop lanjut)
      data/register/peristiwa.jsonl       the whole event log (re-verifiable chain)
      data/register/artefak.json          the archive index rows of the periode
      data/register/sop-langkah.json      the 14 SOP steps as recorded
      data/register/nomor-surat.json      the periode's year's letters and every number given
                                          for the periode, whatever year (the document's own
                                          number is given in the next January)
      data/register/keputusan.json        the review decisions

The package is built in a temp folder beside the target and renamed into place;
an existing package is never overwritten. With the same records and ``waktu`` the
bytes are the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import shutil
from dataclasses import asdict
from pathlib import Path, PurePath
from typing import Any

from kinerja.berkas.atomic import hapus, sisa_proses_mati
from kinerja.catatan import eventlog, objek
from kinerja.catatan.db import titik
from kinerja.catatan.eventlog import open_db
from kinerja.inti.errors import InputError
from kinerja.inti.filename import safe_filename
from kinerja.inti.model import Periode
from kinerja.kantor.katalog import Kantor, as_kantor
from kinerja.naskah.penomoran import nomor_periode
from kinerja.sop.register import status_sop
from kinerja.validasi import ledger

__all__ = ["buat_paket", "nama_paket"]

_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def nama_paket(kantor: Kantor, periode: str) -> str:
    """The package's folder name: ``<kode kantor>-<periode>``."""
    return f"{safe_filename(kantor.kode)}-{periode}"


def _safe(name: str) -> str:
    cleaned = _UNSAFE.sub("-", name).strip(".-")
    return cleaned or "berkas"


def _payload_name(row: dict[str, Any]) -> str:
    nama, berkas = _safe(row["nama"]), _safe(row["nama_berkas"])
    suffix = PurePath(berkas).suffix
    return nama if PurePath(nama).suffix or not suffix else nama + suffix


def _json(value: Any) -> bytes:
    def default(obj: Any) -> str:
        if isinstance(obj, dt.datetime | dt.date):
            return obj.isoformat()
        raise TypeError(f"not JSON: {type(obj).__name__}")

    return (
        json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=default) + "\n"
    ).encode("utf-8")


def _decisions(kantor: Kantor, periode: str) -> bytes:
    return _json([asdict(k) for k in ledger.riwayat(kantor, periode)])


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as fh:
        fh.write(data)


def _manifest(root: Path, files: list[Path]) -> bytes:
    lines = []
    for f in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        rel = f.relative_to(root).as_posix()
        rel = rel.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D")
        lines.append(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {rel}\n")
    return "".join(lines).encode("utf-8")


def buat_paket(
    kantor: Kantor | str | Path,
    periode: str,
    out_dir: Path,
    *,
    waktu: dt.datetime | None = None,
) -> Path:
    """Export ``periode``'s archive as a BagIt package under ``out_dir``; return its folder.

    ``waktu`` sets the Bagging-Date (default: the time of the latest event, so the
    package depends only on the records).
    """
    k = as_kantor(kantor)
    periode = str(Periode.parse(periode))
    out_dir = Path(out_dir)
    target = out_dir / nama_paket(k, periode)
    if target.exists():
        raise InputError(
            f'Paket "{target}" sudah ada; paket arsip tidak pernah ditimpa. Pilih folder '
            "--keluaran lain atau pindahkan paket lama."
        )
    # the registers first: opening them may create their tables (an event), which the
    # exported log must already hold, so the same records give the same package
    steps = status_sop(k, periode)
    nomor = nomor_periode(k, periode, Periode.parse(periode).tahun)
    ledger.riwayat(k, periode)
    rows = objek.daftar(k, periode=periode)
    conn = open_db(k)
    try:
        log = eventlog.export_jsonl(conn)
        events = list(eventlog.iter_peristiwa(conn))
    finally:
        conn.close()
    if not rows and not any(e.periode == periode for e in events):
        raise InputError(
            f"Belum ada arsip atau catatan untuk periode {periode} di {k.arsip}; tidak ada "
            "yang dapat dipaketkan."
        )
    when = waktu or (dt.datetime.fromisoformat(events[-1].waktu) if events else None)
    if when is None:
        raise InputError("Tentukan tanggal paket (waktu).")

    out_dir.mkdir(parents=True, exist_ok=True)
    # a killed packaging left ".tmp-<name>-<pid>-<hex>": removed once its process is gone
    hapus(
        sisa_proses_mati(out_dir, re.compile(rf"\.tmp-{re.escape(target.name)}-(?P<pid>\d+)-\w+"))
    )
    work = out_dir / f".tmp-{target.name}-{os.getpid()}-{secrets.token_hex(4)}"
    work.mkdir()
    try:
        payload = _write_payload(k, periode, rows, log, steps, nomor, work / "data")
        titik("paket.data-ditulis")
        _write_tags(k, periode, work, payload, rows, events, steps, len(nomor), when)
        titik("paket.sebelum-rename")
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def _write_payload(
    k: Kantor,
    periode: str,
    rows: list[dict[str, Any]],
    log: bytes,
    steps: list[dict[str, Any]],
    nomor: list[dict[str, Any]],
    data_dir: Path,
) -> list[Path]:
    latest: dict[tuple[str, str], int] = {}
    for r in rows:
        latest[(r["jenis"], r["nama"])] = max(latest.get((r["jenis"], r["nama"]), 0), r["versi"])
    index = []
    for r in rows:
        name = _payload_name(r)
        if r["versi"] == latest[(r["jenis"], r["nama"])]:
            rel = Path(_safe(r["jenis"])) / name
        else:
            stem, suffix = PurePath(name).stem, PurePath(name).suffix
            rel = Path("versi-lama") / _safe(r["jenis"]) / f"{stem}-v{r['versi']}{suffix}"
        _write(data_dir / rel, objek.baca(k, r["sha256"]))
        index.append({**r, "berkas_paket": f"data/{rel.as_posix()}"})
    reg = data_dir / "register"
    _write(reg / "peristiwa.jsonl", log)
    _write(reg / "artefak.json", _json(index))
    _write(reg / "sop-langkah.json", _json(steps))
    _write(reg / "nomor-surat.json", _json(nomor))
    _write(reg / "keputusan.json", _decisions(k, periode))
    return sorted(p for p in data_dir.rglob("*") if p.is_file())


def _write_tags(
    k: Kantor,
    periode: str,
    root: Path,
    payload: list[Path],
    rows: list[dict[str, Any]],
    events: list[eventlog.Peristiwa],
    steps: list[dict[str, Any]],
    jumlah_nomor: int,
    when: dt.datetime,
) -> None:
    _write(root / "bagit.txt", b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    _write(root / "manifest-sha256.txt", _manifest(root, payload))
    octets = sum(p.stat().st_size for p in payload)
    info = [
        ("Source-Organization", f"{k.opsi('kantor', 'pemerintah', '')} — {k.nama}".strip(" —")),
        ("Organization-Address", str(k.opsi("kantor", "alamat", ""))),
        ("Contact-Email", str(k.opsi("kantor", "pos_el", ""))),
        ("External-Identifier", f"{k.kode}/{periode}"),
        ("External-Description", f"Arsip Pengukuran Kinerja {k.nama} periode {periode}"),
        ("Bagging-Date", when.date().isoformat()),
        ("Payload-Oxum", f"{octets}.{len(payload)}"),
        ("Bag-Size", f"{octets / 1024:.1f} KB"),
        ("Bag-Software-Agent", "kinerja 0.1.0"),
        ("Kantor", k.nama),
        ("Kode-Kantor", k.kode),
        ("Periode", periode),
        ("Jumlah-Artefak", str(len(rows))),
        ("Jumlah-Peristiwa", str(len(events))),
        ("Jumlah-Peristiwa-Periode", str(sum(e.periode == periode for e in events))),
        ("Jumlah-Nomor-Surat", str(jumlah_nomor)),
        ("Langkah-SOP-Selesai", f"{sum(s['status'] == 'selesai' for s in steps)} dari 14"),
        ("Hash-Peristiwa-Terakhir", events[-1].hash if events else ""),
    ]
    text = "".join(f"{key}: {value}\n" for key, value in info if value)
    _write(root / "bag-info.txt", text.encode("utf-8"))
    tags = [root / n for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")]
    _write(root / "tagmanifest-sha256.txt", _manifest(root, tags))
