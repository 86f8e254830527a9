"""The review ledger: reviewers' decisions on findings, kept in the office database.

SOP steps 7–9: the Kasi validates, the Kasubag Perencanaan dan Keuangan reviews, the
Camat corrects. Every decision is one row of ``ledger_keputusan`` (who, role, when,
finding, decision, old value, new value, reason). Rows are never updated or deleted
(SQLite triggers refuse it): a revised decision is a new row that names the row it
supersedes, and the latest row per finding is the one in force.

A correction (``koreksi``) never overwrites the submitted value: it is a layer that
:func:`terapkan_koreksi` lays over the realisasi frame, keeping the unit's value in
``realisasi_asli`` beside the corrected ``realisasi`` and marking ``asal``.

Status of a finding: ``terbuka`` (no decision), ``diterima``, ``dikoreksi``,
``dikembalikan`` (returned to the unit: still blocking until the unit's corrected
form changes the data or a reviewer decides otherwise). While an error-level finding
is ``terbuka`` or ``dikembalikan``, :func:`ada_error_terbuka` is true: the document is
a DRAF and the SOP cannot pass step 7.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kinerja.catatan import db
from kinerja.formulir.sumber import load_realisasi
from kinerja.inti.angka import format_angka
from kinerja.inti.angka_baca import parse_angka
from kinerja.inti.errors import ERROR, InputError, Temuan, UsageError
from kinerja.inti.model import Periode
from kinerja.inti.pengukuran import ukur
from kinerja.inti.tanggal import WIB, format_tanggal, format_waktu
from kinerja.kantor.katalog import Kantor, as_kantor, predikat_skala_kantor
from kinerja.kantor.pk import load_pk
from kinerja.validasi.aturan import KOLOM_KOREKSI, opsi_validasi, periksa

__all__ = [
    "KEPUTUSAN",
    "STATUS",
    "Keputusan",
    "TemuanDitinjau",
    "ada_error_terbuka",
    "catat_keputusan",
    "dikembalikan",
    "keputusan_berlaku",
    "keputusan_untuk_dokumen",
    "load_temuan",
    "realisasi_terkoreksi",
    "riwayat",
    "temuan_terbuka",
    "terapkan_berkas_keputusan",
    "terapkan_keputusan_demo",
    "terapkan_koreksi",
    "tinjauan",
]

#: Decisions and how they are printed.
KEPUTUSAN = {"terima": "Diterima", "koreksi": "Dikoreksi", "kembalikan": "Dikembalikan"}
#: Status of a finding → label; ``terbuka`` and ``dikembalikan`` are unresolved.
STATUS = {
    "terbuka": "Belum diputus",
    "diterima": "Diterima",
    "dikoreksi": "Dikoreksi",
    "dikembalikan": "Dikembalikan ke unit",
}
_STATUS_OF = {"terima": "diterima", "koreksi": "dikoreksi", "kembalikan": "dikembalikan"}
_UNRESOLVED = ("terbuka", "dikembalikan")

_SCHEMA = [
    """
