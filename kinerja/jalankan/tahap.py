"""The stages of a headless run: which notebooks, in which waves, side by side.

Every stage of ``TAHAP`` always runs; a stage whose notebook is missing is an
error before anything starts (``periksa_tahap``). The review notebook (03) is
interactive and never a stage: a headless run reads the decisions from the
ledger. Stages run in waves (``Tahap.gelombang``): intake first, then the
stages that only read the office's data side by side, one per core.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kinerja.jalankan.errors import JalankanError

__all__ = [
    "TAHAP",
    "Tahap",
    "gelombang",
    "periksa_tahap",
    "run_wave",
    "urutan",
    "workers",
]


@dataclass(frozen=True)
class Tahap:
    """One stage: a notebook, its title, its wave, and what its kernel imports ahead."""

    notebook: str
    judul: str
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


def periksa_tahap(folder: Path, tahap: Sequence[Tahap]) -> list[Tahap]:
    """The stages to run, after checking that each one's notebook is in ``folder``.

    A missing notebook is an error (``JalankanError``), never a stage skipped.
    """
    stages = list(tahap)
    if not stages:
        raise JalankanError(f'Tidak ada tahap untuk dijalankan (folder notebook "{folder}").')
    missing = [t.notebook for t in stages if not (Path(folder) / t.notebook).is_file()]
    if missing:
        raise JalankanError(
            f'Notebook tahap tidak ditemukan di "{folder}": {", ".join(missing)}. '
            "Pasang ulang kinerja, atau beri folder notebook yang lengkap."
        )
    return stages


def gelombang(stages: Sequence[Tahap]) -> list[list[Tahap]]:
    """Stages grouped by ``gelombang``, in order: a wave runs only after the one before it."""
    waves: dict[int, list[Tahap]] = {}
    for t in stages:
        waves.setdefault(t.gelombang, []).append(t)
    return [waves[k] for k in sorted(waves)]


def workers(wave: Sequence[Tahap]) -> int:
    """How many stages of ``wave`` run at once: one per core."""
    return max(1, min(len(wave), os.cpu_count() or 1))


def urutan(wave: Sequence[Tahap]) -> list[Tahap]:
    """The order a wave's stages start in: the last (heaviest, the document) first."""
    return list(reversed(wave))


def run_wave(wave: list[Tahap], run_stage: Callable[[Tahap], Path]) -> list[Path]:
    """Run the stages of one wave side by side, at most one per core.

    The last stages start first (the document is the longest), so the slowest
    one is never queued behind the others. The first failure in stage order is
    raised after every stage of the wave has ended: no kernel is left behind.
    """
    if len(wave) == 1:
        return [run_stage(wave[0])]
    with ThreadPoolExecutor(max_workers=workers(wave), thread_name_prefix="tahap") as pool:
        futures = {t.nama: pool.submit(run_stage, t) for t in urutan(wave)}
    for t in wave:
        error = futures[t.nama].exception()
        if error is not None:
            raise error
    return [futures[t.nama].result() for t in wave]
