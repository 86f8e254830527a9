"""One periode, step by step: the notebooks in order, into a folder published only on success.

``jalankan`` runs each stage's notebook with papermill (``runner``) into a
temporary folder beside the target, converts every executed notebook to HTML,
writes a manifest (``jalankan.json``: parameters, input and output hashes,
durations) and only then moves the folder into place. When a cell fails, the
temporary folder (with the executed notebook and its error) goes to
``<keluaran>/gagal/<waktu>/`` and nothing is published.

A stage runs only when the modules it needs exist: the pipeline grows as the
parts land (``TAHAP``, ``tahap_aktif``). The review notebook (03) is interactive
and never run here; a headless run reads the decisions from the ledger. Stages
run in waves (``Tahap.gelombang``): intake first, then the stages that only read
the office's data side by side, one per core, the next wave's kernels started
while the current wave runs. Each run holds the office's lock, refuses to replace
an archived publication, and is recorded in the office's event log.

What the notebooks call (``periksa_parameter``, ``ukur_kantor``, …) lives in
``kinerja.jalankan.langkah`` and is re-exported here; papermill and nbconvert are
imported only inside ``jalankan``.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kinerja.inti.angka import format_angka
from kinerja.inti.errors import KinerjaError
from kinerja.inti.model import Periode
from kinerja.inti.tanggal import format_tanggal
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
from kinerja.kantor.katalog import Kantor, load_kantor
from kinerja.paths import project_root, reports_root

__all__ = [
    "TAHAP",
    "HasilJalankan",
    "JalankanError",
    "Parameter",
    "Tahap",
    "Ukuran",
    "jalankan",
    "folder_formulir",
    "himpun_formulir",
    "kunci_kantor",
    "notebooks_dir",
    "periksa_parameter",
    "ringkasan_dokumen",
    "susun_dokumen",
    "tahap_aktif",
    "ukur_kantor",
]

GAGAL = "gagal"
MANIFEST = "jalankan.json"


# --------------------------------------------------------------------------- stages


@dataclass(frozen=True)
class Tahap:
    """One stage: a notebook, its title, and the modules it needs to exist."""

    notebook: str
    judul: str
    perlu: tuple[str, ...] = ()
    gelombang: int = 1  # stages of one wave run side by side, after the waves before
    impor: tuple[str, ...] = ()  # imported in its kernel started ahead, while others run

    @property
    def nama(self) -> str:
        return self.notebook.removesuffix(".ipynb")


#: Every stage of a headless run, in order (03, the interactive review, is not one).
TAHAP: tuple[Tahap, ...] = (
    Tahap("01-himpun-formulir.ipynb", "himpun formulir dan kelengkapan"),
    # After intake, the summary, the measurement and the document only read the
    # office's data (forms taken in, decisions in the ledger): they run side by side.
    Tahap(
        "02-periksa-validasi.ipynb",
        "ringkasan validasi",
        ("kinerja.validasi.aturan", "kinerja.validasi.ledger"),
        2,
        (
            "kinerja.jalankan.pipeline",
            "kinerja.lab.tampil",
            "kinerja.validasi.aturan",
            "kinerja.validasi.ledger",
        ),
    ),
    Tahap(
        "04-ukur-kinerja.ipynb",
        "pengukuran capaian",
        (),
        2,
        (
            "kinerja.jalankan.pipeline",
            "kinerja.lab.tampil",
            "kinerja.dokumen.grafik",
            "matplotlib.figure",
        ),
    ),
    Tahap(
        "05-susun-dokumen.ipynb",
        "dokumen HTML dan PDF",
        ("kinerja.dokumen.susun",),
        2,
        (
            "kinerja.jalankan.pipeline",
            "kinerja.dokumen.susun",
            "kinerja.cetak.render",
            "matplotlib.figure",
            "weasyprint",
        ),
    ),
)


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def tahap_aktif(folder: Path | None = None, tahap: Sequence[Tahap] = TAHAP) -> list[Tahap]:
    """The stages that can run now: their notebook exists and so do the modules they need."""
    folder = folder or notebooks_dir()
    return [
        t
        for t in tahap
        if (folder / t.notebook).is_file() and all(_module_exists(m) for m in t.perlu)
    ]


# --------------------------------------------------------------------------- the run


class JalankanError(KinerjaError):
    """A run failed; nothing was published. ``gagal`` is where the failed run was kept."""

    def __init__(self, message: str, gagal: Path | None = None) -> None:
        super().__init__(message)
        self.gagal = gagal


@dataclass(frozen=True)
class HasilJalankan:
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


@contextlib.contextmanager
def kunci_kantor(kantor_path: Path) -> Iterator[Path]:
    """Hold ``<kantor>/arsip/jalankan.lock`` (``flock``) so that two runs never overlap."""
    lock = Path(kantor_path) / "arsip" / "jalankan.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            raise JalankanError(
                f"Kantor ini sedang diproses oleh jalankan lain (kunci {lock}"
                + (f", PID {holder}" if holder else "")
                + "). Tunggu sampai selesai, lalu ulangi."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield lock
    finally:
        os.close(fd)  # closing releases the lock


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _inputs(kantor: Kantor, stages: Sequence[Tahap], folder: Path) -> dict[str, str]:
    """sha256 of every input file: the office folder (without arsip) and the notebooks run."""
    files = {
        f"kantor/{p.relative_to(kantor.path).as_posix()}": p
        for p in sorted(kantor.path.rglob("*"))
        if p.is_file() and p.relative_to(kantor.path).parts[0] != "arsip"
    }
    files.update({f"notebooks/{t.notebook}": folder / t.notebook for t in stages})
    return {name: _sha256(path) for name, path in files.items()}


_libc = None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    global _libc  # noqa: PLW0603 - loaded once
    if not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(_libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return rc == 0


def _publish(work: Path, target: Path) -> None:
    """Move ``work`` into place as ``target``; the previous output is replaced at once."""
    if not target.exists():
        work.rename(target)
        return
    old_failures = target / GAGAL
    if _exchange(work, target):
        old = work  # after the swap, ``work`` names the previous output
    else:
        old = target.with_name(f".{target.name}.lama-{os.getpid()}")
        target.rename(old)
        work.rename(target)
    if (old / GAGAL).is_dir() and not (target / GAGAL).exists():
        (old / GAGAL).rename(old_failures)
    shutil.rmtree(old, ignore_errors=True)
    with contextlib.suppress(OSError):
        fd = os.open(target.parent, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)


def _tolak_jika_diarsipkan(kantor: Kantor, target: Path) -> None:
    """Refuse to replace a published folder whose PDF is in the archive (archived or signed)."""
    pdfs = sorted(target.glob("*.pdf")) if target.is_dir() else []
    if not pdfs:
        return
    from kinerja.catatan import objek

    index = {row["sha256"]: row for row in objek.daftar(kantor)}
    for pdf in pdfs:
        row = index.get(_sha256(pdf))
        if row is not None:
            raise JalankanError(
                f'Folder keluaran "{target}" memuat {pdf.name} yang sudah diarsipkan '
                f"({row['jenis']} {row['periode']} versi {row['versi']}, status {row['status']}). "
                "kinerja jalankan tidak menimpa versi yang diarsipkan atau ditandatangani: "
                "pakai --keluaran lain untuk hasil baru, lalu ajukan sebagai revisi lewat arsip."
            )


def _catat_peristiwa(kantor: Kantor, mulai: datetime, manifest: dict, utama: str) -> None:
    """Append the run to the office's hash-chained event log (who, when, what, hashes)."""
    from kinerja.catatan import eventlog
    from kinerja.catatan.db import immediate
    from kinerja.catatan.eventlog import open_db

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


