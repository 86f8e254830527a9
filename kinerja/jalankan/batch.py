"""Many offices at once: a process pool on one machine, or a Dask cluster beyond it.

The pool-map itself (``peta``, ``HasilTugas``: one result per item, a failure kept
to its item; ``pekerja=N`` processes or a Dask ``scheduler``) lives in
``kinerja.inti.paralel``, shared with the Kabupaten roll-up; it is re-exported here.

``jalankan_banyak`` is ``pipeline.jalankan`` for many offices: each office is
one idempotent task (its own lock, output published atomically or not at all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kinerja.dokumen.susun import load_dokumen_data, render_dokumen
from kinerja.inti.errors import KinerjaError, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.paralel import HasilTugas, peta, tulis_stderr
from kinerja.jalankan.pipeline import jalankan, ukur_kantor
from kinerja.jalankan.runlog import buka_log
from kinerja.kantor.katalog import load_kantor

__all__ = [
    "TUGAS",
    "HasilTugas",
    "TugasKantor",
    "jalankan_banyak",
    "kerjakan",
    "peta",
    "temukan_kantor",
]


# ---------------------------------------------------------------------------------------------
# Offices


@dataclass(frozen=True)
class TugasKantor:
    """One office's task: what to run (``tugas``, a key of ``TUGAS``) and its parameters."""

    kantor: str
    periode: str
    tanggal_cetak: date
    mulai: datetime
    keluaran: str | None = None
    tugas: str = "jalankan"


def _tugas_jalankan(t: TugasKantor) -> dict[str, Any]:
    """The whole ``jalankan``; its progress kept in the office's run log, as a single run does."""
    lines: list[str] = []
    log = buka_log(Path(t.kantor), t.periode, t.mulai, terminal=False)

    def laporan(line: str) -> None:
        lines.append(line)
        log(line)

    try:
        hasil = jalankan(
            t.kantor,
            t.periode,
            t.tanggal_cetak,
            mulai=t.mulai,
            keluaran=Path(t.keluaran) if t.keluaran else None,
            laporan=laporan,
            log=log.path,
        )
        log.berhasil()
    except KinerjaError as exc:
        log.gagal(exc)
        raise
    finally:
        log.close()
    return {
        "keluaran": str(hasil.keluaran),
        "pdf": str(hasil.dokumen_pdf) if hasil.dokumen_pdf else "",
        "detik": hasil.total,
        "log": lines,
    }


def _tugas_dokumen(t: TugasKantor) -> dict[str, Any]:
    """Only the document (measure + render HTML/PDF/XLSX), without the notebooks."""
    kantor = load_kantor(t.kantor)
    data = load_dokumen_data(kantor, t.periode, tanggal_cetak=t.tanggal_cetak)
    out = Path(t.keluaran) if t.keluaran else kantor.path / "dokumen" / t.periode
    hasil = render_dokumen(data, out)
    return {"pdf": str(hasil.pdf), "halaman": hasil.halaman, "sha256": hasil.pdf_sha256}


def _tugas_ukur(t: TugasKantor) -> dict[str, Any]:
    """Only the measurement: the office's capaian and predikat (no files written)."""
    u = ukur_kantor(load_kantor(t.kantor), Periode.parse(t.periode))
    k = u.hasil.kantor
    return {"capaian": k["capaian_2d"], "predikat": k["predikat"], "sementara": k["sementara"]}


#: What a batch can run per office, by name.
TUGAS: dict[str, Callable[[TugasKantor], Any]] = {
    "jalankan": _tugas_jalankan,
    "dokumen": _tugas_dokumen,
    "ukur": _tugas_ukur,
}


def kerjakan(t: TugasKantor) -> Any:
    """Run one office's task (the function the pool and the Dask workers call)."""
    try:
        fungsi = TUGAS[t.tugas]
    except KeyError:
        raise UsageError(f'Tugas "{t.tugas}" tidak dikenal. Pilihan: {", ".join(TUGAS)}.') from None
    return fungsi(t)


def temukan_kantor(folders: Iterable[Path]) -> list[Path]:
    """Office folders (with kantor.toml) directly under each folder, sorted by name."""
    out: list[Path] = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            raise UsageError(f'Folder "{folder}" tidak ditemukan.')
        found = sorted(p for p in folder.iterdir() if (p / "kantor.toml").is_file())
        if not found:
            raise UsageError(
                f'Folder "{folder}" tidak memuat folder kantor (subfolder berisi kantor.toml).'
            )
        out += found
    return out


def jalankan_banyak(
    kantor: Sequence[Path | str],
    periode: str,
    tanggal_cetak: date,
    *,
    mulai: datetime,
    keluaran: Path | None = None,
    pekerja: int | None = None,
    scheduler: str | None = None,
    tugas: str = "jalankan",
    laporan: Callable[[str], None] | None = tulis_stderr,
) -> list[HasilTugas]:
    """Run ``tugas`` (default: the whole ``jalankan``) for every office; one result each.

    ``keluaran``: results go to ``<keluaran>/<office folder name>/<periode>/``
    (default: each task's own default). Offices are deduplicated by path.
    """
    if tugas not in TUGAS:
        raise UsageError(f'Tugas "{tugas}" tidak dikenal. Pilihan: {", ".join(TUGAS)}.')
    folders = list(dict.fromkeys(Path(k).resolve() for k in kantor))
    names = [f.name for f in folders]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise UsageError(
            f"Beberapa folder kantor bernama sama ({', '.join(dup)}): hasilnya akan saling "
            "menimpa. Beri nama folder yang berbeda."
        )
    tasks = [
        TugasKantor(
            kantor=str(f),
            periode=periode,
            tanggal_cetak=tanggal_cetak,
            mulai=mulai,
            keluaran=str(keluaran / f.name / periode) if keluaran else None,
            tugas=tugas,
        )
        for f in folders
    ]
    return peta(
        kerjakan,
        tasks,
        nama=lambda t: Path(t.kantor).name,
        pekerja=pekerja,
        scheduler=scheduler,
        laporan=laporan,
    )
