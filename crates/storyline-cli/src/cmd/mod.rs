//! One module per subcommand.

pub mod cluster;
pub mod compare;
pub mod eval;

/// Output formats shared by the subcommands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text for a terminal.
    Text,
    /// One JSON document.
    Json,
}
