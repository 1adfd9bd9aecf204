//! Sentence embeddings from a local BERT-style model, on the CPU.
//!
//! Word overlap tells copies and rewrites apart well, but two reporters
//! describing one event in their own words share fewer words than a
//! lexical score can credit. A sentence-embedding model (the default
//! choice is sentence-transformers' all-MiniLM-L6-v2: six layers, 384
//! features, 23 MB of weights) places texts with the same meaning near
//! each other whatever their wording. storyline reads such a model from a
//! folder on disk — `config.json`, `vocab.txt`, `model.safetensors` and
//! optionally `sentence_bert_config.json` — and never downloads anything.
//!
//! A text's embedding is the mean of the encoder's last-layer token
//! vectors (`[CLS]` and `[SEP]` included, as sentence-transformers pools
//! them), scaled to unit length, so the cosine of two texts is a dot
//! product. Texts longer than the model's sequence limit are cut; for
//! news, the headline and lead come first, which is what matters most.
//! `Dense` layers the folder's `modules.json` lists are applied to the
//! mean before it is scaled ([`modules`]).

pub mod encoder;
pub mod modules;
pub mod tiny;
pub mod weights;
pub mod wordpiece;

use encoder::{Config, Encoder};
use modules::Dense;
use std::path::Path;
use weights::Weights;
use wordpiece::WordPiece;

/// Tokens a text is cut to when the model folder does not say
/// (sentence-transformers' `max_seq_length` for all-MiniLM-L6-v2).
pub const DEFAULT_MAX_TOKENS: usize = 256;

/// Languages a model is taken to understand unless told otherwise:
/// all-MiniLM-L6-v2 was trained on English text only. On SemEval-2022's
/// other-language pairs its embeddings made pair scores worse (all pairs,
/// blending every language at share 0.35 and floor 0.2:
/// Pearson 0.657 by words alone, 0.606 blended).
pub const DEFAULT_LANGUAGES: [&str; 1] = ["en"];

/// A loaded model: tokenizer and encoder.
pub struct Embedder {
    vocab: WordPiece,
    encoder: Encoder,
    dense: Vec<Dense>,
    max_tokens: usize,
    languages: Vec<String>,
}

impl Embedder {
    /// Load the model in `folder`. Errors name the file at fault.
    pub fn load(folder: &Path) -> Result<Self, String> {
        let file = |name: &str| folder.join(name);
        let read = |name: &str| {
            std::fs::read_to_string(file(name))
                .map_err(|e| format!("cannot read {}: {e}", file(name).display()))
        };
        let config: Config = serde_json::from_str(&read("config.json")?)
            .map_err(|e| format!("{}: {e}", file("config.json").display()))?;
        let vocab = WordPiece::read(&file("vocab.txt"))?;
        if vocab.len() > config.vocab_size {
            return Err(format!(
                "{} has {} tokens but the model only {}",
                file("vocab.txt").display(),
                vocab.len(),
                config.vocab_size
            ));
        }
        let max_tokens = match read("sentence_bert_config.json") {
            Ok(text) => serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v["max_seq_length"].as_u64())
                .map_or(DEFAULT_MAX_TOKENS, |m| m as usize),
            Err(_) => DEFAULT_MAX_TOKENS,
        }
        .min(config.max_position_embeddings);
        let dense = modules::read_dense_layers(folder, config.hidden_size)?;
        let weights = Weights::read(&file("model.safetensors"))?;
        let encoder = Encoder::new(config, weights)
            .map_err(|e| format!("{}: {e}", file("model.safetensors").display()))?;
        Ok(Embedder {
            vocab,
            encoder,
            dense,
            max_tokens: max_tokens.max(3),
            languages: DEFAULT_LANGUAGES.iter().map(|l| l.to_string()).collect(),
        })
    }

    /// Say which languages (ISO 639-1 codes) the model understands; texts
    /// in others are better compared by their words alone.
    pub fn with_languages<S: AsRef<str>>(mut self, languages: &[S]) -> Self {
        self.languages = languages.iter().map(|l| l.as_ref().to_string()).collect();
        self
    }

    /// Whether the model understands texts in `language` (ISO 639-1).
    pub fn reads(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }

    /// Length of every embedding.
    pub fn dimensions(&self) -> usize {
        self.dense
            .last()
            .map_or(self.encoder.config().hidden_size, Dense::out_features)
    }

    /// The unit-length embedding of `text`, cut at the model's sequence
    /// limit.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.embed_at_most(text, self.max_tokens)
    }

    /// The unit-length embedding of the first `max_tokens` tokens of `text`
    /// (`[CLS]` and `[SEP]` included; never more than the model's limit).
    /// Attention costs grow with the square of the length, and for news the
    /// headline and lead say what the story is.
    pub fn embed_at_most(&self, text: &str, max_tokens: usize) -> Vec<f32> {
        let max_tokens = max_tokens.clamp(3, self.max_tokens);
        let mut ids = vec![self.vocab.cls];
        ids.extend(self.vocab.encode(text, max_tokens - 2));
        ids.push(self.vocab.sep);
        let states = self.encoder.forward(&ids);
        let h = self.encoder.config().hidden_size;
        let mut mean = vec![0f32; h];
        for row in states.chunks_exact(h) {
            mean.iter_mut().zip(row).for_each(|(m, v)| *m += v);
        }
        let tokens = (states.len() / h).max(1) as f32;
        mean.iter_mut().for_each(|m| *m /= tokens);
        for layer in &self.dense {
            mean = layer.apply(&mean);
        }
        let norm = mean.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            mean.iter_mut().for_each(|v| *v /= norm);
        }
        mean
    }
}

/// The cosine of two unit-length embeddings.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests;
