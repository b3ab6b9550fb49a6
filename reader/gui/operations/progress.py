"""The one progress dialog of long operations, and the handle an operation reports through.

Every long operation shows the same dialog: it appears after a moment even while the work is
still waiting for the writer (Qt's own QProgressDialog waits up to 4 s for a first value and then
shows an empty 0..0 bar late), is a busy bar until the work reports (done, total, text), and then
counts. The work runs on another thread and never touches the dialog: it calls
`OpProgress.update`, which travels to the dialog by queued signal, and asks
`OpProgress.cancelled()`, which the dialog's 取消 button sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reader.archive.interrupt import Interrupter
from reader.gui.plain import plain_label
from reader.text.errors import Cancelled

SHOW_AFTER_MS = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("operations", text)


@dataclass(frozen=True)
class ProgressSpec:
    """How the dialog of one operation reads.

    `step` formats a report as the label: `step.format(done, total, text)`; without it a report's
    text (if any) becomes the label. `cancelling` replaces the label once 取消 is clicked.
    `show_after_ms=0` with an application-modal dialog keeps the user out at once (a repair
    closes the window's connection before the dialog would otherwise appear).
    """

    label: str
    title: str = ""
    name: str = "operationProgress"
    cancellable: bool = True
    cancelling: str | None = None
    step: str | None = None
    modality: Qt.WindowModality = Qt.WindowModality.WindowModal
    show_after_ms: int = SHOW_AFTER_MS


class _Relay(QObject):
    """Carries reports from the worker thread to the GUI thread (a queued signal)."""

    reported = Signal(int, int, str)


class OpProgress:
    """What an operation sees of its progress: report steps, learn that the user cancelled.

    Made on the GUI thread, used from the worker. `interrupter` is the Interrupter the cancel
    sets: work that runs long SQL statements watches its connection with it (see
    reader.archive.interrupt) so a cancel stops the statement too.
    """

    def __init__(self) -> None:
        self.interrupter = Interrupter()
        self._relay = _Relay()

    def update(self, done: int, total: int, text: str = "") -> None:
        """Report `done` of `total` steps (0 of 0: still busy), with an optional name or line."""
        self._relay.reported.emit(done, total, text)

    def cancelled(self) -> bool:
        """True once the user cancelled: the `should_cancel` of the work."""
        return self.interrupter.cancelled()

    def check(self) -> None:
        """Raise Cancelled when the user cancelled (between steps of the work)."""
        if self.cancelled():
            raise Cancelled

    def step(self, done: int, total: int) -> None:
        """The step callback of a copy made page by page (backup, publish): raises Cancelled once
        the user cancelled, which stops the copy (it removes its partial file), else reports."""
        self.check()
        self.update(done, total)

    def cancel(self) -> None:
        self.interrupter.cancel()

    def connect(self, slot: Callable[[int, int, str], None]) -> None:
        """Deliver reports to `slot` on the GUI thread."""
        self._relay.reported.connect(slot, Qt.ConnectionType.QueuedConnection)


class ProgressDialog(QProgressDialog):
    """The progress dialog of one operation; closed and deleted by the operation when it ends."""

    def __init__(self, parent: QWidget | None, spec: ProgressSpec, cancel: Callable[[], None]) -> None:
        super().__init__(spec.label, _tr("取消") if spec.cancellable else "", 0, 0, parent)
        self.setLabel(plain_label(spec.label, self))  # steps name files and archives
        self._spec = spec
        self._ended = False
        self._cancelled = False  # by the button or by the caller (the window closing)
        self.setObjectName(spec.name)
        self.setWindowTitle(spec.title or _tr("请稍候"))
        self.setWindowModality(spec.modality)
        if not spec.cancellable:
            self.setCancelButton(None)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(spec.show_after_ms)
        self.canceled.connect(cancel)
        if spec.show_after_ms <= 0:
            self.show()
        else:
            QTimer.singleShot(spec.show_after_ms, self, self._show_now)

    def _show_now(self) -> None:
        if not self._ended and not self.wasCanceled():
            self.show()

    def report(self, done: int, total: int, text: str) -> None:
        """A step of the work: the bar counts, the label says which."""
        if self._ended or self._cancelled or self.wasCanceled():
            return
        if total > 0:
            self.setMaximum(total)
            self.setValue(done)
        if self._spec.step is not None and total > 0:
            self.setLabelText(self._spec.step.format(done, total, text))
        elif text:
            self.setLabelText(text)

    def cancelling(self) -> None:
        """The user (or the window closing) cancelled: say so while the work winds down; later
        reports no longer change the label."""
        self._cancelled = True
        if self._spec.cancelling is not None and not self._ended:
            self.setLabelText(self._spec.cancelling)

    def end(self) -> None:
        """The work is over: close now, delete later (a late report or timer finds it ended).

        reset() stops QProgressDialog's own show timer, which would otherwise open the closed
        dialog again if the work ended before it fired."""
        self._ended = True
        self.reset()
        self.close()
        self.deleteLater()
