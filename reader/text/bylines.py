"""The people a byline names: 「本报记者 张三 通讯员 李四 摄」 → 张三, 李四.

A citation (GB/T 7714's 作者) and a search by author need the names, not the roles, bodies and
marks a paper prints around them. The roles are the parser's own (`shapes.ROLE`), so a credit
the parser recognises is one whose names can be read here.
"""

from __future__ import annotations

import re

from reader.text.shapes import FRAME_MARK, ROLE, credit_of, merge_credits, split_dateline

_ROLE = re.compile(ROLE)
# A closing mark printed onto the last name (张三摄, 李四报道). One written apart (张三 摄, 张三/图)
# is a token of its own and not name-shaped; 文 and 图 are never cut off a name (王建文).
_ATTACHED_MARK = re.compile(r"(?:摄影|摄|供稿|供图|报道|整理|编译)$")
_SEPARATORS = re.compile(r"[\s、，,;；/／]+")
_BRACKETS = re.compile(r"[（()）【】\[\]〔〕]")
# A name: two to four Han characters, or a transliterated one with its middle dot (阿卜杜·热合曼).
_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff]{1,8})$")
_COLON = re.compile(r"[:：]")
# Name-shaped units a credit may name instead of a person (宣传部, 统计局, 团县委, 文明办).
_UNIT_END = re.compile(r"(?:部|局|委|办|厅|处|科|站|所|社|台|组|队|中心|公司|学校)$")


def authors_of(byline: str) -> tuple[str, ...]:
    """The personal names in a byline, in print order, each once; () when it names no person.

    Bodies (区融媒体中心, 宣传部), roles (记者, 通讯员, 文/图) and closing marks (摄, 报道) are
    left out; a token that is not name-shaped (a unit's long name) is left out rather than
    guessed at, so a citation may lack an author but never names a department as one.
    """
    text = FRAME_MARK.sub("", byline.strip())
    text = _BRACKETS.sub(" ", _COLON.sub(" ", text))
    names: list[str] = []
    for part in _SEPARATORS.split(_ROLE.sub(" ", text)):
        trimmed = _ATTACHED_MARK.sub("", part)
        token = trimmed if len(trimmed) >= 2 else part
        if _NAME.match(token) and not _UNIT_END.search(token) and token not in names:
            names.append(token)
    return tuple(names)


def credits_at_start(paragraphs: list[str]) -> tuple[str, str, list[str]]:
    """(dateline, byline, the paragraphs after them) of an article's opening paragraphs, read as
    the parser reads an article's head: a credit line of its own (本报记者 李华), then a dateline
    that opens the text with a credit in brackets (本报讯（记者 王明）近日……). Used where text
    becomes an article without the parser: the part a user splits off an article.
    """
    rest = list(paragraphs)
    credits: list[str] = []
    while rest and (credit := credit_of(rest[0])) is not None:
        credits.append(credit)
        rest = rest[1:]
    dateline = ""
    if rest:
        dateline, bracketed, text = split_dateline(rest[0])
        if dateline:
            credits.append(bracketed)
            rest = [text, *rest[1:]]
    return dateline, merge_credits(*credits), rest
