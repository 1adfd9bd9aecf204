//! A tiny random BERT (8 features, 2 layers, a 12-token vocabulary),
//! written to a folder in the layout [`Embedder::load`](crate::Embedder::load)
//! reads. Its embeddings mean nothing; it exists so that tests, here and
//! in the crates built on this one, run the real loading and encoding
//! path without fetching a model.

use std::fs;
use std::path::Path;

/// The vocabulary, in id order.
pub const VOCAB: [&str; 12] = [
    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "flood", "##s", "closed", "bridge", ".", "river",
    "rose",
];
/// Features per token.
pub const HIDDEN: usize = 8;
/// Attention heads.
pub const HEADS: usize = 2;
/// Width of each layer's feed-forward part.
pub const INTER: usize = 16;
/// Longest input, in tokens.
pub const POSITIONS: usize = 16;
/// Transformer layers.
pub const LAYERS: usize = 2;

/// Deterministic weights in (-0.5, 0.5).
fn random(count: usize, seed: &mut u64) -> Vec<f32> {
    (0..count)
        .map(|_| {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (*seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5
        })
        .collect()
}

/// Every tensor of the model, by name, with its shape.
pub fn tensors() -> Vec<(String, Vec<usize>, Vec<f32>)> {
    let mut seed = 3;
    let mut out = Vec::new();
    let mut add = |name: String, shape: Vec<usize>| {
        let values = random(shape.iter().product(), &mut seed);
        out.push((name, shape, values));
    };
    add(
        "embeddings.word_embeddings.weight".into(),
        vec![VOCAB.len(), HIDDEN],
    );
    add(
        "embeddings.position_embeddings.weight".into(),
        vec![POSITIONS, HIDDEN],
    );
    add(
        "embeddings.token_type_embeddings.weight".into(),
        vec![2, HIDDEN],
    );
    add("embeddings.LayerNorm.weight".into(), vec![HIDDEN]);
    add("embeddings.LayerNorm.bias".into(), vec![HIDDEN]);
    for l in 0..LAYERS {
        let p = format!("encoder.layer.{l}");
        for (name, out_size, in_size) in [
            ("attention.self.query", HIDDEN, HIDDEN),
            ("attention.self.key", HIDDEN, HIDDEN),
            ("attention.self.value", HIDDEN, HIDDEN),
            ("attention.output.dense", HIDDEN, HIDDEN),
            ("intermediate.dense", INTER, HIDDEN),
            ("output.dense", HIDDEN, INTER),
        ] {
            add(format!("{p}.{name}.weight"), vec![out_size, in_size]);
            add(format!("{p}.{name}.bias"), vec![out_size]);
        }
        for name in ["attention.output.LayerNorm", "output.LayerNorm"] {
            add(format!("{p}.{name}.weight"), vec![HIDDEN]);
            add(format!("{p}.{name}.bias"), vec![HIDDEN]);
        }
    }
    out
}

/// Write the model's `config.json`, `vocab.txt`,
/// `sentence_bert_config.json` (8 tokens at most) and `model.safetensors`
/// into `dir`.
pub fn write(dir: &Path) -> std::io::Result<()> {
    let config = serde_json::json!({
        "vocab_size": VOCAB.len(), "hidden_size": HIDDEN, "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS, "intermediate_size": INTER,
        "max_position_embeddings": POSITIONS, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
    });
    fs::write(dir.join("config.json"), config.to_string())?;
    fs::write(dir.join("vocab.txt"), VOCAB.join("\n"))?;
    fs::write(
        dir.join("sentence_bert_config.json"),
        r#"{"max_seq_length": 8}"#,
    )
    .unwrap();
    let t = tensors();
    let refs: Vec<(&str, &[usize], &[f32])> = t
        .iter()
        .map(|(n, s, v)| (n.as_str(), s.as_slice(), v.as_slice()))
        .collect();
    fs::write(
        dir.join("model.safetensors"),
        crate::weights::to_bytes(&refs),
    )
}
