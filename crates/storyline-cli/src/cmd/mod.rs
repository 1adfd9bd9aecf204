//! One module per subcommand.

pub mod bench;
pub mod cluster;
pub mod compare;
pub mod dedup;
pub mod embed;
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

/// A loaded sentence-embedding model, when `--model` asked for one.
pub type Model = Option<std::sync::Arc<storyline_embed::Embedder>>;

/// `--model`: a sentence-embedding model for the commands that score pairs.
#[derive(clap::Args, Clone, Debug)]
pub struct ModelArg {
    /// Folder of a sentence-embedding model (`config.json`, `vocab.txt`,
    /// `model.safetensors`, and any `Dense` layers `modules.json` lists),
    /// such as `models/all-MiniLM-L6-v2-news`, which `scripts/fetch-model.sh`
    /// puts together. Its embeddings are blended into
    /// pair similarity: better judgement of reworded reports, at about
    /// 30-40 ms of CPU per article. Without it, scoring is by words alone.
    #[arg(long, value_name = "DIR")]
    pub model: Option<std::path::PathBuf>,
    /// Languages the model understands (ISO 639-1 codes); articles in
    /// others are compared by their words alone.
    #[arg(
        long,
        value_name = "CODES",
        value_delimiter = ',',
        default_value = "en"
    )]
    pub model_languages: Vec<String>,
}

impl ModelArg {
    /// The loaded model, if one was asked for.
    pub fn load(&self) -> Result<Model, String> {
        self.model
            .as_deref()
            .map(|dir| {
                let model = storyline_embed::Embedder::load(dir)?;
                Ok(std::sync::Arc::new(
                    model.with_languages(&self.model_languages),
                ))
            })
            .transpose()
    }
}
