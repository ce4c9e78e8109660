#!/usr/bin/env python3
"""Keeps docs/architecture.md true of the code in src/.

Reads the layer order and the table owners from docs/architecture.md (the one source of truth) and
fails when, in a folder of src/ (tests exempt: *_test.cpp and test helpers):
  - an #include names a folder that is not below it in the layer order (or another folder's detail/);
  - SQL writes (INSERT, UPDATE, DELETE, REPLACE, MERGE) a table the folder does not own;
  - SQL reads (FROM, JOIN) a table the folder neither owns nor declares as a read model;
  - the folder's CMakeLists.txt builds another library than webdpro_<folder>, or links a folder's
    library that is not below it;
and when the document and the tree disagree: a folder of src/ missing from the layers, a table of
the migrations missing from the owner table (or listed but never created).

SQL is found in the string literals of the C++ sources (comments are skipped). Keywords count in
capitals only, as the project writes SQL, so prose such as "removed from stock" is not read as SQL.

Usage: check-architecture.py [--root DIR]   (DIR defaults to the repository holding this script)
Exit status 0 when everything holds, 1 with one line per violation otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field

DOC = os.path.join("docs", "architecture.md")
MIGRATIONS = os.path.join("migrations", "sqlite")


@dataclass
class Architecture:
    layer_of: dict[str, int] = field(default_factory=dict)  # folder -> layer number (1 = lowest)
    owner_of: dict[str, str] = field(default_factory=dict)  # table -> owning folder
    readers_of: dict[str, set[str]] = field(default_factory=dict)  # table -> folders with a read model


def _section_table(text: str, heading: str) -> list[list[str]]:
    """The rows (cells stripped) of the first Markdown table under the '## heading' line."""
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().lower() == ("## " + heading).lower())
    except StopIteration:
        raise SystemExit(f"check-architecture: {DOC} has no '## {heading}' section")
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        stripped = line.strip()
        if stripped.startswith("## "):
            break
        if not stripped.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
            continue
        rows.append(cells)
    if len(rows) < 2:
        raise SystemExit(f"check-architecture: the '## {heading}' section of {DOC} has no table")
    return rows[1:]  # without the header row


def _names(cell: str) -> list[str]:
    """Backticked names in a cell: "`orders`, `delivery`" -> ["orders", "delivery"]; "—" -> []."""
    return re.findall(r"`([a-z_][a-z0-9_]*)`", cell)


def read_architecture(root: str) -> Architecture:
    with open(os.path.join(root, DOC), encoding="utf-8") as f:
        text = f.read()
    arch = Architecture()
    for row in _section_table(text, "Layers"):
        number = int(row[0])
        for folder in _names(row[1]):
            if folder in arch.layer_of:
                raise SystemExit(f"check-architecture: folder {folder} is in two layers of {DOC}")
            arch.layer_of[folder] = number
    for row in _section_table(text, "Tables"):
        tables = _names(row[0])
        owners = _names(row[1])
        if len(tables) != 1 or len(owners) != 1:
            raise SystemExit(f"check-architecture: a row of the tables of {DOC} needs one table and one owner: {row}")
        table = tables[0]
        if table in arch.owner_of:
            raise SystemExit(f"check-architecture: table {table} is listed twice in {DOC}")
        arch.owner_of[table] = owners[0]
        arch.readers_of[table] = set(_names(row[2])) if len(row) > 2 else set()
    return arch


# --- C++ sources -------------------------------------------------------------------------------

_RAW_OPEN = re.compile(r'(?:u8|u|U|L)?R"([^()\\ ]{0,16})\(')


def string_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal, comments skipped; adjacent literals are joined."""
    out: list[tuple[int, str]] = []
    i, n, line = 0, len(source), 1
    last_end = -1  # index just past the previous literal, to join "a" "b"
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += source.count("\n", i, end)
            i = end
        elif c == "'" and not (i > 0 and (source[i - 1].isalnum())):  # char literal, not a digit separator
            j = i + 1
            while j < n and source[j] != "'":
                j += 2 if source[j] == "\\" else 1
            i = j + 1
        elif (m := _RAW_OPEN.match(source, i)) and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] == "_")):
            close = ")" + m.group(1) + '"'
            body_start = m.end()
            end = source.find(close, body_start)
            end = n if end < 0 else end
            _append(out, line, source[body_start:end], last_end, source, i)
            line += source.count("\n", i, end)
            i = end + len(close)
            last_end = i
        elif c == '"':
            j = i + 1
            buf = []
            while j < n and source[j] != '"':
                if source[j] == "\\" and j + 1 < n:
                    buf.append(source[j : j + 2])
                    j += 2
                else:
                    buf.append(source[j])
                    j += 1
            _append(out, line, "".join(buf), last_end, source, i)
            i = j + 1
            last_end = i
        else:
            i += 1
    return out


def _append(out: list[tuple[int, str]], line: int, text: str, last_end: int, source: str, start: int) -> None:
    if out and last_end >= 0 and source[last_end:start].strip() == "":
        out[-1] = (out[-1][0], out[-1][1] + text)
    else:
        out.append((line, text))


_IDENT = r"([a-z_][a-z0-9_]*)"
_WRITES = [
    re.compile(r"\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\s+" + _IDENT),
    re.compile(r"\bREPLACE\s+INTO\s+" + _IDENT),
    re.compile(r"\bUPDATE\s+(?:OR\s+[A-Z]+\s+)?" + _IDENT),
    re.compile(r"\bDELETE\s+FROM\s+" + _IDENT),
    re.compile(r"\bMERGE\s+INTO\s+" + _IDENT),
]
_READS = [
    re.compile(r"(?<!DELETE )\bFROM\s+" + _IDENT),
    re.compile(r"\bJOIN\s+" + _IDENT),
]


