"""Synthetic offices for tests and benchmarks: seeded, realistic, fictitious.

Two paths over one vectorized generator:

- ``buat_kantor(folder, seed)`` writes an office folder as a person would keep it:
  ``kantor.toml`` (fictitious officials with valid NIPs, seven units),
  ``perjanjian-kinerja-<tahun>.xlsx`` (Sasaran, Indikator, Program, Skala) and
  ``realisasi-<tahun>.xlsx`` (Realisasi and Anggaran, the layout of the demo's
  ``realisasi-2025.xlsx``). ``buat_banyak_kantor(root, n, seed)`` writes many.
- ``data_kantor(seed)`` and ``tabel_nasional(n_baris)`` build the same frames in
  memory (the ``load_pk`` / ``load_realisasi_table`` contracts) for benchmarks.

Indicators are drawn from one pool of typical Kecamatan indicators, so offices
share comparable indicators (same name and satuan); a few offices write the
satuan differently ("persen") or word the name differently ("Prosentase …"),
as real offices do, which a mapping file has to reconcile. Polarities, every
``jenis_periode``, range targets and qualitative targets (AKIP grade, Ada/Tidak
Ada) all occur. Everything depends only on the seed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.inti.model import INDIKATOR_COLUMNS

__all__ = [
    "POOL",
    "DataKantor",
    "PaketSintetis",
    "buat_banyak_kantor",
    "buat_kantor",
    "data_kantor",
    "nama_kantor",
    "paket_sintetis",
    "tabel_nasional",
]

WAKTU_TETAP = dt.datetime(2025, 1, 6, 8, 0, 0)

# (sasaran, unit, indikator, satuan, polaritas, jenis_periode, jenis_target, skala,
#  target tahunan, pola TW: progres | datar | kumulatif | tetap)
POOL: tuple[tuple, ...] = (
    ("S1", "RENKEU", "Nilai hasil evaluasi internal SAKIP Kecamatan", "predikat", "positif", "akhir", "kualitatif", "akip", "BB", "tetap"),
    ("S1", "RENKEU", "Persentase realisasi anggaran Kecamatan", "%", "positif", "akhir", "angka", "", 95.0, "progres"),
    ("S1", "UMPEG", "Persentase pegawai yang memenuhi 20 JP pengembangan kompetensi", "%", "positif", "akhir", "angka", "", 80.0, "progres"),
    ("S1", "UMPEG", "Persentase pegawai yang menyampaikan LHKASN tepat waktu", "%", "positif", "akhir", "angka", "", 100.0, "datar"),
    ("S2", "PELUM", "Indeks Kepuasan Masyarakat atas pelayanan Kecamatan", "nilai", "positif", "akhir", "angka", "", 82.0, "datar"),
    ("S2", "PELUM", "Rata-rata waktu penyelesaian pelayanan administrasi non-perizinan", "hari", "negatif", "rata_rata", "rentang", "", "2 – 3", "tetap"),
    ("S2", "PELUM", "Jumlah dokumen pelayanan PATEN yang diselesaikan", "dokumen", "positif", "kumulatif", "angka", "", 2400.0, "kumulatif"),
    ("S2", "PELUM", "Jumlah pengaduan pelayanan yang tidak ditindaklanjuti", "pengaduan", "negatif", "kumulatif", "angka", "", 8.0, "kumulatif"),
    ("S2", "PELUM", "Ketersediaan standar pelayanan yang dipublikasikan", "status", "positif", "akhir", "kualitatif", "ada-tidak", "Ada", "tetap"),
    ("S3", "PEM", "Persentase nagari yang menyampaikan LPPN tepat waktu", "%", "positif", "akhir", "angka", "", 100.0, "progres"),
    ("S3", "PEM", "Persentase nagari dengan APB Nagari ditetapkan tepat waktu", "%", "positif", "akhir", "angka", "", 100.0, "datar"),
    ("S3", "PEM", "Jumlah pembinaan administrasi pemerintahan nagari", "kegiatan", "positif", "kumulatif", "angka", "", 24.0, "kumulatif"),
    ("S4", "TRANTIB", "Jumlah pelanggaran ketenteraman dan ketertiban umum", "kasus", "negatif", "kumulatif", "angka", "", 40.0, "kumulatif"),
    ("S4", "TRANTIB", "Persentase gangguan trantibum yang ditangani", "%", "positif", "akhir", "angka", "", 100.0, "datar"),
    ("S4", "TRANTIB", "Jumlah patroli ketertiban umum", "kali", "positif", "kumulatif", "angka", "", 48.0, "kumulatif"),
    ("S5", "PMN", "Jumlah kegiatan pemberdayaan masyarakat nagari", "kegiatan", "positif", "kumulatif", "angka", "", 36.0, "kumulatif"),
    ("S5", "PMN", "Persentase lembaga kemasyarakatan nagari yang aktif", "%", "positif", "akhir", "angka", "", 80.0, "datar"),
    ("S5", "PMN", "Persentase realisasi dana nagari", "%", "positif", "akhir", "angka", "", 95.0, "progres"),
    ("S6", "KESOS", "Persentase keluarga penerima bansos yang terverifikasi", "%", "positif", "akhir", "angka", "", 90.0, "progres"),
    ("S6", "KESOS", "Jumlah penyandang masalah kesejahteraan sosial yang dirujuk", "orang", "positif", "kumulatif", "angka", "", 100.0, "kumulatif"),
    ("S6", "KESOS", "Prevalensi stunting pada balita", "%", "negatif", "akhir", "angka", "", 14.0, "datar"),
    ("S6", "KESOS", "Persentase posyandu aktif", "%", "positif", "akhir", "rentang", "", "80 – 90", "tetap"),
)  # fmt: skip

SASARAN = {
    "S1": "Meningkatnya akuntabilitas kinerja dan tata kelola keuangan Kecamatan",
    "S2": "Meningkatnya kualitas pelayanan publik di Kecamatan",
    "S3": "Meningkatnya kualitas penyelenggaraan pemerintahan nagari",
    "S4": "Meningkatnya ketenteraman dan ketertiban umum",
    "S5": "Meningkatnya partisipasi dan keberdayaan masyarakat nagari",
    "S6": "Meningkatnya kesejahteraan sosial masyarakat",
}

PROGRAM = {
    "S1": ("7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "RENKEU"),
    "S2": ("7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "PELUM"),
    "S3": ("7.01.06", "Program Pembinaan dan Pengawasan Pemerintahan Nagari", "PEM"),
    "S4": ("7.01.04", "Program Koordinasi Ketenteraman dan Ketertiban Umum", "TRANTIB"),
    "S5": ("7.01.03", "Program Pemberdayaan Masyarakat Nagari", "PMN"),
    "S6": ("7.01.05", "Program Penyelenggaraan Urusan Pemerintahan Umum", "KESOS"),
}

UNIT = (
    ("UMPEG", "Subbagian Umum dan Kepegawaian", "subbagian", "kasubag_umum"),
    ("RENKEU", "Subbagian Perencanaan dan Keuangan", "subbagian", "kasubag_pk"),
    ("PEM", "Seksi Pemerintahan", "seksi", "kasi_pem"),
    ("TRANTIB", "Seksi Ketenteraman dan Ketertiban Umum", "seksi", "kasi_trantib"),
    ("PMN", "Seksi Pemberdayaan Masyarakat dan Nagari", "seksi", "kasi_pmn"),
    ("KESOS", "Seksi Kesejahteraan Sosial", "seksi", "kasi_kesos"),
    ("PELUM", "Seksi Pelayanan Umum", "seksi", "kasi_pelayanan"),
)

PEJABAT = (
    ("camat", "Camat {nama}", "Pembina Tingkat I", "IV/b"),
    ("sekcam", "Sekretaris Camat", "Pembina", "IV/a"),
    ("kasubag_pk", "Kepala Subbagian Perencanaan dan Keuangan", "Penata Tingkat I", "III/d"),
    ("kasubag_umum", "Kepala Subbagian Umum dan Kepegawaian", "Penata Tingkat I", "III/d"),
    ("kasi_pem", "Kepala Seksi Pemerintahan", "Penata Tingkat I", "III/d"),
    ("kasi_trantib", "Kepala Seksi Ketenteraman dan Ketertiban Umum", "Penata", "III/c"),
    ("kasi_pmn", "Kepala Seksi Pemberdayaan Masyarakat dan Nagari", "Penata Tingkat I", "III/d"),
    ("kasi_kesos", "Kepala Seksi Kesejahteraan Sosial", "Penata", "III/c"),
    ("kasi_pelayanan", "Kepala Seksi Pelayanan Umum", "Penata", "III/c"),
)

_DEPAN = (
    "Air", "Batang", "Koto", "Lubuk", "Sungai", "Pasar", "Bukit", "Ranah", "Lagan", "Talang",
    "Tanjung", "Muaro", "Padang", "Kampung", "Bandar", "Teluk", "Ujung", "Lunang", "Balai",
    "Surantih", "Kambang", "Painan", "Salido", "Silaut",
)  # fmt: skip
_BELAKANG = (
    "Haji", "Kapas", "Sebelas", "Pandan", "Gadang", "Baru", "Tinggi", "Mudik", "Hilir",
    "Kuning", "Aro", "Durian", "Pinang", "Jambu", "Lawas", "Rayo", "Indah", "Sirah", "Limau",
    "Tarusan", "Bayang", "Sutera", "Jurai", "Punggasan",
)  # fmt: skip
_ARAH = ("", " Utara", " Selatan", " Timur", " Barat", " Tengah", " Hulu", " Pesisir")
_NAMA_DEPAN = (
    "AHMAD", "BUDI", "DEDI", "EKA", "FITRI", "HENDRA", "IRWAN", "JUNAIDI", "LISA", "MARLINA",
    "NOVA", "RAHMAT", "RINA", "SYAFRIL", "YULIANTI", "ZULKIFLI", "AFRIZAL", "DESI", "ROSNI",
    "WAHYU",
)  # fmt: skip
_NAMA_BELAKANG = (
    "PUTRA", "SAPUTRA", "HIDAYAT", "WATI", "SUSANTI", "EFENDI", "HARAHAP", "GUNAWAN", "YANTI",
    "FITRIANI", "MARDIANSYAH", "ANWAR", "SURYADI", "RAHMAN", "NINGSIH", "",
)  # fmt: skip
_GELAR = ("S.STP., M.Si.", "S.Sos.", "S.E.", "S.H.", "S.IP.", "S.Kom.", "S.P.", "S.Sos., M.M.")
_PEREMPUAN = {"EKA", "FITRI", "LISA", "MARLINA", "NOVA", "RINA", "YULIANTI", "DESI", "ROSNI"}

_KENDALA = (
    ("Kegiatan tertunda karena pergantian pejabat pelaksana.", "Percepatan pada triwulan berikutnya."),
    ("Data dari nagari terlambat disampaikan.", "Pendampingan dan surat pengingat ke nagari."),
    ("Anggaran kegiatan baru tersedia akhir triwulan.", "Kegiatan dijadwalkan ulang."),
    ("Jaringan internet terputus beberapa hari.", "Memasang jaringan cadangan."),
)  # fmt: skip

_AKIP = ("C", "CC", "B", "BB", "A", "AA")


@dataclass(frozen=True)
class DataKantor:
    """One synthetic office in memory: the ``load_pk`` and ``load_realisasi_table`` frames."""

    kode: str
    nama: str
    indikator: pd.DataFrame  # model.INDIKATOR_COLUMNS
    program: pd.DataFrame  # model.PROGRAM_COLUMNS
    realisasi: pd.DataFrame  # kode, tw, realisasi, kendala, tindak_lanjut, bukti_dukung, unit
    anggaran: pd.DataFrame  # kode, tw, realisasi_anggaran


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([20250106, int(seed)]))


def nama_kantor(indeks: int) -> tuple[str, str]:
    """(kode, nama) of the ``indeks``-th synthetic Kecamatan; unique for every index."""
    n = len(_DEPAN) * len(_BELAKANG)
    a, b = divmod(indeks % n, len(_BELAKANG))
    arah = _ARAH[(indeks // n) % len(_ARAH)]
    putaran = indeks // (n * len(_ARAH))
    nama = f"{_DEPAN[a]} {_BELAKANG[(b + a) % len(_BELAKANG)]}{arah}"
    if putaran:
        nama += f" {putaran + 1}"
    kode = "kec-" + nama.lower().replace(" ", "-")
    return kode, f"Kecamatan {nama}"


# ---------------------------------------------------------------------------------------------
# The vectorized core: indicators for many offices at once


def _pool_frame() -> pd.DataFrame:
    cols = [
        "sasaran_kode", "unit", "indikator", "satuan", "polaritas", "jenis_periode",
        "jenis_target", "skala", "target_dasar", "pola",
    ]  # fmt: skip
    return pd.DataFrame(list(POOL), columns=cols)


def _indikator(
    rng: np.random.Generator, kantor_id: np.ndarray, pool_id: np.ndarray, nomor: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """PK rows and wide realisasi (n × 4, object) for drawn pool entries."""
    pool = _pool_frame()
    n = len(pool_id)
    base = pool.iloc[pool_id].reset_index(drop=True)
    angka = base["jenis_target"].eq("angka").to_numpy()
    pola = base["pola"].to_numpy()
    persen = base["satuan"].eq("%").to_numpy()
    dasar = np.where(angka, pd.to_numeric(base["target_dasar"], errors="coerce"), np.nan)
    faktor = rng.uniform(0.85, 1.15, n)
    hitung = np.isin(pola, ["kumulatif"])
    t_tahun = np.where(hitung, np.maximum(np.round(dasar * faktor), 4), np.round(dasar * faktor, 1))
    t_tahun = np.where(persen, np.minimum(t_tahun, 100.0), t_tahun)
    # TW targets: progress ramps to the annual target, flat ones repeat it, counts split it
    ramp = np.array([0.25, 0.5, 0.75, 1.0])
    share = rng.dirichlet(np.full(4, 8.0), n)
    tw = np.empty((n, 4))
    tw[:] = t_tahun[:, None]
    prog = pola == "progres"
    tw[prog] = np.round(t_tahun[prog, None] * ramp, 1)
    cnt = pola == "kumulatif"
    split = np.floor(t_tahun[cnt, None] * share[cnt])
    split[:, 3] += t_tahun[cnt] - split.sum(axis=1)
    tw[cnt] = split
    # realisasi: around the TW target, clipped where the satuan says so
    efek = rng.normal(0.97, 0.09, int(kantor_id.max()) + 1)[kantor_id]  # some offices do worse
    ratio = (efek[:, None] + rng.normal(0.0, 0.1, (n, 4))).clip(0.4, 1.35)
    neg = base["polaritas"].eq("negatif").to_numpy()
    ratio = np.where(neg[:, None], 2.0 - ratio, ratio)
    real = np.where(cnt[:, None], np.round(tw * ratio), np.round(tw * ratio, 2))
    real = np.where(persen[:, None], real.clip(0, 100), real).clip(min=0)

    t_obj = tw.astype(object)
    t_tahun_obj = t_tahun.astype(object)
    r_obj = real.astype(object)
    # range and qualitative targets: text as the analyst writes it
    rentang = base["jenis_target"].eq("rentang").to_numpy()
    kual = base["jenis_target"].eq("kualitatif").to_numpy()
    teks = base["target_dasar"].astype(str).to_numpy()
    t_tahun_obj[rentang | kual] = teks[rentang | kual]
    for i in range(4):
        t_obj[rentang | kual, i] = teks[rentang | kual]
    akip = kual & base["skala"].eq("akip").to_numpy()
    t_obj[akip, :3] = "B"  # grade rises to the annual target in TW IV
    hari = rentang & neg
    r_obj[hari] = np.round(rng.uniform(1.6, 3.6, (hari.sum(), 4)), 1)
    pos_r = rentang & ~neg
    r_obj[pos_r] = np.round(rng.uniform(72, 95, (pos_r.sum(), 4)), 1)
    r_obj[akip] = np.asarray(_AKIP, dtype=object)[rng.integers(1, 5, (akip.sum(), 4))]
    ada = kual & base["skala"].eq("ada-tidak").to_numpy()
    r_obj[ada] = np.where(rng.random((ada.sum(), 4)) < 0.9, "Ada", "Tidak Ada")

    # wording and satuan as offices actually write them
    nama = base["indikator"].to_numpy(dtype=object)
    varian = rng.random(n) < 0.08
    nama = np.where(
        varian & pd.Series(nama).str.startswith("Persentase").to_numpy(),
        pd.Series(nama).str.replace("Persentase", "Prosentase", n=1).to_numpy(),
        nama,
    )
    satuan = np.where(persen & (rng.random(n) < 0.15), "persen", base["satuan"].to_numpy())

    renstra = np.where(angka, np.round(t_tahun * np.where(neg, 0.9, 1.05), 1), np.nan)
    renstra = np.where(persen & ~neg, np.minimum(renstra, 100.0), renstra).astype(object)
    renstra[rentang | kual] = teks[rentang | kual]
    lalu_t = np.where(angka, np.round(t_tahun * 0.95, 1), np.nan).astype(object)
    lalu_t[rentang | kual] = teks[rentang | kual]
    lalu_r = np.where(angka, np.round(t_tahun * rng.uniform(0.85, 1.05, n), 1), np.nan)
    lalu_r = np.where(persen, np.minimum(lalu_r, 100.0), lalu_r).astype(object)
    lalu_r[rentang | kual] = teks[rentang | kual]

    frame = pd.DataFrame(
        {
            "kantor_id": kantor_id,
            "kode": np.char.add("IK-", np.char.zfill(nomor.astype(str), 2)),
            "sasaran_kode": base["sasaran_kode"].to_numpy(),
            "sasaran": base["sasaran_kode"].map(SASARAN).to_numpy(),
            "indikator": nama,
            "satuan": satuan,
            "polaritas": base["polaritas"].to_numpy(),
            "jenis_periode": base["jenis_periode"].to_numpy(),
            "jenis_target": base["jenis_target"].to_numpy(),
            "rumus_negatif": "2T-R",
            "skala": base["skala"].to_numpy(),
            "target_tahunan": t_tahun_obj,
            "target_tw1": t_obj[:, 0],
            "target_tw2": t_obj[:, 1],
            "target_tw3": t_obj[:, 2],
            "target_tw4": t_obj[:, 3],
            "target_renstra": renstra,
            "target_tahun_lalu": lalu_t,
            "realisasi_tahun_lalu": lalu_r,
            "unit": base["unit"].to_numpy(),
            "iku": True,
            "wajib": True,
            "bobot": 1.0,
            "definisi_operasional": "",
            "sumber_data": "",
        }
    )
    wide = pd.DataFrame(r_obj, columns=[1, 2, 3, 4])
    return frame, wide


def _long(
    frame: pd.DataFrame, wide: pd.DataFrame, rng: np.random.Generator, p_kosong: float
) -> pd.DataFrame:
    n = len(frame)
    out = pd.DataFrame(
        {
            "kode": np.repeat(frame["kode"].to_numpy(), 4),
            "tw": np.tile(np.arange(1, 5), n),
            "realisasi": wide.to_numpy().ravel(),
            "unit": np.repeat(frame["unit"].to_numpy(), 4),
        }
    )
    if p_kosong > 0:
        out = out[rng.random(len(out)) >= p_kosong].reset_index(drop=True)
    return out


def data_kantor(
    seed: int,
    *,
    indeks: int | None = None,
    n_indikator: int = 16,
    p_kosong: float = 0.0,
) -> DataKantor:
    """One office's frames in memory (fast path); ``indeks`` names it (default: the seed)."""
    rng = _rng(seed)
    kode, nama = nama_kantor(seed if indeks is None else indeks)
    n = min(n_indikator, len(POOL))
    pick = np.sort(rng.choice(len(POOL), n, replace=False))
    frame, wide = _indikator(rng, np.zeros(n, dtype=int), pick, np.arange(1, n + 1))
    realisasi = _long(frame, wide, rng, p_kosong)
    kendala = np.full(len(realisasi), "", dtype=object)
    tindak = np.full(len(realisasi), "", dtype=object)
    low = rng.random(len(realisasi)) < 0.15
    which = rng.integers(0, len(_KENDALA), len(realisasi))
    kendala[low] = [_KENDALA[i][0] for i in which[low]]
    tindak[low] = [_KENDALA[i][1] for i in which[low]]
    realisasi["kendala"] = kendala
    realisasi["tindak_lanjut"] = tindak
    realisasi["bukti_dukung"] = realisasi["kode"] + "-TW" + realisasi["tw"].astype(str) + ".pdf"
    realisasi = realisasi[
        ["kode", "tw", "realisasi", "kendala", "tindak_lanjut", "bukti_dukung", "unit"]
    ]
    sasaran = list(dict.fromkeys(frame["sasaran_kode"]))
    program = pd.DataFrame(
        [
            (PROGRAM[s][0], PROGRAM[s][1], s, PROGRAM[s][2], float(rng.integers(150, 4000)) * 1e6)
            for s in sasaran
        ],
        columns=["kode", "program", "sasaran_kode", "unit", "pagu"],
    )
    serap = np.sort(rng.dirichlet(np.full(4, 6.0), len(program)), axis=1)  # spending grows
    serap *= rng.uniform(0.85, 0.99, (len(program), 1))
    anggaran = pd.DataFrame(
        {
            "kode": np.repeat(program["kode"].to_numpy(), 4),
            "tw": np.tile(np.arange(1, 5), len(program)),
            "realisasi_anggaran": np.round(
                (program["pagu"].to_numpy()[:, None] * serap).ravel(), 0
            ),
        }
    )
    indikator = frame[list(INDIKATOR_COLUMNS)].reset_index(drop=True)
    return DataKantor(kode, nama, indikator, program, realisasi.reset_index(drop=True), anggaran)


