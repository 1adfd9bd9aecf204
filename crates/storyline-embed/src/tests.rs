//! A tiny random BERT written to a folder, loaded through the normal path
//! and checked against a plain, loop-by-loop forward pass.

use super::*;
use crate::tiny::{tensors, HEADS, HIDDEN, INTER, LAYERS};
use std::fs;

/// The forward pass and pooling written plainly, scaled to unit length.
fn reference_embedding(ids: &[usize]) -> Vec<f32> {
    unit(reference_mean(ids))
}

fn unit(mut v: Vec<f32>) -> Vec<f32> {
    let len = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter_mut().for_each(|x| *x /= len);
    v
}

/// The forward pass and mean pooling written plainly, one loop per formula.
fn reference_mean(ids: &[usize]) -> Vec<f32> {
    let t = tensors();
    let get = |name: &str| &t.iter().find(|(n, ..)| n == name).unwrap().2;
    let norm = |x: &mut Vec<Vec<f32>>, name: &str| {
        let (g, b) = (get(&format!("{name}.weight")), get(&format!("{name}.bias")));
        for row in x.iter_mut() {
            let mean = row.iter().sum::<f32>() / HIDDEN as f32;
            let var = row.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / HIDDEN as f32;
            for i in 0..HIDDEN {
                row[i] = (row[i] - mean) / (var + 1e-12).sqrt() * g[i] + b[i];
            }
        }
    };
    let linear = |x: &Vec<Vec<f32>>, name: &str, outs: usize| -> Vec<Vec<f32>> {
        let (w, b) = (get(&format!("{name}.weight")), get(&format!("{name}.bias")));
        let ins = x[0].len();
        x.iter()
            .map(|row| {
                (0..outs)
                    .map(|o| b[o] + (0..ins).map(|i| row[i] * w[o * ins + i]).sum::<f32>())
                    .collect()
            })
            .collect()
    };
    let (word, pos, tt) = (
        get("embeddings.word_embeddings.weight"),
        get("embeddings.position_embeddings.weight"),
        get("embeddings.token_type_embeddings.weight"),
    );
    let mut x: Vec<Vec<f32>> = ids
        .iter()
        .enumerate()
        .map(|(p, &id)| {
            (0..HIDDEN)
                .map(|i| word[id * HIDDEN + i] + pos[p * HIDDEN + i] + tt[i])
                .collect()
        })
        .collect();
    norm(&mut x, "embeddings.LayerNorm");
    let d = HIDDEN / HEADS;
    for l in 0..LAYERS {
        let p = format!("encoder.layer.{l}");
        let q = linear(&x, &format!("{p}.attention.self.query"), HIDDEN);
        let k = linear(&x, &format!("{p}.attention.self.key"), HIDDEN);
        let v = linear(&x, &format!("{p}.attention.self.value"), HIDDEN);
        let mut context = vec![vec![0f32; HIDDEN]; ids.len()];
        for h in 0..HEADS {
            for a in 0..ids.len() {
                let scores: Vec<f32> = (0..ids.len())
                    .map(|b| {
                        (0..d)
                            .map(|j| q[a][h * d + j] * k[b][h * d + j])
                            .sum::<f32>()
                            / (d as f32).sqrt()
                    })
                    .collect();
                let max = scores.iter().cloned().fold(f32::MIN, f32::max);
                let total: f32 = scores.iter().map(|s| (s - max).exp()).sum();
                for (b, s) in scores.iter().enumerate() {
                    for j in 0..d {
                        context[a][h * d + j] += (s - max).exp() / total * v[b][h * d + j];
                    }
                }
            }
        }
        let mut attended = linear(&context, &format!("{p}.attention.output.dense"), HIDDEN);
        attended
            .iter_mut()
            .zip(&x)
            .for_each(|(r, s)| r.iter_mut().zip(s).for_each(|(a, b)| *a += b));
        norm(&mut attended, &format!("{p}.attention.output.LayerNorm"));
        let mut inner = linear(&attended, &format!("{p}.intermediate.dense"), INTER);
        for v in inner.iter_mut().flatten() {
            *v = 0.5 * *v * (1.0 + erf_series(*v as f64 / 2f64.sqrt()) as f32);
        }
        let mut out = linear(&inner, &format!("{p}.output.dense"), HIDDEN);
        out.iter_mut()
            .zip(&attended)
            .for_each(|(r, s)| r.iter_mut().zip(s).for_each(|(a, b)| *a += b));
        norm(&mut out, &format!("{p}.output.LayerNorm"));
        x = out;
    }
    (0..HIDDEN)
        .map(|i| x.iter().map(|r| r[i]).sum::<f32>() / ids.len() as f32)
        .collect()
}

/// erf by its Taylor series: slow, but exact enough for small arguments.
fn erf_series(x: f64) -> f64 {
    let (mut term, mut sum) = (x, x);
    for n in 1..60 {
        term *= -x * x / n as f64;
        sum += term / (2 * n + 1) as f64;
    }
    sum * 2.0 / std::f64::consts::PI.sqrt()
}

#[test]
fn the_encoder_matches_a_plain_forward_pass() {
    let dir = tempfile::tempdir().unwrap();
    tiny::write(dir.path()).unwrap();
    let model = Embedder::load(dir.path()).unwrap();
    assert_eq!(model.dimensions(), HIDDEN);
    // [CLS] the flood ##s closed the bridge . [SEP]: cut to max_seq_length 8.
    let got = model.embed("The floods closed the bridge.");
    let want = reference_embedding(&[2, 4, 5, 6, 7, 4, 8, 3]);
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() < 1e-4, "{got:?}\n{want:?}");
    }
    assert!((cosine(&got, &got) - 1.0).abs() < 1e-5);
    let other = model.embed("river rose");
    let moved = got
        .iter()
        .zip(&other)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max);
    assert!(moved > 1e-3, "other words, another embedding");
}