def sql_uses(text: str, tables: set[str]) -> tuple[set[str], set[str]]:
    """(tables written, tables read) by SQL in one string; only names of real tables count."""
    flat = re.sub(r"\s+", " ", text)
    written = {m.group(1) for rx in _WRITES for m in rx.finditer(flat)} & tables
    read = {m.group(1) for rx in _READS for m in rx.finditer(flat)} & tables
    return written, read


_INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_][a-z0-9_]*)/([^"]+)"', re.M)


def is_test_file(path: str) -> bool:
    name = os.path.basename(path)
    return name.endswith("_test.cpp") or name.startswith("test_") or name.endswith("_test_util.hpp")


def migration_tables(root: str) -> set[str]:
    tables: set[str] = set()
    folder = os.path.join(root, MIGRATIONS)
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".sql"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            sql = f.read()
        sql = re.sub(r"--[^\n]*", "", sql)
        statement = re.compile(
            r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<create>[a-z_][a-z0-9_]*)"
            r"|\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?P<drop>[a-z_][a-z0-9_]*)"
            r"|\bALTER\s+TABLE\s+(?P<old>[a-z_][a-z0-9_]*)\s+RENAME\s+TO\s+(?P<new>[a-z_][a-z0-9_]*)",
            re.I)
        for m in statement.finditer(sql):  # in order: a table may be rebuilt under a new name
            if m.group("create"):
                tables.add(m.group("create"))
            elif m.group("drop"):
                tables.discard(m.group("drop"))
            else:
                tables.discard(m.group("old"))
                tables.add(m.group("new"))
    return tables


def check(root: str) -> list[str]:
    arch = read_architecture(root)
    problems: list[str] = []
    src = os.path.join(root, "src")
    folders = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))

    for folder in folders:
        if folder not in arch.layer_of:
            problems.append(f"src/{folder}: not in the layers of {DOC}")
    tables = migration_tables(root)
    for table in sorted(tables - arch.owner_of.keys()):
        problems.append(f"{MIGRATIONS}: table {table} has no owner in {DOC}")
    for table in sorted(arch.owner_of.keys() - tables):
        problems.append(f"{DOC}: table {table} is not created by any migration")
    for table, owner in sorted(arch.owner_of.items()):
        for name in [owner, *sorted(arch.readers_of[table])]:
            if name not in arch.layer_of:
                problems.append(f"{DOC}: table {table} names {name}, which is not in the layers")

    for folder in folders:
        if folder not in arch.layer_of:
            continue
        layer = arch.layer_of[folder]
        for dirpath, _, names in os.walk(os.path.join(src, folder)):
            for name in sorted(names):
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if name == "CMakeLists.txt":
                    problems += check_cmake(rel, path, folder, arch)
                    continue
                if not name.endswith((".cpp", ".hpp")) or is_test_file(path):
                    continue
                with open(path, encoding="utf-8") as f:
                    source = f.read()
                for m in _INCLUDE.finditer(source):
                    target, rest = m.group(1), m.group(2)
                    line = source.count("\n", 0, m.start()) + 1
                    if target == folder or target not in arch.layer_of:
                        continue
                    if arch.layer_of[target] >= layer:
                        problems.append(
                            f"{rel}:{line}: includes {target}/{rest}, but {target} (layer "
                            f"{arch.layer_of[target]}) is not below {folder} (layer {layer})")
                    elif rest.startswith("detail/"):
                        problems.append(f"{rel}:{line}: includes {target}/{rest}, private to {target}")
                for line, text in string_literals(source):
                    written, read = sql_uses(text, tables)
                    for table in sorted(written):
                        if arch.owner_of.get(table) != folder:
                            problems.append(
                                f"{rel}:{line}: writes table {table}, owned by {arch.owner_of.get(table)}; "
                                f"call the owner's function instead")
                    for table in sorted(read - written):
                        if arch.owner_of.get(table) != folder and folder not in arch.readers_of.get(table, set()):
                            problems.append(
                                f"{rel}:{line}: reads table {table}, owned by {arch.owner_of.get(table)}, "
                                f"without a read model for {folder} in {DOC}")
    return problems


_ADD_LIBRARY = re.compile(r"\badd_library\s*\(\s*([A-Za-z0-9_]+)")
_LINK = re.compile(r"\btarget_link_libraries\s*\(\s*([A-Za-z0-9_]+)([^)]*)\)", re.S)


def check_cmake(rel: str, path: str, folder: str, arch: Architecture) -> list[str]:
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"#[^\n]*", "", f.read())
    problems = []
    own = "webdpro_" + folder
    libraries = _ADD_LIBRARY.findall(text)
    for lib in libraries:
        if lib != own:
            problems.append(f"{rel}: builds library {lib}; a folder builds one library, {own}")
    if own not in libraries and folder != "app":
        problems.append(f"{rel}: does not build {own}")
    for target, args in _LINK.findall(text):
        if target != own:
            continue
        for dep in re.findall(r"\bwebdpro_([a-z_][a-z0-9_]*)\b", args):
            if dep in arch.layer_of and dep != folder and arch.layer_of[dep] >= arch.layer_of[folder]:
                problems.append(f"{rel}: {own} links webdpro_{dep}, which is not below {folder}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Checks src/ against the layers and table owners of docs/architecture.md.")
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = parser.parse_args()
    problems = check(args.root)
    for p in problems:
        print(p)
    if problems:
        print(f"check-architecture: {len(problems)} violation(s) of {DOC}")
        return 1
    print(f"check-architecture: src/ keeps the layers and table owners of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