CREATE TABLE ledger_keputusan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    periode TEXT NOT NULL,
    temuan_id TEXT NOT NULL,
    kode TEXT NOT NULL,
    tingkat TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    indikator TEXT NOT NULL DEFAULT '',
    tw INTEGER,
    kolom TEXT NOT NULL DEFAULT '',
    pesan TEXT NOT NULL DEFAULT '',
    keputusan TEXT NOT NULL CHECK (keputusan IN ('terima', 'koreksi', 'kembalikan')),
    nilai_lama TEXT NOT NULL DEFAULT '',
    nilai_baru TEXT,
    alasan TEXT NOT NULL CHECK (length(trim(alasan)) > 0),
    oleh_nama TEXT NOT NULL,
    oleh_peran TEXT NOT NULL,
    oleh_jabatan TEXT NOT NULL DEFAULT '',
    waktu TEXT NOT NULL,
    menggantikan INTEGER REFERENCES ledger_keputusan (id)
);
CREATE INDEX ledger_keputusan_temuan ON ledger_keputusan (periode, temuan_id, id);
CREATE TRIGGER ledger_keputusan_tanpa_ubah BEFORE UPDATE ON ledger_keputusan BEGIN SELECT RAISE(ABORT, 'buku keputusan hanya boleh bertambah'); END;
CREATE TRIGGER ledger_keputusan_tanpa_hapus BEFORE DELETE ON ledger_keputusan BEGIN SELECT RAISE(ABORT, 'buku keputusan hanya boleh bertambah'); END
"""
]


@dataclass(frozen=True)
class Keputusan:
    """One ledger row (a decision, or a revision of an earlier one)."""

    id: int
    periode: str
    temuan_id: str
    kode: str
    tingkat: str
    unit: str
    indikator: str
    tw: int | None
    kolom: str
    pesan: str
    keputusan: str
    nilai_lama: str
    nilai_baru: str | None
    alasan: str
    oleh_nama: str
    oleh_peran: str
    oleh_jabatan: str
    waktu: str
    menggantikan: int | None

    @property
    def label(self) -> str:
        return KEPUTUSAN[self.keputusan]

    @property
    def nilai_baru_teks(self) -> str:
        """The corrected value as printed (Indonesian number format), "-" when none."""
        return _nilai_teks(self.nilai_baru)

    @property
    def waktu_teks(self) -> str:
        when = dt.datetime.fromisoformat(self.waktu)
        return f"{format_tanggal(when)} {format_waktu(when)}"


@dataclass(frozen=True)
class TemuanDitinjau:
    """A finding with the decision in force (``None`` while undecided)."""

    temuan: Temuan
    keputusan: Keputusan | None
    versi: int = 0  # how many ledger rows this finding has

    @property
    def id(self) -> str:
        return str(self.temuan.data["id"])

    @property
    def status(self) -> str:
        return "terbuka" if self.keputusan is None else _STATUS_OF[self.keputusan.keputusan]

    @property
    def terbuka(self) -> bool:
        return self.status in _UNRESOLVED


# --------------------------------------------------------------------------------------------
# Findings of a periode (adapter: reads the office's PK and realisasi)


def load_temuan(kantor: Kantor | str | Path, periode: Periode | str) -> list[Temuan]:
    """Run the validation rules on the office's PK and submitted realisasi for ``periode``."""
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    pk = load_pk(k, p.tahun)
    realisasi, _anggaran, sumber = load_realisasi(k, p.tahun)
    if "berkas" not in realisasi.columns:
        realisasi = realisasi.assign(berkas=sumber, lembar="Realisasi")
    hasil = ukur(pk.indikator, realisasi, p, skala=predikat_skala_kantor(k), ordinal=pk.ordinal)
    return periksa(
        pk.indikator,
        realisasi,
        p,
        program=pk.program,
        pejabat=k.pejabat.values(),
        opsi=opsi_validasi(k.config),
        ordinal=pk.ordinal,
        pengukuran=hasil,
        berkas_pk=pk.sumber,
    )


# --------------------------------------------------------------------------------------------
# The ledger


def _connect(k: Kantor):
    conn = db.connect(k.path)
    db.ensure_schema(conn, "ledger", _SCHEMA)
    return conn


def _row(r: Any) -> Keputusan:
    return Keputusan(**{name: r[name] for name in Keputusan.__dataclass_fields__})


def riwayat(
    kantor: Kantor | str | Path, periode: Periode | str, temuan_id: str | None = None
) -> list[Keputusan]:
    """Every ledger row of ``periode`` (optionally of one finding), oldest first."""
    k = as_kantor(kantor)
    if not db.db_path(k.path).is_file():
        return []  # nothing recorded yet: reading creates no database
    sql = "SELECT * FROM ledger_keputusan WHERE periode = ?"
    args: list[Any] = [str(Periode.parse(periode))]
    if temuan_id:
        sql += " AND temuan_id = ?"
        args.append(temuan_id)
    conn = _connect(k)
    try:
        return [_row(r) for r in conn.execute(sql + " ORDER BY id", args)]
    finally:
        conn.close()


def keputusan_berlaku(kantor: Kantor | str | Path, periode: Periode | str) -> dict[str, Keputusan]:
    """The decision in force per finding id (the latest row)."""
    return {r.temuan_id: r for r in riwayat(kantor, periode)}


