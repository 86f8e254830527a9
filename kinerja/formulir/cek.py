"""Value checks of intake, over the cells of all files at once (vectorized pandas).

``check_values`` takes the raw input and locked cells that ``baca.read_form`` found
in every file, reads numbers leniently (``angka_baca.parse_angka_series``), maps
qualitative labels to their scale, flags absurd values and changed locked cells,
and returns the values to store. Every problem becomes a finding on ``Findings``.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from kinerja.formulir.baca import Dibaca
from kinerja.formulir.gaya import PENGISI_CELLS
from kinerja.formulir.layout import canon
from kinerja.formulir.pesan import temuan
from kinerja.formulir.rumus import Rumus
from kinerja.inti.angka import format_angka_ringkas, format_rupiah
from kinerja.inti.angka_baca import parse_angka_series
from kinerja.inti.errors import Temuan
from kinerja.inti.model import Periode
from kinerja.inti.notasi import pilih_notasi
from kinerja.inti.rasio import pengali_bawaan
from kinerja.inti.tingkat import persen as persen_satuan
from kinerja.inti.tingkat import persen_dibatasi
from kinerja.kantor.pk import PerjanjianKinerja, indikator_rasio

__all__ = ["Findings", "check_values"]

_TEXT_FIELDS = ("kendala", "tindak_lanjut", "bukti_dukung", "keterangan", *PENGISI_CELLS)


def _kind(value: object) -> str:
    if isinstance(value, Rumus):
        return "rumus"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "angka"
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return "tanggal"
    if isinstance(value, str):
        return "kosong" if not value.strip() else "teks"
    return "kosong" if value is None else "teks"


class Findings:
    """Collects (file index, Temuan) from frames of offending cells."""

    def __init__(self, files: list[Dibaca], periode: Periode) -> None:
        self.files = files
        self.periode = str(periode)
        self.items: list[tuple[int, Temuan]] = []

    def emit(self, kode: str, frame: pd.DataFrame, **fields: object) -> None:
        """One finding per row; a field given as ``"@col"`` is read from that column."""
        if frame.empty:
            return
        for rec in frame.to_dict("records"):
            kw = {
                k: rec[v[1:]] if isinstance(v, str) and v.startswith("@") else v
                for k, v in fields.items()
            }
            shown = rec.get("shown", "")  # a number cell as a person reads it: 87,5
            kw.setdefault("nilai", _tampil(shown) if rec.get("kind") == "angka" else shown)
            item = temuan(
                kode,
                berkas=self.files[rec["i"]].nama,
                lembar=rec["lembar"],
                sel=rec["sel"],
                kolom=rec["kolom"],
                unit=rec["unit"],
                indikator=rec.get("kode", "") or "",
                periode=self.periode,
                **kw,
            )
            self.items.append((rec["i"], item))


def _terbaca(value: float) -> str:
    """A number as kinerja read it, without trailing zeros: 875, 87,5, 8.750."""
    return format_angka_ringkas(value)


def _numbers(frame: pd.DataFrame, prefix: str, out: Findings, contoh: str) -> pd.DataFrame:
    """Read the raw cells of ``frame`` as numbers; findings for what is not one."""
    kind = frame["kind"]
    readable = kind.isin(["teks", "angka", "kosong"])
    raw = frame["raw"].where(readable & kind.ne("kosong"))
    parsed = parse_angka_series(raw)
    cara = pd.Series("", index=frame.index, dtype=object)
    for kode in ("id", "en"):  # ambiguous texts ("2.400") in files whose notation is known
        rows = frame["notasi"].eq(kode) & parsed["status"].eq("ambigu")
        if rows.any():
            parsed.loc[rows] = parse_angka_series(raw[rows], kode)
            cara[rows] = frame["notasi_teks"][rows]
    frame = frame.assign(nilai=parsed["nilai"], status=parsed["status"], catatan=parsed["catatan"])
    frame.loc[~readable, "status"] = "salah"
    out.emit("rumus-tanpa-nilai", frame[kind.eq("rumus")])
    out.emit(f"{prefix}-benar-salah", frame[kind.eq("bool")], contoh=contoh)
    out.emit(f"{prefix}-tanggal", frame[kind.eq("tanggal")], contoh=contoh)
    out.emit(f"{prefix}-bukan-angka", frame[readable & frame["status"].eq("salah")], contoh=contoh)
    out.emit(f"{prefix}-ambigu", frame[frame["status"].eq("ambigu")], catatan="@catatan")
    # a number typed as text is read, and the unit is told how (even "85")
    as_text = frame["status"].eq("dibaca") | (frame["status"].eq("ok") & kind.eq("teks"))
    dibaca = frame[as_text]
    out.emit(
        f"{prefix}-dibaca",
        dibaca.assign(dibaca=[_terbaca(v) for v in dibaca["nilai"]] + cara[as_text]),
        dibaca="@dibaca",
    )
    return frame


def _notasi_berkas(inp: pd.DataFrame, pilihan: str) -> pd.DataFrame:
    """The number notation of each file (``inti.notasi``) on its cells: ``notasi`` ("id",
    "en" or "" when ambiguous texts stay refused) and ``notasi_teks`` (which, and why)."""
    out = inp.assign(notasi="", notasi_teks="")
    angka = inp["field"].isin(["realisasi", "realisasi_anggaran"]) & inp["kind"].eq("teks")
    for i, rows in inp[angka].groupby("i"):  # one decision per file
        cells = rows["raw"].reset_index(drop=True)
        n = pilih_notasi(pilihan, {"nilai": cells}, 0, 'kantor.toml [angka] notasi = "{kode}"')
        if n.kode is None:
            continue
        bukti = (n.bukti or {}).get(n.kode)
        teks = f" (notasi {'Indonesia' if n.kode == 'id' else 'Inggris'}"
        if n.pilihan == "otomatis" and bukti is not None:
            teks += f', seperti sel {rows["sel"].iloc[bukti.pos]} berisi "{bukti.teks}")'
        else:
            teks += f", sesuai kantor.toml [angka] notasi = {n.kode})"
        mine = inp["i"].eq(i)
        out.loc[mine, "notasi"] = n.kode
        out.loc[mine, "notasi_teks"] = teks
    return out


def _check_realisasi(inp: pd.DataFrame, pk: PerjanjianKinerja, out: Findings) -> pd.DataFrame:
    """Realisasi cells → value per (file, kode); findings for every bad cell."""
    ind = pk.indikator[["kode", "jenis_target", "skala", "satuan", "target_tahunan", "indikator"]]
    rasio_kode = set(pk.indikator.loc[indikator_rasio(pk.indikator), "kode"])
    real = inp[inp["field"].eq("realisasi") & ~inp["kode"].isin(rasio_kode)].merge(
        ind.rename(columns={"indikator": "nama_indikator"}), on="kode", how="left"
    )
    unknown = real["jenis_target"].isna()
    out.emit("indikator-tidak-ada-di-pk", real[unknown], tahun=pk.tahun)
    real = real[~unknown]
    kual = real["jenis_target"].eq("kualitatif")
    numeric = _numbers(real[~kual], "realisasi", out, "87,5")
    out.emit(
        "realisasi-kosong",
        numeric[numeric["status"].eq("kosong")],
        apa="indikator ini",
    )
    value = numeric["nilai"]
    out.emit(
        "realisasi-negatif",
        numeric[value.lt(0)].assign(shown=value[value.lt(0)].map(_terbaca)),
        satuan="@satuan",
    )
    persen = persen_satuan(numeric["satuan"])
    dibatasi = persen_dibatasi(numeric["satuan"], numeric["target_tahunan"])  # inti.tingkat
    terbaca = numeric.assign(dibaca=value.map(_terbaca, na_action="ignore"))
    out.emit("realisasi-tidak-wajar", terbaca[persen & value.gt(1000)], dibaca="@dibaca")
    out.emit(
        "realisasi-persen-di-atas-100",
        terbaca[dibatasi & value.gt(100) & value.le(1000)],
        dibaca="@dibaca",
    )
    target = pd.to_numeric(numeric["target_tahunan"], errors="coerce")
    far = ~persen & target.gt(0) & value.gt(10 * target)
    out.emit("realisasi-jauh-dari-target", numeric[far], harapan="@target_tahunan")
    numeric = numeric.assign(realisasi=value.astype(object).where(value.notna(), None))

    qual = real[kual].copy()
    qual["teks"] = qual["raw"].map(canon).str.strip()
    qual["realisasi"] = qual["teks"].where(qual["teks"].ne(""), None).astype(object)
    for skala, rows in qual.groupby("skala"):
        if skala not in pk.ordinal:
            continue
        labels = list(pk.ordinal[skala].nilai)
        lookup = {lab.casefold(): lab for lab in labels}
        mapped = rows["teks"].str.casefold().map(lookup)
        bad = mapped.isna() & rows["teks"].ne("")
        qual.loc[rows.index, "realisasi"] = mapped.where(mapped.notna(), None).astype(object)
        out.emit(
            "realisasi-tidak-ada-di-skala",
            rows[bad],
            skala=pk.ordinal[skala].nama,
            pilihan=", ".join(labels),
        )
    out.emit("rumus-tanpa-nilai", qual[qual["kind"].eq("rumus")])
    out.emit("realisasi-kosong", qual[qual["teks"].eq("")], apa="indikator ini")
    both = pd.concat([numeric, qual, _check_rasio(inp, pk, rasio_kode, out)])
    return both[["i", "kode", "unit", "realisasi", "shown", "lembar", "sel"]]


def _check_rasio(
    inp: pd.DataFrame, pk: PerjanjianKinerja, rasio_kode: set[str], out: Findings
) -> pd.DataFrame:
    """Pembilang and penyebut cells of the counts rows → realisasi = p / q × pengali
    (unrounded), reported on the pembilang cell as "p/q"."""
    cols = ["i", "kode", "unit", "realisasi", "shown", "lembar", "sel"]
    parts = inp[inp["field"].isin(["pembilang", "penyebut"]) & inp["kode"].isin(rasio_kode)]
    if parts.empty:
        return pd.DataFrame(columns=cols)
    ind = pk.indikator[["kode", "satuan", "pengali"]]
    frame = _numbers(parts.merge(ind, on="kode", how="left"), "realisasi", out, "14")
    out.emit("realisasi-kosong", frame[frame["status"].eq("kosong")], apa="indikator ini")
    value = frame["nilai"]
    out.emit(
        "realisasi-negatif",
        frame[value.lt(0)].assign(shown=value[value.lt(0)].map(_terbaca)),
        satuan="@satuan",
    )
    num = frame[frame["field"].eq("pembilang")]
    den = frame[frame["field"].eq("penyebut")][["i", "kode", "nilai", "sel", "shown", "kolom"]]
    pair = num.merge(den, on=["i", "kode"], suffixes=("", "_q"))
    p, q = pair["nilai"], pair["nilai_q"]
    nol = pair[q.eq(0)]
    out.emit(
        "penyebut-nol", nol.assign(sel=nol["sel_q"], shown=nol["shown_q"], kolom=nol["kolom_q"])
    )
    persen = pd.Series(pengali_bawaan(pair["satuan"]) == 100, index=pair.index)
    over = persen & p.gt(q) & q.gt(0)
    out.emit("pembilang-melebihi-penyebut", pair[over], harapan="@shown_q")
    factor = (
        pair["pengali"]
        .astype(float)
        .where(pair["pengali"].astype(float).notna(), pd.Series(pengali_bawaan(pair["satuan"])))
    )
    ok = p.ge(0) & q.gt(0)
    hasil = (p / q.where(ok) * factor).where(ok)
    pair = pair.assign(
        realisasi=hasil.astype(object).where(hasil.notna(), None),
        shown=pair["shown"] + "/" + pair["shown_q"],
    )
    return pair[cols]


def _check_anggaran(inp: pd.DataFrame, pk: PerjanjianKinerja, out: Findings) -> pd.DataFrame:
    rows = inp[inp["field"].eq("realisasi_anggaran")].merge(
        pk.program[["kode", "pagu"]], on="kode", how="left"
    )
    frame = _numbers(rows, "anggaran", out, "24800000")
    value = frame["nilai"]
    out.emit(
        "anggaran-kosong",
        frame[frame["status"].eq("kosong")],
        apa="realisasi anggaran program ini",
    )
    out.emit("anggaran-negatif", frame[value.lt(0)])
    total = value + frame["sebelumnya"].astype(float)
    over = total.gt(frame["pagu"].astype(float))
    out.emit(
        "anggaran-melebihi-pagu",
        frame[over].assign(
            total=total[over].map(format_rupiah), pagu_teks=frame["pagu"][over].map(format_rupiah)
        ),
        nilai="@total",
        harapan="@pagu_teks",
    )
    frame = frame.assign(realisasi_anggaran=value.where(value.notna(), None))
    return frame[["i", "kode", "realisasi_anggaran", "shown", "lembar", "sel"]]


def _texts(inp: pd.DataFrame, out: Findings) -> pd.DataFrame:
    """Free-text cells (kendala, bukti dukung, pengisi …) as stripped text, per (file, kode)."""
    text = inp[inp["field"].isin(_TEXT_FIELDS)]
    out.emit("rumus-tanpa-nilai", text[text["kind"].eq("rumus")])
    cleaned = text["shown"].where(text["kind"].ne("rumus"), "").str.strip()
    # a form sent back neutralised leading = + - @ with a quote: take the text back
    cleaned = cleaned.str.replace(r"^'(?=[=+\-@])", "", regex=True)
    text = text.assign(teks=cleaned)
    nama = text[text["field"].eq("pengisi") & text["teks"].eq("")]
    out.emit("pengisi-kosong", nama)
    return text.pivot_table(
        index=["i", "kode"], columns="field", values="teks", aggfunc="first"
    ).reset_index()


def _tampil(text: str) -> str:
    """A canonical cell text as a person reads it: ``15.6`` → ``15,6``."""
    return text.replace(".", ",") if re.fullmatch(r"-?[0-9]+\.[0-9]+", text) else text


def _check_locked(files: list[Dibaca], live: list[int], out: Findings) -> None:
    rows = [(i, files[i].unit, *cell) for i in live for cell in files[i].locked]
    cols = ["i", "unit", "lembar", "sel", "kolom", "asli", "sekarang"]
    frame = pd.DataFrame(rows, columns=cols, dtype=object)
    changed = frame[frame["asli"].astype("str") != frame["sekarang"].astype("str")]
    changed = changed.assign(
        asli=changed["asli"].map(_tampil), sekarang=changed["sekarang"].map(_tampil)
    )
    target = changed["kolom"].astype("str").str.startswith("Target")
    for kode, part in (
        ("target-diubah", changed[target]),
        ("sel-terkunci-diubah", changed[~target]),
    ):
        out.emit(kode, part.assign(kode=""), nilai="@sekarang", harapan="@asli")


def check_values(
    files: list[Dibaca],
    live: list[int],
    pk: PerjanjianKinerja,
    out: Findings,
    notasi: str = "otomatis",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All input and locked cells of the files ``live`` at once → (realisasi, anggaran);
    ``notasi`` (otomatis, id, en) decides ambiguous number texts per file."""
    rows = [(i, files[i].unit, *cell) for i in live for cell in files[i].inputs]
    cols = ["i", "unit", "lembar", "sel", "kolom", "field", "kode", "raw", "sebelumnya"]
    inp = pd.DataFrame(rows, columns=cols, dtype=object)
    inp["kind"] = inp["raw"].map(_kind).astype("str")
    inp["shown"] = inp["raw"].map(canon).astype("str")
    inp = _notasi_berkas(inp, notasi)
    _check_locked(files, live, out)
    real = _check_realisasi(inp, pk, out)
    uang = _check_anggaran(inp, pk, out)
    texts = _texts(inp, out)
    for col in ("kendala", "tindak_lanjut", "bukti_dukung", "keterangan"):
        if col not in texts.columns:
            texts[col] = ""
    real = real.merge(texts, on=["i", "kode"], how="left").rename(
        columns={"shown": "realisasi_teks"}
    )
    uang = uang.merge(texts, on=["i", "kode"], how="left").rename(
        columns={"shown": "realisasi_teks"}
    )
    for frame in (real, uang):
        for col in ("kendala", "tindak_lanjut", "bukti_dukung", "keterangan"):
            frame[col] = frame[col].fillna("").astype("str")
    pengisi = texts[texts["kode"].eq("")].set_index("i")
    for i in live:
        files[i].meta["_pengisi"] = {
            k: str(pengisi.at[i, k]) if i in pengisi.index and k in pengisi.columns else ""
            for k in PENGISI_CELLS
        }
    return real, uang
