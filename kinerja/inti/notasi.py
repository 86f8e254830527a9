"""The number notation of a file: Indonesian ("1.234,5") or English ("1,234.5").

Pure core. A text such as "2.400" means 2400 to an Indonesian and 2,4 to an English
reader; ``angka_baca`` refuses it unless told the notation. ``pilih_notasi`` decides it
for one file: given (``id``/``en``), or ``otomatis`` from the text cells that show one
notation unambiguously (a decimal comma, "1.234,5", "Rp…,00" for Indonesian; a decimal
point, "1,234.5" for English). Cells that are real numbers (xlsx) are no evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.inti.angka_baca import NAMA_NOTASI, kind_masks
from kinerja.inti.rentang import RENTANG_RE

__all__ = [
    "AMBIGU",
    "EN",
    "ID",
    "NETRAL",
    "NOTASI",
    "Notasi",
    "angka_mesin",
    "dari_mesin",
    "jenis_teks",
    "pilih_notasi",
    "target_mesin",
]

#: The choices of ``--notasi`` (and ``notasi`` in kantor.toml), the default first.
NOTASI = ("otomatis", "id", "en")

_ANGKA = r"(?i)\A\s*-?(?:(?:rp|idr)\.?\s*)?(?P<body>[0-9.,]+)(?:\s*%)?\s*\Z"
_AMBIGU = r"[1-9][0-9]{0,2}[.,][0-9]{3}"
_POLA = {
    "id": r"[0-9]*,[0-9]+|[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}|[1-9][0-9]{0,2}(?:\.[0-9]{3})+,[0-9]+",
    "en": r"[0-9]*\.[0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}|[1-9][0-9]{0,2}(?:,[0-9]{3})+\.[0-9]+",
}
_URAIAN = {
    "id": "Indonesia (titik pemisah ribuan, koma desimal)",
    "en": "Inggris (koma pemisah ribuan, titik desimal)",
}
#: Codes of :func:`jenis_teks`.
NETRAL, ID, EN, AMBIGU = range(4)


def _jenis_body(body: pd.Series) -> np.ndarray:
    """Per number body: NETRAL, ID, EN or AMBIGU."""
    b = body.fillna("")
    ambigu = b.str.fullmatch(_AMBIGU).to_numpy(dtype=bool)
    out = np.full(len(b), NETRAL, dtype=np.int8)
    out[b.str.fullmatch(_POLA["en"]).to_numpy(dtype=bool)] = EN
    out[b.str.fullmatch(_POLA["id"]).to_numpy(dtype=bool)] = ID
    out[ambigu] = AMBIGU
    return out


def _jenis_polos(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Texts of digits with at most one separator and a leading "-" (the common case),
    classified with C-level string functions: (is plain, code)."""
    body = np.strings.lstrip(a, "-")
    n_titik = np.strings.count(body, ".")
    n_koma = np.strings.count(body, ",")
    digits = np.strings.replace(np.strings.replace(body, ".", ""), ",", "")
    polos = np.strings.isdecimal(digits) & (n_titik + n_koma <= 1)
    polos &= np.strings.str_len(a) - np.strings.str_len(body) <= 1
    sep = np.maximum(np.strings.find(body, "."), np.strings.find(body, ","))
    frac = np.strings.str_len(body) - sep - 1
    pecahan = (sep >= 0) & (frac >= 1)
    ambigu = pecahan & (frac == 3) & (sep >= 1) & (sep <= 3) & ~np.strings.startswith(body, "0")
    out = np.full(len(a), NETRAL, dtype=np.int8)
    out[pecahan & (n_titik == 1)] = EN
    out[pecahan & (n_koma == 1)] = ID
    out[ambigu] = AMBIGU
    return polos, out


def jenis_teks(texts: pd.Series) -> np.ndarray:
    """What each text shows: NETRAL, ID, EN or AMBIGU (a number or a range's bounds;
    a range with one Indonesian and one ambiguous bound counts as Indonesian)."""
    t = pd.Series(texts, dtype=object)
    try:
        polos, out = _jenis_polos(np.asarray(t.to_numpy(), dtype=np.dtypes.StringDType()))
    except (UnicodeEncodeError, ValueError):  # e.g. lone surrogates: the regexes only
        polos, out = np.zeros(len(t), dtype=bool), np.full(len(t), NETRAL, dtype=np.int8)
    rest = np.flatnonzero(~polos)
    if not len(rest):
        return out
    r = t.iloc[rest]
    whole = _jenis_body(r.str.extract(_ANGKA)["body"])
    rentang = r.str.extract(RENTANG_RE)
    bounds = [_jenis_body(rentang[c].str.extract(_ANGKA)["body"]) for c in ("lo", "hi")]
    for b in bounds:
        whole = np.where(whole == NETRAL, b, np.where((b != NETRAL) & (b != AMBIGU), b, whole))
    out[rest] = whole
    return out


@dataclass(frozen=True)
class Bukti:
    """A cell that shows a notation: column, file row and its text."""

    kolom: str
    baris: int
    teks: str
    pos: int = 0  # position in its column

    def __str__(self) -> str:
        return f'kolom {self.kolom} baris {self.baris} ("{self.teks}")'


