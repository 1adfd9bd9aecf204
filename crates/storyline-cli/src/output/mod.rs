//! Rendering results: the JSON report, the terminal table, files and HTML.

pub mod files;
pub mod html;
pub mod report;
pub mod side_by_side;
pub mod table;

/// Where a command that prints JSON lines writes them: the `--out` file
/// if given (created or truncated), else stdout, buffered either way.
pub fn lines_sink(out: Option<&std::path::Path>) -> Result<Box<dyn std::io::Write>, String> {
    Ok(match out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}
