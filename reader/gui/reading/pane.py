"""The reading pane: one article laid out like a newspaper article, hits highlighted.

Article text is untrusted (it comes from imported files), so every piece goes through
html.escape before it becomes markup; hit spans are index ranges into the original field text
and are applied before escaping, piece by piece.

Every hit carries a named anchor (hit-0, hit-1, …) on its first character, so the pane can find
each hit in the laid-out document, select it and scroll to it (上一处/下一处) without matching
text again: an opened hit stays below the headline when it is on the first screen, else about a
third of the way down, where the eye finds it with its context above.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from urllib.parse import quote, unquote

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QMenu, QStyle, QTextBrowser, QWidget

from reader.archive.formatting import article_source, display_title
from reader.archive.records import ArticleRecord
from reader.gui.line_breaks import unbreakable_source, without_joiners
from reader.gui.metrics import chars_width
from reader.gui.palette import HIT_STYLE, HIT_TAG_CLOSE, HIT_TAG_OPEN, SOURCE_COLOUR
from reader.gui.settings import DEFAULT_FONT_PT, DEFAULT_LINE_SPACING, MAX_FONT_PT, MIN_FONT_PT
from reader.text.bylines import authors_of
from reader.text.snippet import wrap_spans

Span = tuple[int, int]
Highlights = Mapping[str, Sequence[Span]]

HIT_ANCHOR_PREFIX = "hit-"
FIRST_HIT_ANCHOR = f"{HIT_ANCHOR_PREFIX}0"
DEMO_BANNER = (
    "演示报纸：随程序附带的虚构新闻，仅供试用，不可引用。"
    "导入真正的报纸后会自动移除（也可在 文件 菜单中删除）。"
)
DEMO_STYLE = "background-color:#fff3cd; color:#7a4b00; padding:6px; margin:0 0 8px 0;"

READABLE_CHARS = 20  # the narrowest line the pane allows, in characters of its own font
OTHER_COLUMNS_CHARS = 46  # the calendar column and the article list at their narrowest, in window font
DOCUMENT_MARGIN = 24


class _Marker:
    """Numbers hits across fields, each with its anchor (hit-0 first) to find it by."""

    def __init__(self) -> None:
        self.count = 0

    def mark(self, text: str, spans: Sequence[Span]) -> str:
        return wrap_spans(text, spans, self._opening, HIT_TAG_CLOSE, html.escape)

    def _opening(self) -> str:
        anchor = f'<a name="{HIT_ANCHOR_PREFIX}{self.count}"></a>'
        self.count += 1
        return anchor + HIT_TAG_OPEN


AUTHOR_SCHEME = "author"


def linked_names(byline: str) -> str:
    """The byline as HTML with each person it names (reader.text.bylines) a link that searches for
    their articles; roles and bodies stay plain text."""
    text = html.escape(byline)
    for name in authors_of(byline):
        link = f'<a href="{AUTHOR_SCHEME}:{quote(name)}" style="color:#355f8c;">{html.escape(name)}</a>'
        text = text.replace(html.escape(name), link, 1)
    return text


def article_html(
    record: ArticleRecord,
    font_pt: int,
    highlights: Highlights | None = None,
    line_spacing: int = DEFAULT_LINE_SPACING,
) -> str:
    """The article as rich text for QTextBrowser (and for copying as HTML)."""
    spans = highlights or {}
    marker = _Marker()

    def field(name: str) -> str:
        return marker.mark(getattr(record, name) or "", spans.get(name, ()))

    small, large = max(MIN_FONT_PT, font_pt - 2), font_pt + 9
    parts: list[str] = []
    if record.demo:
        banner = html.escape(QCoreApplication.translate("ReadingPane", DEMO_BANNER))
        parts.append(f'<p style="font-size:{small}pt; {DEMO_STYLE}">{banner}</p>')
    if record.kicker:
        parts.append(f'<p style="font-size:{small + 1}pt; color:#444; margin:0;">{field("kicker")}</p>')
    headline = field("headline") if record.headline.strip() else html.escape(display_title(record))
    parts.append(
        f'<p style="font-size:{large}pt; font-weight:bold; margin-top:4px; margin-bottom:4px;">{headline}</p>'
    )
    if record.subtitle:
        parts.append(f'<p style="font-size:{font_pt + 2}pt; margin:0;">——{field("subtitle")}</p>')
    parts.append(
        f'<p style="font-size:{small}pt; color:{SOURCE_COLOUR}; margin-top:10px; margin-bottom:0;">'
        f"{html.escape(unbreakable_source(article_source(record)))}</p>"
    )
    if record.byline:
        byline = field("byline") if spans.get("byline") else linked_names(record.byline)
        parts.append(f'<p style="font-size:{small}pt; color:#555; margin-top:2px;">{byline}</p>')
    parts.append('<hr style="margin:0;"/>')
    body_spans = spans.get("body", ())
    paragraphs = _paragraphs(record.body or "", body_spans)
    indent = round(font_pt * 2 * 96 / 72)  # two characters, in px: Qt reads text-indent in px
    for number, (text, para_spans) in enumerate(paragraphs):
        lead = ""
        if number == 0 and record.dateline:
            lead = f"<b>{field('dateline')}</b>　"
        parts.append(
            f'<p style="font-size:{font_pt}pt; line-height:{line_spacing}%; text-indent:{indent}px; '
            f'margin-top:0; margin-bottom:{font_pt // 2}pt;">{lead}{marker.mark(text, para_spans)}</p>'
        )
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def _paragraphs(body: str, spans: Sequence[Span]) -> list[tuple[str, list[Span]]]:
    """Body split at newlines, each paragraph with its spans made relative to it."""
    result: list[tuple[str, list[Span]]] = []
    offset = 0
    for line in body.split("\n"):
        end = offset + len(line)
        inside = [(max(s, offset) - offset, min(e, end) - offset) for s, e in spans if s < end and e > offset]
        if line.strip():
            result.append((line.strip(), _shift_for_strip(line, inside)))
        offset = end + 1
    return result


def _shift_for_strip(line: str, spans: list[Span]) -> list[Span]:
    cut = len(line) - len(line.lstrip())
    return [(s - cut, e - cut) for s, e in spans]


def _hit_ranges(pane: QTextBrowser) -> list[tuple[int, int]]:
    """(start, end) document positions of each hit, in order: from its anchor to the end of the
    highlighted run, or to the next hit's anchor where two hits touch."""
    starts: dict[int, int] = {}
    runs: list[list[int]] = []
    block = pane.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                for name in fmt.anchorNames():
                    if name.startswith(HIT_ANCHOR_PREFIX) and name[len(HIT_ANCHOR_PREFIX) :].isdigit():
                        starts[int(name[len(HIT_ANCHOR_PREFIX) :])] = fragment.position()
                if fmt.background().style() != Qt.BrushStyle.NoBrush:
                    end = fragment.position() + fragment.length()
                    if runs and runs[-1][1] == fragment.position():
                        runs[-1][1] = end
                    else:
                        runs.append([fragment.position(), end])
            fragments += 1
        block = block.next()
    positions = [starts[n] for n in sorted(starts)]
    ranges: list[tuple[int, int]] = []
    for number, start in enumerate(positions):
        run_end = next((end for begin, end in runs if begin <= start < end), start + 1)
        following = positions[number + 1] if number + 1 < len(positions) else run_end
        ranges.append((start, min(run_end, following)))
    return ranges