@dataclass(frozen=True)
class Notasi:
    """The notation used for one file and why (``kode`` None: ambiguous cells refused)."""

    kode: str | None
    pilihan: str = "otomatis"
    bukti: dict[str, Bukti] | None = None  # first cell showing each notation
    n_ambigu: int = 0  # ambiguous cells in the file
    asal: str = "--notasi {kode}"  # where a given notation was chosen

    def teks(self) -> str:
        """One Indonesian sentence saying which notation was used."""
        bukti = self.bukti or {}
        if self.kode is not None:
            how = (
                f"dipilih otomatis dari {bukti[self.kode]}"
                if self.pilihan == "otomatis"
                else "sesuai pilihan " + self.asal.format(kode=self.kode)
            )
            lain = "en" if self.kode == "id" else "id"
            if lain in bukti:
                how += f"; perhatikan {bukti[lain]} yang tampak bernotasi {NAMA_NOTASI[lain]}"
            return f"Notasi angka: {_URAIAN[self.kode]}, {how}."
        if not self.n_ambigu:
            return "Notasi angka: tidak perlu ditentukan (tidak ada angka ambigu seperti 2.400)."
        if len(bukti) == 2:
            why = f"campuran: {bukti['id']} bernotasi Indonesia, {bukti['en']} bernotasi Inggris"
        else:
            why = "tidak dapat ditentukan (tidak ada sel berkoma desimal atau bertitik desimal)"
        return (
            f"Notasi angka: {why}; {self.n_ambigu} sel ambigu seperti 2.400 ditolak. "
            "Seragamkan penulisan angka, atau pilih --notasi id (2.400 = dua ribu empat ratus) "
            "atau --notasi en (2.400 = dua koma empat)."
        )


def pilih_notasi(
    pilihan: str,
    kolom: dict[str, pd.Series],
    baris_pertama: int = 2,
    asal: str = "--notasi {kode}",
) -> Notasi:
    """The notation for a file whose number columns are ``kolom`` (name → cells).

    ``pilihan``: ``id``/``en`` are taken as given; ``otomatis`` takes the one notation
    the text cells show, and none (ambiguous cells refused) when they show none or both.
    ``baris_pertama``: the file row of the first cell, to name the evidence; ``asal``:
    where a given notation was chosen, as said in :meth:`Notasi.teks`.
    """
    if pilihan not in NOTASI:
        raise ValueError(f"notasi {pilihan!r}: pilih salah satu dari {', '.join(NOTASI)}")
    bukti: dict[str, Bukti] = {}
    n_ambigu = 0
    for nama, cells in kolom.items():
        arr = cells.to_numpy(dtype=object)
        is_str = kind_masks(arr, cells.notna().to_numpy()).get("str")
        if is_str is None or not is_str.any():
            continue
        rows = np.flatnonzero(is_str)
        codes, uniques = pd.factorize(arr[rows])
        jenis = jenis_teks(pd.Series(uniques, dtype=object))[codes]
        n_ambigu += int((jenis == AMBIGU).sum())
        for kode, code in (("id", ID), ("en", EN)):
            hit = np.flatnonzero(jenis == code)
            if kode not in bukti and len(hit):
                pos = int(rows[hit[0]])
                bukti[kode] = Bukti(nama, pos + baris_pertama, str(arr[pos]).strip(), pos)
    if pilihan != "otomatis":
        return Notasi(pilihan, pilihan, bukti, n_ambigu, asal)
    kode = next(iter(bukti)) if len(bukti) == 1 else None
    return Notasi(kode, pilihan, bukti, n_ambigu, asal)


def angka_mesin(x: float | None) -> str:
    """A number for machines: decimal point, no thousands separator, no exponent, the
    shortest exact text ("2400", "96.875"); never the ambiguous shape of "2.400" (a value
    2.4 with that shape is written "2.4000"). Missing → ""."""
    if x is None or pd.isna(x):
        return ""
    x = float(x)
    text = "0" if x == 0 else np.format_float_positional(x, trim="-")
    return text + "0" if re.fullmatch(r"-?" + _AMBIGU.replace("[.,]", r"\."), text) else text


def target_mesin(lo: float, hi: float, label: str = "") -> str:
    """A resolved target for machines: its label, a number, or a range "2 - 3"."""
    if label:
        return label
    if pd.isna(lo) or lo == hi:
        return angka_mesin(hi)
    return f"{angka_mesin(lo)} - {angka_mesin(hi)}"


def dari_mesin(s: pd.Series) -> pd.Series:
    """Machine number texts ("2400", "96.56") as floats, other cells as they are (labels,
    ranges, and the ambiguous shape "2.400", which no machine table of kinerja writes)."""
    text = s.astype("string")
    plain = text.str.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?").fillna(False)
    plain &= ~text.str.fullmatch("-?" + _AMBIGU.replace("[.,]", r"\.")).fillna(False)
    if not plain.any():
        return s
    return s.astype(object).where(~plain, pd.to_numeric(text.where(plain), errors="coerce"))
