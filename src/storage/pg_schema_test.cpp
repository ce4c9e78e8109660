// The PostgreSQL schema against SQLite's.
