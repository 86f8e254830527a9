"""The generic pool-map: one function over many items, each failure kept to its item.

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

Used by ``jalankan.batch`` (many offices) and ``rekap.periksa`` (many packages);
it sits low so that neither depends on the other.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

from kinerja.inti.angka import format_angka
from kinerja.inti.errors import KinerjaError, UsageError

__all__ = ["HasilTugas", "peta", "tulis_stderr"]


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
    except Exception as exc:  # a bug in one item's run must not stop the others
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        at = f" ({last[0].filename}:{last[0].lineno})" if last else ""
        pesan = f"galat tak terduga {type(exc).__name__}: {exc}{at}"
        return HasilTugas(nama, False, None, pesan, time.perf_counter() - start, where)
    return HasilTugas(nama, True, value, "", time.perf_counter() - start, where)


def tulis_stderr(line: str) -> None:
    """The default progress sink: one line to stderr, flushed."""
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


def _context(fungsi: Callable[[Any], Any]) -> multiprocessing.context.BaseContext:
    # fork is unsafe in a threaded parent (a notebook kernel, Dask, pytest-xdist);
    # forkserver imports the function's module once and forks clean workers from there.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload([fungsi.__module__])
    return ctx


def peta(
    fungsi: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    nama: Callable[[Any], str] = str,
    pekerja: int | None = None,
    scheduler: str | None = None,
    laporan: Callable[[str], None] | None = tulis_stderr,
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
    with ProcessPoolExecutor(max_workers=min(n, len(items)), mp_context=_context(fungsi)) as pool:
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
        import distributed  # noqa: PLC0415  (optional extra kinerja[dask], heavy)
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
