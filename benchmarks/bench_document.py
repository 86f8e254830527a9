"""Render time of the Dokumen Pengukuran Kinerja: the demo office and a synthetic 60-IK office.

Run: ``.venv/bin/python benchmarks/bench_document.py`` (prints medians of 3 runs; the
first, cold run is reported apart because it pays for font loading and imports).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kinerja.dokumen.susun import DokumenData, load_dokumen_data, render_dokumen  # noqa: E402
from kinerja.inti.model import Periode  # noqa: E402
from kinerja.inti.pengukuran import capaian_anggaran, ukur  # noqa: E402
from kinerja.inti.predikat import load_skala_predikat  # noqa: E402
from kinerja.kantor.katalog import load_kantor  # noqa: E402
from kinerja.kantor.pk import PerjanjianKinerja  # noqa: E402
from kinerja.paths import demo_office  # noqa: E402

TANGGAL = dt.date(2026, 1, 15)


def synthetic(n: int = 60, sasaran: int = 10, seed: int = 7) -> DokumenData:
    """An office like the demo with ``n`` indikator, realisasi for all four quarters."""
    rng = np.random.default_rng(seed)
    kantor = load_kantor(demo_office())
    units = [u.kode for u in kantor.units]
    kode = [f"IK-{i + 1:02d}" for i in range(n)]
    s_kode = [f"S{i % sasaran + 1}" for i in range(n)]
    target = rng.integers(20, 200, n).astype(float)
    pol = np.where(rng.random(n) < 0.2, "negatif", "positif")
    jenis = rng.choice(["kumulatif", "akhir", "rata_rata"], n)
    per_tw = np.where(jenis == "kumulatif", target / 4, target)  # quarter targets
    ind = pd.DataFrame(
        {
            "kode": kode,
            "sasaran_kode": s_kode,
            "sasaran": [f"Meningkatnya kinerja bidang {s} di kecamatan" for s in s_kode],
            "indikator": [
                f"Indikator sintetis nomor {i + 1} untuk uji kecepatan" for i in range(n)
            ],
            "satuan": rng.choice(["%", "dokumen", "kegiatan", "orang", "hari"], n),
            "polaritas": pol,
            "jenis_periode": jenis,
            "jenis_target": "angka",
            "rumus_negatif": "2T-R",
            "skala": "",
            "target_tahunan": target,
            **{f"target_tw{t}": per_tw for t in (1, 2, 3, 4)},
            "target_renstra": target * 1.1,
            "target_tahun_lalu": target * 0.95,
            "realisasi_tahun_lalu": target * rng.uniform(0.8, 1.1, n),
            "unit": [units[i % len(units)] for i in range(n)],
            "iku": True,
            "wajib": True,
            "bobot": 1.0,
            "definisi_operasional": "",
            "sumber_data": "",
        }
    )
    real = pd.DataFrame(
        [
            {
                "kode": k,
                "tw": tw,
                "realisasi": float(round(t * rng.uniform(0.7, 1.15), 2)),
                "kendala": "Kendala contoh pada pelaksanaan." if rng.random() < 0.15 else "",
                "tindak_lanjut": "Tindak lanjut contoh." if rng.random() < 0.15 else "",
                "bukti_dukung": "",
                "unit": u,
            }
            for k, t, u in zip(kode, per_tw, ind["unit"], strict=True)
            for tw in (1, 2, 3, 4)
        ]
    )
    program = pd.DataFrame(
        {
            "kode": [f"7.01.{i + 1:02d}" for i in range(sasaran)],
            "program": [f"Program sintetis {i + 1}" for i in range(sasaran)],
            "sasaran_kode": [f"S{i + 1}" for i in range(sasaran)],
            "unit": [units[i % len(units)] for i in range(sasaran)],
            "pagu": rng.integers(100, 900, sasaran) * 1_000_000.0,
        }
    )
    ang = pd.DataFrame(
        [
            {"kode": k, "tw": tw, "realisasi_anggaran": float(p) * rng.uniform(0.2, 0.25)}
            for k, p in zip(program["kode"], program["pagu"], strict=True)
            for tw in (1, 2, 3, 4)
        ]
    )
    pk = PerjanjianKinerja(2025, ind, program, {}, "sintetis")
    periode = Periode.parse("2025")
    p = ukur(ind, real, periode, skala=load_skala_predikat())
    a = capaian_anggaran(program, ang, periode, indikator=p.indikator)
    return DokumenData(kantor, pk, p, a, real, TANGGAL, sumber_data="sintetis")


def _time(fn, runs: int = 3) -> tuple[float, float, object]:
    cold_start = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - cold_start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return cold, statistics.median(times), result


def main() -> None:
    kantor = load_kantor(demo_office())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def demo():
            data = load_dokumen_data(kantor, "2025", tanggal_cetak=TANGGAL)
            return render_dokumen(data, out / "demo")

        cold, median, hasil = _time(demo)
        print(
            f"demo (16 IK, load + HTML + PDF/A-3b + xlsx): cold {cold:.2f} s, "
            f"median {median:.2f} s, {hasil.halaman} halaman"
        )
        data = synthetic()
        _, median60, hasil60 = _time(lambda: render_dokumen(data, out / "sintetis"))
        print(
            f"sintetis (60 IK, 10 sasaran, HTML + PDF/A-3b + xlsx): median {median60:.2f} s, "
            f"{hasil60.halaman} halaman"
        )


if __name__ == "__main__":
    main()
