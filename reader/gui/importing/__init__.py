"""Importing files and folders into the archive from the window.

- controller: ImportController, one import at a time as an ArchiveOp on the window's writer.
- report: ReportDialog, what the import did, with the conflict and repair buttons.
"""

from reader.gui.importing.controller import ImportController
from reader.gui.importing.report import ReportDialog, report_html

__all__ = ["ImportController", "ReportDialog", "report_html"]
