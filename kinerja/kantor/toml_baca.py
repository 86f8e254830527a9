"""Reading a TOML file a person wrote, with Indonesian messages a person can act on.

``tomllib`` says what is wrong in English (``Illegal character '\\n' (at line 18,
column 22)``) and ``bytes.decode`` in Python notation (``b'\\xe9'``). :func:`baca_toml`
reads a file (size, UTF-8 with an optional BOM, syntax) and turns both into one
Indonesian sentence naming the line, the column, the line's text, and what to do;
:func:`sebab_toml` and :func:`sebab_bukan_utf8` give that sentence for a caller that
reads the text itself.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from kinerja.inti.errors import InputError

__all__ = ["baca_toml", "sebab_bukan_utf8", "sebab_toml"]

_LETAK = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)\s*$")
_TUTUP_KUTIP = (
    "tanda kutip penutup teks tidak ada sebelum akhir baris. "
    'Tutup teks dengan tanda kutip yang sama dengan pembukanya, misalnya nama = "…"'
)
_GANDA = (
    "kunci atau bagian ini sudah ditulis sebelumnya di berkas ini. "
    "Hapus salah satunya atau gabungkan isinya"
)
#: tomllib's message (its start) → what is wrong and what to do, in Indonesian.
_SEBAB: tuple[tuple[str, str], ...] = (
    ("Illegal character '\\n'", _TUTUP_KUTIP),
    ("Unterminated string", _TUTUP_KUTIP),
    (
        "Illegal character",
        "ada tanda yang tidak boleh ditulis di sini (misalnya tab atau tanda kendali "
        "di dalam teks). Hapus tanda itu",
    ),
    (
        "Invalid value",
        'nilai tidak sah. Tulis teks di antara tanda kutip ("…"), angka tanpa tanda kutip '
        "(16 atau 5294655000), true/false, atau daftar [ … ]",
    ),
    (
        "Expected '=' after a key",
        'setelah nama kunci harus ada tanda =. Nama kunci tanpa spasi, misalnya nama_pendek = "…"',
    ),
    (
        "Expected newline or end of document",
        "setelah nilai masih ada tulisan lain. Tulis satu kunci per baris; teks yang memuat "
        'spasi atau koma ditulis di antara tanda kutip, misalnya "Jl. Raya No. 1, Muara Labuh"',
    ),
    (
        "Invalid statement",
        "baris ini bukan kunci = nilai, [bagian], [[daftar]] atau komentar (diawali #)",
    ),
    ("Expected ']' at the end", "nama bagian harus ditutup dengan ], misalnya [kantor]"),
    ("Expected ']]' at the end", "nama blok harus ditutup dengan ]], misalnya [[pejabat]]"),
    ("Cannot overwrite a value", _GANDA),
    ("Cannot declare", _GANDA),
    ("Cannot redefine namespace", _GANDA),
    ("Cannot mutate immutable namespace", _GANDA),
    ("Duplicate inline table key", _GANDA),
    (
        "Invalid initial character for a key part",
        "nama kunci diawali tanda yang tidak sah. Nama kunci hanya memuat huruf, angka, "
        "garis bawah (_) dan tanda hubung (-); komentar diawali #",
    ),
    ("Unclosed array", "daftar [ … ] tidak ditutup dengan ]"),
    ("Unclosed inline table", "tabel { … } tidak ditutup dengan } pada baris yang sama"),
    (
        "Unescaped '\\' in a string",
        "garis miring terbalik (\\) di dalam teks bertanda kutip dua harus ditulis dua kali "
        "(\\\\), atau pakai tanda kutip tunggal, misalnya 'C:\\kantor\\tte.p12'",
    ),
    ("Invalid hex value", "kode \\u… di dalam teks tidak sah. Tulis hurufnya langsung"),
    ("Escaped character", "kode \\u… di dalam teks tidak sah. Tulis hurufnya langsung"),
    (
        "Invalid date or datetime",
        "tanggal tidak sah. Tulis tanggal yang ada dalam bentuk TTTT-BB-HH, misalnya "
        '2025-05-15, atau di antara tanda kutip ("15 Mei 2025")',
    ),
)
_SEBAB_LAIN = "penulisan tidak sah menurut aturan TOML"


def _cuplik(baris: str) -> str:
    """The line as shown in a message: tabs as spaces, at most 100 characters."""
    teks = baris.replace("\t", " ").rstrip()
    return teks if len(teks) <= 100 else teks[:99] + "…"


def sebab_toml(exc: tomllib.TOMLDecodeError, teks: str) -> str:
    """Where and why ``teks`` is not valid TOML, in Indonesian: ``di baris 18, kolom 22:
    <what is wrong and what to do>`` followed by the line itself."""
    pesan = str(exc)
    letak = _LETAK.search(pesan)
    inti = pesan[: letak.start()] if letak else pesan
    sebab = next((s for awal, s in _SEBAB if inti.startswith(awal)), _SEBAB_LAIN)
    if letak is None or letak.group(1) is None:
        return f"di akhir berkas: {sebab}."
    no, kolom = int(letak.group(1)), int(letak.group(2))
    baris = teks.splitlines()[no - 1] if no <= len(teks.splitlines()) else ""
    return f"di baris {no}, kolom {kolom}: {sebab}.\n  baris {no}: {_cuplik(baris)}"


def sebab_bukan_utf8(raw: bytes, exc: UnicodeDecodeError) -> str:
    """Where ``raw`` stops being UTF-8, in Indonesian, with the line as it probably reads."""
    awal = raw.rfind(b"\n", 0, exc.start) + 1
    no = raw[: exc.start].count(b"\n") + 1
    akhir = raw.find(b"\n", exc.start)
    baris = raw[awal : akhir if akhir >= 0 else len(raw)].decode("cp1252", "replace")
    huruf = raw[exc.start : exc.start + 1].decode("cp1252", "replace")
    kolom = len(raw[awal : exc.start].decode("utf-8", "replace")) + 1
    return (
        f'di baris {no}, kolom {kolom} ada huruf "{huruf}" yang tidak tersimpan sebagai UTF-8 '
        "(berkas disimpan dengan pengodean lain, misalnya ANSI/Windows-1252).\n"
        f"  baris {no}: {_cuplik(baris)}"
    )


def baca_toml(file: Path, batas: int, nama: str = "kantor.toml") -> dict[str, Any]:
    """The parsed TOML ``file`` (``nama`` is how messages call it): size at most ``batas``
    bytes, UTF-8 (a BOM allowed), valid syntax; ``InputError`` in Indonesian otherwise."""
    size = file.stat().st_size
    if size > batas:
        raise InputError(
            f'Berkas "{file}" berukuran {size:,} bita, di atas batas {batas:,} bita '
            f"untuk {nama}. Pastikan berkas yang ditunjuk memang {nama}."
        )
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f'Berkas "{file}" bukan teks UTF-8: {sebab_bukan_utf8(raw, exc)}\n'
            f"Simpan ulang berkas sebagai UTF-8 (di Notepad: Simpan sebagai… → Pengodean "
            f"UTF-8), lalu ulangi."
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            f'Berkas "{file}" tidak dapat dibaca {sebab_toml(exc, text)}\n'
            f"Perbaiki {nama} di tempat itu, lalu ulangi."
        ) from None
