"""The shape of ``data-sumber.json`` the roll-up relies on, checked before a figure is read.

A package's data come from an office the Kabupaten does not control: a list where a
number belongs, ``Infinity``, a missing key or a figure of another type must refuse
that package by name (``periksa_isi`` returns the first such key, its value and
why), never stop the roll-up of the others nor become a silent wrong number.
Lists of indicators are checked column by column with pandas.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from kinerja.inti.model import Periode

__all__ = ["KonstantaTidakSahError", "Pelanggaran", "baca_json", "periksa_isi", "tampil"]

#: (key as a path, the value found, why it cannot be used), in Indonesian.
Pelanggaran = tuple[str, Any, str]


class KonstantaTidakSahError(ValueError):
    """``NaN``/``Infinity`` in JSON: Python reads them, the format does not allow them."""


def _tolak_konstanta(name: str) -> Any:
    raise KonstantaTidakSahError(name)


def baca_json(payload: bytes) -> Any:
    """JSON without ``NaN``/``Infinity`` (``KonstantaTidakSahError``); other errors as ``json``'s."""
    return json.loads(payload, parse_constant=_tolak_konstanta)


def tampil(nilai: Any) -> str:
    """A value as shown in a message: JSON, at most 60 characters."""
    try:
        text = json.dumps(nilai, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(nilai)
    return text if len(text) <= 60 else text[:57] + "…"


def _bukan_angka(s: pd.Series) -> pd.Series:
    """True where a value is neither empty (null) nor a finite number or numeric text."""
    jenis_ok = s.map(lambda x: isinstance(x, str | int | float) and not isinstance(x, bool))
    angka = pd.to_numeric(s.where(jenis_ok), errors="coerce").astype(float)
    return s.notna() & (~jenis_ok | ~np.isfinite(angka))


def _bukan_teks(s: pd.Series, *, boleh_kosong: bool = True) -> pd.Series:
    teks = s.map(lambda x: isinstance(x, str))
    return (~teks & s.notna()) if boleh_kosong else (~teks | s.fillna("").eq(""))


def _daftar(items: Any, kunci: str, kolom: dict[str, str]) -> Pelanggaran | None:
    """A list of records: each a dict, each column of ``kolom`` of its kind."""
    if not isinstance(items, list):
        return (kunci, items, "harus berupa daftar")
    if not items:
        return None
    seri = pd.Series(items, dtype=object)
    bukan_dict = ~seri.map(lambda x: isinstance(x, dict))
    if bukan_dict.any():
        i = int(np.flatnonzero(bukan_dict)[0])
        return (f"{kunci}[{i}]", items[i], "harus berupa objek")
    frame = pd.DataFrame.from_records(items)
    for col, jenis in kolom.items():
        if col not in frame.columns:
            return (f"{kunci}[0].{col}", None, "kunci wajib tidak ada")
        s = frame[col].astype(object).where(frame[col].notna(), None)
        hilang = seri.map(lambda x, c=col: c not in x)
        if jenis == "kode":
            salah, alasan = _bukan_teks(s, boleh_kosong=False), "harus teks yang tidak kosong"
        elif jenis == "angka":
            salah, alasan = _bukan_angka(s), "bukan angka yang terhingga"
        else:
            salah, alasan = _bukan_teks(s), "harus teks"
        salah = salah.to_numpy() | hilang.to_numpy()
        if salah.any():
            i = int(np.flatnonzero(salah)[0])
            why = "kunci wajib tidak ada" if hilang.iloc[i] else alasan
            return (f"{kunci}[{i}].{col}", items[i].get(col), why)
    return None


def _objek(d: dict[str, Any], kunci: str, nama: str) -> tuple[Any, Pelanggaran | None]:
    if nama not in d:
        return None, (kunci, None, "kunci wajib tidak ada")
    if not isinstance(d[nama], dict):
        return None, (kunci, d[nama], "harus berupa objek")
    return d[nama], None


def _kantor(k: dict[str, Any]) -> Pelanggaran | None:
    """``hasil.kantor``: capaian a finite number or empty, counts whole numbers ≥ 0."""
    wajib = {"capaian": "angka", "predikat": "teks", "n_valid": "angka", "n_total": "angka"}
    for col, jenis in wajib.items():
        kunci = f"hasil.kantor.{col}"
        if col not in k:
            return (kunci, None, "kunci wajib tidak ada")
        s = pd.Series([k[col]], dtype=object)
        if jenis == "teks" and _bukan_teks(s).iloc[0]:
            return (kunci, k[col], "harus teks")
        if jenis == "angka" and _bukan_angka(s).iloc[0]:
            return (kunci, k[col], "bukan angka yang terhingga")
        if col.startswith("n_") and k[col] is not None:
            n = float(k[col])
            if n < 0 or n != int(n):
                return (kunci, k[col], "harus bilangan bulat 0 atau lebih")
    if not isinstance(k.get("sementara", False), bool):
        return ("hasil.kantor.sementara", k["sementara"], "harus true atau false")
    return None


def periksa_isi(data: dict[str, Any]) -> Pelanggaran | None:
    """The first key of ``data`` the roll-up cannot use, or ``None`` when all can be used."""
    kantor, salah = _objek(data, "kantor", "kantor")
    if salah:
        return salah
    for col in ("kode", "nama"):
        nilai = kantor.get(col)
        if not isinstance(nilai, str) or not nilai.strip():
            return (f"kantor.{col}", nilai, "harus teks yang tidak kosong")
    periode = data.get("periode")
    try:
        Periode.parse(str(periode))
    except Exception:  # any parse failure: the value is named below
        return ("periode", periode, "bukan periode kinerja (misalnya 2025-TW4 atau 2025)")
    if "skala_predikat" in data and not isinstance(data["skala_predikat"], str):
        return ("skala_predikat", data["skala_predikat"], "harus teks")
    if "agregasi" in data and not isinstance(data["agregasi"], dict):
        return ("agregasi", data["agregasi"], "harus berupa objek")
    hasil, salah = _objek(data, "hasil", "hasil")
    if salah:
        return salah
    k, salah = _objek(hasil, "hasil.kantor", "kantor")
    if salah:
        return salah
    salah = _kantor(k)
    if salah:
        return salah
    salah = _daftar(
        data.get("indikator"),
        "indikator",
        {"kode": "kode", "indikator": "teks", "satuan": "teks"},
    )
    if salah:
        return salah
    salah = _daftar(
        hasil.get("indikator", None),
        "hasil.indikator",
        {"kode": "kode", "capaian": "angka", "predikat": "teks"},
    )
    return salah or _target_realisasi(hasil["indikator"])


def _target_realisasi(items: list[dict[str, Any]]) -> Pelanggaran | None:
    """``target``/``realisasi`` of a result (optional: older packages lack them): each a
    number, a text (range, label) or empty."""
    if not items:
        return None
    frame = pd.DataFrame.from_records(items)
    for col in ("target", "realisasi"):
        if col not in frame.columns:
            continue
        s = frame[col].astype(object).where(frame[col].notna(), None)
        teks = s.map(lambda x: isinstance(x, str))
        salah = (_bukan_angka(s) & ~teks).to_numpy()
        if salah.any():
            i = int(np.flatnonzero(salah)[0])
            return (f"hasil.indikator[{i}].{col}", items[i].get(col), "harus angka atau teks")
    return None