def _normal_nilai(temuan: Temuan, nilai_baru: str) -> str:
    """Check a corrected realisasi against what the rules require; canonical text back."""
    teks = str(nilai_baru).strip()
    if temuan.kolom != "realisasi" or temuan.data.get("kualitatif"):
        return teks
    parsed = parse_angka(teks)
    if parsed.value is None or parsed.status not in ("ok", "dibaca"):
        raise UsageError(f'Nilai koreksi "{teks}" bukan angka: {parsed.catatan}')
    nilai = float(parsed.value)
    satuan = str(temuan.data.get("satuan", "")).strip().casefold()
    if satuan in ("%", "persen", "persentase") and not 0 <= nilai <= 100:
        raise UsageError(f"Nilai koreksi {format_angka(nilai)} harus di antara 0 dan 100 (%).")
    if nilai < 0:
        raise UsageError(f"Nilai koreksi {format_angka(nilai)} tidak boleh negatif.")
    return repr(int(nilai)) if nilai.is_integer() else repr(nilai)


def catat_keputusan(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    temuan: Temuan,
    keputusan: str,
    *,
    peran: str,
    alasan: str,
    waktu: dt.datetime,
    nilai_baru: str | float | None = None,
) -> Keputusan:
    """Record a decision on ``temuan`` by the official ``peran`` at ``waktu``.

    ``koreksi`` needs ``nilai_baru`` and a correctable column (realisasi or bukti
    dukung); every decision needs a reason. A second decision on the same finding
    supersedes the first; both rows stay. Raises ``UsageError`` (Indonesian).
    """
    k = as_kantor(kantor)
    p = str(Periode.parse(periode))
    if keputusan not in KEPUTUSAN:
        raise UsageError(f'Keputusan "{keputusan}" tidak dikenal. Pilih: {", ".join(KEPUTUSAN)}.')
    pejabat = k.pejabat.get(peran)
    if pejabat is None:
        raise UsageError(
            f'Peran "{peran}" tidak ada di [[pejabat]] kantor.toml. Pilih: {", ".join(k.pejabat)}.'
        )
    alasan = (alasan or "").strip()
    if not alasan:
        raise UsageError("Tulis alasan (atau catatan untuk unit) untuk setiap keputusan.")
    if temuan.periode and temuan.periode != p:
        raise UsageError(f"Temuan ini milik periode {temuan.periode}, bukan {p}.")
    baru: str | None = None
    if keputusan == "koreksi":
        if temuan.kolom not in KOLOM_KOREKSI or not temuan.indikator or not temuan.data.get("tw"):
            raise UsageError(
                f"Temuan {temuan.kode} tidak dapat dikoreksi di sini: perbaiki sumbernya "
                f"({temuan.berkas or 'berkas kantor'}), lalu terima atau kembalikan temuan ini."
            )
        if nilai_baru is None or not str(nilai_baru).strip():
            raise UsageError("Koreksi memerlukan nilai baru.")
        baru = _normal_nilai(temuan, str(nilai_baru))
    elif nilai_baru not in (None, ""):
        raise UsageError("Nilai baru hanya diisi untuk keputusan koreksi.")
    when = waktu if waktu.tzinfo else waktu.replace(tzinfo=WIB)
    ident = str(temuan.data["id"])
    conn = _connect(k)
    try:
        with db.immediate(conn):
            prev = conn.execute(
                "SELECT id FROM ledger_keputusan WHERE periode = ? AND temuan_id = ? "
                "ORDER BY id DESC LIMIT 1",
                (p, ident),
            ).fetchone()
            cur = conn.execute(
                "INSERT INTO ledger_keputusan (periode, temuan_id, kode, tingkat, unit, "
                "indikator, tw, kolom, pesan, keputusan, nilai_lama, nilai_baru, alasan, "
                "oleh_nama, oleh_peran, oleh_jabatan, waktu, menggantikan) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    p,
                    ident,
                    temuan.kode,
                    temuan.tingkat,
                    temuan.unit,
                    temuan.indikator,
                    temuan.data.get("tw"),
                    temuan.kolom,
                    temuan.pesan,
                    keputusan,
                    temuan.nilai,
                    baru,
                    alasan,
                    pejabat.nama,
                    pejabat.peran,
                    pejabat.jabatan,
                    when.isoformat(timespec="seconds"),
                    prev["id"] if prev else None,
                ),
            )
            row = conn.execute(
                "SELECT * FROM ledger_keputusan WHERE id = ?", (cur.lastrowid,)
            ).fetchone()
        return _row(row)
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------
# Findings with their decisions


