"""The archive: one SQLite file, its schema, import, reading and search.

No Qt here. Modules, by job (docs/architecture.md draws how they depend on each other):

* opening: handle (Archive: the connection and its transactions; imports only leaves), db
  (open_archive, the version checks), files (what the OS is asked about the archive's files),
  errors (ArchiveError), migrations (the data's schema, frozen), meta (the archive's identity
  and write count), paths (the default locations), personal (the user's own file, where
  bookmarks live), holder (who has the archive busy), interrupt (stopping a query), steady
  (reading a file someone rewrites)
* writing: importer (import_paths, the one way in: read, place, write; import_issue),
  placement (which issue a file belongs to), issue_writer (a placed file's rows), sources (an
  issue's files), keys (stable identities), demo (the demo issue), bookmarks, corrections
  (staff corrections, lifted and replayed by the importer), dictionary (the archive's own words
  for the segmenter)
* reading: queries and records (calendar, issues, articles), formatting (how records are named
  and cited, for every surface)
* search: search (find / search, the public API), search_request (SearchRequest and the sort
  orders), search_plan (the SQL that finds a page: expressions, cost model, strategies, tiers),
  search_index (the index, its own version and rebuild), search_tokens (how text becomes tokens)
* care: health (damage check and repair), backup
* the office: publish (read-only copies in a shared folder), snapshots (their names; which is
  the newest)

Plain sqlite3 throughout (docs/archive.md says why sqlite-utils left the program).
"""
