"""Capaian at national scale, and ``kinerja hitung`` against a bare pandas read + write.

    .venv/bin/python benchmarks/bench_capaian.py [--besar]

Goals (issue 3): ``ukur`` ≤ 1 s per million indikator-quarter rows, linear in
rows, peak memory ≤ 1 GB at 1 M; ``kinerja hitung`` on a 1 M-row CSV within 2×
of ``pd.read_csv`` + ``to_csv`` of the same file. ``--besar`` adds 10 M rows.
Each size runs in a fresh process so its peak RSS is its own.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

SIZE_CODE = r"""
import json, resource, sys, time
import numpy as np, pandas as pd
from kinerja.model import INDIKATOR_COLUMNS, Periode
from kinerja.pengukuran import ukur

rows = int(sys.argv[1]); n = rows // 4
rng = np.random.default_rng(7)
jenis = rng.choice(["kumulatif", "akhir", "rata_rata"], n)
pol = rng.choice(["positif", "negatif"], n, p=[0.8, 0.2])
t = rng.integers(10, 500, (n, 4)).astype(float)
ind = pd.DataFrame({c: "" for c in INDIKATOR_COLUMNS}, index=range(n))
ind["kode"] = np.char.add("IK-", np.arange(n).astype(str))
ind["sasaran_kode"] = np.char.add("S", (np.arange(n) // 3).astype(str))
ind["sasaran"] = ind["sasaran_kode"]
ind["polaritas"] = pol; ind["jenis_periode"] = jenis; ind["rumus_negatif"] = "2T-R"
for i in range(4):
    ind[f"target_tw{i + 1}"] = t[:, i]
ind["target_tahunan"] = t.sum(axis=1); ind["target_renstra"] = t.sum(axis=1) * 5
ind["target_tahun_lalu"] = t.sum(axis=1); ind["realisasi_tahun_lalu"] = t.sum(axis=1) * 0.9
ind["iku"] = True; ind["wajib"] = True; ind["bobot"] = 1.0
r = pd.DataFrame({
    "kode": np.repeat(ind["kode"].to_numpy(), 4),
    "tw": np.tile([1, 2, 3, 4], n),
    "realisasi": (t * rng.uniform(0.6, 1.3, (n, 4))).round(2).ravel(),
})
r = r.sample(frac=0.995, random_state=1)  # a few missing quarters
start = time.perf_counter()
p = ukur(ind, r, Periode.parse("2025-TW4"))
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rows": rows, "detik": elapsed, "rss_mb": rss, "valid": int(p.kantor["n_valid"])}))
"""


def bench_ukur(rows: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", SIZE_CODE, str(rows)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_hitung(rows: int) -> dict:
    rng = np.random.default_rng(3)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.csv"
        target = rng.integers(10, 500, rows)
        frame = pd.DataFrame(
            {
                "indikator": np.char.add("Indikator ", (np.arange(rows) % 5000).astype(str)),
                "satuan": "%",
                "polaritas": rng.choice(["positif", "negatif"], rows, p=[0.8, 0.2]),
                "target": target,
                "realisasi": (target * rng.uniform(0.6, 1.3, rows)).round(2),
            }
        )
        frame.to_csv(src, index=False)
        start = time.perf_counter()
        pd.read_csv(src).to_csv(Path(tmp) / "bare.csv", index=False)
        bare = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kinerja", "hitung", str(src), "-o", str(Path(tmp) / "out.csv")],
            check=True,
        )
        cli = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import kinerja.cli.hitung"], check=True)
        startup = time.perf_counter() - start
    return {"rows": rows, "pandas_detik": bare, "hitung_detik": cli, "impor_detik": startup}


def main() -> None:
    sizes = [250_000, 1_000_000, 2_000_000]
    if "--besar" in sys.argv:
        sizes.append(10_000_000)
    results = [bench_ukur(n) for n in sizes]
    print("ukur (capaian per indikator-triwulan):")
    for r in results:
        per_m = r["detik"] / (r["rows"] / 1e6)
        print(
            f"  {r['rows']:>10,} baris: {r['detik']:6.2f} s ({per_m:.2f} s per juta), "
            f"puncak RSS {r['rss_mb']:,.0f} MB"
        )
    h = bench_hitung(1_000_000)
    ratio = h["hitung_detik"] / h["pandas_detik"]
    print(
        f"kinerja hitung 1.000.000 baris: {h['hitung_detik']:.2f} s; pandas read+write "
        f"{h['pandas_detik']:.2f} s; rasio {ratio:.2f} (sasaran ≤ 2); impor CLI {h['impor_detik']:.2f} s"
    )
    one_m = next(r for r in results if r["rows"] == 1_000_000)
    ok = one_m["detik"] <= 1.0 and one_m["rss_mb"] <= 1024 and ratio <= 2.0
    print("SASARAN TERCAPAI" if ok else "SASARAN BELUM TERCAPAI")
    print(
        f"(maxrss proses ini: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
