"""kinerja: Pengukuran Kinerja (SAKIP) untuk Kecamatan dan OPD.

Subpackages by domain noun, imports pointing one way (README, "Susunan"): the pure core
``inti`` ← the parts (``kantor``, ``berkas``, ``catatan``, ``cetak``, ``ttd``, ``naskah``,
``formulir``, ``validasi``, ``dokumen``, ``sop``, ``arsip``, ``rekap``) ← orchestration
(``jalankan``) ← ``lab`` (what notebooks import) and ``cli``. tests/test_house.py keeps it so.
"""

__version__ = "0.1.0"
