"""What a step of ``kinerja sop lanjut`` waits on or takes in, checked before it is done.

``belum_kembali``: the units whose form of the quarter is not accepted yet (step 6
waits on them); ``laporan_himpun``: what step 6 took in on this call, each form with its
status and findings (as ``kinerja himpun`` shows them), and the quarter's count in
units; ``himpun_perbaikan`` and ``tunggu_temuan``: step 7 takes in the corrected forms,
then waits on findings returned to their unit or undecided; ``periksa_waktu_keputusan``:
step 7 and later are not recorded as finished before a decision they rest on;
``periksa_draf``: the draft named with ``--berkas`` at step 9 is a document of this
office and periode (its embedded source data says so).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from kinerja.cetak.render import read_embedded
from kinerja.formulir.himpun import HasilHimpun
from kinerja.formulir.laporan import baris_berkas
from kinerja.formulir.layout import unit_anggaran
from kinerja.formulir.simpan import berkas_terakhir, open_db, temuan_berkas
from kinerja.inti.errors import ERROR, InputError, UsageError
from kinerja.inti.model import ROMAWI, Periode
from kinerja.inti.tanggal import format_tanggal, format_waktu
from kinerja.jalankan.langkah import folder_formulir, himpun_formulir
from kinerja.kantor.katalog import Kantor
from kinerja.kantor.pk import load_pk
from kinerja.validasi.keputusan import TemuanDitinjau
from kinerja.validasi.ledger import keputusan_berlaku, tinjauan
from kinerja.validasi.pesan import judul_temuan

__all__ = [
    "belum_kembali",
    "himpun_perbaikan",
    "jumlah_himpun",
    "laporan_himpun",
    "periksa_draf",
    "periksa_waktu_keputusan",
    "tunggu_temuan",
]


def _terakhir(kantor: Kantor, periode: Periode) -> dict[str, tuple[str, str] | None]:
    """Per unit that must report: (status, first KESALAHAN) of its latest file of the
    quarter, None when none came back."""
    pk = load_pk(kantor, periode.tahun)
    anggaran = unit_anggaran(kantor, pk)
    wajib = [u for u in kantor.units if not pk.untuk_unit(u.kode).empty or u.kode == anggaran]
    conn = open_db(kantor.path)
    try:
        rows = {u.kode: berkas_terakhir(conn, u.kode, periode.tahun, periode.tw) for u in wajib}
        return {
            kode: None
            if r is None
            else (
                r["status"],
                next(
                    (t["pesan"] for t in temuan_berkas(conn, r["id"]) if t["tingkat"] == ERROR),
                    "",
                ),
            )
            for kode, r in rows.items()
        }
    finally:
        conn.close()


def belum_kembali(kantor: Kantor, periode: Periode) -> list[str]:
    """Units whose form of the quarter has not been accepted yet (``KODE (alasan)``)."""
    return [
        f"{kode} (" + ("belum ada" if r is None else f"formulir ditolak: {r[1]}") + ")"
        for kode, r in _terakhir(kantor, periode).items()
        if r is None or r[0] != "diterima"
    ]


def periksa_draf(kantor: Kantor, periode: Periode, berkas: Path) -> Path:
    """``berkas`` when it is a Dokumen Pengukuran Kinerja of ``kantor`` and ``periode``."""
    data = read_embedded(berkas).get("data-sumber.json") if berkas.is_file() else None
    sumber = json.loads(data) if data else {}
    if (sumber.get("kantor", {}).get("kode"), sumber.get("periode")) != (kantor.kode, str(periode)):
        raise InputError(
            f'Berkas "{berkas}" bukan dokumen pengukuran kinerja {kantor.nama} periode {periode}. '
            "Sebut PDF dari kinerja jalankan atau kinerja dokumen untuk kantor dan periode ini, "
            "atau jalankan tanpa --berkas agar drafnya dibuat."
        )
    return berkas


def jumlah_himpun(kantor: Kantor, periode: Periode, hasil: list[HasilHimpun]) -> str:
    """The quarter's count in units: how many of the units that must report have their
    latest form accepted (over every call), and how many of those on this call."""
    terakhir = _terakhir(kantor, periode)
    sudah = sum(r is not None and r[0] == "diterima" for r in terakhir.values())
    kini = {
        b.unit for h in hasil if h.periode.tw == periode.tw for b in h.berkas
        if b.status == "diterima"
    }  # fmt: skip
    return (
        f"formulir {periode.label} diterima dari {sudah} dari {len(terakhir)} unit "
        f"({len(kini & set(terakhir))} unit pada panggilan ini)"
    )


def _rincian(h: HasilHimpun) -> str:
    """One quarter's files of this call: read = accepted + refused + taken in before."""
    n = {s: sum(b.status == s for b in h.berkas) for s in ("diterima", "ditolak", "duplikat")}
    return (
        f"  Berkas {h.periode.label} pada panggilan ini: {len(h.berkas)} dibaca = "
        f"{n['diterima']} diterima + {n['ditolak']} ditolak + {n['duplikat']} ganda atau sudah "
        "dihimpun sebelumnya (dilewati)"
    )


def laporan_himpun(kantor: Kantor, periode: Periode, hasil: list[HasilHimpun], folder: Path) -> str:
    """Step 6's intake: the quarter's count, per quarter the files of this call, and each
    form taken in now with its status and findings (as ``kinerja himpun`` shows them)."""
    baru = [b for h in hasil for b in h.berkas if b.status != "duplikat"]
    lines = [f"formulir kembali dihimpun dari {folder}: {jumlah_himpun(kantor, periode, hasil)}"]
    lines += [_rincian(h) for h in hasil]
    if baru:
        lines += [
            "",
            f"Berkas yang dihimpun pada panggilan ini ({len(baru)}):",
            *baris_berkas(baru),
        ]
    else:
        lines.append("Tidak ada berkas baru pada panggilan ini.")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Step 7: the corrected forms taken in, then what the findings still wait on


