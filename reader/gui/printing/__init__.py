"""Printing, print preview and PDF export (clippings books) from the window.

- actions: PrintExport, the menu entries, the print and preview dialogs, the file question; it
  starts each job as a ReadOp on its own reader worker.
- job: the export and print jobs that run there, through reader.export's renderer.
"""

from reader.gui.printing.actions import PrintActions, PrintDialog, PrintExport, PrintPreview, new_printer

__all__ = ["PrintActions", "PrintDialog", "PrintExport", "PrintPreview", "new_printer"]
