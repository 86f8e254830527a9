"""Run one parameterized notebook with papermill, and convert an executed one to HTML.

Load → parameterize → execute → write, the executed notebook saved even when a
cell fails (papermill does that), so the failure can be read where it happened.
Every run uses the ``python3`` kernel (the venv's own), passes parameters raw
(as text, like ``papermill -r``) and shuts the kernel down immediately (a
graceful shutdown sometimes hangs for seconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from kinerja.berkas.atomic import write_atomic
from kinerja.inti.errors import KinerjaError, UsageError
from kinerja.jalankan.langkah import KELUARAN_KERJA

__all__ = [
    "KERNEL",
    "KernelSiap",
    "NotebookError",
    "notebook_parameters",
    "preload",
    "prepare_html",
    "run_notebook",
    "strip_widgets",
    "to_html",
]

KERNEL = "python3"


class NotebookError(KinerjaError):
    """A cell of an executed notebook failed; the executed notebook keeps the error.

    The message (Indonesian) names the notebook, the cell and the error.
    """

    def __init__(
        self,
        notebook: str,
        executed: Path,
        *,
        cell: int | None,
        exec_count: int | None,
        ename: str,
        evalue: str,
        source: str = "",
        line: int | None = None,
    ) -> None:
        self.notebook = notebook
        self.executed = executed
        self.cell = cell
        self.exec_count = exec_count
        self.ename = ename
        self.evalue = evalue
        self.source = source
        self.line = line
        where = []
        if exec_count is not None:
            where.append(f"sel In [{exec_count}]")
        elif cell is not None:
            where.append(f"sel ke-{cell + 1}")
        lines = source.splitlines()
        if line is not None and 1 <= line <= len(lines):
            where.append(f"baris {line} «{lines[line - 1].strip()[:70]}»")
        else:
            first = next((x.strip() for x in lines if x.strip()), "")
            if first:
                where.append(f"«{first[:70]}»")
        lokasi = " ".join(where) or "sebuah sel"
        super().__init__(f'Notebook "{notebook}" gagal pada {lokasi}: {ename}: {evalue}')


class KernelSiap:
    """A ``python3`` kernel started ahead of its notebook, on a thread of its own.

    Starting a kernel (an interpreter importing ipykernel) takes about half a
    second, and the notebook's first imports about as long again; the pipeline
    starts the next stage's kernels, with ``impor`` imported in them, while the
    current stage runs. Used by one ``run_notebook`` call, which then shuts it
    down; ``tutup`` shuts down one that was never used.
    """

    def __init__(self, cwd: Path, impor: tuple[str, ...] = ()) -> None:
        from jupyter_client.manager import AsyncKernelManager  # noqa: PLC0415  (jupyter stack: only when a kernel starts)

        self.km = AsyncKernelManager(kernel_name=KERNEL)
        self._clients: list = []
        make_client = self.km.client

        def client(**kwargs):  # remember the client nbclient makes, to close its channels
            made = make_client(**kwargs)
            self._clients.append(made)
            return made

        self.km.client = client
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._start, args=(cwd, impor), name="kernel-siap", daemon=True
        )
        self._thread.start()

    def _start(self, cwd: Path, impor: tuple[str, ...]) -> None:
        try:
            asyncio.run(self._start_and_import(cwd, impor))
        except BaseException as exc:  # reported when the kernel is taken
            self._error = exc

    async def _start_and_import(self, cwd: Path, impor: tuple[str, ...]) -> None:
        await self.km.start_kernel(cwd=str(cwd), extra_arguments=_KERNEL_ARGS)
        if impor:
            await _import_in(self.km, impor)

    def ambil(self):
        """The started kernel manager, or None when it could not start (papermill starts one)."""
        self._thread.join()
        return None if self._error is not None else self.km

    def tutup(self) -> None:
        """Close the client channels and kill the kernel (idempotent)."""
        self._thread.join()
        for made in self._clients:
            with contextlib.suppress(Exception):
                made.stop_channels()
        self._clients.clear()
        if self.km.has_kernel:  # also after an error: a kernel that started but failed
            # its first import (or whose client timed out) must not outlive its run
            from jupyter_core.utils import run_sync  # noqa: PLC0415  (jupyter stack: only with a kernel)

            # on this thread's own loop (asyncio.run would unset it before it is closed)
            with contextlib.suppress(Exception):
                run_sync(self.km.shutdown_kernel)(now=True)


async def _import_in(km, modules: tuple[str, ...], timeout: float = 120) -> None:
    """Import ``modules`` in the kernel, silently (no output, no execution count).

    What the notebook imports first (pandas, WeasyPrint, matplotlib …) is then
    loaded while the stage before it still runs. A module that fails to import is
    left for the notebook to report, in its cell.
    """
    code = "\n".join(f"try:\n    import {m}\nexcept Exception:\n    pass" for m in modules)
    client = km.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=timeout)
        msg_id = client.execute(code, silent=True, store_history=False)
        while True:
            reply = await client.get_shell_msg(timeout=timeout)
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return
    finally:
        client.stop_channels()


#: ipykernel 7 warns on every start that TCP is unencrypted (local only here);
#: history in memory, as nbclient sets it for kernels it starts.
_KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.hist_file=:memory:"]


def notebook_parameters(path: Path) -> dict[str, dict[str, str]]:
    """The parameters a notebook declares (name → type, default, help), as papermill reads them."""
    import papermill  # noqa: PLC0415  (papermill: ~1 s, kept out of every kernel)

    return {
        name: {
            "type": str(info.get("inferred_type_name", "")),
            "default": str(info.get("default", "")),
            "help": str(info.get("help", "")),
        }
        for name, info in papermill.inspect_notebook(str(path)).items()
    }


def _checked_parameters(source: Path, parameters: Mapping[str, object]) -> dict[str, str]:
    """The parameters as text (``papermill -r``), after refusing any the notebook does not
    declare (papermill only warns about those)."""
    declared = notebook_parameters(source)
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise UsageError(
            f'Parameter tidak dikenal untuk notebook "{source.name}": {", ".join(unknown)}. '
            f"Parameter yang ada: {', '.join(declared) or '(tidak ada)'}."
        )
    return {name: "" if value is None else str(value) for name, value in parameters.items()}


def run_notebook(
    source: Path,
    output: Path,
    parameters: Mapping[str, object],
    *,
    cwd: Path | None = None,
    timeout: float | None = 600,
    kernel: KernelSiap | None = None,
) -> float:
    """Execute ``source`` into ``output`` with ``parameters``; return the seconds it took.

    Every parameter must be declared in the notebook's ``parameters`` cell
    (papermill only warns about unknown ones): an unknown name is a
    ``UsageError``. ``kernel``: a kernel started ahead (``KernelSiap``), shut
    down here once the notebook has run. A failing cell raises ``NotebookError``; ``output`` then
    holds the executed notebook with the error.
    """
    import papermill  # noqa: PLC0415  (papermill: ~1 s, kept out of every kernel)
    from papermill.exceptions import PapermillExecutionError  # noqa: PLC0415  (as above)

    source = Path(source)
    raw = _checked_parameters(source, parameters)
    output.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    km = kernel.ambil() if kernel is not None else None
    try:
        papermill.execute_notebook(
            str(source),
            str(output),
            parameters=raw,
            kernel_name=KERNEL,
            progress_bar=False,
            # the kernel's working folder, never papermill's ``cwd=``: that chdir()s this
            # whole process, and stages run side by side in threads (the process could be
            # left in a staging folder that is then moved away)
            **({"resources": {"metadata": {"path": str(cwd)}}} if cwd else {}),
            shutdown_kernel="immediate",
            extra_arguments=list(_KERNEL_ARGS),
            execution_timeout=timeout,
            **({"km": km} if km is not None else {}),
        )
    except PapermillExecutionError as exc:
        raise NotebookError(
            source.name,
            output,
            cell=exc.cell_index,
            exec_count=exc.exec_count,
            ename=exc.ename,
            evalue=exc.evalue,
            source=exc.source,
            line=_failing_line(exc.traceback, exc.exec_count),
        ) from None
    except (KinerjaError, KeyboardInterrupt):
        raise
    except Exception as exc:  # kernel died, timed out, could not start
        raise NotebookError(
            source.name,
            output,
            cell=None,
            exec_count=None,
            ename=type(exc).__name__,
            evalue=str(exc).strip().splitlines()[-1] if str(exc).strip() else "",
        ) from exc
    finally:
        if kernel is not None:
            kernel.tutup()
        _close_thread_loop()
    return time.perf_counter() - start


def _close_thread_loop() -> None:
    """Close the event loop papermill/nbclient made for a worker thread (stages run side by
    side); a thread's loop is otherwise never closed and leaks its sockets."""
    if threading.current_thread() is threading.main_thread():
        return
    with contextlib.suppress(RuntimeError):
        loop = asyncio.get_event_loop_policy().get_event_loop()
        if not loop.is_running() and not loop.is_closed():
            loop.close()
        asyncio.set_event_loop(None)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _failing_line(traceback: list[str], exec_count: int | None) -> int | None:
    """The line of the failing cell named in the traceback (``Cell In[4], line 7``)."""
    if exec_count is None:
        return None
    pattern = re.compile(rf"Cell In\[{exec_count}\], line (\d+)")
    for entry in traceback or []:
        match = pattern.search(_ANSI.sub("", entry))
        if match:
            return int(match.group(1))
    return None


