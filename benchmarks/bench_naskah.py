"""Letters and signing speed: render each naskah, sign, validate.

    .venv/bin/python benchmarks/bench_naskah.py

Prints one line per figure (median of a few runs, seconds).
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kinerja.inti.tanggal import WIB
from kinerja.kantor.katalog import load_kantor
from kinerja.naskah import surat
from kinerja.paths import demo_office
from kinerja.ttd import tandatangan

TANGGAL = dt.date(2025, 5, 20)
WAKTU = dt.datetime(2025, 5, 20, 10, 0, tzinfo=WIB)
NOMOR = "000.8.6.3/127/Kec-LSB/2025"


def _median(fn: Callable[[int], object], runs: int = 5) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-naskah-"))
    try:
        office = root / "kantor"
        shutil.copytree(demo_office(), office, ignore=shutil.ignore_patterns("arsip"))
        kantor = load_kantor(office)
        opsi = {
            "disposisi": {"no_agenda": 1},
            "undangan": {"nomor": NOMOR},
            "notulen": {},
            "daftar-hadir": {},
            "pengantar": {"nomor": NOMOR},
        }
        surat.buat_naskah(
            "undangan", kantor, "2025-TW3", tanggal=TANGGAL, out_dir=root, nomor=NOMOR
        )
        for jenis, kw in opsi.items():
            t = _median(
                lambda i, j=jenis, k=kw: surat.buat_naskah(
                    j, kantor, "2025-TW3", tanggal=TANGGAL, out_dir=root / f"{j}{i}", **k
                )
            )
            print(f"naskah {jenis:<13} HTML + PDF/A       {t:6.3f} s")
        t = _median(lambda i: tandatangan.buat_sertifikat_uji(root / f"uji{i}", kantor), runs=3)
        p12 = root / "uji0" / "penanda-tangan.p12"
        print(f"sertifikat uji (CA + PKCS#12, RSA 2048) {t:6.3f} s")
        _, pdf = surat.buat_pengantar(kantor, "2025", nomor=NOMOR, tanggal=TANGGAL, out_dir=root)
        t = _median(
            lambda i: tandatangan.tandatangani(
                pdf, root / f"ttd{i}.pdf", kantor=kantor, waktu=WAKTU, pkcs12=p12
            )
        )
        print(f"tandatangani pengantar (pkcs12, cari nama) {t:6.3f} s")
        t = _median(lambda i: tandatangan.validasi_pdf(root / f"ttd{i}.pdf", kantor=kantor))
        print(f"validasi_pdf (1 tanda tangan)        {t:6.3f} s")
        from kinerja.dokumen.susun import load_dokumen_data, render_dokumen

        data = load_dokumen_data(kantor, "2025-TW3", tanggal_cetak=TANGGAL)
        dok = render_dokumen(data, root / "dokumen")
        t = _median(
            lambda i: tandatangan.tandatangani(
                dok.pdf, root / f"dok{i}.pdf", kantor=kantor, waktu=WAKTU, pkcs12=p12
            ),
            runs=3,
        )
        print(f"tandatangani Dokumen ({dok.halaman} halaman)     {t:6.3f} s")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
