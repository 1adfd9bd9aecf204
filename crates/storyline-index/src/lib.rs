//! A persistent story index: stories that grow as articles arrive.
//!
//! One directory holds one SQLite file (see [`schema`]) with every article,
//! its cleaned text and term [`features`], the candidate index (postings and
//! document frequencies), the link graph, story assignments, labelled pair
//! relations and recorded merges.
//!
//! Adding an article runs the batch pipeline's steps for that one article:
//! clean and analyse, find its nearest neighbours through the postings
//! ([`search`]), then [`assign`] it to a story by the batch job's
//! average-linkage rule, merging stories it bridges, and [`label`] its pairs.
//! How this differs from clustering everything at once is documented in
//! `docs/INDEX.md`.
//!
//! ```
//! use storyline_index::Index;
//! use storyline_ingest::{Article, Origin};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut index = Index::open(dir.path()).unwrap();
//! let origin = || Origin { path: "mem".into(), line: None };
//! let text = "Floods closed the Marlow bridge on Friday, officials said, and trains stopped.";
//! let added = index
//!     .add(vec![Article::new("a", text, origin()), Article::new("b", text, origin())])
//!     .unwrap();
//! assert_eq!(added[0].story, added[1].story);
//! assert_eq!(added[1].matches[0].relation.as_deref(), Some("exact"));
//! ```

mod assign;
pub mod features;
mod label;
mod read;
pub mod records;
pub mod schema;
mod search;
mod write;

pub use read::Order;
pub use records::*;

use features::DocFrequencies;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use storyline_engine::Tuning;

/// Why an index operation failed.
#[derive(Debug)]
pub enum Error {
    /// No article or story with this id.
    NotFound(String),
    /// The store failed (disk, corruption, version).
    Store(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotFound(m) | Error::Store(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(format!("index store: {e}"))
    }
}

/// Result of index operations.
pub type Result<T> = std::result::Result<T, Error>;

/// An open index. One `Index` may write; [`Index::reader`] gives more
/// handles on the same files for concurrent reads (they share the document
/// frequencies in memory, which the writer updates after each commit).
pub struct Index {
    conn: Connection,
    df: Arc<RwLock<DocFrequencies>>,
    tuning: Tuning,
    path: PathBuf,
}

/// File name of the store inside the index directory.
const FILE: &str = "index.sqlite";

impl Index {
    /// Open the index in `dir`, creating the directory and tables if needed.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::Store(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(FILE);
        let conn = Connection::open(&path)
            .map_err(|e| Error::Store(format!("cannot open {}: {e}", path.display())))?;
        schema::configure(&conn)?;
        schema::create_or_check(&conn).map_err(Error::Store)?;
        let df = read::doc_frequencies(&conn)?;
        Ok(Index {
            conn,
            df: Arc::new(RwLock::new(df)),
            tuning: Tuning::default(),
            path,
        })
    }

    /// Another handle for reading, sharing this one's frequencies.
    pub fn reader(&self) -> Result<Self> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        schema::configure(&conn)?;
        Ok(Index {
            conn,
            df: Arc::clone(&self.df),
            tuning: self.tuning.clone(),
            path: self.path.clone(),
        })
    }

    /// Use these tuning knobs instead of the defaults.
    pub fn with_tuning(mut self, tuning: Tuning) -> Self {
        self.tuning = tuning;
        self
    }
}

/// Seconds since the epoch, for `added_at` and merge times.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
