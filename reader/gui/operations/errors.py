"""Which failures of an operation are the user's to know, and how they read.

A known error is something the user can act on or must be told (a damaged or locked archive, a
refused backup target, no CJK font, a full disk, a cancel): it has a complete Chinese message.
Anything else is a bug in this program: turning it into a message box would hide it, so the
operation re-raises it on the GUI thread, where it reaches sys.excepthook (a crash report, a
failed test) like any other bug.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from reader.archive.backup import BackupError
from reader.archive.corrections import CorrectionError
from reader.archive.dictionary import DictionaryError
from reader.archive.errors import ArchiveError
from reader.archive.personal import PersonalFileError
from reader.archive.publish import PublishError
from reader.export.errors import ExportError
from reader.gui.messages import open_warning
from reader.text.errors import Cancelled
from reader.text.oserror import describe_os_error

# CorrectionError: a correction that no longer fits the article (the issue was re-imported);
# DictionaryError: a word or word list that cannot be taken; PersonalFileError: the user's own
# file (bookmarks) cannot be written; PublishError: the shared folder cannot take a publish.
KNOWN_ERRORS: tuple[type[BaseException], ...] = (
    ArchiveError,
    PersonalFileError,
    PublishError,
    BackupError,
    ExportError,
    OSError,
    Cancelled,
    CorrectionError,
    DictionaryError,
)


def is_known(error: BaseException) -> bool:
    """True for the failures that become a message; False for a bug."""
    return isinstance(error, KNOWN_ERRORS)


def describe(error: BaseException) -> str:
    """The message for a known error: its own Chinese text, or the OS error in Chinese."""
    if isinstance(error, OSError):
        reason = describe_os_error(error)
        return f"{reason}：{error.filename}" if error.filename else reason
    return str(error)


def warn(parent: QWidget | None, error: BaseException) -> None:
    """The default failure of an operation: a window-modal warning that does not block."""
    if isinstance(error, ArchiveError):
        title = QCoreApplication.translate("operations", "档案错误")
    else:
        title = QCoreApplication.translate("operations", "出错了")
    open_warning(parent, title, describe(error), "operationFailed")
