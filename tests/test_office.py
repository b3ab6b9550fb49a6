"""The office (issue 22), with real processes on real files: the archivist publishes while
colleagues read the shared folder; a colleague's bookmarks outlive every publish; a publish
killed at any moment leaves the previous copy in use and never a half file in sight.

Readers follow the folder the way the window does (reader.gui.session.ArchiveSession: look for
a newer snapshot once per check interval, then read it), and search as the window's search
worker does (a connection of its own to the file the session reads).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from archive_helpers import import_at
from cli_support import REPO
from places import ReadOnlyPlace
from publish_support import ARTICLES_PER_ISSUE, add_issues, grow_and_publish, issue_count, issue_file

from reader.archive import bookmarks
from reader.archive.db import open_archive
from reader.archive.paths import PERSONAL_ENV_VAR
from reader.archive.publish import Grace, prune, publish
from reader.archive.snapshots import newest_snapshot, partial_files, snapshot_of
from reader.gui.session import ArchiveSession

# A colleague's reader: follows the folder, reads the latest issue and searches, until told to
# stop; then prints what it saw. Every read is checked against the snapshot it has open: its
# issue count, the latest issue's number and articles, and a search that finds every article.
READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from reader.archive.db import open_archive
    from reader.archive.search import search
    from reader.archive.snapshots import snapshot_of
    from reader.gui.session import ArchiveSession

    folder, interval, stop = Path(sys.argv[1]), float(sys.argv[2]), Path(sys.argv[3])
    per_issue, progress = int(sys.argv[4]), Path(sys.argv[5])
    session = ArchiveSession(folder)
    session.open()
    checks, errors, wrong, reads = [], [], [], 0
    next_check = time.time() + interval
    while not stop.exists():
        try:
            if time.time() >= next_check:
                started = time.time()
                newer = session.newer_snapshot()
                if newer is not None:
                    session.switch_to(newer.path)
                checks.append((started, snapshot_of(session.path).sequence))
                with progress.open("a") as said:  # when it last checked, for the test to wait on
                    said.write(f"{started}\\n")
                next_check = started + interval
            sequence = snapshot_of(session.path).sequence
            with open_archive(session.path, readonly=True) as own:  # as a search worker does
                issues = own.conn.execute("SELECT count(*) FROM issues").fetchone()[0]
                total = search(own, "消息").total
            latest = session.latest_issue()
            headlines = [a.headline for a in session.articles(session.article_ids(latest.id))]
            expected = [f"第{issues - 1}期第{k}篇" for k in range(per_issue)]
            seen = (session.issue_count(), latest.number, headlines, total)
            if seen != (issues, 1000 + issues - 1, expected, per_issue * issues):
                wrong.append([sequence, issues, list(map(str, seen))])
            reads += 1
        except Exception as error:  # every error is counted and reported, none ends the reader
            errors.append(repr(error))
    print(json.dumps({"checks": checks, "errors": errors[:5], "error_count": len(errors),
                      "wrong": wrong[:5], "reads": reads, "last": snapshot_of(session.path).sequence}))
    """
)

