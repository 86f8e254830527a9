"""A notebook cell that fails on purpose shows only the Indonesian message, no traceback.

A ``KinerjaError`` (a parameter that is wrong, a folder that is missing) is a message
for the person at the notebook, not a bug: ``pasang`` makes IPython show it as one red
line with that message. The cell still fails (papermill and ``kinerja jalankan`` stop
there and report it); any other exception keeps its full traceback.
"""

from __future__ import annotations

from typing import Any

from kinerja.inti.errors import KinerjaError

__all__ = ["pasang", "tampilkan"]


def tampilkan(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None
) -> list[str]:
    """IPython custom exception handler: show ``value``'s message, no traceback."""
    stb = [f"\x1b[31m{value}\x1b[0m"]
    shell._showtraceback(etype, value, stb)  # noqa: SLF001  (IPython's own way to show it)
    return stb


def pasang() -> None:
    """In a running IPython kernel, show every ``KinerjaError`` by its message only."""
    try:
        from IPython import get_ipython  # noqa: PLC0415  (only inside a kernel)
    except ImportError:  # pragma: no cover - IPython is part of the lab environment
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((KinerjaError,), tampilkan)
