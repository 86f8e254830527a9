"""Reading and writing free-standing tables (CSV/XLSX) for ``kinerja hitung``.

CSV: UTF-8 (with or without BOM; cp1252 as a fallback), separator detected
among comma, semicolon and tab from the header line. Cells are kept as the
text that was written, so the output repeats every input column verbatim.
XLSX: the first sheet, or (``pilih_lembar``) the first sheet whose header holds the
columns asked for — the roll-up workbook opens with its Ringkasan sheet.
Writes are atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.berkas.atomic import atomic_open
from kinerja.inti.errors import InputError, UsageError
from kinerja.kantor.lembar import read_sheet

__all__ = ["fixed_2", "pilih_lembar", "read_table", "read_table_typed", "write_csv_atomic"]


def _sniff(path: Path) -> tuple[str, str]:
    head = path.read_bytes()[:65536]
    try:
        text = head.decode("utf-8-sig")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a cut multi-byte character
            text = head.decode("cp1252", errors="replace")
            encoding = "cp1252"
        else:
            text = head[: exc.start].decode("utf-8-sig")
            encoding = "utf-8-sig"
    first = text.splitlines()[0] if text else ""
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=counts.get), encoding


def _nama_kolom(c: object) -> str:
    """A header as ``kinerja hitung`` matches it: trimmed, case-folded, spaces as "_"."""
    return str(c).strip().casefold().replace(" ", "_")


def pilih_lembar(path: Path, kolom: tuple[str, ...]) -> int | str:
    """The sheet of an XLSX to read: the first whose header has every one of ``kolom``
    (as ``_nama_kolom``), else the first sheet (whose missing columns are then named).
    0 for a CSV or a file that cannot be opened (``read_table`` then says why)."""
    if path.suffix.casefold() not in (".xlsx", ".xlsm") or not path.is_file():
        return 0
    try:
        with pd.ExcelFile(path, engine="calamine") as book:
            names = book.sheet_names
            for name in names:
                head = pd.read_excel(book, sheet_name=name, nrows=0, dtype=str)
                if set(kolom) <= {_nama_kolom(c) for c in head.columns}:
                    return 0 if name == names[0] else name
    except Exception:  # damaged or not a workbook: read_table_checked names the problem
        return 0
    return 0


def read_table(path: Path, lembar: int | str = 0) -> pd.DataFrame:
    """A CSV or XLSX table with its header row, every cell as text ("" when blank)."""
    if not path.exists():
        raise UsageError(f'Berkas "{path}" tidak ditemukan.')
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        if path.stat().st_size == 0:
            raise InputError(f'Berkas "{path.name}" kosong: tidak ada baris judul.')
        sep, encoding = _sniff(path)
        try:
            return pd.read_csv(
                path,
                sep=sep,
                dtype=str,
                keep_default_na=False,
                encoding=encoding,
                skipinitialspace=False,
            )
        except pd.errors.ParserError as exc:
            raise InputError(f'Berkas "{path.name}" bukan CSV yang sah: {exc}') from exc
    if suffix in (".xlsx", ".xlsm"):
        frame = (
            pd.read_excel(
                path, sheet_name=lembar, engine="calamine", dtype=str, keep_default_na=False
            )
            if (path.stat().st_size)
            else None
        )
        if frame is None:
            raise InputError(f'Berkas "{path.name}" kosong (0 bita): bukan .xlsx yang sah.')
        return frame
    raise UsageError(f'Berkas "{path.name}": hanya .csv atau .xlsx yang dapat dibaca.')


def read_table_checked(path: Path, lembar: int | str = 0) -> pd.DataFrame:
    """``read_table`` with damaged workbooks translated into an Indonesian error."""
    try:
        return read_table(path, lembar)
    except (UsageError, InputError):
        raise
    except Exception as exc:
        if path.suffix.casefold() in (".xlsx", ".xlsm"):
            read_sheet(path, 0)  # raises the translated error
        raise InputError(f'Berkas "{path.name}" tidak dapat dibaca: {exc}') from exc


def read_table_typed(path: Path, lembar: int | str = 0) -> pd.DataFrame | None:
    """An XLSX table read again with its cells' types (numbers stay numbers, so that
    a number cell 2.4 is never the ambiguous text "2.4"/"2.400"); None for a CSV,
    whose cells are all text. Call after ``read_table_checked`` (errors are its)."""
    if path.suffix.casefold() not in (".xlsx", ".xlsm"):
        return None
    return pd.read_excel(
        path, sheet_name=lembar, engine="calamine", dtype=object, keep_default_na=False
    )


def fixed_2(values: pd.Series) -> pd.Series:
    """Numbers already rounded to 2 decimals as "96.56" text ("" for NaN), vectorized.

    Each distinct value is formatted once (capaian repeat a lot), with integer
    cents and C-level string conversion; pandas' ``float_format`` would format
    cell by cell in Python.
    """
    codes, uniques = pd.factorize(values.to_numpy(dtype=float))
    x = np.asarray(uniques, dtype=float)
    if not len(x):  # no numbers at all (numpy's zfill needs one)
        return pd.Series("", index=values.index, dtype=object)
    cents = np.rint(np.abs(x) * 100).astype(np.int64)
    whole = (cents // 100).astype("U20")
    frac = np.strings.zfill((cents % 100).astype("U2"), 2)
    sign = np.where((x < 0) & (cents > 0), "-", "")
    text = np.strings.add(np.strings.add(np.strings.add(sign, whole), "."), frac)
    text = np.append(text.astype(object), "")  # code -1: NaN
    return pd.Series(text[codes], index=values.index, dtype=object)


_CSV_CHUNK = 100_000  # rows per write, as pandas does


@cache
def _csv_quoted_by() -> str:
    """The characters that make the csv module quote a field (pandas writes through it)."""
    found = ""
    for c in ',"\n\r':
        out = io.StringIO()
        csv.writer(out, lineterminator=os.linesep).writerow(["a" + c + "b", "x"])
        found += c if out.getvalue().startswith('"') else ""
    return found


def _csv_column(values: pd.Series, na_rep: str) -> np.ndarray | None:
    """A text column as CSV fields (quoted as the csv module would), or None when it
    holds something other than text; each distinct text is looked at once."""
    arr = values.to_numpy(dtype=object)
    if not isinstance(values.dtype, pd.StringDtype) and pd.api.types.infer_dtype(
        arr, skipna=True
    ) not in ("string", "empty"):
        return None
    try:  # one search over the whole column: most need no quoting
        joined = "".join(arr)
    except TypeError:  # missing cells
        pass
    else:
        if not any(c in joined for c in _csv_quoted_by()):
            return arr
    codes, uniques = pd.factorize(arr)
    try:
        text = np.asarray(uniques, dtype=np.dtypes.StringDType())
    except (UnicodeEncodeError, ValueError):  # lone surrogates: pandas' own writer decides
        return None
    special = np.zeros(len(text), dtype=bool)
    for c in _csv_quoted_by():
        special |= np.strings.find(text, c) >= 0
    if not special.any() and (codes >= 0).all():
        return arr
    fields = np.append(np.asarray(uniques, dtype=object), na_rep)
    quoted = np.strings.replace(text[special], '"', '""')
    fields[np.flatnonzero(special)] = np.strings.add(np.strings.add('"', quoted), '"').astype(
        object
    )
    return fields[codes]


def _csv_fields(frame: pd.DataFrame, na_rep: str) -> list[np.ndarray] | None:
    """Header and columns of an all-text frame as CSV fields; None for other frames."""
    if len(frame.columns) < 2 or not all(isinstance(c, str) for c in frame.columns):
        return None  # (a lone empty field is written as "" by the csv module)
    fields = [_csv_column(pd.Series(list(frame.columns), dtype=object), na_rep)]
    for i in range(len(frame.columns)):
        fields.append(_csv_column(frame.iloc[:, i], na_rep))
    return None if any(f is None for f in fields) else fields


def _csv_lines(fields: list[np.ndarray]) -> Iterator[str]:
    """The CSV text, chunk by chunk, as pandas' ``to_csv(index=False)`` writes it."""
    nl = os.linesep
    header, columns = fields[0], fields[1:]
    yield ",".join(header) + nl
    for a in range(0, len(columns[0]), _CSV_CHUNK):
        rows = zip(*(c[a : a + _CSV_CHUNK] for c in columns), strict=True)
        yield nl.join(map(",".join, rows)) + nl


def write_csv_atomic(frame: pd.DataFrame, path: Path, **to_csv) -> None:
    """Write ``frame`` as CSV so that ``path`` is either the old file or the complete new one.

    A frame of text columns (as ``kinerja hitung`` writes) is joined column-wise, each
    distinct cell quoted once: the same bytes as ``to_csv``, several times faster.
    """
    fields = _csv_fields(frame, to_csv.get("na_rep", "")) if set(to_csv) <= {"na_rep"} else None
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        if fields is None:
            frame.to_csv(handle, index=False, **to_csv)
        else:
            handle.writelines(_csv_lines(fields))
