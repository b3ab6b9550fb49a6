"""Pure text: decoding dumps and parsing them into issues. No SQLite, no Qt."""

from reader.text.errors import Cancelled, SourceError
from reader.text.folders import find_sources
from reader.text.load import read_issue
from reader.text.model import Article, DateHint, ParsedIssue

__all__ = ["Article", "Cancelled", "DateHint", "ParsedIssue", "SourceError", "find_sources", "read_issue"]
