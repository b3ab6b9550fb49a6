"""书签: the user's saved articles, as one feature folder.

- store: reads through the session's connection, writes through the window's one writer.
- model: the bookmarks as a table (标题, 报名, 日期, 批注), note editing.
- panel: the list with 打开, 删除, 撤销删除, 导出剪报册…, in a dock.
- star: the Ctrl+D star that bookmarks the shown article.
- feature: builds the four for one window and says, by signals, what the window should do.
"""
