"""One way to run work off the UI thread (after Anki's aqt/operations and aqt/taskman).

- taskman: TaskRunner, the worker pool; results come back on the GUI thread by queued signal.
- writer: ArchiveWriter, a window's one writer: one thread, one writable connection for its life.
- op: ArchiveOp / DetachedOp / ReadOp, the builders every long or writing operation goes through.
- progress: the one progress dialog, and OpProgress, the handle the work reports through.
- errors: which failures become a Chinese message; everything else is a bug and is raised.
- changes: Changes, what an operation changed, announced on the window's one ChangeBus.
"""

from reader.gui.operations.changes import ChangeBus, Changes
from reader.gui.operations.op import ArchiveOp, DetachedOp, Operation, ReadOp
from reader.gui.operations.progress import OpProgress
from reader.gui.operations.taskman import TaskRunner
from reader.gui.operations.writer import ArchiveWriter

__all__ = [
    "ArchiveOp",
    "ArchiveWriter",
    "ChangeBus",
    "Changes",
    "DetachedOp",
    "OpProgress",
    "Operation",
    "ReadOp",
    "TaskRunner",
]
