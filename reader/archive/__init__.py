"""The archive: one SQLite file (sqlite-utils) with schema migrations, import, queries and search.

No Qt here. Modules: db (open_archive, Archive), errors (ArchiveError), migrations, keys (stable
identities), importer (import_issue, import_paths), queries + records (read side), formatting
(how records are named and cited, for every surface), paths (default location), search /
search_index (full-text search).
"""
