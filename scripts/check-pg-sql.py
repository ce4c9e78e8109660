#!/usr/bin/env python3
"""Every SQL statement of the services must be valid on PostgreSQL, not only on SQLite.

The services write SQL once for both engines, as named constants (`constexpr std::string_view
kName = R"(...)"`). SQLite accepts things PostgreSQL refuses (sum() of a comparison, a subquery in
FROM without an alias, an unqualified column in ON CONFLICT ... DO UPDATE), and such a statement
only fails when its code path runs on PostgreSQL. This check asks PostgreSQL to PREPARE every
complete statement constant in src/ against the migrated schema, so it fails at once.

    check-pg-sql.py SOURCE_DIR WEBDPRO_BINARY PG_STATE_DIR

PG_STATE_DIR is what scripts/pg-cluster.sh start wrote (dsn, bin). A database of its own is
created, migrated with `webdpro migrate`, and dropped at the end.
"""
import os
import re
import subprocess
import sys
import tempfile

# Column lists that the code completes with a FROM or WHERE it appends: not statements alone.
FRAGMENTS = {"kProductColumns", "kOrderColumns"}

CONSTANT = re.compile(
    r'constexpr\s+std::string_view\s+(k\w+)\s*=\s*((?:R"\((?:.*?)\)"\s*|"(?:[^"\\]|\\.)*"\s*)+);', re.S)
PIECE = re.compile(r'R"\((.*?)\)"|"((?:[^"\\]|\\.)*)"', re.S)
STATEMENT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.I)
# The FROM ... tail of a query whose column list the code prepends (kProductColumns): checked as
# SELECT 1 FROM ...
TAIL = re.compile(r"^\s*FROM\b", re.I)
# Where the engines need different text, both sit side by side as kNameSqlite and kNamePostgres;
# only the PostgreSQL one is PostgreSQL's to accept.
SQLITE_ONLY = re.compile(r"Sqlite$")


def statements(source_dir):
    """(file, name, sql) of every complete statement constant of the services."""
    found = []
    for folder, _, files in os.walk(os.path.join(source_dir, "src")):
        for name in sorted(files):
            if not name.endswith((".cpp", ".hpp")) or name.endswith("_test.cpp"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for m in CONSTANT.finditer(text):
                sql = "".join(raw if raw else bytes(quoted, "utf-8").decode("unicode_escape")
                              for raw, quoted in PIECE.findall(m.group(2)))
                if m.group(1) in FRAGMENTS or SQLITE_ONLY.search(m.group(1)):
                    continue
                if STATEMENT.match(sql):
                    found.append((os.path.relpath(path, source_dir), m.group(1), sql))
                elif TAIL.match(sql):
                    found.append((os.path.relpath(path, source_dir), m.group(1), "SELECT 1 " + sql))
    return found


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    source_dir, binary, state = sys.argv[1:]
    with open(os.path.join(state, "dsn")) as f:
        dsn = f.read().strip()
    with open(os.path.join(state, "bin")) as f:
        psql = os.path.join(f.read().strip(), "psql")
    database = "sqlcheck_%d" % os.getpid()

    def run_sql(sql, db=None):
        target = dsn if db is None else dsn + " dbname=" + db
        return subprocess.run([psql, target, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
                              capture_output=True, text=True)

    created = run_sql("CREATE DATABASE " + database)
    if created.returncode != 0:
        print("cannot create the database:", created.stderr.strip(), file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            env = dict(os.environ, WEBDPRO_STORAGE_ENGINE="postgres",
                       WEBDPRO_SECRET_POSTGRES_URL=dsn + " dbname=" + database)
            migrated = subprocess.run([binary, "migrate", "--data-dir", data_dir], env=env,
                                      capture_output=True, text=True)
            if migrated.returncode != 0:
                print("webdpro migrate failed:", migrated.stdout, migrated.stderr, file=sys.stderr)
                return 1
        found = statements(source_dir)
        refused = []
        for path, name, sql in found:
            prepared = run_sql("PREPARE checked AS " + sql, database)
            if prepared.returncode != 0:
                refused.append("%s %s: %s" % (path, name, prepared.stderr.strip().splitlines()[0]))
        for line in refused:
            print(line)
        print("%d of %d statements prepared on PostgreSQL" % (len(found) - len(refused), len(found)))
        if len(found) < 50:
            print("too few statements found: the extraction no longer matches the code", file=sys.stderr)
            return 1
        return 1 if refused else 0
    finally:
        run_sql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % database)


if __name__ == "__main__":
    sys.exit(main())
