//! A BERT encoder's forward pass on the CPU, one text at a time.
//!
//! Rows are tokens and columns features throughout, in row-major `f32`
//! arrays. Matrix products go to `matrixmultiply`'s `sgemm`, which takes
//! strides and so reads PyTorch's `[out, in]` weight layout as its
//! transpose, and one attention head as a column band of the query, key
//! and value arrays, without copying.

use crate::weights::Weights;
use serde::Deserialize;

/// The sizes of a BERT model, as its `config.json` gives them.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    #[serde(default = "default_type_vocab")]
    pub type_vocab_size: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f32,
}

fn default_type_vocab() -> usize {
    2
}

fn default_eps() -> f32 {
    1e-12
}

/// A dense layer: `y = x Wᵀ + b`, with `W` stored `[outputs, inputs]`.
struct Linear {
    weight: Vec<f32>,
    bias: Vec<f32>,
    inputs: usize,
    outputs: usize,
}

impl Linear {
    fn take(w: &mut Weights, name: &str, inputs: usize, outputs: usize) -> Result<Self, String> {
        Ok(Linear {
            weight: w.take(&format!("{name}.weight"), &[outputs, inputs])?,
            bias: w.take(&format!("{name}.bias"), &[outputs])?,
            inputs,
            outputs,
        })
    }

    /// `x` holds `rows` rows of `inputs`; the result `rows` rows of `outputs`.
    fn apply(&self, x: &[f32], rows: usize) -> Vec<f32> {
        let mut y: Vec<f32> = self.bias.repeat(rows);
        let (k, n) = (self.inputs, self.outputs);
        // SAFETY: x is rows × k, weight n × k read as its k × n transpose
        // (row stride 1, column stride k), y rows × n; all in bounds.
        unsafe {
            matrixmultiply::sgemm(
                rows,
                k,
                n,
                1.0,
                x.as_ptr(),
                k as isize,
                1,
                self.weight.as_ptr(),
                1,
                k as isize,
                1.0,
                y.as_mut_ptr(),
                n as isize,
                1,
            );
        }
        y
    }
}

/// Layer normalisation over each row.
struct Norm {
    gain: Vec<f32>,
    bias: Vec<f32>,
    eps: f32,
}

impl Norm {
    fn take(w: &mut Weights, name: &str, size: usize, eps: f32) -> Result<Self, String> {
        Ok(Norm {
            gain: w.take(&format!("{name}.weight"), &[size])?,
            bias: w.take(&format!("{name}.bias"), &[size])?,
            eps,
        })
    }

    fn apply(&self, x: &mut [f32]) {
        let width = self.gain.len();
        for row in x.chunks_exact_mut(width) {
            let mean = row.iter().sum::<f32>() / width as f32;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / width as f32;
            let scale = 1.0 / (var + self.eps).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.gain).zip(&self.bias) {
                *v = (*v - mean) * scale * g + b;
            }
        }
    }
}

struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: Norm,
    intermediate: Linear,
    output: Linear,
    output_norm: Norm,
}

/// A loaded encoder.
pub struct Encoder {
    config: Config,
    word: Vec<f32>,
    position: Vec<f32>,
    token_type: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
}

impl Encoder {
    /// Take the encoder's tensors (BERT's names, with or without a `bert.`
    /// prefix) out of `weights`.
    pub fn new(config: Config, mut weights: Weights) -> Result<Self, String> {
        let (h, eps) = (config.hidden_size, config.layer_norm_eps);
        if config.num_attention_heads == 0 || h % config.num_attention_heads != 0 {
            return Err(format!(
                "hidden size {h} is not a multiple of {} heads",
                config.num_attention_heads
            ));
        }
        let w = &mut weights;
        let prefix = if w.has("bert.embeddings.word_embeddings.weight") {
            "bert."
        } else {
            ""
        };
        let name = |n: &str| format!("{prefix}{n}");
        let embedding_norm = Norm::take(w, &name("embeddings.LayerNorm"), h, eps)?;
        let layers = (0..config.num_hidden_layers)
            .map(|i| {
                let p = name(&format!("encoder.layer.{i}"));
                let inter = config.intermediate_size;
                Ok(Layer {
                    query: Linear::take(w, &format!("{p}.attention.self.query"), h, h)?,
                    key: Linear::take(w, &format!("{p}.attention.self.key"), h, h)?,
                    value: Linear::take(w, &format!("{p}.attention.self.value"), h, h)?,
                    attention_out: Linear::take(w, &format!("{p}.attention.output.dense"), h, h)?,
                    attention_norm: Norm::take(
                        w,
                        &format!("{p}.attention.output.LayerNorm"),
                        h,
                        eps,
                    )?,
                    intermediate: Linear::take(w, &format!("{p}.intermediate.dense"), h, inter)?,
                    output: Linear::take(w, &format!("{p}.output.dense"), inter, h)?,
                    output_norm: Norm::take(w, &format!("{p}.output.LayerNorm"), h, eps)?,
                })
            })
            .collect::<Result<Vec<Layer>, String>>()?;
        Ok(Encoder {
            word: w.take(
                &name("embeddings.word_embeddings.weight"),
                &[config.vocab_size, h],
            )?,
            position: w.take(
                &name("embeddings.position_embeddings.weight"),
                &[config.max_position_embeddings, h],
            )?,
            token_type: w.take(
                &name("embeddings.token_type_embeddings.weight"),
                &[config.type_vocab_size, h],
            )?,
            embedding_norm,
            layers,
            config,
        })
    }