# The archivist: `count` times one more issue and a publish, a pause between; prints when each
# publish was done and what it made.
PUBLISHER = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, "tests")
    from pathlib import Path
    from publish_support import grow_and_publish

    desk, share, dumps = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    count, pause = int(sys.argv[4]), float(sys.argv[5])
    for _ in range(count):
        time.sleep(pause)
        report = grow_and_publish(desk, share, 1, dumps)
        print(json.dumps({"done": time.time(), "snapshot": report.snapshot.name}), flush=True)
    """
)


def start(script: str, *args: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", script, *(str(a) for a in args)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of a file read without changing it (immutable), the connection closed again: the
    read-only folder is unmounted after the test."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def finish(process: subprocess.Popen[str], timeout: float = 300) -> str:
    out, err = process.communicate(timeout=timeout)
    assert 0 == process.returncode, err
    return out


def test_five_readers_follow_ten_publishes_without_an_error_or_a_wrong_count(tmp_path: Path) -> None:
    desk, share, dumps = tmp_path / "desk" / "archive.sqlite3", tmp_path / "share", tmp_path / "dumps"
    add_issues(desk, 3, dumps)
    publish(desk, share)
    stop = tmp_path / "stop"
    interval = 0.5
    said = [tmp_path / f"reader{n}.checks" for n in range(5)]
    readers = [start(READER, share, interval, stop, ARTICLES_PER_ISSUE, path) for path in said]
    try:
        publisher = start(PUBLISHER, desk, share, dumps, 10, interval / 2)
        published = [json.loads(line) for line in finish(publisher).splitlines()]
        last_done = published[-1]["done"]

        def checked_since(path: Path) -> bool:
            return path.exists() and any(float(t) > last_done for t in path.read_text().split())

        deadline = time.monotonic() + 120  # however loaded the machine: every reader checks again
        while not all(checked_since(path) for path in said) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.touch()
    results = [json.loads(finish(reader)) for reader in readers]

    assert 10 == len(published) and 11 == newest_snapshot(share).sequence  # type: ignore[union-attr]
    for seen in results:
        assert (0, []) == (seen["error_count"], seen["wrong"]), seen
        assert seen["reads"] > 10
        assert 11 == seen["last"]
        after = [sequence for started, sequence in seen["checks"] if started > last_done]
        assert after and 11 == after[0], (
            "not on the newest snapshot at the first check after the last publish"
        )
        sequences = [sequence for _started, sequence in seen["checks"]]
        assert sequences == sorted(sequences) and len(set(sequences)) > 2  # moved on, never back


def test_a_readers_bookmarks_on_a_read_only_folder_outlive_three_publishes_and_a_removed_article(
    read_only_place: ReadOnlyPlace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, dumps = tmp_path / "desk" / "archive.sqlite3", tmp_path / "dumps"
    archivist, colleague = tmp_path / "archivist.sqlite3", tmp_path / "colleague.sqlite3"
    monkeypatch.setenv(PERSONAL_ENV_VAR, str(archivist))
    add_issues(desk, 3, dumps)
    publish(desk, read_only_place.source)
    read_only_place.lock()

    monkeypatch.setenv(PERSONAL_ENV_VAR, str(colleague))
    session = ArchiveSession(read_only_place.path)
    session.open()
    try:
        assert session.write_blocker is not None
        issue = session.issues_on("2020-01-03")[0]
        marked = session.articles(session.article_ids(issue.id))
        with open_archive(session.path, readonly=True) as own:  # as the window's writer does
            for n, record in enumerate(marked):
                bookmarks.add(own, record.key, note=f"批注{n}")
        kept = [(b.key, b.note, b.headline) for b in session.bookmarks()]
        assert 3 == len(kept)

        for step in range(3):
            monkeypatch.setenv(PERSONAL_ENV_VAR, str(archivist))
            if step == 1:  # the archivist re-imports issue 2 without its last article
                text = issue_file(dumps, 2).read_text(encoding="utf-8")
                cut = text[: text.index(marked[-1].headline)]
                edited = dumps / "edited" / issue_file(dumps, 2).name
                edited.parent.mkdir(exist_ok=True)
                edited.write_text(cut, encoding="utf-8")
                assert 1 == len(import_at(desk, [edited]).replaced)
                assert publish(desk, read_only_place.source).created
            else:
                grow_and_publish(desk, read_only_place.source, 1, dumps)
            monkeypatch.setenv(PERSONAL_ENV_VAR, str(colleague))
            newer = session.newer_snapshot()
            assert newer is not None
            session.switch_to(newer.path)
            assert kept == [(b.key, b.note, b.headline) for b in session.bookmarks()]

        assert 4 == snapshot_of(session.path).sequence  # type: ignore[union-attr]
        listed = session.bookmarks()
        assert [False, False, True] == [b.deleted for b in listed]  # listed as gone, not dropped
        assert listed[2].headline == marked[-1].headline and "批注2" == listed[2].note
    finally:
        session.close()
    assert [(3,)] == read(colleague, "SELECT count(*) FROM bookmarks")
    for path in sorted(read_only_place.path.iterdir()):  # never published: not in any snapshot
        assert [] == read(path, "SELECT name FROM sqlite_master WHERE name LIKE '%bookmark%'")


# A publish slow enough to be killed inside its copy, its check or its rename: a step of four
# pages and a pause after each (the progress callback is how a caller watches a publish). It says
# when the publish starts (the program is loaded), and how long the publish took.
SLOW_PUBLISH = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.archive.publish import publish

    print("ready", flush=True)
    started = time.monotonic()
    publish(Path(sys.argv[1]), Path(sys.argv[2]), lambda done, total: time.sleep(0.01), step_pages=4)
    print(time.monotonic() - started, flush=True)
    """
)


