"""Qt's own words (确定, 取消, 打印…) in Chinese: the one lookup of Qt's translation file.

QtCore only, so the self-test can ask the same question the window does without building it.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator

CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
NAMES = ("qtbase", "qt")  # qtbase_zh_CN.qm in Qt 6; qt_zh_CN.qm in older layouts


def translations_folder() -> str:
    """Where Qt (in the bundle: the bundled Qt) keeps its .qm files."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def qt_translator(parent: QObject | None = None) -> QTranslator | None:
    """A translator loaded with Qt's Chinese words, or None when Qt's .qm file is missing."""
    for name in NAMES:
        translator = QTranslator(parent)
        if translator.load(CHINA, name, "_", translations_folder()):
            return translator
    return None


# Words Qt 6 asks for that its own Chinese file lacks or words badly: the file dialog's labels
# moved their accelerator ("&Look in:" where qtbase_zh_CN.qm has "Look in:"), so they stayed
# English under Chinese buttons, and a file's size is 体积 (a body's volume) there.
MISSING_WORDS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileSystemModel", "Size"): "大小",
}


class MissingQtWords(QTranslator):
    """Qt's words `MISSING_WORDS` gives; installed after Qt's own translator, so asked first.

    Any other word must come back as a null string (None), not an empty one: Qt takes every
    non-null answer as the translation, and "" blanked every text of the program."""

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return MISSING_WORDS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False