def _keep_failure(work: Path, target: Path, mulai: datetime) -> Path:
    base = target / GAGAL
    base.mkdir(parents=True, exist_ok=True)
    stamp = mulai.strftime("%Y%m%d-%H%M%S")
    dest = base / stamp
    n = 1
    while dest.exists():
        n += 1
        dest = base / f"{stamp}-{n}"
    work.rename(dest)
    return dest


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
) -> HasilJalankan:
    """Run the active stages for ``periode`` and publish into ``keluaran`` on success.

    ``tanggal_cetak`` and ``mulai`` (when the run started) come from the caller:
    nothing here reads the clock except to time the stages. ``keluaran``
    defaults to ``reports/<kantor folder>/<periode>/``. Raises ``JalankanError``
    (nothing published, the failed run kept under ``<keluaran>/gagal/``).
    """
    from kinerja.jalankan import runner

    office = load_kantor(kantor)
    per = Periode.parse(periode)
    folder = notebooks or notebooks_dir()
    stages = list(tahap) if tahap is not None else tahap_aktif(folder)
    if not stages:
        raise JalankanError(f'Tidak ada notebook untuk dijalankan di "{folder}".')
    target = (keluaran or reports_root() / office.path.name / str(per)).resolve()
    params = {
        "periode": str(per),
        "kantor": str(office.path),
        "tanggal_cetak": tanggal_cetak.isoformat(),
    }

    with kunci_kantor(office.path):
        _tolak_jika_diarsipkan(office, target)
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.kerja-", dir=target.parent))
        mask = os.umask(0)
        os.umask(mask)
        work.chmod(0o777 & ~mask)  # mkdtemp makes it private; the published folder is not
        params["keluaran"] = "."  # the kernel runs in the work folder (shown as such)
        laporan(
            f"kinerja jalankan: {office.nama}, {per.label}, tanggal cetak "
            f"{format_tanggal(tanggal_cetak)}; {len(stages)} tahap"
        )
        start = time.perf_counter()
        durasi: dict[str, float] = {}
        executed: list[Path] = []
        nomor = {t.nama: i for i, t in enumerate(stages, start=1)}
        # Executed notebooks become HTML on a thread of their own, so the next stage
        # never waits for a conversion; the exporter is built while stage 1 runs.
        runner.preload()
        converter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="html")
        converter.submit(runner.prepare_html)
        pages: list[Future] = []
        siap: dict[str, runner.KernelSiap] = {}  # kernels started ahead, per stage

        def run_stage(t: Tahap) -> Path:
            i = nomor[t.nama]
            laporan(f"[{i}/{len(stages)}] {t.nama}: {t.judul} …")
            out = work / f"{t.nama}-{per}.ipynb"
            durasi[t.nama] = runner.run_notebook(
                folder / t.notebook, out, params, cwd=work, kernel=siap.pop(t.nama, None)
            )
            pages.append(converter.submit(runner.to_html, out, out.with_suffix(".html")))
            laporan(f"[{i}/{len(stages)}] {t.nama}: selesai dalam {_detik(durasi[t.nama])}")
            return out

        try:
            waves = _gelombang(stages)
            try:
                for k, wave in enumerate(waves):
                    if k + 1 < len(waves):  # the next wave's kernels start meanwhile
                        for t in _urutan(waves[k + 1])[: _workers(waves[k + 1])]:
                            siap[t.nama] = runner.KernelSiap(work, t.impor)
                    executed += _run_wave(wave, run_stage)
            finally:
                for kernel in siap.values():
                    kernel.tutup()
                converter.shutdown(wait=True)
            html = [f.result() for f in pages]
        except runner.NotebookError as exc:
            with contextlib.suppress(Exception):  # the HTML of a failure is a convenience
                runner.to_html(exc.executed, exc.executed.with_suffix(".html"))
            kept = _keep_failure(work, target, mulai)
            executed_kept = kept / exc.executed.name
            raise JalankanError(
                f"{exc}\nNotebook yang gagal disimpan beserta galatnya: {executed_kept}\n"
                "Tidak ada dokumen yang diterbitkan; keluaran sebelumnya (bila ada) tidak berubah.",
                gagal=kept,
            ) from None
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        executed.sort()
        html.sort()

        pdfs = sorted(work.glob("*.pdf"))
        pdf = pdfs[0] if pdfs else None
        doc_html = pdf.with_suffix(".html") if pdf and pdf.with_suffix(".html").exists() else None
        total = time.perf_counter() - start
        manifest = {
            "kantor": office.kode,
            "periode": str(per),
            "tanggal_cetak": tanggal_cetak.isoformat(),
            "mulai": mulai.isoformat(timespec="seconds"),
            "oleh": _who(),
            "keluaran": str(target),
            "tahap": [t.nama for t in stages],
            "durasi_detik": {k: round(v, 3) for k, v in durasi.items()},
            "masukan_sha256": _inputs(office, stages, folder),
            "keluaran_sha256": {p.name: _sha256(p) for p in sorted(work.iterdir()) if p.is_file()},
        }
        (work / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        manifest_bytes = (work / MANIFEST).read_bytes()
        _publish(work, target)
        utama = manifest["keluaran_sha256"].get(pdf.name, "") if pdf else ""
        _catat_peristiwa(
            office, mulai, manifest, utama or hashlib.sha256(manifest_bytes).hexdigest()
        )
        laporan(f"Selesai dalam {_detik(total)}: {target}")

    def moved(p: Path | None) -> Path | None:
        return target / p.name if p is not None else None

    return HasilJalankan(
        keluaran=target,
        periode=per,
        notebooks=[target / p.name for p in executed],
        html=[target / p.name for p in html],
        dokumen_pdf=moved(pdf),
        dokumen_html=moved(doc_html),
        durasi=durasi,
        total=total,
    )


def _gelombang(stages: Sequence[Tahap]) -> list[list[Tahap]]:
    """Stages grouped by ``gelombang``, in order: a wave runs only after the one before it."""
    waves: dict[int, list[Tahap]] = {}
    for t in stages:
        waves.setdefault(t.gelombang, []).append(t)
    return [waves[k] for k in sorted(waves)]


def _workers(wave: Sequence[Tahap]) -> int:
    return max(1, min(len(wave), os.cpu_count() or 1))


def _urutan(wave: Sequence[Tahap]) -> list[Tahap]:
    """The order a wave's stages start in: the last (heaviest, the document) first."""
    return list(reversed(wave))


def _run_wave(wave: list[Tahap], run_stage: Callable[[Tahap], Path]) -> list[Path]:
    """Run the stages of one wave side by side, at most one per core.

    The last stages start first (the document is the longest), so the slowest
    one is never queued behind the others. The first failure in stage order is
    raised after every stage of the wave has ended: no kernel is left behind.
    """
    if len(wave) == 1:
        return [run_stage(wave[0])]
    with ThreadPoolExecutor(max_workers=_workers(wave), thread_name_prefix="tahap") as pool:
        futures = {t.nama: pool.submit(run_stage, t) for t in _urutan(wave)}
    for t in wave:
        error = futures[t.nama].exception()
        if error is not None:
            raise error
    return [futures[t.nama].result() for t in wave]


def _who() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):
        return os.environ.get("USER", "")
