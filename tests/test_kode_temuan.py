"""The finding catalogues: one per part (intake, validation), every code used is in it,
every entry in it is used, and every template formats with its named fields."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from kinerja.formulir import pesan as pesan_formulir
from kinerja.inti.errors import ERROR, WARNING, JenisTemuan, katalog
from kinerja.validasi import pesan as pesan_validasi

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
#: kebab-case strings in the parts' code that are no finding codes
NOT_CODES = {"utf-8", "belum-selesai", "kt-error", "kt-peringatan"}
#: the sheets whose number problems are one code per sheet (``f"{prefix}-bukan-angka"``)
PREFIXES = ("realisasi", "anggaran")

PARTS = {
    "formulir": (pesan_formulir.KODE, "pesan.py"),
    "validasi": (pesan_validasi.ATURAN, "pesan.py"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            out.add(id(first.value))
    return out


def codes_used(part: str, catalogue_module: str) -> set[str]:
    """Every kebab-case string in the part's modules but its catalogue; an f-string
    ``f"{prefix}-suffix"`` stands for the code of each sheet prefix."""
    used: set[str] = set()
    for path in sorted((ROOT / "kinerja" / part).glob("*.py")):
        if path.name == catalogue_module:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in docs and CODE.match(node.value):
                    used.add(node.value)
            elif isinstance(node, ast.JoinedStr) and len(node.values) == 2:
                head, tail = node.values
                if (
                    isinstance(head, ast.FormattedValue)
                    and isinstance(tail, ast.Constant)
                    and CODE.match(f"x{tail.value}")
                ):
                    used.update(f"{prefix}{tail.value}" for prefix in PREFIXES)
    return used - NOT_CODES


@pytest.mark.parametrize("part", PARTS)
def test_every_code_used_is_catalogued_and_every_entry_is_used(part):
    catalogue, module = PARTS[part]
    used = codes_used(part, module)
    assert used - set(catalogue) == set(), "codes used but not in the catalogue"
    assert set(catalogue) - used == set(), "catalogue entries no code of the part uses"


@pytest.mark.parametrize("part", PARTS)
def test_every_template_formats_with_its_fields(part):
    catalogue, _ = PARTS[part]
    for kode, jenis in catalogue.items():
        assert jenis.kode == kode and CODE.match(kode)
        assert jenis.tingkat in (ERROR, WARNING)
        sample = {name: f"<{name}>" for name in jenis.fields}
        pesan = jenis.pesan(sample)
        assert all(f"<{name}>" in pesan for name in jenis.fields), kode
        assert "{" not in pesan and "}" not in pesan, kode


def test_a_catalogue_refuses_a_code_twice_and_unknown_severity():
    a = JenisTemuan("satu-kode", ERROR, "pesan {nilai}.")
    assert a.fields == frozenset({"nilai"})
    with pytest.raises(ValueError, match="dua kali"):
        katalog(a, a)
    with pytest.raises(ValueError, match="tingkat"):
        katalog(JenisTemuan("lain-kode", "fatal", "x"))
    with pytest.raises(KeyError):
        a.pesan({})
