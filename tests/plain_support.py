"""Archive text that looks like HTML, an archive full of it, and what Qt displays of a text.

Qt renders text that "looks like" rich text (Qt::mightBeRichText) as HTML wherever the format
is not said: labels, message boxes, every tooltip. `shown` answers what the user then reads, so
a test can check that markup in a headline, a file name or a note appears as written.
"""

from __future__ import annotations

from pathlib import Path

from archive_helpers import make_article, make_issue
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from reader.archive import bookmarks
from reader.archive.db import Archive, open_archive
from reader.archive.importer import import_issue

# A headline or note: bold, a local image, a huge font and a table, each of which Qt would render.
HOSTILE = '<b>粗</b><img src="file:///tmp/x.png"><font size=100>大</font><table><tr><td>表</td></tr></table>'
# The same in a file or publication name: no slash, so no closing tags (Windows allows no < >
# in file names at all: tests naming files so are POSIX only).
HOSTILE_NAME = '<b>粗<img src="x.png"><font size=100>大'
DELETED_HEADLINE = "<i>删</i><font size=100>除</font>"
# A twice-weekly paper (Tuesday, Friday) from 1449 on 2022-07-05: 1451 (07-12) and 1452 (07-15)
# are missing, so the calendar outlines those days with the paper's name in the tooltip.
DAYS = ["07-05", "07-08", "07-12", "07-15", "07-19", "07-22", "07-26", "07-29", "08-02", "08-05"]
MISSING = (1451, 1452)


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt displays for `text` given in `text_format` (AutoText: as a tooltip is given)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def hostile_archive(path: Path) -> Path:
    """An archive whose paper is called HOSTILE_NAME, with an article whose headline, subtitle and
    byline are HOSTILE (bookmarked, note HOSTILE), a bookmark on a deleted article headed
    DELETED_HEADLINE, an undated issue read from a file named HOSTILE_NAME.txt, and gaps."""
    with open_archive(path) as archive:
        for number, day in enumerate(DAYS, start=1449):
            if number in MISSING:
                continue
            articles = [make_article(f"{day}要闻")]
            if number == 1449:
                articles.insert(0, make_article(HOSTILE, subtitle=HOSTILE, byline=HOSTILE))
            if number == 1450:
                articles.insert(0, make_article(DELETED_HEADLINE))
            date = f"2022-{day}"
            import_issue(archive, make_issue(articles, date, number, HOSTILE_NAME, f"{number}.txt"))
        import_issue(
            archive, make_issue([make_article("开发区要闻")], "2022-07-13", 312, "今日开发区", "312.txt")
        )
        undated = make_issue([make_article("无日期的文章")], None, None, None, f"{HOSTILE_NAME}.txt")
        import_issue(archive, undated)
        bookmarks.add(archive, key_of(archive, HOSTILE), note=HOSTILE)
        bookmarks.add(archive, key_of(archive, DELETED_HEADLINE))
        shorter = make_issue([make_article("07-08要闻")], "2022-07-08", 1450, HOSTILE_NAME, "1450.txt")
        assert "replaced" == import_issue(archive, shorter).status  # the bookmarked article goes
    return path


def key_of(archive: Archive, headline: str) -> str:
    """The key of the article with this headline."""
    return str(archive.conn.execute("SELECT key FROM articles WHERE headline = ?", (headline,)).fetchone()[0])


def issue_id_of(path: Path, number: int | None) -> int:
    """The id of the issue with this number (None: the undated one)."""
    with open_archive(path, readonly=True) as archive:
        return int(archive.conn.execute("SELECT id FROM issues WHERE number IS ?", (number,)).fetchone()[0])
