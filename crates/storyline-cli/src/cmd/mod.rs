//! One module per subcommand.

pub mod bench;
pub mod cluster;
pub mod compare;
pub mod dedup;
pub mod eval;
pub mod index;
pub mod serve;

/// Output formats shared by the subcommands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Readable text for a terminal.
    Text,
    /// One JSON document.
    Json,
}

/// The default tuning with `KEY=VALUE` overrides from `--set`.
pub fn tuning_with(overrides: &[String]) -> Result<storyline_engine::Tuning, String> {
    let mut tuning = storyline_engine::Tuning::default();
    for assignment in overrides {
        tuning.set(assignment)?;
    }
    Ok(tuning)
}