def _ada_baru(kantor: Kantor, periode: Periode) -> bool:
    """Whether a quarter's folder of ``periode`` holds a file never received before."""
    conn = open_db(kantor.path)
    try:
        for tw in periode.triwulan:
            folder = folder_formulir(kantor, Periode(periode.tahun, tw, False))
            for path in sorted(folder.glob("*.xlsx")) if folder.is_dir() else []:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
                known = conn.execute(
                    "SELECT 1 FROM berkas_masuk WHERE sha256 = ? AND tahun = ? AND tw = ?",
                    (sha, periode.tahun, tw),
                ).fetchone()
                if known is None:
                    return True
        return False
    finally:
        conn.close()


def himpun_perbaikan(kantor: Kantor, periode: Periode) -> str:
    """Step 7's intake: when the periode's ``formulir-kembali`` folders hold a file never
    received, they are taken in as step 6 does (files taken in before are skipped);
    step 6's report of them, or "" when there was nothing new."""
    if not _ada_baru(kantor, periode):  # a refused file is not read again for nothing
        return ""
    hasil = himpun_formulir(kantor, periode)
    quarter = Periode(periode.tahun, periode.tw, False)
    return laporan_himpun(kantor, quarter, hasil, folder_formulir(kantor, quarter))


def _baris_temuan(d: TemuanDitinjau) -> str:
    t = d.temuan
    tw = ROMAWI.get(t.data.get("tw"), "-")
    return f"  {d.id}  {t.indikator or '-'} TW {tw}  {judul_temuan(t.kode)}: {t.pesan}"


def _menunggu_unit(kantor: Kantor, periode: Periode, kembali: list[TemuanDitinjau]) -> str:
    """Per finding returned to its unit: what the unit was told and where its fix goes."""
    lines = [f"Langkah 7 menunggu perbaikan formulir dari unit ({len(kembali)} temuan KESALAHAN):"]
    for d in kembali:
        k, t = d.keputusan, d.temuan
        folder = folder_formulir(
            kantor, Periode(periode.tahun, t.data.get("tw") or periode.tw, False)
        )
        lines += [
            f"menunggu perbaikan formulir {t.unit or k.unit} (dikembalikan pada {k.waktu_teks}: "
            f"{k.alasan}); letakkan formulir perbaikan di {folder} lalu jalankan lagi "
            "kinerja sop lanjut",
            _baris_temuan(d),
        ]
    return "\n".join(lines)


def _menunggu_keputusan(kantor: Kantor, periode: Periode, terbuka: list[TemuanDitinjau]) -> str:
    return (
        f"Langkah 7 menunggu keputusan peninjau atas {len(terbuka)} temuan KESALAHAN:\n"
        + "\n".join(_baris_temuan(d) for d in terbuka)
        + f"\nPutuskan tiap temuan: kinerja validasi putuskan --kantor {kantor.path} "
        f"--periode {periode} --temuan ID --keputusan terima|koreksi|kembalikan --oleh PERAN "
        "--alasan TEKS [--nilai-baru X], atau sekaligus dengan kinerja validasi impor "
        "--berkas keputusan.toml; lalu jalankan lagi kinerja sop lanjut."
    )


def tunggu_temuan(kantor: Kantor, periode: Periode) -> str:
    """Why step 7 waits, "" when it need not: the KESALAHAN findings returned to their
    unit (a fixed value raises no finding any more), then the undecided ones."""
    ditinjau = [d for d in tinjauan(kantor, periode) if d.terbuka and d.temuan.tingkat == ERROR]
    kembali = [d for d in ditinjau if d.status == "dikembalikan"]
    terbuka = [d for d in ditinjau if d.status != "dikembalikan"]
    bagian = [
        _menunggu_unit(kantor, periode, kembali) if kembali else "",
        _menunggu_keputusan(kantor, periode, terbuka) if terbuka else "",
    ]
    return "\n\n".join(b for b in bagian if b)


def periksa_waktu_keputusan(kantor: Kantor, periode: Periode, no: int, waktu: dt.datetime) -> None:
    """Step ``no`` (7 or later) may not be recorded as finished before a decision of the
    periode in force it depends on (``UsageError``, exit 2)."""
    late = [
        k for k in keputusan_berlaku(kantor, periode).values()
        if dt.datetime.fromisoformat(k.waktu) > waktu
    ]  # fmt: skip
    if not late:
        return
    k = max(late, key=lambda r: dt.datetime.fromisoformat(r.waktu))
    raise UsageError(
        f"Langkah {no} akan dicatat selesai pada {format_tanggal(waktu)} {format_waktu(waktu)}, "
        f"sebelum keputusan peninjau yang menjadi dasarnya: temuan {k.temuan_id} "
        f"({k.indikator or k.kode}, {k.keputusan} oleh {k.oleh_nama}) dicatat pada "
        f"{k.waktu_teks}. Bila keputusan itu diambil lebih awal, catat ulang dengan waktu "
        f"sebenarnya: kinerja validasi putuskan --kantor {kantor.path} --periode {periode} "
        f"--temuan {k.temuan_id} --keputusan {k.keputusan} --oleh {k.oleh_peran} --alasan TEKS "
        f"--waktu WAKTU (baris baru menggantikan yang lama); bila tidak, sebut --selesai pada "
        f"atau sesudah {k.waktu_teks}."
    )
