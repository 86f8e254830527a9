"""Reading and writing free-standing tables (CSV/XLSX) for ``kinerja hitung``.

CSV: UTF-8 (with or without BOM; cp1252 as a fallback), separator detected
among comma, semicolon and tab from the header line. Cells are kept as the
text that was written, so the output repeats every input column verbatim.
Writes are atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .atomic import atomic_open
from .catalogue import read_sheet
from .errors import InputError, UsageError

__all__ = ["fixed_2", "read_table", "write_csv_atomic"]


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


def read_table(path: Path) -> pd.DataFrame:
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
            pd.read_excel(path, engine="calamine", dtype=str, keep_default_na=False)
            if (path.stat().st_size)
            else None
        )
        if frame is None:
            raise InputError(f'Berkas "{path.name}" kosong (0 bita): bukan .xlsx yang sah.')
        return frame
    raise UsageError(f'Berkas "{path.name}": hanya .csv atau .xlsx yang dapat dibaca.')


def read_table_checked(path: Path) -> pd.DataFrame:
    """``read_table`` with damaged workbooks translated into an Indonesian error."""
    try:
        return read_table(path)
    except (UsageError, InputError):
        raise
    except Exception as exc:
        if path.suffix.casefold() in (".xlsx", ".xlsm"):
            read_sheet(path, 0)  # raises the translated error
        raise InputError(f'Berkas "{path.name}" tidak dapat dibaca: {exc}') from exc


def fixed_2(values: pd.Series) -> pd.Series:
    """Numbers already rounded to 2 decimals as "96.56" text ("" for NaN), vectorized.

    pandas' ``float_format`` formats cell by cell in Python; integer cents and
    C-level string conversion do the same work about ten times faster.
    """
    x = values.to_numpy(dtype=float)
    missing = np.isnan(x)
    cents = np.rint(np.abs(np.where(missing, 0, x)) * 100).astype(np.int64)
    whole = (cents // 100).astype("U20")
    frac = np.strings.zfill((cents % 100).astype("U2"), 2)
    sign = np.where((x < 0) & (cents > 0), "-", "")
    text = np.strings.add(np.strings.add(np.strings.add(sign, whole), "."), frac)
    return pd.Series(np.where(missing, "", text), index=values.index, dtype=object)


def write_csv_atomic(frame: pd.DataFrame, path: Path, **to_csv) -> None:
    """Write ``frame`` as CSV so that ``path`` is either the old file or the complete new one."""
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        frame.to_csv(handle, index=False, **to_csv)
