"""Many offices at once: a process pool on one machine, or a Dask cluster beyond it.

``peta(fungsi, items)`` runs a top-level function over items and returns one
``HasilTugas`` per item, in the items' order; a failure of one item (a
``KinerjaError`` or any other exception) is recorded for that item and never
stops the others. Progress goes to ``laporan`` as each item finishes.

Backends, chosen by the arguments:

- ``pekerja=1``: in this process, one after another (debugging, small jobs);
- ``pekerja=N``: a ``ProcessPoolExecutor`` of N workers (``forkserver``: safe
  inside a notebook kernel or a threaded process);
- ``scheduler="lokal:N"``: a Dask ``LocalCluster`` of N worker processes on
  127.0.0.1; ``scheduler="tcp://host:8786"``: an existing Dask cluster. Dask is
  the optional extra ``kinerja[dask]`` and is imported only here, with an
  Indonesian error when it is missing. The workers must see the same paths
  (shared storage) and have kinerja installed.

``jalankan_banyak`` is ``pipeline.jalankan`` for many offices: each office is
one idempotent task (its own lock, output published atomically or not at all).
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kinerja.dokumen.susun import load_dokumen_data, render_dokumen
from kinerja.inti.angka import format_angka
from kinerja.inti.errors import KinerjaError, UsageError
from kinerja.inti.model import Periode
from kinerja.jalankan.pipeline import jalankan, ukur_kantor
from kinerja.jalankan.runlog import Log, log_path
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


@dataclass(frozen=True)
class HasilTugas:
    """The outcome of one item: ``ok``, the function's value or the Indonesian message."""

    nama: str
    ok: bool
    nilai: Any = None
    pesan: str = ""
    detik: float = 0.0
    pekerja: str = ""  # host:pid that ran it


def _aman(fungsi: Callable[[Any], Any], item: Any, nama: str) -> HasilTugas:
    """Run one item; turn any failure into a ``HasilTugas`` (never raises)."""
    start = time.perf_counter()
    where = f"{platform.node()}:{os.getpid()}"
    try:
        value = fungsi(item)
    except KinerjaError as exc:
        return HasilTugas(nama, False, None, str(exc), time.perf_counter() - start, where)
    except Exception as exc:  # a bug in one office's run must not stop the others
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        at = f" ({last[0].filename}:{last[0].lineno})" if last else ""
        pesan = f"galat tak terduga {type(exc).__name__}: {exc}{at}"
        return HasilTugas(nama, False, None, pesan, time.perf_counter() - start, where)
    return HasilTugas(nama, True, value, "", time.perf_counter() - start, where)


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _detik(seconds: float) -> str:
    return f"{format_angka(seconds, 1)} dtk"


def _progress(laporan: Callable[[str], None] | None, i: int, n: int, h: HasilTugas) -> None:
    if laporan is None:
        return
    if h.ok:
        laporan(f"[{i}/{n}] {h.nama}: selesai dalam {_detik(h.detik)}")
    else:
        first = h.pesan.splitlines()[0] if h.pesan else ""
        laporan(f"[{i}/{n}] {h.nama}: GAGAL: {first}")


def _context() -> multiprocessing.context.BaseContext:
    # fork is unsafe in a threaded parent (a notebook kernel, Dask, pytest-xdist);
    # forkserver imports kinerja once and forks clean workers from there.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(
            ["kinerja.jalankan.batch", "kinerja.jalankan.pipeline", "kinerja.dokumen.susun"]
        )
    return ctx


