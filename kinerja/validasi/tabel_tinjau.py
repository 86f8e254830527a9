"""What the review widget shows, as data and HTML (pure: no widgets, no database).

The findings with their decisions (``TemuanDitinjau``) filtered by unit, tingkat
and status, the progress summary, the table of findings and the card of one
finding, in HTML with their own small stylesheet. ``tinjau.TinjauTemuan`` puts
them in ipywidgets; a viewer without widgets (a headless run, nbconvert HTML)
gets the same table.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from kinerja.inti.errors import ERROR, kata_tingkat
from kinerja.inti.model import NAMA_TRIWULAN
from kinerja.validasi.keputusan import KOLOM_KOREKSI, STATUS, TemuanDitinjau, nilai_teks
from kinerja.validasi.pesan import judul_temuan

__all__ = [
    "BELUM_SELESAI",
    "CSS",
    "SEMUA",
    "STATUS_FILTER",
    "e",
    "label_tw",
    "pilihan",
    "rincian_html",
    "ringkasan",
    "ringkasan_html",
    "saring",
    "tabel_html",
]

#: Filter value: no filter.
SEMUA = "semua"
#: Status filter value: unresolved findings (undecided or returned).
BELUM_SELESAI = "belum-selesai"
#: The status filter's options (label, value).
STATUS_FILTER = [
    ("Semua status", SEMUA),
    ("Belum selesai", BELUM_SELESAI),
    *[(label, kode) for kode, label in STATUS.items()],
]
_WARNA_STATUS = {
    "terbuka": ("#fdecea", "#a61b1b"),
    "dikembalikan": ("#fff4e0", "#8a5300"),
    "diterima": ("#e7f5ec", "#1d6b3a"),
    "dikoreksi": ("#e6f0fb", "#1a4f8b"),
}

#: The stylesheet every HTML piece of the review carries.
CSS = """
<style>
.kt-tabel { border-collapse: collapse; width: 100%; font-size: 12.5px; line-height: 1.35; }
.kt-tabel th { position: sticky; top: 0; background: #f3f4f6; text-align: left;
  font-weight: 600; padding: 5px 8px; border-bottom: 1px solid #d1d5db; white-space: nowrap; }
.kt-tabel td { padding: 5px 8px; border-bottom: 1px solid #eceef1; vertical-align: top; }
.kt-tabel tr.kt-pilih td { background: #fffbe6; }
.kt-lencana { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 11.5px;
  white-space: nowrap; }
.kt-error { background: #a61b1b; color: #fff; }
.kt-peringatan { background: #f2c14e; color: #3d2c00; }
.kt-kecil { color: #5f6670; font-size: 11.5px; }
.kt-kartu { border: 1px solid #dfe3e8; border-radius: 6px; padding: 8px 12px; background: #fafbfc;
  font-size: 13px; line-height: 1.45; }
.kt-kartu p { margin: 3px 0; }
.kt-ok { color: #1d6b3a; } .kt-gagal { color: #a61b1b; }
</style>
"""


def e(text: object) -> str:
    """``text`` escaped for HTML ("" for None)."""
    return html.escape("" if text is None else str(text))


def label_tw(tw: object) -> str:
    """A triwulan as the table prints it (``IV``), ``-`` when there is none."""
    return NAMA_TRIWULAN[tw].removeprefix("Triwulan ") if isinstance(tw, int) else "-"


def _lencana_tingkat(tingkat: str) -> str:
    cls = "kt-error" if tingkat == ERROR else "kt-peringatan"
    label = kata_tingkat(tingkat)
    return f'<span class="kt-lencana {cls}">{label}</span>'


def _lencana_status(status: str) -> str:
    bg, fg = _WARNA_STATUS[status]
    return f'<span class="kt-lencana" style="background:{bg};color:{fg}">{e(STATUS[status])}</span>'


def ringkasan(baris: Sequence[TemuanDitinjau]) -> dict[str, int]:
    """How many findings, decided, undecided, errors, errors unresolved, returned."""
    total = len(baris)
    diputus = sum(d.keputusan is not None for d in baris)
    return {
        "temuan": total,
        "diputus": diputus,
        "belum_diputus": total - diputus,
        "error": sum(d.temuan.tingkat == ERROR for d in baris),
        "error_terbuka": sum(d.terbuka and d.temuan.tingkat == ERROR for d in baris),
        "dikembalikan": sum(d.status == "dikembalikan" for d in baris),
    }


def ringkasan_html(r: dict[str, int]) -> str:
    """The summary beside the progress bar: decided of all, and whether the document is DRAF."""
    warna = "#a61b1b" if r["error_terbuka"] else "#1d6b3a"
    status_dok = (
        f"{r['error_terbuka']} KESALAHAN belum selesai — dokumen masih DRAF"
        if r["error_terbuka"]
        else "tidak ada KESALAHAN terbuka — dokumen dapat difinalkan"
    )
    return (
        f"<span style='margin-left:10px;font-size:13px'><b>{r['diputus']}</b> dari "
        f"<b>{r['temuan']}</b> temuan diputus · <span style='color:{warna}'>"
        f"<b>{e(status_dok)}</b></span></span>"
    )


def saring(
    baris: Sequence[TemuanDitinjau], unit: str, tingkat: str, status: str
) -> list[tuple[int, TemuanDitinjau]]:
    """(number in the whole list, finding) of the findings the filters let through."""
    out = []
    for no, d in enumerate(baris, start=1):
        if unit not in (SEMUA, d.temuan.unit):
            continue
        if tingkat not in (SEMUA, d.temuan.tingkat):
            continue
        if status == BELUM_SELESAI and not d.terbuka:
            continue
        if status not in (SEMUA, BELUM_SELESAI) and d.status != status:
            continue
        out.append((no, d))
    return out


def pilihan(rows: Sequence[tuple[int, TemuanDitinjau]]) -> list[tuple[str, str]]:
    """The finding picker's options (label, finding id)."""
    return [
        (f"{no}. {d.temuan.indikator or '-'} TW {label_tw(d.temuan.data.get('tw'))} · "
         f"{judul_temuan(d.temuan.kode)} · {STATUS[d.status]}", d.id)
        for no, d in rows
    ]  # fmt: skip


def tabel_html(
    rows: Sequence[tuple[int, TemuanDitinjau]], terpilih: str | None, ada_temuan: bool
) -> str:
    """The table of findings (the row of ``terpilih`` marked); a note when it is empty."""
    if not rows:
        kosong = "Tidak ada temuan untuk saringan ini." if ada_temuan else "Tidak ada temuan."
        return f"{CSS}<div class='kt-kecil' style='padding:10px'>{kosong}</div>"
    head = "".join(
        f"<th>{h}</th>"
        for h in ("No", "Tingkat", "Unit", "Indikator", "TW", "Temuan", "Status", "Keputusan")
    )
    body = []
    for no, d in rows:
        t = d.temuan
        k = d.keputusan
        kep = (
            f"{e(k.label)}"
            + (f" → <b>{e(k.nilai_baru_teks)}</b>" if k.nilai_baru else "")
            + f"<br><span class='kt-kecil'>{e(k.oleh_nama)}</span>"
            if k
            else "<span class='kt-kecil'>-</span>"
        )
        cls = " class='kt-pilih'" if d.id == terpilih else ""
        body.append(
            f"<tr{cls}><td>{no}</td><td>{_lencana_tingkat(t.tingkat)}</td>"
            f"<td>{e(t.unit or '-')}</td><td>{e(t.indikator or '-')}</td>"
            f"<td>{label_tw(t.data.get('tw'))}</td>"
            f"<td><b>{e(judul_temuan(t.kode))}</b><br>{e(t.pesan)}</td>"
            f"<td>{_lencana_status(d.status)}</td><td>{kep}</td></tr>"
        )
    return (
        f"{CSS}<table class='kt-tabel'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def rincian_html(d: TemuanDitinjau) -> str:
    """The card of one finding: message, where, the unit's value, the decision in force."""
    t = d.temuan
    parts = [
        f"<p>{_lencana_tingkat(t.tingkat)} <b>{e(judul_temuan(t.kode))}</b> · "
        f"<span class='kt-kecil'>ID {e(d.id)}</span></p>",
        f"<p>{e(t.pesan)}</p>",
    ]
    if t.lokasi():
        parts.append(f"<p class='kt-kecil'>Lokasi: {e(t.lokasi())}</p>")
    if t.nilai:
        shown = nilai_teks(t.nilai) if t.kolom == "realisasi" else t.nilai
        parts.append(f"<p class='kt-kecil'>Nilai kiriman unit: <b>{e(shown)}</b></p>")
    if t.kolom not in KOLOM_KOREKSI or not t.data.get("tw"):
        parts.append(
            "<p class='kt-kecil'>Koreksi tidak tersedia: perbaiki sumbernya, lalu terima "
            "atau kembalikan temuan ini.</p>"
        )
    if d.keputusan is not None:
        k = d.keputusan
        nilai = f" → <b>{e(k.nilai_baru_teks)}</b>" if k.nilai_baru else ""
        revisi = f" (revisi ke-{d.versi - 1})" if d.versi > 1 else ""
        parts.append(
            f"<p>Keputusan berlaku{revisi}: {_lencana_status(d.status)}{nilai} oleh "
            f"{e(k.oleh_nama)}, {e(k.waktu_teks)} — “{e(k.alasan)}” "
            "<span class='kt-kecil'>Menyimpan lagi akan merevisinya; riwayat tetap "
            "tersimpan.</span></p>"
        )
    return f"{CSS}<div class='kt-kartu'>{''.join(parts)}</div>"
