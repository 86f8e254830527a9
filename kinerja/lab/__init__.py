"""What the notebooks call: their one import point (``from kinerja.lab import …``).

The notebooks under ``notebooks/`` (written by ``scripts/make_notebooks.py``) stay
thin: they check their parameters, call what is named here and display it. A
name moved inside the package changes here, not in six notebooks.

``lab`` sits at the top of the layering: it may import from every part of
kinerja, and nothing in kinerja imports it except the CLI.
"""

from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.kelengkapan import kelengkapan
from kinerja.inti.tampilan import tabel_indikator, tabel_sasaran
from kinerja.jalankan.langkah import (
    himpun_formulir,
    periksa_parameter,
    ringkasan_dokumen,
    susun_dokumen,
    ukur_kantor,
)
from kinerja.kantor.pk import load_pk
from kinerja.lab import galat
from kinerja.lab.tampil import (
    grafik_anggaran,
    grafik_capaian,
    grafik_sasaran,
    ringkasan_kantor,
    ringkasan_kelengkapan,
    ringkasan_temuan,
    status_validasi,
    tabel_anggaran,
    tabel_berkas,
    tabel_gaya,
    tabel_himpunan,
    tabel_kelengkapan,
    tabel_temuan,
    tabel_temuan_formulir,
)
from kinerja.rekap.parameter import periksa_parameter_rekap
from kinerja.rekap.tabel import rekap
from kinerja.rekap.tulis import tulis_rekap
from kinerja.validasi.ledger import tinjauan
from kinerja.validasi.tinjau import TinjauTemuan
from kinerja.validasi.tinjau import periksa_parameter as periksa_parameter_tinjauan

__all__ = [
    "TinjauTemuan",
    "grafik_anggaran",
    "grafik_capaian",
    "grafik_sasaran",
    "himpun_formulir",
    "kelengkapan",
    "load_pk",
    "load_realisasi",
    "periksa_parameter",
    "periksa_parameter_rekap",
    "periksa_parameter_tinjauan",
    "rekap",
    "ringkasan_dokumen",
    "ringkasan_kantor",
    "ringkasan_kelengkapan",
    "ringkasan_temuan",
    "status_validasi",
    "susun_dokumen",
    "tabel_anggaran",
    "tabel_berkas",
    "tabel_gaya",
    "tabel_himpunan",
    "tabel_indikator",
    "tabel_kelengkapan",
    "tabel_sasaran",
    "tabel_temuan",
    "tabel_temuan_formulir",
    "tinjauan",
    "tulis_rekap",
    "ukur_kantor",
]

galat.pasang()  # a KinerjaError in a notebook: the Indonesian message, no traceback
