"""What a run records: its manifest (``jalankan.json``) and its entry in the office's event log.

The manifest holds the parameters, who ran it and when, the stages and their
durations, and the sha256 of every input (the office folder without its arsip,
the notebooks run) and every output; the event log entry repeats the hashes in
the office's hash-chained log.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kinerja.catatan import eventlog
from kinerja.catatan.db import immediate
from kinerja.catatan.eventlog import open_db
from kinerja.inti.model import Periode
from kinerja.jalankan.tahap import Tahap
from kinerja.jalankan.terbit import sha256_file
from kinerja.kantor.katalog import Kantor

__all__ = ["MANIFEST", "catat_peristiwa", "inputs", "susun_manifest", "who", "write_manifest"]

#: The manifest's file name in a published folder.
MANIFEST = "jalankan.json"


def who() -> str:
    """The user running kinerja (login name; empty when the system cannot tell)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return ""


def inputs(kantor: Kantor, stages: Sequence[Tahap], folder: Path) -> dict[str, str]:
    """sha256 of every input file: the office folder and the notebooks run.

    Left out: the office's ``arsip/`` (what kinerja records) and ``reports/`` (default outputs
    of a run started inside the office folder, this run's own work folder among them).
    """
    files = {
        f"kantor/{p.relative_to(kantor.path).as_posix()}": p
        for p in sorted(kantor.path.rglob("*"))
        if p.is_file() and p.relative_to(kantor.path).parts[0] not in ("arsip", "reports")
    }
    files.update({f"notebooks/{t.notebook}": folder / t.notebook for t in stages})
    return {name: sha256_file(path) for name, path in files.items()}


def susun_manifest(
    kantor: Kantor,
    periode: Periode,
    tanggal_cetak: date,
    mulai: datetime,
    target: Path,
    stages: Sequence[Tahap],
    folder: Path,
    durasi: Mapping[str, float],
    work: Path,
) -> dict[str, Any]:
    """The manifest of a run whose outputs are in ``work`` (to be published as ``target``)."""
    return {
        "kantor": kantor.kode,
        "periode": str(periode),
        "tanggal_cetak": tanggal_cetak.isoformat(),
        "mulai": mulai.isoformat(timespec="seconds"),
        "oleh": who(),
        "keluaran": str(target),
        "tahap": [t.nama for t in stages],
        "durasi_detik": {k: round(v, 3) for k, v in durasi.items()},
        "masukan_sha256": inputs(kantor, stages, folder),
        "keluaran_sha256": {p.name: sha256_file(p) for p in sorted(work.iterdir()) if p.is_file()},
    }


def write_manifest(work: Path, manifest: Mapping[str, Any]) -> bytes:
    """Write ``jalankan.json`` into ``work``; return its bytes."""
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (work / MANIFEST).write_text(text, encoding="utf-8", newline="\n")
    return (work / MANIFEST).read_bytes()


def catat_peristiwa(
    kantor: Kantor, mulai: datetime, manifest: Mapping[str, Any], utama: str
) -> None:
    """Append the run to the office's hash-chained event log (who, when, what, hashes)."""
    waktu = mulai if mulai.tzinfo else mulai.astimezone()
    conn = open_db(kantor)
    try:
        with immediate(conn):
            eventlog.append(
                conn,
                waktu=waktu,
                siapa=manifest["oleh"] or "sistem",
                apa="jalankan",
                periode=manifest["periode"],
                artefak_sha256=utama,
                data={
                    k: manifest[k]
                    for k in (
                        "tanggal_cetak",
                        "keluaran",
                        "tahap",
                        "masukan_sha256",
                        "keluaran_sha256",
                    )
                },
            )
    finally:
        conn.close()