def strip_widgets(nb) -> None:
    """Remove ``metadata.widgets`` from a notebook and its cells (nbconvert#1731)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("widgets", None)


_local = threading.local()


def _exporter():
    """One HTML exporter per thread (stages may convert side by side)."""
    exporter = getattr(_local, "exporter", None)
    if exporter is None:
        exporter = _local.exporter = _new_exporter()
    return exporter


def preload() -> None:
    """Import papermill and nbconvert now, in the calling (main) thread.

    Importing them for the first time from two threads at once can meet a
    partially initialised ``jupyter_client`` (a circular-import race).
    """
    import nbconvert  # noqa: F401, PLC0415  (loaded on purpose here, in the main thread)
    import papermill  # noqa: F401, PLC0415  (as above)


def prepare_html() -> None:
    """Build this thread's HTML exporter now (imports nbconvert and its templates)."""
    _exporter()


#: The tag of a notebook's cells for a person working in JupyterLab (how to change the
#: parameters and run the cells): left out of the published HTML.
TAG_PETUNJUK_LAB = "petunjuk-lab"


def _new_exporter():
    from nbconvert import HTMLExporter  # noqa: PLC0415  (nbconvert: only when converting)
    from nbconvert.preprocessors import TagRemovePreprocessor  # noqa: PLC0415  (as above)

    exporter = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={TAG_PETUNJUK_LAB}, enabled=True), enabled=True
    )
    return exporter


def _keluaran_terbit(nb, terbit: Path) -> None:
    """Name the published folder where a run's notebook says "keluaran: the work folder"."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if KELUARAN_KERJA in data.get("text/markdown", ""):
                data["text/markdown"] = data["text/markdown"].replace(KELUARAN_KERJA, f"`{terbit}`")


def to_html(executed: Path, html: Path, terbit: Path | None = None) -> Path:
    """Convert an executed notebook to HTML without input cells nor the cells tagged
    ``petunjuk-lab`` (written atomically); ``terbit``: the folder the run publishes into,
    named where the notebook names its work folder."""
    import nbformat  # noqa: PLC0415  (nbformat + jsonschema: only when converting)

    nb = nbformat.read(str(executed), as_version=4)
    strip_widgets(nb)
    if terbit is not None:
        _keluaran_terbit(nb, terbit)
    body, _resources = _exporter().from_notebook_node(nb)
    write_atomic(html, body)
    return html
