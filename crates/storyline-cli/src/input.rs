//! Reading inputs and telling the user what could not be used.

use std::path::PathBuf;
use storyline_ingest::{read_paths, Ingested};

/// Read `paths`, print each skipped input and warning to stderr, and fail when
/// nothing usable was read.
pub fn load(paths: &[PathBuf]) -> Result<Ingested, String> {
    let ingested = read_paths(paths);
    for problem in &ingested.warnings {
        eprintln!("warning: {problem}");
    }
    for problem in &ingested.skipped {
        eprintln!("skipped: {problem}");
    }
    if ingested.articles.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(format!("no usable articles in {}", shown.join(", ")));
    }
    Ok(ingested)
}
