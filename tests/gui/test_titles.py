"""An untitled article has one name everywhere: the article list, the reading pane and a PDF.

Before reader.archive.formatting the list said '〔图〕志愿者在社区服务。', the pane '图片说明' and
the PDF '图为志愿者在社区服务。' for the same photo. Real widgets (offscreen), a real archive file
and a real PDF read back with pypdf; the expected names are written out here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from archive_helpers import FULL_ISSUE
from pytestqt.qtbot import QtBot

from reader.archive import queries
from reader.archive.db import Archive
from reader.archive.importer import import_issue
from reader.archive.records import ArticleRecord
from reader.export.pdf import export_pdf
from reader.gui.middle.article_model import COL_TITLE, ArticleListModel
from reader.gui.reading.pane import ReadingPane

pytestmark = pytest.mark.gui

PHOTO_NAME = "〔图〕志愿者在社区服务。"
LEAD_IN_LIST = "夯实基层基础 创新治理措施　我区全力打通基层治理“神经末梢”"


@pytest.fixture
def issue_records(archive: Archive) -> list[ArticleRecord]:
    """FULL_ISSUE's articles as the archive gives them: a lead with kicker, a photo, a brief."""
    import_issue(archive, FULL_ISSUE)
    [issue] = queries.issues_on(archive, "2022-07-05")
    return queries.articles(archive, queries.article_ids(archive, issue.id))


def test_the_article_list_names_the_photo_by_its_caption_and_the_lead_with_its_kicker(
    archive: Archive, issue_records: list[ArticleRecord]
) -> None:
    model = ArticleListModel(lambda ids: queries.articles(archive, ids))
    model.set_ids([r.id for r in issue_records])
    titles = [model.index(row, COL_TITLE).data() for row in range(model.rowCount())]
    assert [LEAD_IN_LIST, PHOTO_NAME, "时政简讯"] == titles


def test_the_reading_pane_heads_the_photo_with_the_same_name(
    qtbot: QtBot, issue_records: list[ArticleRecord]
) -> None:
    pane = ReadingPane(12)
    qtbot.addWidget(pane)
    pane.show_article(issue_records[1])
    lines = [line for line in pane.toPlainText().splitlines() if line.strip()]
    assert [PHOTO_NAME, "东昌时讯 · 2022年7月5日 星期二 · 总第1449期 · 第2版"] == lines[:2]


def test_a_pdf_of_the_photo_is_headed_and_titled_with_the_same_name(
    qtbot: QtBot, issue_records: list[ArticleRecord], tmp_path: Path
) -> None:
    out = tmp_path / "photo.pdf"
    export_pdf([issue_records[1]], out)
    reader = pypdf.PdfReader(out)
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    assert text.startswith(PHOTO_NAME + "东昌时讯·2022年7月5日星期二·总第1449期·第2版")
    assert reader.metadata is not None and PHOTO_NAME == reader.metadata.title
