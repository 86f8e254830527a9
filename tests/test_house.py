"""The house (style.md §1): layers that import one way, no cycle, small modules.

Read statically from the source (``ast``), so a violation is named by file and line
without importing anything.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kinerja"

#: Bottom to top: a module may import its own layer and the layers below it, never above.
LAYERS = (
    "inti",
    "paths",
    "kantor",
    "berkas",
    "catatan",
    "cetak",
    "ttd",
    "naskah",
    "formulir",
    "validasi",
    "dokumen",
    "sop",
    "arsip",
    "rekap",
    "jalankan",
    "lab",
    "cli",
    "__main__",
)
MAX_LINES = 400

#: Third-party libraries that may be imported inside the function that needs them
#: (heavy to import, or bound to system libraries): style.md §3.
LAZY_ALLOWED = {
    "weasyprint",
    "pyhanko",
    "pyhanko_certvalidator",
    "matplotlib",
    "papermill",
    "nbconvert",
    "nbclient",
    "nbformat",
    "jupyter_client",
    "jupyter_core",
    "ipywidgets",
    "IPython",
    "dask",
    "distributed",
    "segno",
    "pypdf",
    "pdfplumber",
    "cryptography",
    "bagit",
    "playwright",
}


@dataclass(frozen=True)
class Impor:
    modul: str  # importing module, dotted
    target: str  # imported module, dotted (for "from a import b": a.b when a.b is a module)
    baris: int
    di_fungsi: bool


def _dotted(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_dotted(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(modules: dict[str, Path]) -> list[Impor]:
    found: list[Impor] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        top = {id(node) for node in tree.body}
        is_pkg = path.name == "__init__.py"
        for node in ast.walk(tree):
            nested = id(node) not in top
            if isinstance(node, ast.Import):
                found += [Impor(name, a.name, node.lineno, nested) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = name.split(".") if is_pkg else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                for a in node.names:
                    sub = f"{base}.{a.name}"
                    found.append(Impor(name, sub if sub in modules else base, node.lineno, nested))
    return found


MODULES = _modules()
IMPORTS = _imports(MODULES)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _ours(imp: Impor) -> bool:
    return imp.target == "kinerja" or imp.target.startswith("kinerja.")


def test_no_module_imports_a_layer_above_its_own():
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = [
        f"{MODULES[i.modul].relative_to(PACKAGE.parent)}:{i.baris} imports {i.target}"
        for i in IMPORTS
        if _ours(i)
        and _layer(i.target) in rank
        and _layer(i.modul) in rank
        and rank[_layer(i.target)] > rank[_layer(i.modul)]
    ]
    assert upward == []


def test_every_package_is_placed_in_a_layer():
    data_only = {"reference", "templates", "notebooks", "contoh", "__init__"}
    unplaced = sorted({_layer(m) for m in MODULES} - set(LAYERS) - data_only - {"kinerja"})
    assert unplaced == []


def test_no_import_cycle_between_modules():
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for i in IMPORTS:
        if _ours(i) and i.target in MODULES and i.target != i.modul:
            graph[i.modul].add(i.target)
    # a package's __init__ importing its own submodules is not a cycle of behaviour
    graph = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert cycles == []


def test_imports_at_the_top_outside_cli():
    """Only cli/ loads commands lazily; elsewhere only heavy third-party libraries may wait."""
    late = [
        f"{MODULES[i.modul].relative_to(PACKAGE.parent)}:{i.baris} {i.target}"
        for i in IMPORTS
        if i.di_fungsi
        and _layer(i.modul) != "cli"
        and (_ours(i) or i.target.split(".")[0] not in LAZY_ALLOWED)
    ]
    assert late == []


def test_no_run_time_lookup_of_our_own_modules():
    text = {m: p.read_text(encoding="utf-8") for m, p in MODULES.items() if _layer(m) != "cli"}
    found = [
        m
        for m, t in text.items()
        if "import_module(" in t or "__import__(" in t or "find_spec(" in t
    ]
    assert found == []


def test_no_private_name_imported_across_modules():
    found = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kinerja"):
                found += [
                    f"{name}:{node.lineno} {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert found == []


@pytest.mark.parametrize("module", sorted(MODULES), ids=str)
def test_module_stays_small(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines (split it by job)"


def test_inti_loads_no_io_library():
    inti = sorted(m for m in MODULES if _layer(m) == "inti")
    code = (
        "import importlib, sys\n"
        f"for m in {inti!r}: importlib.import_module(m)\n"
        "bad = {'openpyxl', 'sqlite3', 'jinja2', 'weasyprint', 'matplotlib', 'python_calamine',\n"
        "       'papermill', 'pyhanko'}\n"
        "print(sorted(bad & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
