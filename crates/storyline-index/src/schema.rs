//! The tables of an index, in one SQLite file (`DIR/index.sqlite`).
//!
//! SQLite in WAL mode with `synchronous=FULL`: a committed write survives a
//! crash or `kill -9`, any number of readers work while one writer commits,
//! and the file is readable with standard tools. Article rows are keyed by
//! `seq`, the order of arrival; the user's id is unique beside it.

use rusqlite::Connection;

/// Bumped when a table changes shape; an index of another version is refused.
pub const VERSION: &str = "2";

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per article: what was sent, what cleaning kept, and the figures
-- that choosing an original needs.
CREATE TABLE IF NOT EXISTS articles(
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT, url TEXT, source TEXT, date TEXT, day INTEGER,
    -- weekdays its headline and lead name, one bit each (Monday = 1)
    weekdays INTEGER NOT NULL,
    story INTEGER NOT NULL,
    added_at INTEGER NOT NULL,
    words INTEGER NOT NULL,
    debris INTEGER NOT NULL,
    raw TEXT NOT NULL,
    cleaned TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
-- Term weights before IDF, packed (see features.rs); apart from `articles`
-- so scoring never reads the text.
CREATE TABLE IF NOT EXISTS features(seq INTEGER PRIMARY KEY, terms BLOB NOT NULL);
-- The candidate index: which articles hold a term, and how many.
CREATE TABLE IF NOT EXISTS postings(term INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY(term, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS df(term INTEGER PRIMARY KEY, n INTEGER NOT NULL);
-- Scored links to nearest neighbours (a < b), the graph stories grow on.
CREATE TABLE IF NOT EXISTS edges(a INTEGER NOT NULL, b INTEGER NOT NULL,
    score REAL NOT NULL, cosine REAL NOT NULL, PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_b ON edges(b);
-- A story: its size, the summed link score inside it (for cohesion), its
-- likely original and when it last grew.
CREATE TABLE IF NOT EXISTS stories(story INTEGER PRIMARY KEY,
    size INTEGER NOT NULL, inner REAL NOT NULL, original INTEGER,
    created INTEGER NOT NULL, updated INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS stories_size ON stories(size);
CREATE INDEX IF NOT EXISTS stories_updated ON stories(updated);
-- Labelled pairs (a < b).
CREATE TABLE IF NOT EXISTS relations(a INTEGER NOT NULL, b INTEGER NOT NULL,
    relation TEXT NOT NULL, score REAL NOT NULL,
    covered_a REAL NOT NULL, covered_b REAL NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS relations_b ON relations(b);
-- Every time a bridging article joined two stories.
CREATE TABLE IF NOT EXISTS merges(id INTEGER PRIMARY KEY,
    into_story INTEGER NOT NULL, from_story INTEGER NOT NULL,
    by_article INTEGER NOT NULL, average REAL NOT NULL, at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS merges_into ON merges(into_story);
";

/// Open settings every connection uses.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA journal_mode=WAL;
         PRAGMA synchronous=FULL;
         PRAGMA busy_timeout=10000;
         PRAGMA cache_size=-65536;",
    )
}

/// Create the tables of a new index, or check the version of an existing one.
pub fn create_or_check(conn: &Connection) -> Result<(), String> {
    conn.execute_batch(TABLES).map_err(|e| e.to_string())?;
    let found: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key='version'", [], |r| {
            r.get(0)
        })
        .ok();
    match found {
        None => conn
            .execute(
                "INSERT INTO meta(key, value) VALUES('version', ?1)",
                [VERSION],
            )
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Some(v) if v == VERSION => Ok(()),
        Some(v) => Err(format!(
            "index format version {v}, this storyline reads version {VERSION}"
        )),
    }
}