class ReadingPane(QTextBrowser):
    """Shows one article; `change_font_size` is bound to Ctrl+= / Ctrl+- by the window, which stores it.

    `hit_changed(current, total)` says which hit is selected (1-based; 0, 0 without hits) each
    time an article is shown or `step_hit` moves.
    """

    font_size_changed = Signal(int)
    article_changed = Signal(object)  # the ArticleRecord shown, or None
    author_clicked = Signal(str)  # a name in the byline was clicked: search for their articles
    hit_changed = Signal(int, int)

    def __init__(self, font_pt: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse  # a byline's names
        )
        self.document().setDocumentMargin(DOCUMENT_MARGIN)
        self._font_pt = font_pt
        self._line_spacing = DEFAULT_LINE_SPACING
        self._record: ArticleRecord | None = None
        self._highlights: Highlights | None = None
        self._ranges: list[tuple[int, int]] = []  # where each hit is in the document
        self._current_hit = -1
        self._context_actions: list[QAction] = []
        self.context_menu: QMenu | None = None  # the last right-click menu (tests look into it)
        font = QFont(self.font())
        font.setPointSize(font_pt)
        self.document().setDefaultFont(font)
        self._keep_readable_width()
        self.show_placeholder(self.tr("在左侧日历上选择一期，或在上方输入关键词检索。"))

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == AUTHOR_SCHEME:
            self.author_clicked.emit(unquote(url.path()))

    @property
    def font_pt(self) -> int:
        return self._font_pt

    @property
    def record(self) -> ArticleRecord | None:
        return self._record

    @property
    def hit_count(self) -> int:
        """How many hits the shown article has highlighted."""
        return len(self._ranges)

    def show_placeholder(self, text: str) -> None:
        self._record = None
        self._highlights = None
        self._ranges = []
        self._current_hit = -1
        self.setHtml(f'<p style="color:#888; margin-top:40px;" align="center">{html.escape(text)}</p>')
        self.article_changed.emit(None)
        self.hit_changed.emit(0, 0)

    def show_article(self, record: ArticleRecord, highlights: Highlights | None = None) -> None:
        """Render the article from its top; with highlights, select the first hit and bring it
        into view below the headline (see the module's docstring)."""
        self._record = record
        self._highlights = highlights
        self._render()
        self.verticalScrollBar().setValue(0)
        self._current_hit = -1
        if self._ranges:
            self._select_hit(0, opening=True)
        self.article_changed.emit(record)
        self.hit_changed.emit(self._current_hit + 1, len(self._ranges))

    def scroll_position(self) -> int:
        """How far the article is scrolled (kept across a newer published snapshot)."""
        return self.verticalScrollBar().value()

    def scroll_to_position(self, position: int) -> None:
        """Scroll back to a `scroll_position()` (as far as the article now reaches)."""
        self.verticalScrollBar().setValue(position)

    def step_hit(self, step: int) -> None:
        """上一处 (-1) / 下一处 (+1): select the neighbouring hit, round from the last to the first."""
        if not self._ranges:
            return
        self._select_hit((self._current_hit + step) % len(self._ranges), opening=False)
        self.hit_changed.emit(self._current_hit + 1, len(self._ranges))

    def _select_hit(self, index: int, *, opening: bool) -> None:
        """Select hit `index`. Opening an article scrolls only when the hit is below the first
        screen; stepping only when the hit is out of view; then the hit goes a third down."""
        start, end = self._ranges[index]
        self._current_hit = index
        bar = self.verticalScrollBar()
        before = bar.value()
        self.setTextCursor(self._selection(index))  # scrolls as little as it can; see below
        top = self._document_y(start, bottom=False)
        bottom = self._document_y(end, bottom=True)
        height = self.viewport().height()
        if opening:
            target = 0 if bottom <= height else top - height // 3
        elif before <= top and bottom <= before + height:
            target = before
        else:
            target = top - height // 3
        bar.setValue(max(0, target))

    def _selection(self, index: int) -> QTextCursor:
        start, end = self._ranges[index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _document_y(self, position: int, *, bottom: bool) -> int:
        """Where the line holding `position` starts (or ends) in the document, in pixels."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        return (rect.bottom() if bottom else rect.top()) + self.verticalScrollBar().value()

    def _render(self) -> None:
        if self._record is None:
            return
        markup = article_html(self._record, self._font_pt, self._highlights, self._line_spacing)
        self.setHtml(markup)
        self._ranges = _hit_ranges(self) if HIT_STYLE in markup else []

    def change_font_size(self, step: int) -> None:
        """Bigger or smaller text, within limits; keeps the reading position roughly."""
        new = max(MIN_FONT_PT, min(MAX_FONT_PT, self._font_pt + step))
        if new == self._font_pt:
            return
        bar = self.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._font_pt = new
        font = QFont(self.document().defaultFont())
        font.setPointSize(new)
        self.document().setDefaultFont(font)
        self._keep_readable_width()
        self._render()
        if 0 <= self._current_hit < len(self._ranges):  # the same hit stays selected
            self.setTextCursor(self._selection(self._current_hit))
        bar.setValue(int(ratio * bar.maximum()))
        self.font_size_changed.emit(new)

    def set_reading_style(self, family: str, line_spacing: int) -> None:
        """The body's font family ('' for the program's own) and line spacing in per cent;
        the shown article is laid out again at the same place."""
        font = QFont(self.document().defaultFont())
        font.setFamilies([family, *self.font().families()] if family else self.font().families())
        bar = self.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.document().setDefaultFont(font)
        self._line_spacing = line_spacing
        self._keep_readable_width()
        self._render()
        bar.setValue(int(ratio * bar.maximum()))

    def reading_family(self) -> str:
        """The family chosen by set_reading_style ('' when none)."""
        families = self.document().defaultFont().families()
        own = self.font().families()
        return families[0] if families and families != own else ""

    @property
    def line_spacing(self) -> int:
        return self._line_spacing

    def readable_width(self) -> int:
        """The pane's narrowest width: READABLE_CHARS characters of its font on a line.

        At a large font on a small screen that could push the window past the screen's edge; then
        it is what the screen leaves beside the other columns, but never less than the readable
        width at the default size."""
        width = self._width_for(self.document().defaultFont())
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return width
        default = QFont(self.document().defaultFont())
        default.setPointSize(DEFAULT_FONT_PT)
        room = screen.availableGeometry().width() - chars_width(self.font(), OTHER_COLUMNS_CHARS)
        return min(width, max(room, self._width_for(default)))

    def _width_for(self, font: QFont) -> int:
        """READABLE_CHARS characters of `font`, the page margins, the frame and a scroll bar."""
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        chrome = 2 * DOCUMENT_MARGIN + 2 * self.frameWidth() + scroll_bar + 2
        return chars_width(font, READABLE_CHARS) + chrome

    def _keep_readable_width(self) -> None:
        self.setMinimumWidth(self.readable_width())

    def paragraph_at_cursor(self) -> int | None:
        """The body paragraph holding the text cursor, counted from 1 in the article's body as
        reader.archive.corrections counts them (blank lines, not shown, still count); None when
        the cursor is above the body."""
        record = self._record
        if record is None:
            return None
        numbers = [n for n, line in enumerate((record.body or "").split("\n"), start=1) if line.strip()]
        block = self.textCursor().blockNumber() - (self.document().blockCount() - len(numbers))
        return numbers[block] if 0 <= block < len(numbers) else None

    def set_context_actions(self, actions: list[QAction]) -> None:
        """Actions on the shown article, added under Qt's 复制 / 全选 in the right-click menu."""
        self._context_actions = list(actions)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Qt's menu plus the article actions; a right click without a selection puts the text
        cursor where it was clicked first, so 从此段拆分 means the paragraph clicked on."""
        if not self.textCursor().hasSelection():
            self.setTextCursor(self.cursorForPosition(event.pos()))
        menu = self.createStandardContextMenu(event.pos())
        if self._context_actions and self._record is not None:
            menu.addSeparator()
            menu.addActions(self._context_actions)
        menu.setObjectName("readingPaneMenu")
        menu.aboutToHide.connect(menu.deleteLater)
        self.context_menu = menu
        menu.popup(event.globalPos())

    def toPlainText(self) -> str:  # Qt's name: the joiners are layout, not text
        return without_joiners(super().toPlainText())

    def toHtml(self) -> str:  # as toPlainText
        return without_joiners(super().toHtml())

    def createMimeDataFromSelection(self) -> QMimeData:  # Ctrl+C of a selection
        mime = super().createMimeDataFromSelection()
        copied = QMimeData()
        if mime.hasText():
            copied.setText(without_joiners(mime.text()))
        if mime.hasHtml():
            copied.setHtml(without_joiners(mime.html()))
        return copied

    def shown_article(self) -> tuple[ArticleRecord, str] | None:
        """The article being read and its text as shown (HTML), for 复制全文; None when none is."""
        if self._record is None:
            return None
        return self._record, self.toHtml()