# A colleague starting the reader again and again while the archivist's publishes are killed:
# each start opens the folder afresh and must get a whole, sound snapshot.
OPENER = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from reader.archive.db import open_archive
    from reader.archive.search import search
    from reader.archive.snapshots import snapshot_of

    folder, stop, per_issue = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    opened, errors, bad, sequences = 0, [], [], []
    while not stop.exists():
        try:
            with open_archive(folder, readonly=True) as archive:
                if snapshot_of(archive.path) is None:
                    bad.append(archive.path.name)
                    continue
                sequences.append(snapshot_of(archive.path).sequence)
                issues = archive.conn.execute("SELECT count(*) FROM issues").fetchone()[0]
                if search(archive, "消息").total != per_issue * issues:
                    bad.append(archive.path.name)
                opened += 1
        except Exception as error:
            errors.append(repr(error))
    print(json.dumps({"opened": opened, "errors": errors[:5], "error_count": len(errors), "bad": bad[:5],
                      "backwards": sum(1 for a, b in zip(sequences, sequences[1:]) if b < a)}))
    """
)


def sound(path: Path) -> bool:
    return [("ok",)] == read(path, "PRAGMA quick_check")


KILLS = 22


def slow_publish(desk: Path, share: Path) -> subprocess.Popen[str]:
    """SLOW_PUBLISH started and loaded: what is left to run is the publish itself."""
    process = start(SLOW_PUBLISH, desk, share)
    assert process.stdout is not None and "ready" == process.stdout.readline().strip()
    return process


def test_a_publish_killed_at_any_moment_leaves_the_previous_copy_in_use_and_no_half_file_chosen(
    tmp_path: Path,
) -> None:
    desk, share, dumps = tmp_path / "desk" / "archive.sqlite3", tmp_path / "share", tmp_path / "dumps"
    add_issues(desk, 40, dumps)
    publish(desk, share)
    took = float(finish(slow_publish(desk, tmp_path / "measure")).strip())
    started = time.monotonic()
    cli = [sys.executable, "-m", "reader", "publish", "--to", str(tmp_path / "measure2"), "--db", str(desk)]
    assert 0 == subprocess.run(cli, cwd=REPO, capture_output=True, check=False).returncode
    whole_cli = time.monotonic() - started
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    stop = tmp_path / "stop"
    opener = start(OPENER, share, stop, ARTICLES_PER_ISSUE)
    kills = inside = completed = 0
    try:
        attempt = 0
        while kills < KILLS and attempt < 3 * KILLS:  # a publish may finish before its kill
            attempt += 1
            add_issues(desk, 1, dumps)
            before = newest_snapshot(share)
            assert before is not None
            if attempt % 3:  # killed while publishing
                command = slow_publish(desk, share)
                time.sleep(rng.uniform(0, took * 1.1))
            else:  # the command line, killed anywhere from its start
                cli[cli.index("--to") + 1] = str(share)
                command = subprocess.Popen(
                    cli, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
                time.sleep(rng.uniform(0, whole_cli * 1.1))
            if command.poll() is None:
                command.send_signal(signal.SIGKILL)
                kills += 1
                inside += bool(partial_files(share))
            command.communicate(timeout=60)
            after = newest_snapshot(share)
            assert after is not None and sound(after.path), f"seed {seed}, attempt {attempt}"
            if after.sequence != before.sequence:
                completed += 1
                assert (before.sequence + 1, issue_count(desk)) == (after.sequence, issue_count(after.path))
    finally:
        stop.touch()
    seen = json.loads(finish(opener))
    assert kills == KILLS, f"only {kills} publishes were killed (seed {seed})"
    assert inside >= 5, f"only {inside} publishes were killed while writing a copy (seed {seed})"
    assert (0, [], 0) == (seen["error_count"], seen["bad"], seen["backwards"]), (seed, seen)
    assert seen["opened"] > 0
    leftovers = partial_files(share)
    assert leftovers and all(snapshot_of(path) is None for path in leftovers)
    prune(share, Grace(stale=dt.timedelta(0)))  # once stale, the next publish clears them away
    assert [] == partial_files(share)
    assert issue_count(desk) == issue_count(publish(desk, share).snapshot)
