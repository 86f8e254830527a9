"""One periode, step by step: the notebooks in order, into a folder published only on success.

``jalankan`` runs each stage's notebook (``tahap``) with papermill (``runner``)
into a temporary folder beside the target, converts every executed notebook to
HTML, writes a manifest (``manifest``: parameters, input and output hashes,
durations) and only then moves the folder into place (``terbit``). When a cell
fails, the temporary folder (with the executed notebook and its error) goes to
``<keluaran>/gagal/<waktu>/`` and nothing is published.

Before anything runs, kantor.toml and the PK workbook of the periode's year are
checked (``kantor.pk.load_pk``): a broken one is refused by sheet and cell, no
notebook run, nothing published. Every stage always runs; a missing notebook is
an error. Stages run in waves, the next wave's kernels started while the current
wave runs. Each run holds the office's lock (``kunci``), records the run logs
that killed runs left (``runlog.catat_log_yatim_kantor``), refuses to replace an
archived publication, and is recorded in the office's event log.

What the notebooks call (``periksa_parameter``, ``ukur_kantor``, …) lives in
``kinerja.jalankan.langkah`` and is re-exported here; papermill and nbconvert are
imported only when a stage runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kinerja.inti.angka import format_angka
from kinerja.inti.errors import InputError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_tanggal
from kinerja.jalankan import runner
from kinerja.jalankan.errors import JalankanError
from kinerja.jalankan.kunci import kunci_kantor
from kinerja.jalankan.langkah import (
    Parameter,
    Ukuran,
    folder_formulir,
    himpun_formulir,
    periksa_parameter,
    ringkasan_dokumen,
    susun_dokumen,
    ukur_kantor,
)
from kinerja.jalankan.manifest import catat_peristiwa, susun_manifest, write_manifest
from kinerja.jalankan.runlog import catat_log_yatim_kantor
from kinerja.jalankan.tahap import TAHAP, Tahap, gelombang, periksa_tahap, run_wave, urutan, workers
from kinerja.jalankan.terbit import (
    bersihkan_sisa,
    keep_failure,
    publish,
    tolak_jika_diarsipkan,
)
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.kantor.pk import load_pk
from kinerja.paths import notebooks_dir, reports_root

__all__ = [
    "TAHAP",
    "HasilJalankan",
    "JalankanError",
    "Parameter",
    "Tahap",
    "Ukuran",
    "folder_formulir",
    "himpun_formulir",
    "jalankan",
    "kunci_kantor",
    "periksa_parameter",
    "ringkasan_dokumen",
    "susun_dokumen",
    "ukur_kantor",
]


@dataclass(frozen=True)
class HasilJalankan:
    """A published run: where it went, what it holds, how long each stage took."""

    keluaran: Path
    periode: Periode
    notebooks: list[Path]
    html: list[Path]
    dokumen_pdf: Path | None
    dokumen_html: Path | None
    durasi: dict[str, float] = field(default_factory=dict)
    total: float = 0.0


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _detik(seconds: float) -> str:
    return f"{format_angka(seconds, 1)} dtk"


def _work_folder(target: Path) -> Path:
    """A fresh folder beside ``target`` for the run, as open to others as the target will be."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.kerja-", dir=target.parent))
    mask = os.umask(0)
    os.umask(mask)
    work.chmod(0o777 & ~mask)  # mkdtemp makes it private; the published folder is not
    return work


def _run_stages(
    stages: Sequence[Tahap],
    folder: Path,
    work: Path,
    params: dict[str, str],
    laporan: Callable[[str], None],
    terbit: Path | None = None,
) -> tuple[list[Path], list[Path], dict[str, float]]:
    """Run every stage in ``work``, wave by wave; (executed notebooks, HTML, seconds per stage).

    Executed notebooks become HTML on a thread of their own, so the next stage
    never waits for a conversion; the exporter is built while stage 1 runs. The
    next wave's kernels start (with their ``impor``) while the current wave runs.
    ``terbit``: the folder the run publishes into, named in the HTML. Raises
    ``runner.NotebookError`` when a cell fails.
    """
    durasi: dict[str, float] = {}
    executed: list[Path] = []
    nomor: dict[str, int] = {}  # numbered in the order the stages start
    kunci = threading.Lock()
    runner.preload()
    converter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="html")
    converter.submit(runner.prepare_html)
    pages: list[Future] = []
    siap: dict[str, runner.KernelSiap] = {}  # kernels started ahead, per stage

    def run_stage(t: Tahap) -> Path:
        with kunci:  # number and line together: "[1/4]" is always the first line printed
            i = nomor[t.nama] = len(nomor) + 1
            laporan(f"[{i}/{len(stages)}] {t.nama}: {t.judul} …")
        out = work / f"{t.nama}-{params['periode']}.ipynb"
        durasi[t.nama] = runner.run_notebook(
            folder / t.notebook, out, params, cwd=work, kernel=siap.pop(t.nama, None)
        )
        pages.append(converter.submit(runner.to_html, out, out.with_suffix(".html"), terbit))
        laporan(f"[{i}/{len(stages)}] {t.nama}: selesai dalam {_detik(durasi[t.nama])}")
        return out

    waves = gelombang(stages)
    try:
        for k, wave in enumerate(waves):
            if k + 1 < len(waves):  # the next wave's kernels start meanwhile
                for t in urutan(waves[k + 1])[: workers(waves[k + 1])]:
                    siap[t.nama] = runner.KernelSiap(work, t.impor)
            executed += run_wave(wave, run_stage)
    finally:
        for kernel in siap.values():
            kernel.tutup()
        converter.shutdown(wait=True)
    html = [f.result() for f in pages]
    return sorted(executed), sorted(html), durasi


