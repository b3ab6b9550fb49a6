"""Article(s) → HTML → QTextDocument → PDF or printer: one renderer for paper and PDF.

QtGui only (QTextDocument, QPdfWriter, QPrinter from QtPrintSupport), never QtWidgets, so the
CLI and a GUI worker thread can both use it. A QGuiApplication must exist (fonts need it): the
CLI calls `fonts.ensure_gui_application()`.

Modules: collect (what to export: keys, bookmarks, search results), errors (ExportError,
ExportCancelled), fonts (CJK font lookup), markup (HTML of articles, title page, contents),
pages (paginating and painting with page-number footers), book (single article or clippings
book, two-pass contents), target (what an export may overwrite, written via a temporary file),
tounicode (text copied out of a PDF is real characters, not radicals), pdf (the entry points:
`export_pdf`, `print_articles`). Titles and source lines come from reader.archive.formatting.
"""
