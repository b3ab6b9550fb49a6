"""The archive: one SQLite file (sqlite-utils) with schema migrations, import, queries and search.

No Qt here. Modules: db (open_archive, Archive), errors (ArchiveError), migrations, keys (stable
identities), importer (import_issue, import_paths), queries + records (read side), formatting
(how records are named and cited, for every surface), paths (default location), search
(find / search: the public API), search_request (SearchRequest and the sort orders), search_plan
(the SQL that finds a page: expressions, cost model, strategies, tiers), search_index (the index).
"""