def _periksa_pk(office: Kantor, per: Periode) -> None:
    """The PK workbook of the periode's year, checked before any stage: refused by cell."""
    try:
        load_pk(office, per.tahun)
    except InputError as exc:
        raise JalankanError(
            f"{exc}\nTidak ada notebook yang dijalankan dan tidak ada yang diterbitkan; "
            "keluaran sebelumnya (bila ada) tidak berubah. Perbaiki berkasnya, lalu jalankan lagi."
        ) from None


def _failed(exc: runner.NotebookError, work: Path, target: Path, mulai: datetime) -> JalankanError:
    """Keep a failed run under ``<target>/gagal/``; the error that says where it is."""
    with contextlib.suppress(Exception):  # the HTML of a failure is a convenience
        runner.to_html(exc.executed, exc.executed.with_suffix(".html"))
    kept = keep_failure(work, target, mulai)
    return JalankanError(
        f"{exc}\nNotebook yang gagal disimpan beserta galatnya: {kept / exc.executed.name}\n"
        "Tidak ada dokumen yang diterbitkan; keluaran sebelumnya (bila ada) tidak berubah.",
        gagal=kept,
    )


def jalankan(
    kantor: Path | str,
    periode: Periode | str,
    tanggal_cetak: date,
    *,
    mulai: datetime,
    keluaran: Path | None = None,
    laporan: Callable[[str], None] = _stderr,
    notebooks: Path | None = None,
    tahap: Sequence[Tahap] | None = None,
    log: Path | None = None,
) -> HasilJalankan:
    """Run the stages (default ``TAHAP``) for ``periode`` and publish into ``keluaran``.

    ``tanggal_cetak`` and ``mulai`` (when the run started) come from the caller:
    nothing here reads the clock except to time the stages. ``keluaran``
    defaults to ``reports/<kantor folder>/<periode>/``; ``notebooks`` to the
    notebooks the package carries. Raises ``JalankanError`` (nothing published,
    the failed run kept under ``<keluaran>/gagal/``), also when a stage's
    notebook is missing or the PK is broken (then before any stage, nothing kept).
    ``log``: this run's own log (``runlog.buka_log``), left alone when the logs of
    killed runs are recorded.
    """
    office = load_kantor(kantor)
    per = Periode.parse(periode)
    folder = notebooks or notebooks_dir()
    stages = periksa_tahap(folder, TAHAP if tahap is None else tahap)
    _periksa_pk(office, per)
    target = (keluaran or reports_root() / office.path.name / str(per)).resolve()
    params = {
        "periode": str(per),
        "kantor": str(office.path),
        "tanggal_cetak": tanggal_cetak.isoformat(),
        "keluaran": ".",  # the kernel runs in the work folder (shown as such)
    }

    with kunci_kantor(office.path):
        yatim = catat_log_yatim_kantor(office.path, [log] if log is not None else [])
        if yatim:
            laporan(f"{len(yatim)} log run sebelumnya yang belum tercatat kini dicatat di rantai.")
        tolak_jika_diarsipkan(office, target)
        sisa = bersihkan_sisa(target)
        work = _work_folder(target)
        laporan(
            f"kinerja jalankan: {office.nama}, {per.label}, tanggal cetak "
            f"{format_tanggal(tanggal_cetak)}; {len(stages)} tahap"
        )
        if sisa:
            laporan(f"{len(sisa)} folder kerja sisa run yang terhenti dihapus.")
        start = time.perf_counter()
        try:
            executed, html, durasi = _run_stages(stages, folder, work, params, laporan, target)
        except runner.NotebookError as exc:
            raise _failed(exc, work, target, mulai) from None
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise

        total = time.perf_counter() - start
        manifest = susun_manifest(
            office, per, tanggal_cetak, mulai, target, stages, folder, durasi, work
        )
        pdf = _publish_run(office, mulai, manifest, work, target)
        laporan(f"Selesai dalam {_detik(total)}: {target}")

    doc_html = pdf.with_suffix(".html") if pdf and pdf.with_suffix(".html").exists() else None
    return HasilJalankan(
        keluaran=target,
        periode=per,
        notebooks=[target / p.name for p in executed],
        html=[target / p.name for p in html],
        dokumen_pdf=pdf,
        dokumen_html=doc_html,
        durasi=durasi,
        total=total,
    )


def _publish_run(
    office: Kantor, mulai: datetime, manifest: dict, work: Path, target: Path
) -> Path | None:
    """Write the manifest, publish ``work`` as ``target`` and record the run in the event log
    (with the document's hash, else the manifest's). Returns the published PDF, if any."""
    pdfs = sorted(work.glob("*.pdf"))
    manifest_bytes = write_manifest(work, manifest)
    publish(work, target)
    utama = manifest["keluaran_sha256"].get(pdfs[0].name, "") if pdfs else ""
    catat_peristiwa(office, mulai, manifest, utama or hashlib.sha256(manifest_bytes).hexdigest())
    return target / pdfs[0].name if pdfs else None
