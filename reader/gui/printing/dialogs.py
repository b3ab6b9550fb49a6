"""The print dialog and the print preview, each with the printer it configures.

A module of its own so that the window starts without QtPrintSupport and the PDF renderer
(reader.gui.printing.actions imports this when 打印 or 打印预览 is chosen; issue 26).
"""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from reader.export.pdf import configure_printer


def new_printer() -> QPrinter:
    """A high-resolution printer set up as the renderer expects (A4, margins, colour)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer)
    return printer


class PrintDialog(QPrintDialog):
    """The system print dialog together with the printer it configures.

    QPrintDialog keeps only a pointer to its QPrinter (not a QObject, so no parent can own it);
    a printer held in a caller's local is freed while the dialog still uses it. Here the dialog
    holds it, so the printer lives at least as long as the dialog; a print job that goes on
    after the dialog is gone keeps its own reference (`own_printer`).
    """

    def __init__(self, parent: QWidget) -> None:
        printer = new_printer()
        super().__init__(printer, parent)
        self.own_printer = printer


class PrintPreview(QPrintPreviewDialog):
    """The print preview together with its printer (see PrintDialog): the preview paints on the
    printer until the dialog is deleted, so the dialog owns it."""

    def __init__(self, parent: QWidget) -> None:
        printer = new_printer()
        super().__init__(printer, parent)
        self.own_printer = printer
