"""Operations in the style of Anki's aqt/operations: say what runs, what follows, how it shows.

    ArchiveOp(parent=window, writer=window.writer, op=lambda archive, progress: ...)
        .success(on_result).failure(on_known_error).with_progress("正在…").run_in_background()

The work runs off the UI thread; `success(result)` and `failure(error)` run on the GUI thread
after the progress dialog (if any) is closed. One error path for all: a known error (see
operations.errors) goes to `failure`, or without one to a window-modal warning; any other
exception is a bug and is raised again on the GUI thread, never shown as a message. A cancel
before the work starts raises Cancelled instead of running it.

Three kinds, by where the work runs: ArchiveOp on the window's writer with its connection,
DetachedOp on the writer with its connection closed, ReadOp on a reader pool (the work opens a
read-only connection of its own if it needs one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reader.archive.db import Archive
from reader.gui.operations.errors import is_known, warn
from reader.gui.operations.progress import SHOW_AFTER_MS, OpProgress, ProgressDialog, ProgressSpec
from reader.gui.operations.taskman import ErrorCallback, TaskRunner
from reader.gui.operations.writer import ArchiveWriter

T = TypeVar("T")
OpT = TypeVar("OpT", bound="Operation[Any]")


def _on_worker(progress: OpProgress, work: Callable[[], T]) -> T:
    """Run `work` on the worker unless cancelled already; a known error leaves its frames here.

    A known error travels to the GUI thread to become a message; its traceback would take the
    work's frames along, and with them objects made on the worker (the renderer's painter and
    text layout, a backup's connection), to be freed on the wrong thread. They are dropped
    here; a bug keeps its traceback for the crash report.
    """
    try:
        progress.check()
        return work()
    except BaseException as error:
        if not is_known(error):
            raise
        cause: BaseException | None = error
        while cause is not None:
            cause.__traceback__ = None
            cause = cause.__cause__ or cause.__context__
        raise error from None


class Operation(Generic[T]):
    """The part every kind shares: callbacks, the progress dialog, the error path, cancel."""

    def __init__(self, parent: QWidget | None) -> None:
        self._parent = parent
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._spec: ProgressSpec | None = None
        self._progress = OpProgress()
        self._dialog: ProgressDialog | None = None
        self._running = False

    def success(self: OpT, fn: Callable[[T], None]) -> OpT:
        """`fn(result)` on the GUI thread once the work returned."""
        self._on_success = fn
        return self

    def failure(self: OpT, fn: Callable[[BaseException], None]) -> OpT:
        """`fn(error)` on the GUI thread for a known error (a bug is raised, never passed here)."""
        self._on_failure = fn
        return self

    def with_progress(
        self: OpT,
        label: str,
        *,
        title: str = "",
        name: str = "operationProgress",
        cancellable: bool = True,
        cancelling: str | None = None,
        step: str | None = None,
        modality: Qt.WindowModality = Qt.WindowModality.WindowModal,
        show_after_ms: int = SHOW_AFTER_MS,
    ) -> OpT:
        """Show the progress dialog while the work waits and runs (see operations.progress)."""
        self._spec = ProgressSpec(label, title, name, cancellable, cancelling, step, modality, show_after_ms)
        return self

    @property
    def running(self) -> bool:
        """True from `run_in_background()` until the callbacks have run."""
        return self._running

    def run_in_background(self: OpT) -> OpT:
        """Queue the work; returns at once. A refused op (the writer or pool was shut down)
        ends at once without callbacks."""
        if self._spec is not None:
            self._dialog = ProgressDialog(self._parent, self._spec, self.cancel)
            self._progress.connect(self._dialog.report)
        self._running = True
        if not self._submit(self._progress, self._done, self._failed):
            self._end()
        return self

    def cancel(self) -> None:
        """Ask the work to stop: `progress.cancelled()` turns true and its interrupter fires."""
        if not self._running:
            return
        self._progress.cancel()
        if self._dialog is not None:
            self._dialog.cancelling()

    def _submit(self, progress: OpProgress, on_done: Callable[[T], None], on_error: ErrorCallback) -> bool:
        raise NotImplementedError

    def _end(self) -> None:
        self._running = False
        if self._dialog is not None:
            self._dialog.end()
            self._dialog = None

    def _done(self, result: T) -> None:
        self._end()
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, error: BaseException) -> None:
        self._end()
        if not is_known(error):
            raise error  # a bug: sys.excepthook, not a message box
        if self._on_failure is not None:
            self._on_failure(error)
        else:
            warn(self._parent, error)


class ArchiveOp(Operation[T]):
    """Work that writes: `op(archive, progress)` on the window's writer, with its connection."""

    def __init__(
        self, *, parent: QWidget | None, writer: ArchiveWriter, op: Callable[[Archive, OpProgress], T]
    ) -> None:
        super().__init__(parent)
        self._writer = writer
        self._op = op

    def _submit(self, progress: OpProgress, on_done: Callable[[T], None], on_error: ErrorCallback) -> bool:
        def work(archive: Archive) -> T:
            return _on_worker(progress, lambda: self._op(archive, progress))

        return self._writer.submit(work, on_done, on_error)


class DetachedOp(Operation[T]):
    """Work in the writer's turn that needs its connection closed: `op(progress)`."""

    def __init__(
        self, *, parent: QWidget | None, writer: ArchiveWriter, op: Callable[[OpProgress], T]
    ) -> None:
        super().__init__(parent)
        self._writer = writer
        self._op = op

    def _submit(self, progress: OpProgress, on_done: Callable[[T], None], on_error: ErrorCallback) -> bool:
        def work() -> T:
            return _on_worker(progress, lambda: self._op(progress))

        return self._writer.submit_detached(work, on_done, on_error)


class ReadOp(Operation[T]):
    """Work that only reads (a PDF export, printing): `op(progress)` on `runner`'s threads."""

    def __init__(self, *, parent: QWidget | None, runner: TaskRunner, op: Callable[[OpProgress], T]) -> None:
        super().__init__(parent)
        self._runner = runner
        self._op = op

    def _submit(self, progress: OpProgress, on_done: Callable[[T], None], on_error: ErrorCallback) -> bool:
        def work() -> T:
            return _on_worker(progress, lambda: self._op(progress))

        return bool(self._runner.submit(work, on_done, on_error))
