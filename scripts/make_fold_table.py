"""Write resources/t2s_chars.txt, the traditional → simplified character table search folds with.

Source: OpenCC's character dictionary TSCharacters.txt (https://github.com/BYVoid/OpenCC,
data/dictionary; Apache License 2.0), as shipped in the wheel of opencc-python-reimplemented
0.1.7 (opencc/dictionary/TSCharacters.txt):

    pip download opencc-python-reimplemented==0.1.7 --no-deps -d /tmp/opencc
    unzip /tmp/opencc/*.whl -d /tmp/opencc/x
    python scripts/make_fold_table.py /tmp/opencc/x/opencc/dictionary/TSCharacters.txt

Only one character to one character is kept (the fold must map every folded character back to
one original character); where OpenCC lists several simplified forms the first, its most common,
is taken, and chains (薴 → 苧 → 苎) are followed to their end so folding twice changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "t2s_chars.txt"
HEADER = """\
# 繁体字 → 简体字（逐字），检索时折叠用（reader/text/fold.py）。由 scripts/make_fold_table.py 生成，勿手改。
# Traditional → simplified, one character to one, for search folding. Generated; do not edit.
# Source: OpenCC data/dictionary/TSCharacters.txt (https://github.com/BYVoid/OpenCC),
# Copyright (c) BYVoid and the OpenCC contributors, Apache License 2.0
# (https://www.apache.org/licenses/LICENSE-2.0), as shipped in opencc-python-reimplemented 0.1.7.
# One-to-many entries keep OpenCC's first (most common) form; chains are resolved.
"""


def read_table(source: Path) -> dict[str, str]:
    """Traditional character → its first simplified form, single characters only."""
    table: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        first = values.split()[0] if values.split() else ""
        if len(key) == 1 and len(first) == 1 and first != key:
            table[key] = first
    return table


def resolve(table: dict[str, str]) -> dict[str, str]:
    """Follow chains to their end (a cycle, which OpenCC does not have, would stop at its start)."""
    resolved: dict[str, str] = {}
    for key in table:
        seen = {key}
        value = table[key]
        while value in table and table[value] not in seen:
            seen.add(value)
            value = table[value]
        if value != key:
            resolved[key] = value
    return resolved


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, help="OpenCC 的 TSCharacters.txt")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    table = resolve(read_table(args.source))
    lines = [f"{key}\t{value}" for key, value in sorted(table.items())]
    args.out.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}：{len(lines)} 个字")
    return 0


if __name__ == "__main__":
    sys.exit(main())