def peta(
    fungsi: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    nama: Callable[[Any], str] = str,
    pekerja: int | None = None,
    scheduler: str | None = None,
    laporan: Callable[[str], None] | None = _stderr,
) -> list[HasilTugas]:
    """``fungsi(item)`` for every item; one ``HasilTugas`` per item, in the items' order.

    ``fungsi`` must be a module-level function (it is pickled to the workers).
    """
    items = list(items)
    labels = [nama(x) for x in items]
    if not items:
        return []
    if scheduler:
        return _peta_dask(fungsi, items, labels, scheduler, laporan)
    n = pekerja or os.cpu_count() or 1
    if n < 1:
        raise UsageError(f"Jumlah pekerja harus 1 atau lebih, tertulis {n}.")
    out: list[HasilTugas | None] = [None] * len(items)
    if n == 1 or len(items) == 1:
        for i, (item, label) in enumerate(zip(items, labels, strict=True)):
            out[i] = _aman(fungsi, item, label)
            _progress(laporan, i + 1, len(items), out[i])
        return [h for h in out if h is not None]
    with ProcessPoolExecutor(max_workers=min(n, len(items)), mp_context=_context()) as pool:
        futures = {
            pool.submit(_aman, fungsi, item, label): i
            for i, (item, label) in enumerate(zip(items, labels, strict=True))
        }
        for done, future in enumerate(as_completed(futures), start=1):
            i = futures[future]
            try:
                out[i] = future.result()
            except Exception as exc:  # a worker died (killed, out of memory): this item failed
                out[i] = HasilTugas(
                    labels[i], False, None, f"proses pekerja berhenti mendadak: {exc}"
                )
            _progress(laporan, done, len(items), out[i])
    return [h for h in out if h is not None]


# ---------------------------------------------------------------------------------------------
# Dask


def _import_distributed() -> Any:
    try:
        import distributed  # noqa: PLC0415  (the optional extra kinerja[dask])
    except ImportError:
        raise UsageError(
            "Pilihan --scheduler memerlukan Dask, yang belum terpasang di lingkungan ini. "
            'Pasang dengan: uv pip install "kinerja[dask]" (atau pip install '
            '"dask[distributed]"), lalu ulangi. Tanpa Dask, pakai --pekerja N untuk '
            "menjalankan beberapa kantor sekaligus di mesin ini."
        ) from None
    return distributed


def _client(distributed: Any, scheduler: str) -> tuple[Any, Any]:
    """(client, cluster or None) for ``lokal:N`` or ``tcp://host:port``."""
    if scheduler.startswith("lokal:"):
        text = scheduler.removeprefix("lokal:")
        if not text.isdigit() or int(text) < 1:
            raise UsageError(
                f'Scheduler "{scheduler}" tidak sah: tulis lokal:N dengan N pekerja, '
                "misalnya lokal:2."
            )
        cluster = distributed.LocalCluster(
            n_workers=int(text),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # the scheduler's HTTP server (health, metrics) on a free loopback port: a fixed
            # 8787 collides with a second cluster on the same machine
            dashboard_address="127.0.0.1:0",
            silence_logs=40,  # logging.ERROR: the progress lines say what matters
        )
        return distributed.Client(cluster), cluster
    if not scheduler.startswith(("tcp://", "tls://")):
        raise UsageError(
            f'Scheduler "{scheduler}" tidak dikenal. Tulis alamat klaster Dask, misalnya '
            "tcp://10.0.0.5:8786, atau lokal:N untuk N proses di mesin ini."
        )
    try:
        return distributed.Client(scheduler, timeout="15s"), None
    except (OSError, TimeoutError) as exc:
        raise KinerjaError(
            f'Scheduler Dask "{scheduler}" tidak dapat dihubungi ({exc}). Periksa alamat dan '
            "port, dan bahwa dask scheduler sedang berjalan."
        ) from None


def _peta_dask(
    fungsi: Callable[[Any], Any],
    items: list[Any],
    labels: list[str],
    scheduler: str,
    laporan: Callable[[str], None] | None,
) -> list[HasilTugas]:
    distributed = _import_distributed()
    client, cluster = _client(distributed, scheduler)
    try:
        futures = client.map(
            _aman,
            [fungsi] * len(items),
            items,
            labels,
            pure=False,
            key=[f"kinerja-{i}-{label}" for i, label in enumerate(labels)],
        )
        index = {f.key: i for i, f in enumerate(futures)}
        out: list[HasilTugas | None] = [None] * len(items)
        for done, future in enumerate(distributed.as_completed(futures), start=1):
            i = index[future.key]
            try:
                out[i] = future.result()
            except Exception as exc:  # a worker died: the item failed, not the batch
                out[i] = HasilTugas(labels[i], False, None, f"pekerja Dask gagal: {exc}")
            _progress(laporan, done, len(items), out[i])
        return [h for h in out if h is not None]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
    log = Log(log_path(Path(t.kantor), t.periode, t.mulai), terminal=False)

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
        )
        log("BERHASIL")
    except KinerjaError as exc:
        log(f"GAGAL: {exc}")
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
    laporan: Callable[[str], None] | None = _stderr,
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