    /// The model's sizes.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The last layer's output for `ids` (at most `max_position_embeddings`
    /// of them, each below `vocab_size`): one row of `hidden_size` per token.
    pub fn forward(&self, ids: &[u32]) -> Vec<f32> {
        let h = self.config.hidden_size;
        let n = ids.len();
        let mut x = Vec::with_capacity(n * h);
        for (pos, &id) in ids.iter().enumerate() {
            let word = &self.word[id as usize * h..][..h];
            let place = &self.position[pos * h..][..h];
            x.extend((0..h).map(|i| word[i] + place[i] + self.token_type[i]));
        }
        self.embedding_norm.apply(&mut x);
        for layer in &self.layers {
            let context = self.attention(layer, &x, n);
            let mut attended = layer.attention_out.apply(&context, n);
            add(&mut attended, &x);
            layer.attention_norm.apply(&mut attended);
            let mut inner = layer.intermediate.apply(&attended, n);
            inner.iter_mut().for_each(|v| *v = gelu(*v));
            let mut out = layer.output.apply(&inner, n);
            add(&mut out, &attended);
            layer.output_norm.apply(&mut out);
            x = out;
        }
        x
    }

    /// Multi-head self-attention over all `n` tokens (no padding: one text
    /// at a time), before the output projection.
    fn attention(&self, layer: &Layer, x: &[f32], n: usize) -> Vec<f32> {
        let h = self.config.hidden_size;
        let heads = self.config.num_attention_heads;
        let d = h / heads;
        let (q, k, v) = (
            layer.query.apply(x, n),
            layer.key.apply(x, n),
            layer.value.apply(x, n),
        );
        let mut context = vec![0f32; n * h];
        let mut scores = vec![0f32; n * n];
        let scale = 1.0 / (d as f32).sqrt();
        for head in 0..heads {
            let at = head * d;
            // SAFETY: each operand is a d-wide column band of an n × h
            // array (row stride h), or the n × n scores; all in bounds.
            unsafe {
                matrixmultiply::sgemm(
                    n,
                    d,
                    n,
                    scale,
                    q[at..].as_ptr(),
                    h as isize,
                    1,
                    k[at..].as_ptr(),
                    1,
                    h as isize,
                    0.0,
                    scores.as_mut_ptr(),
                    n as isize,
                    1,
                );
            }
            scores.chunks_exact_mut(n).for_each(softmax);
            // SAFETY: as above; the result goes to the head's band of context.
            unsafe {
                matrixmultiply::sgemm(
                    n,
                    n,
                    d,
                    1.0,
                    scores.as_ptr(),
                    n as isize,
                    1,
                    v[at..].as_ptr(),
                    h as isize,
                    1,
                    0.0,
                    context[at..].as_mut_ptr(),
                    h as isize,
                    1,
                );
            }
        }
        context
    }
}

fn add(to: &mut [f32], from: &[f32]) {
    to.iter_mut().zip(from).for_each(|(a, b)| *a += b);
}

fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    row.iter_mut().for_each(|v| *v /= sum);
}

/// GELU as BERT defines it, `x Φ(x)` with the exact normal CDF.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x / std::f32::consts::SQRT_2))
}

/// The error function to within 1.5e-7 (Abramowitz and Stegun 7.1.26,
/// evaluated in f64): Rust's standard library has none.
fn erf(x: f32) -> f32 {
    let x = f64::from(x);
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs());
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let y = 1.0 - poly * (-x * x).exp();
    (if x < 0.0 { -y } else { y }) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_matches_known_values() {
        for (x, want) in [
            (0.0, 0.0),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (-2.0, -0.995_322_3),
        ] {
            assert!((erf(x) - want).abs() < 3e-7, "erf({x}) = {}", erf(x));
        }
    }

    #[test]
    fn softmax_rows_sum_to_one_and_keep_the_order() {
        let mut row = [1.0, 3.0, 2.0, 9.0];
        softmax(&mut row);
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(row[3] > 0.99 && row[1] > row[2] && row[2] > row[0]);
    }
}
