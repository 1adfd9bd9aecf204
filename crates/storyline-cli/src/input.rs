//! Reading inputs and telling the user what could not be used.

use std::path::{Path, PathBuf};
use storyline_ingest::{read_paths, Ingested};

/// Read `paths`, print each skipped input and warning to stderr, and fail when
/// nothing usable was read.
pub fn load(paths: &[PathBuf]) -> Result<Ingested, String> {
    let ingested = read_paths(paths);
    report_problems(&ingested, paths, ingested.articles.len())?;
    Ok(ingested)
}

/// Print each skipped input and warning to stderr, and fail when `usable`
/// (the number of articles read) is zero.
pub fn report_problems(
    ingested: &Ingested,
    paths: &[PathBuf],
    usable: usize,
) -> Result<(), String> {
    for problem in &ingested.warnings {
        eprintln!("warning: {problem}");
    }
    for problem in &ingested.skipped {
        eprintln!("skipped: {problem}");
    }
    if usable == 0 {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(format!("no usable articles in {}", shown.join(", ")));
    }
    Ok(())
}

/// Total size of the files under `paths`, or `None` when one is stdin.
pub fn input_bytes(paths: &[PathBuf]) -> Option<u64> {
    fn size(path: &Path) -> u64 {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| size(&e.path()))
                        .sum()
                })
                .unwrap_or(0),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        }
    }
    paths
        .iter()
        .map(|p| (p.as_os_str() != "-").then(|| size(p)))
        .sum()
}
