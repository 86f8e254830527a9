"""NIP (Perka BKN 22/2007): normalise, check and print a civil servant number."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["format_nip", "nip_problem_messages", "nip_problems", "normalize_nip"]

# ---------------------------------------------------------------------------------------------
# NIP (Perka BKN 22/2007): YYYYMMDD lahir + YYYYMM TMT CPNS + jenis kelamin + urut


def normalize_nip(text: str | int) -> str:
    """Strip a "NIP." prefix, spaces and dots: "NIP. 19610226 201001 2 009" -> 18 digits."""
    s = re.sub(r"\A\s*nip\s*[.:]?", "", str(text), flags=re.IGNORECASE)
    return re.sub(r"[\s.]", "", s)


def _nip_checks(text: str | int) -> list[tuple[str, str]]:
    nip = normalize_nip(text)
    if not re.fullmatch(r"[0-9]{18}", nip):
        if re.fullmatch(r"[0-9]*", nip):
            pesan = f"NIP harus 18 angka, tertulis {len(nip)} angka."
        else:
            pesan = f'NIP harus 18 angka tanpa huruf atau tanda lain, tertulis "{nip}".'
        return [("nip-panjang-salah", pesan)]
    out = []
    lahir_th = int(nip[0:4])
    try:
        if lahir_th < 1900:
            raise ValueError
        dt.date(lahir_th, int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        out.append(("nip-tanggal-lahir-salah", f"Tanggal lahir {nip[0:8]} di NIP tidak sah."))
    tmt_th, tmt_bl = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_bl <= 12 or tmt_th < lahir_th + 18:
        out.append(
            (
                "nip-tmt-salah",
                f"TMT CPNS {nip[8:14]} di NIP tidak sah (bulan 01-12, "
                "paling cepat 18 tahun setelah tahun lahir).",
            )
        )
    if nip[14] not in "12":
        out.append(("nip-jenis-kelamin-salah", f"Digit jenis kelamin {nip[14]} harus 1 atau 2."))
    return out


def nip_problems(text: str | int) -> list[str]:
    """Stable codes of what is wrong with a NIP; empty when valid."""
    return [code for code, _ in _nip_checks(text)]


def nip_problem_messages(text: str | int) -> list[str]:
    """The same problems as :func:`nip_problems`, as Indonesian sentences."""
    return [pesan for _, pesan in _nip_checks(text)]


def format_nip(text: str | int) -> str:
    """Print a NIP as "NIP. 19610226 201001 2 009"; ValueError (Indonesian) when invalid."""
    if problems := nip_problem_messages(text):
        raise ValueError(f'NIP "{str(text).strip()}" tidak sah: ' + " ".join(problems))
    n = normalize_nip(text)
    return f"NIP. {n[0:8]} {n[8:14]} {n[14]} {n[15:18]}"
