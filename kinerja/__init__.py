"""kinerja: Pengukuran Kinerja (SAKIP) untuk Kecamatan dan OPD.

The package is cut in three layers (see README, "Untuk pengembang"):
pure core (model, capaian, rules, formats, errors) ← adapters (files, Excel,
SQLite, documents) ← orchestration (pipeline, runner, cli).
"""

__version__ = "0.1.0"
