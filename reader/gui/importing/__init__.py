"""Importing files and folders into the archive from the window.

- controller: ImportController, one import at a time as an ArchiveOp on the window's writer.
- report: ReportDialog, what the import did, with the conflict and repair buttons.
- commands: the window's side, 导入文件… / 导入文件夹… / drops, refusing on a read-only archive
  (imported by the window, not re-exported here: it uses the two above).
"""

from reader.gui.importing.controller import ImportController
from reader.gui.importing.report import ReportDialog, report_html

__all__ = ["ImportController", "ReportDialog", "report_html"]