def tinjauan(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    temuan: list[Temuan] | None = None,
) -> list[TemuanDitinjau]:
    """Each finding of ``periode`` with the decision in force (``temuan`` to skip re-checking)."""
    k = as_kantor(kantor)
    found = load_temuan(k, periode) if temuan is None else temuan
    rows = riwayat(k, periode)
    berlaku = {r.temuan_id: r for r in rows}
    versi = pd.Series([r.temuan_id for r in rows], dtype=object).value_counts().to_dict()
    return [
        TemuanDitinjau(t, berlaku.get(t.data["id"]), int(versi.get(t.data["id"], 0))) for t in found
    ]


def temuan_terbuka(kantor: Kantor | str | Path, periode: Periode | str) -> list[Temuan]:
    """Findings not resolved yet: no decision, or returned to the unit."""
    return [d.temuan for d in tinjauan(kantor, periode) if d.terbuka]


def ada_error_terbuka(kantor: Kantor | str | Path, periode: Periode | str) -> bool:
    """True while an error-level finding is unresolved (document = DRAF, SOP stays at 7)."""
    return any(d.terbuka and d.temuan.tingkat == ERROR for d in tinjauan(kantor, periode))


def dikembalikan(kantor: Kantor | str | Path, periode: Periode | str, unit: str) -> list[Temuan]:
    """Findings of ``unit`` returned to it (``kinerja formulir --kembalikan``).

    Each carries the reviewer's note in ``data["catatan_pengembalian"]`` (and who
    returned it, when) so the form's Temuan sheet can show it.
    """
    out = []
    for d in tinjauan(kantor, periode):
        k = d.keputusan
        if k is None or k.keputusan != "kembalikan" or d.temuan.unit.casefold() != unit.casefold():
            continue
        data = {
            **d.temuan.data,
            "catatan_pengembalian": k.alasan,
            "dikembalikan_oleh": f"{k.oleh_nama} ({k.oleh_jabatan})",
            "dikembalikan_pada": k.waktu,
        }
        out.append(replace(d.temuan, data=data))
    return out


def _nilai_teks(value: str | None) -> str:
    if value in (None, ""):
        return "-"
    parsed = parse_angka(value)
    if parsed.value is not None and parsed.status in ("ok", "dibaca"):
        x = float(parsed.value)
        return format_angka(x, 0 if x.is_integer() else 2)
    return str(value)


def keputusan_untuk_dokumen(
    kantor: Kantor | str | Path, periode: Periode | str
) -> list[dict[str, Any]]:
    """The document's appendix: every finding with its decision, reviewer and reason.

    Also lists decided findings that no longer appear (the unit's corrected form
    fixed the data) with ``masih_ada`` false. Values are plain text for printing.
    """
    k = as_kantor(kantor)
    ditinjau = tinjauan(k, periode)
    berlaku = keputusan_berlaku(k, periode)
    seen = {d.id for d in ditinjau}
    out = []
    for d in ditinjau:
        out.append(_lampiran(d.temuan.kode, d.temuan, d.keputusan, d.status, d.versi, True))
    for ident, kep in berlaku.items():
        if ident not in seen:
            versi = len(riwayat(k, periode, ident))
            out.append(_lampiran(kep.kode, None, kep, _STATUS_OF[kep.keputusan], versi, False))
    for i, row in enumerate(out, start=1):
        row["no"] = i
    return out


