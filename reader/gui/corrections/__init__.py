"""Staff corrections in the window (issue 16): feature (actions, undo stack), dialogs, failed
(未能应用的校订). All writing is reader.archive.corrections on the window's writer."""

from reader.gui.corrections.feature import CorrectionsFeature

__all__ = ["CorrectionsFeature"]