def tabel_nasional(
    n_baris: int = 1_000_000, *, seed: int = 7, hanya_angka: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(indikator, realisasi_long) for ``n_baris`` indikator-quarter rows across many offices.

    Sixteen indicators per office drawn from the pool (every kind of target, or
    only numeric ones with numeric dtypes when ``hanya_angka``);
    codes are ``<office>/IK-nn``, sasaran codes ``<office>/Sn``, so one ``ukur``
    call measures the whole country at once. Built without Python loops per row.
    """
    rng = _rng(seed)
    n = max(n_baris // 4, 1)
    allowed = np.array(
        [i for i, row in enumerate(POOL) if not hanya_angka or row[6] == "angka"], dtype=int
    )
    per = min(16, len(allowed))
    offices = -(-n // per)
    # distinct pool entries per office: argsort of a random matrix
    pick = np.argsort(rng.random((offices, len(allowed))), axis=1)[:, :per]
    pick = allowed[np.sort(pick, axis=1)].ravel()[:n]
    kantor_id = np.repeat(np.arange(offices), per)[:n]
    nomor = np.tile(np.arange(1, per + 1), offices)[:n]
    frame, wide = _indikator(rng, kantor_id, pick, nomor)
    prefix = np.char.add(np.char.add("K", kantor_id.astype(str)), "/")
    frame["kode"] = np.char.add(prefix, frame["kode"].to_numpy().astype(str))
    frame["sasaran_kode"] = np.char.add(prefix, frame["sasaran_kode"].to_numpy().astype(str))
    realisasi = _long(frame, wide, rng, 0.005)
    if hanya_angka:  # numbers only: numeric dtypes, as a table exported from a database
        cols = ["target_tahunan", "target_tw1", "target_tw2", "target_tw3", "target_tw4",
                "target_renstra", "target_tahun_lalu", "realisasi_tahun_lalu"]  # fmt: skip
        frame[cols] = frame[cols].astype(float)
        realisasi["realisasi"] = realisasi["realisasi"].astype(float)
    return frame[list(INDIKATOR_COLUMNS)], realisasi[["kode", "tw", "realisasi"]]


# ---------------------------------------------------------------------------------------------
# Writing an office folder


def _nip(rng: np.random.Generator, perempuan: bool) -> str:
    lahir = dt.date(1968, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365 * 27)))
    tmt_tahun = lahir.year + int(rng.integers(22, 30))
    tmt_bulan = int(rng.integers(1, 13))
    return (
        f"{lahir:%Y%m%d}{tmt_tahun:04d}{tmt_bulan:02d}{2 if perempuan else 1}"
        f"{int(rng.integers(1, 20)):03d}"
    )


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string


def _kantor_toml(kode: str, nama: str, rng: np.random.Generator) -> str:
    singkat = nama.removeprefix("Kecamatan ")
    ibu_kota = singkat.split()[0] + " " + _BELAKANG[int(rng.integers(len(_BELAKANG)))]
    kantor = {
        "kode": kode,
        "nama": nama,
        "jenis": "Kecamatan",
        "nama_pendek": "Kec-" + "".join(w[0] for w in singkat.split()).upper(),
        "pemerintah": "Pemerintah Kabupaten Pesisir Selatan",
        "kabupaten": "Pesisir Selatan",
        "provinsi": "Sumatera Barat",
        "ibu_kota": ibu_kota,
        "alamat": f"Jalan Raya {ibu_kota} No. {int(rng.integers(1, 200))}",
        "kode_pos": str(25600 + int(rng.integers(1, 99))),
        "telepon": "(0756) 000000",
        "pos_el": f"{kode}@contoh.go.id",
        "sebutan_desa": "nagari",
        "sebutan_kepala_desa": "Wali Nagari",
        "jumlah_desa": int(rng.integers(6, 20)),
        "penduduk": int(rng.integers(15, 80)) * 1000,
        "demo": True,
    }
    lines = [
        f"# Kantor sintetis kinerja ({nama}): nama pejabat dan NIP FIKTIF.",
        "",
        "[kantor]",
        *(f"{k} = {_toml(v)}" for k, v in kantor.items()),
        "",
        "[renstra]",
        'periode = "2021–2026"',
        "tahun_akhir = 2026",
        "",
        "[predikat]",
        'skala = "permendagri-86-2017"',
        "",
        "[agregasi]",
        'metode = "rata_rata"',
        "",
        "[penomoran]",
        'pola = "{kode}/{nomor}/{unit}/{tahun}"',
        f"kode_unit = {_toml(kantor['nama_pendek'])}",
        'kode_dokumen = "000.8.6.3"',
        'kode_sop = "000.8.3.3"',
        "",
        "[naskah]",
        'kertas = "A4"',
        f"tempat = {_toml(ibu_kota)}",
        "",
    ]
    for peran, jabatan, pangkat, golongan in PEJABAT:
        depan = _NAMA_DEPAN[int(rng.integers(len(_NAMA_DEPAN)))]
        belakang = _NAMA_BELAKANG[int(rng.integers(len(_NAMA_BELAKANG)))]
        gelar = _GELAR[int(rng.integers(len(_GELAR)))]
        orang = f"{depan} {belakang}".strip() + f", {gelar}"
        lines += [
            "[[pejabat]]",
            f"peran = {_toml(peran)}",
            f"nama = {_toml(orang)}",
            f"nip = {_toml(_nip(rng, depan in _PEREMPUAN))}",
            f"pangkat = {_toml(pangkat)}",
            f"golongan = {_toml(golongan)}",
            f"jabatan = {_toml(jabatan.format(nama=singkat))}",
            "",
        ]
    for kode_unit, nama_unit, jenis, kepala in UNIT:
        lines += [
            "[[unit]]",
            f"kode = {_toml(kode_unit)}",
            f"nama = {_toml(nama_unit)}",
            f"jenis = {_toml(jenis)}",
            f"kepala = {_toml(kepala)}",
            "",
        ]
    return "\n".join(lines)


def _cell(value: object) -> object:
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _sheet(wb, title: str, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    ws.append(list(frame.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False, name=None):
        ws.append([_cell(v) for v in row])
    ws.freeze_panes = "A2"


def _write_pk(data: DataKantor, path: Path, tahun: int) -> None:
    from openpyxl import Workbook

    from kinerja.berkas.xlsx import save_workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Petunjuk"
    ws.append([f"PERJANJIAN KINERJA TAHUN {tahun} — {data.nama} (data sintetis, fiktif)"])
    kode_sasaran = list(dict.fromkeys(data.indikator["sasaran_kode"]))
    _sheet(
        wb,
        "Sasaran",
        pd.DataFrame({"kode": kode_sasaran, "sasaran": [SASARAN[k] for k in kode_sasaran]}),
    )
    ind = data.indikator.drop(columns=["sasaran"]).copy()
    ind["iku"] = "ya"
    ind["wajib"] = "ya"
    _sheet(wb, "Indikator", ind)
    _sheet(wb, "Program", data.program)
    _sheet(wb, "Skala", pd.DataFrame(columns=["skala", "nilai", "urutan"]))
    wb.properties.creator = "kinerja"
    save_workbook(wb, path, WAKTU_TETAP)


def _write_realisasi(data: DataKantor, path: Path) -> None:
    from openpyxl import Workbook

    from kinerja.berkas.xlsx import save_workbook

    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "Realisasi", data.realisasi)
    _sheet(wb, "Anggaran", data.anggaran)
    wb.properties.creator = "kinerja"
    save_workbook(wb, path, WAKTU_TETAP)


def buat_kantor(
    folder: Path,
    seed: int,
    *,
    indeks: int | None = None,
    tahun: int = 2025,
    n_indikator: int = 16,
    p_kosong: float = 0.0,
) -> Path:
    """Write a synthetic office into ``folder`` (created; must not hold a kantor.toml).

    The same seed gives the same bytes. ``p_kosong`` leaves that share of the
    realisasi cells empty (a "sementara" office).
    """
    folder = Path(folder)
    if (folder / "kantor.toml").exists():
        raise FileExistsError(f"{folder / 'kantor.toml'} already exists")
    data = data_kantor(seed, indeks=indeks, n_indikator=n_indikator, p_kosong=p_kosong)
    folder.mkdir(parents=True, exist_ok=True)
    _write_pk(data, folder / f"perjanjian-kinerja-{tahun}.xlsx", tahun)
    _write_realisasi(data, folder / f"realisasi-{tahun}.xlsx")
    text = _kantor_toml(data.kode, data.nama, _rng(seed + 1_000_003))
    tmp = folder / ".kantor.toml.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(folder / "kantor.toml")
    return folder


def buat_banyak_kantor(root: Path, n: int, *, seed: int = 1, **opsi: object) -> list[Path]:
    """Write ``n`` offices under ``root`` (one folder per office, named by its kode)."""
    root = Path(root)
    out = []
    for i in range(n):
        kode, _ = nama_kantor(i)
        out.append(buat_kantor(root / kode, seed * 100_003 + i, indeks=i, **opsi))
    return out


# ---------------------------------------------------------------------------------------------
# Archiving and packaging a synthetic office with the real functions


@dataclass(frozen=True)
class PaketSintetis:
    """What ``paket_sintetis`` builds: office folder, periode, where the package goes."""

    kantor: str
    periode: str
    keluaran: str
    waktu: dt.datetime
    dokumen: bool = False  # render the PDF/A document and archive it
    tandatangan: bool = False  # sign it with the office's TEST certificate (pyHanko)


def paket_sintetis(spec: PaketSintetis) -> str:
    """Measure, archive (data file; the document when asked, signed when asked), package.

    Uses the real functions: ``documents.load_dokumen_data`` / ``data_json`` /
    ``render_dokumen``, ``signing.tandatangani`` with the office's test
    certificate, ``objek.simpan`` and ``bagit_export.buat_paket``. Returns the
    package folder.
    """
    from kinerja.arsip.paket import buat_paket
    from kinerja.catatan import objek
    from kinerja.dokumen.susun import data_json, load_dokumen_data, nama_berkas, render_dokumen
    from kinerja.kantor.katalog import load_kantor

    kantor = load_kantor(spec.kantor)
    waktu = spec.waktu
    data = load_dokumen_data(kantor, spec.periode, tanggal_cetak=waktu.date())
    common = {"periode": spec.periode, "waktu": waktu, "oleh": "sistem"}
    objek.simpan(
        kantor, data_json(data), jenis="data", nama="data-sumber.json", status="final", **common
    )
    if spec.dokumen:
        hasil = render_dokumen(data, kantor.path / "dokumen" / spec.periode)
        pdf, status = hasil.pdf, "final"
        if spec.tandatangan:
            from kinerja.ttd.tandatangan import pastikan_sertifikat_uji, tandatangani

            signed = tandatangani(
                hasil.pdf,
                hasil.pdf.with_name(f"{nama_berkas(data)}-ttd.pdf"),
                kantor=kantor,
                pkcs12=pastikan_sertifikat_uji(kantor),
                waktu=waktu,
            )
            pdf, status = signed.berkas, "ditandatangani"
        objek.simpan(
            kantor,
            pdf,
            jenis="dokumen",
            nama="pengukuran-kinerja",
            nama_berkas=f"{nama_berkas(data)}.pdf",
            status=status,
            **common,
        )
    return str(buat_paket(kantor, spec.periode, Path(spec.keluaran), waktu=waktu))
