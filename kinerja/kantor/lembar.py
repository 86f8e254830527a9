"""One sheet of an office workbook as text cells (the PK and realisasi workbooks)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from kinerja.inti.errors import InputError

__all__ = ["read_sheet"]


def read_sheet(path: Path, sheet: str) -> pd.DataFrame:
    """One sheet as text cells (header row 1), read with calamine.

    Translates a non-xlsx, damaged or sheet-less workbook into ``InputError``.
    """
    try:
        frame = pd.read_excel(path, sheet_name=sheet, engine="calamine", dtype=object)
    except FileNotFoundError as exc:
        raise InputError(f'Berkas "{path}" tidak ditemukan.') from exc
    except ValueError as exc:
        if "not found" in str(exc).casefold() or "worksheet" in str(exc).casefold():
            raise InputError(
                f'Berkas "{path.name}" tidak memiliki lembar "{sheet}". Jangan ganti nama lembar.'
            ) from exc
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah: {exc}') from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah atau rusak.') from exc
    except Exception as exc:  # calamine's own error types are not exported
        raise InputError(f'Berkas "{path.name}" bukan .xlsx yang sah atau rusak: {exc}') from exc
    frame.columns = [str(c).strip().casefold() for c in frame.columns]
    return frame