#[test]
fn a_broken_model_folder_names_the_file_at_fault() {
    let dir = tempfile::tempdir().unwrap();
    let error = |dir: &Path| Embedder::load(dir).err().unwrap();
    assert!(error(dir.path()).contains("config.json"));
    tiny::write(dir.path()).unwrap();
    fs::write(dir.path().join("vocab.txt"), "[CLS]\n[SEP]\n").unwrap();
    assert!(
        error(dir.path()).contains("vocab.txt"),
        "{}",
        error(dir.path())
    );
    tiny::write(dir.path()).unwrap();
    fs::write(dir.path().join("model.safetensors"), b"short").unwrap();
    assert!(error(dir.path()).contains("model.safetensors"));
    let mut t = tensors();
    t.retain(|(n, ..)| !n.ends_with("output.dense.bias"));
    let refs: Vec<(&str, &[usize], &[f32])> = t
        .iter()
        .map(|(n, s, v)| (n.as_str(), s.as_slice(), v.as_slice()))
        .collect();
    fs::write(
        dir.path().join("model.safetensors"),
        weights::to_bytes(&refs),
    )
    .unwrap();
    assert!(
        error(dir.path()).contains("output.dense.bias"),
        "{}",
        error(dir.path())
    );
}

#[test]
fn a_shorter_cut_reads_only_the_first_tokens() {
    let dir = tempfile::tempdir().unwrap();
    tiny::write(dir.path()).unwrap();
    let model = Embedder::load(dir.path()).unwrap();
    let text = "The floods closed the bridge.";
    // [CLS] the flood [SEP]: only the first two pieces.
    let cut = model.embed_at_most(text, 4);
    assert_eq!(cut, model.embed("The flood"));
    assert_ne!(cut, model.embed(text));
    assert_eq!(
        model.embed_at_most(text, 1000),
        model.embed(text),
        "never past the limit"
    );
}

/// Add a `Dense` module (`out` × [`HIDDEN`] weights, with a bias) to the
/// tiny model in `dir`, listed in `modules.json` after pooling.
fn add_dense(dir: &Path, out: usize, activation: &str) -> (Vec<f32>, Vec<f32>) {
    let weight: Vec<f32> = (0..out * HIDDEN)
        .map(|i| ((i * 7 % 11) as f32 - 5.0) / 10.0)
        .collect();
    let bias: Vec<f32> = (0..out).map(|o| o as f32 / 20.0).collect();
    fs::create_dir_all(dir.join("2_Dense")).unwrap();
    let config = serde_json::json!({"in_features": HIDDEN, "out_features": out, "bias": true,
        "activation_function": activation});
    fs::write(dir.join("2_Dense/config.json"), config.to_string()).unwrap();
    let tensors: [(&str, &[usize], &[f32]); 2] = [
        ("linear.weight", &[out, HIDDEN], &weight),
        ("linear.bias", &[out], &bias),
    ];
    fs::write(
        dir.join("2_Dense/model.safetensors"),
        weights::to_bytes(&tensors),
    )
    .unwrap();
    let modules = serde_json::json!([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"},
        {"idx": 3, "name": "3", "path": "3_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]);
    fs::write(dir.join("modules.json"), modules.to_string()).unwrap();
    (weight, bias)
}

#[test]
fn a_dense_module_maps_the_mean_before_it_is_scaled() {
    let dir = tempfile::tempdir().unwrap();
    tiny::write(dir.path()).unwrap();
    let (weight, bias) = add_dense(dir.path(), 5, "torch.nn.modules.activation.Tanh");
    let model = Embedder::load(dir.path()).unwrap();
    assert_eq!(model.dimensions(), 5);
    let mean = reference_mean(&[2, 4, 5, 6, 7, 4, 8, 3]);
    let want = unit(
        weight
            .chunks(HIDDEN)
            .zip(&bias)
            .map(|(row, b)| (row.iter().zip(&mean).map(|(w, m)| w * m).sum::<f32>() + b).tanh())
            .collect(),
    );
    let got = model.embed("The floods closed the bridge.");
    assert_eq!(got.len(), 5);
    for (g, w) in got.iter().zip(&want) {
        assert!((g - w).abs() < 1e-4, "{got:?}\n{want:?}");
    }
}

#[test]
fn a_module_storyline_cannot_run_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    tiny::write(dir.path()).unwrap();
    add_dense(dir.path(), 5, "torch.nn.modules.activation.ReLU6");
    let error = Embedder::load(dir.path()).err().unwrap();
    assert!(
        error.contains("2_Dense/config.json") && error.contains("ReLU6"),
        "{error}"
    );
    add_dense(dir.path(), 5, "torch.nn.modules.linear.Identity");
    let modules = r#"[{"path": "", "type": "sentence_transformers.models.Transformer"},
        {"path": "2_LayerNorm", "type": "sentence_transformers.models.LayerNorm"}]"#;
    fs::write(dir.path().join("modules.json"), modules).unwrap();
    let error = Embedder::load(dir.path()).err().unwrap();
    assert!(
        error.contains("modules.json") && error.contains("2_LayerNorm"),
        "{error}"
    );
    let modules = r#"[{"path": "2_Dense", "type": "sentence_transformers.models.Dense"},
        {"path": "2_Dense", "type": "sentence_transformers.models.Dense"}]"#;
    fs::write(dir.path().join("modules.json"), modules).unwrap();
    let error = Embedder::load(dir.path()).err().unwrap();
    assert!(error.contains("takes 8 features but gets 5"), "{error}");
}