def _lampiran(
    kode: str, t: Temuan | None, k: Keputusan | None, status: str, versi: int, ada: bool
) -> dict[str, Any]:
    src: Any = t if t is not None else k
    return {
        "no": 0,
        "temuan_id": t.data["id"] if t is not None else k.temuan_id,  # type: ignore[union-attr]
        "kode": kode,
        "tingkat": src.tingkat,
        "unit": src.unit,
        "indikator": src.indikator,
        "tw": t.data.get("tw") if t is not None else k.tw,  # type: ignore[union-attr]
        "pesan": src.pesan,
        "status": status,
        "status_teks": STATUS[status] if ada else f"{STATUS[status]}; data sudah diperbaiki",
        "keputusan": k.keputusan if k else "",
        "keputusan_teks": k.label if k else STATUS["terbuka"],
        "nilai_lama": k.nilai_lama if k else (t.nilai if t else ""),
        "nilai_baru": k.nilai_baru if k else None,
        "nilai_baru_teks": k.nilai_baru_teks if k else "-",
        "oleh": k.oleh_nama if k else "",
        "peran": k.oleh_peran if k else "",
        "jabatan": k.oleh_jabatan if k else "",
        "waktu": k.waktu if k else "",
        "waktu_teks": k.waktu_teks if k else "",
        "alasan": k.alasan if k else "",
        "revisi": max(versi - 1, 0),
        "masih_ada": ada,
    }


# --------------------------------------------------------------------------------------------
# Corrections as a layer over the submitted realisasi (pure)


def _as_value(text: str) -> object:
    """Corrected text → float when it is a number (canonical), else the text."""
    try:
        return float(text)
    except ValueError:
        return text


def terapkan_koreksi(realisasi: pd.DataFrame, keputusan: Iterable[Keputusan]) -> pd.DataFrame:
    """The realisasi frame with the corrections in force laid over it.

    ``realisasi`` holds the corrected value, ``realisasi_asli`` what the unit
    submitted (NaN when it submitted nothing), ``asal`` is ``unit`` or ``koreksi``;
    ``bukti_dukung_asli`` likewise when bukti dukung was corrected. Pass the
    decisions in force (``keputusan_berlaku(...).values()``); only ``koreksi`` rows
    act. The input frame is not changed.
    """
    out = realisasi.copy()
    out["realisasi"] = out["realisasi"].astype(object)
    kor = [
        k
        for k in keputusan
        if k.keputusan == "koreksi" and k.kolom in KOLOM_KOREKSI and k.tw and k.indikator
    ]
    if kor:
        kf = pd.DataFrame(
            {
                "kode": [k.indikator for k in kor],
                "tw": [int(k.tw or 0) for k in kor],
                "kolom": [k.kolom for k in kor],
                "nilai": [k.nilai_baru for k in kor],
                "unit": [k.unit for k in kor],
            }
        ).drop_duplicates(["kode", "tw", "kolom"], keep="last")
        have = pd.MultiIndex.from_frame(out[["kode", "tw"]].astype({"tw": int}))
        want = kf[["kode", "tw", "unit"]].drop_duplicates(["kode", "tw"])
        missing = want[~pd.MultiIndex.from_frame(want[["kode", "tw"]]).isin(have)]
        if len(missing):
            extra = pd.DataFrame({c: [np.nan] * len(missing) for c in out.columns})
            extra["kode"] = missing["kode"].to_numpy()
            extra["tw"] = missing["tw"].to_numpy()
            for col in ("kendala", "tindak_lanjut", "bukti_dukung"):
                if col in out.columns:
                    extra[col] = ""
            if "unit" in out.columns:
                extra["unit"] = missing["unit"].to_numpy()
            out = pd.concat([out, extra.astype(object)], ignore_index=True)
    out["tw"] = out["tw"].astype(int)
    out["realisasi_asli"] = out["realisasi"]
    out["asal"] = "unit"
    if "bukti_dukung" in out.columns:
        out["bukti_dukung_asli"] = out["bukti_dukung"]
    if not kor:
        return out
    index = pd.MultiIndex.from_frame(out[["kode", "tw"]])
    for kolom in KOLOM_KOREKSI:
        sub = kf[kf["kolom"] == kolom]
        if not len(sub) or kolom not in out.columns:
            continue
        series = pd.Series(
            sub["nilai"].to_numpy(), index=pd.MultiIndex.from_frame(sub[["kode", "tw"]])
        )
        new = series.reindex(index).to_numpy(dtype=object)
        hit = pd.notna(new)
        values = [_as_value(v) for v in new[hit]] if kolom == "realisasi" else list(new[hit])
        out.loc[hit, kolom] = pd.Series(values, index=out.index[hit], dtype=object)
        out.loc[hit, "asal"] = "koreksi"
    return out


