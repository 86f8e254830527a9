"""Record-keeping speed: number allocation, archive writes, verifikasi, BagIt export.

    .venv/bin/python benchmarks/bench_arsip.py

Prints one line per figure. Every write is durable (fsync, SQLite synchronous=FULL),
so the figures depend on the disk as much as on the code.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kinerja.arsip.paket import buat_paket
from kinerja.arsip.verifikasi import verifikasi
from kinerja.catatan import objek
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah.penomoran import alokasi_nomor
from kinerja.paths import demo_office

W = dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
CHILD = """
import datetime as dt, sys
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah.penomoran import alokasi_nomor
k = load_kantor(sys.argv[1])
for _ in range(int(sys.argv[2])):
    alokasi_nomor(k, "000.8.6.3", "bench", tanggal=dt.date(2026, 3, 1))
"""


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-arsip-"))
    try:
        folder = root / "kantor"
        shutil.copytree(demo_office(), folder, ignore=shutil.ignore_patterns("arsip"))
        k = load_kantor(folder)

        n = 300
        t0 = time.perf_counter()
        for _ in range(n):
            alokasi_nomor(k, "000.8.6.3", "bench", tanggal=W.date())
        dt_alloc = time.perf_counter() - t0
        print(f"alokasi_nomor, 1 proses: {n / dt_alloc:.0f} nomor/s ({dt_alloc / n * 1e3:.1f} ms)")

        t0 = time.perf_counter()
        procs = [
            subprocess.Popen([sys.executable, "-c", CHILD, str(folder), "150"], cwd=root)
            for _ in range(2)
        ]
        for p in procs:
            p.wait()
        dt2 = time.perf_counter() - t0
        print(f"alokasi_nomor, 2 proses x 150 (termasuk start proses): {dt2:.2f} s")

        for size, count in ((10_000, 200), (1_000_000, 20)):
            t0 = time.perf_counter()
            for i in range(count):
                objek.simpan(
                    k,
                    os.urandom(size),
                    jenis="data",
                    periode="2025-TW1",
                    nama=f"b{size}-{i}",
                    waktu=W,
                )
            el = time.perf_counter() - t0
            print(
                f"objek.simpan {size // 1000} kB: {count / el:.0f} objek/s "
                f"({el / count * 1e3:.1f} ms per objek, {size * count / el / 1e6:.0f} MB/s)"
            )

        t0 = time.perf_counter()
        lap = verifikasi(k)
        el = time.perf_counter() - t0
        print(
            f"verifikasi: {lap.jumlah.get('objek', 0)} objek, "
            f"{lap.jumlah.get('peristiwa', 0)} peristiwa, {lap.jumlah.get('nomor', 0)} nomor "
            f"in {el:.2f} s (utuh={lap.utuh})"
        )

        t0 = time.perf_counter()
        buat_paket(k, "2025-TW1", root / "paket")
        print(f"buat_paket (220 objek, ~22 MB): {time.perf_counter() - t0:.2f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
