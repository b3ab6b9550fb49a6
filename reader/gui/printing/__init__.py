"""Printing, print preview and PDF export (clippings books) from the window.

- actions: PrintExport, the menu entries, the file question; it starts each job as a ReadOp on
  its own reader worker.
- dialogs: the print and preview dialogs with their printers (imported when first opened).
- job: the export and print jobs that run there, through reader.export's renderer.
"""

from reader.gui.printing.actions import PrintActions, PrintExport

__all__ = ["PrintActions", "PrintExport"]
