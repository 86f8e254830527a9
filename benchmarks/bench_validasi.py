"""Validation rules and the review ledger: how long they take.

    .venv/bin/python benchmarks/bench_validasi.py

Prints, for the synthetic national table (``sintetis.tabel_nasional``) at several
sizes, the time of ``ukur`` and of ``rules.periksa`` on top of it (the rules alone,
with the measurement passed in), and the number of findings; then, on a copy of the
demo office, ``ledger.load_temuan`` (PK + realisasi + rules), ``ledger.tinjauan``,
one ``catat_keputusan`` and ``keputusan_untuk_dokumen``. Medians of several runs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sintetis

from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import ukur
from kinerja.inti.predikat import load_skala_ordinal
from kinerja.inti.tanggal import WIB
from kinerja.paths import demo_office
from kinerja.validasi import lampiran, ledger
from kinerja.validasi.aturan import periksa

P = Periode.parse("2025-TW4")


def _median(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def nasional() -> None:
    print("rules.periksa on the synthetic national table (indikator × TW rows)")
    print(f"{'baris':>10} {'ukur (s)':>10} {'periksa (s)':>12} {'temuan':>8} {'µs/baris':>9}")
    for rows in (64_000, 400_000, 1_000_000):
        ind, real = sintetis.tabel_nasional(rows)
        real = real.assign(kendala="", tindak_lanjut="", bukti_dukung="ada")
        ordinal = {k: load_skala_ordinal(k) for k in set(ind["skala"]) - {""}}
        runs = 3 if rows < 1_000_000 else 2
        t_ukur, hasil = _median(
            lambda ind=ind, real=real, o=ordinal: ukur(ind, real, P, ordinal=o), runs
        )
        t_rules, found = _median(
            lambda ind=ind, real=real, hasil=hasil, o=ordinal: periksa(
                ind, real, P, pengukuran=hasil, ordinal=o
            ),
            runs,
        )
        print(
            f"{rows:>10,} {t_ukur:>10.2f} {t_rules:>12.2f} {len(found):>8,} "
            f"{t_rules / rows * 1e6:>9.2f}"
        )


def demo() -> None:
    print("\nthe demo office (16 IK, 4 TW), ledger in SQLite")
    with tempfile.TemporaryDirectory() as tmp:
        office = Path(tmp) / "kantor"
        shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip"))
        t, found = _median(lambda: ledger.load_temuan(office, P), 7)
        print(f"  load_temuan (PK + realisasi + rules): {t * 1000:7.1f} ms, {len(found)} temuan")
        when = dt.datetime(2026, 1, 12, 9, 30, tzinfo=WIB)
        t, _ = _median(
            lambda: ledger.catat_keputusan(
                office, P, found[0], "terima", peran="sekcam", alasan="Bench.", waktu=when
            ),
            7,
        )
        print(f"  catat_keputusan (one ledger row):      {t * 1000:7.1f} ms")
        t, _ = _median(lambda: ledger.tinjauan(office, P, temuan=found), 7)
        print(f"  tinjauan (ledger read, findings given):{t * 1000:7.1f} ms")
        t, _ = _median(lambda: lampiran.keputusan_untuk_dokumen(office, P), 7)
        print(f"  keputusan_untuk_dokumen (appendix):    {t * 1000:7.1f} ms")


if __name__ == "__main__":
    nasional()
    demo()