def realisasi_terkoreksi(
    kantor: Kantor | str | Path, periode: Periode | str
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """``sumber.load_realisasi`` with the periode's corrections laid over it (for the pipeline)."""
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    realisasi, anggaran, sumber = load_realisasi(k, p.tahun)
    koreksi = keputusan_berlaku(k, p).values()
    return terapkan_koreksi(realisasi, koreksi), anggaran, sumber


# --------------------------------------------------------------------------------------------
# Decisions from a file (the demo's, or a script's)


def terapkan_berkas_keputusan(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    path: str | Path,
    waktu: dt.datetime,
) -> tuple[list[Keputusan], list[dict[str, Any]]]:
    """Record the decisions of a TOML file, matched to findings by kode + indikator + tw.

    The file holds ``[[keputusan]]`` tables with ``kode``, ``indikator``, ``tw``,
    ``keputusan``, ``oleh`` (peran), ``alasan`` and, for a correction, ``nilai_baru``;
    optionally ``periode`` (only then applied), ``unit`` and ``waktu`` (else ``waktu``).
    Entries are recorded in file order, so a later entry on the same finding revises
    an earlier one. An entry already in the ledger is not recorded again (re-running
    is harmless). Returns (recorded rows, entries that matched no finding).
    """
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    file = Path(path)
    try:
        content = tomllib.loads(file.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f'Berkas keputusan "{file}" tidak dapat dibaca: {exc}') from exc
    entries = content.get("keputusan", [])
    periode_berkas = str(content.get("periode", p))
    found = load_temuan(k, p)
    done = {(r.temuan_id, r.keputusan, r.alasan, r.oleh_peran, r.nilai_baru) for r in riwayat(k, p)}
    dicatat: list[Keputusan] = []
    tidak_cocok: list[dict[str, Any]] = []
    for entry in entries:
        if str(entry.get("periode", periode_berkas)) != str(p):
            continue
        match = [
            t
            for t in found
            if t.kode == entry.get("kode")
            and t.indikator == str(entry.get("indikator", ""))
            and ("tw" not in entry or t.data.get("tw") == entry["tw"])
            and ("unit" not in entry or t.unit == entry["unit"])
        ]
        if len(match) != 1:
            tidak_cocok.append(entry)
            continue
        t = match[0]
        keputusan = str(entry.get("keputusan", ""))
        nilai = entry.get("nilai_baru")
        baru = (
            _normal_nilai(t, str(nilai)) if keputusan == "koreksi" and nilai is not None else None
        )
        alasan = str(entry.get("alasan", "")).strip()
        peran = str(entry.get("oleh", ""))
        if (t.data["id"], keputusan, alasan, peran, baru) in done:
            continue  # recorded by an earlier run
        when = entry.get("waktu", waktu)
        dicatat.append(
            catat_keputusan(
                k,
                p,
                t,
                keputusan,
                peran=peran,
                alasan=alasan,
                waktu=when if isinstance(when, dt.datetime) else waktu,
                nilai_baru=None if nilai is None else str(nilai),
            )
        )
    return dicatat, tidak_cocok


def terapkan_keputusan_demo(
    kantor: Kantor | str | Path,
    periode: Periode | str,
    path: str | Path | None = None,
    waktu: dt.datetime | None = None,
) -> tuple[list[Keputusan], list[dict[str, Any]]]:
    """The demo's decisions (``<kantor>/keputusan-demo.toml``), as the Kasubag/Sekcam took them.

    ``waktu`` defaults to a fixed moment (``waktu`` in the file, else 12 January of the
    next year, 09.30 WIB) so demo runs are reproducible.
    """
    k = as_kantor(kantor)
    p = Periode.parse(periode)
    file = Path(path) if path else k.path / "keputusan-demo.toml"
    if waktu is None:
        stated = tomllib.loads(file.read_text("utf-8")).get("waktu") if file.is_file() else None
        if isinstance(stated, dt.datetime):
            waktu = stated
        else:
            waktu = dt.datetime(p.tahun + 1, 1, 12, 9, 30, tzinfo=WIB)
    if not file.is_file():
        return [], []
    return terapkan_berkas_keputusan(k, p, file, waktu)
