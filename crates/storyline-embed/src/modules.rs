//! The layers a sentence-transformers model folder lists after pooling.
//!
//! A folder's `modules.json` names its pipeline: the transformer, pooling,
//! then optionally `Dense` layers (a linear map with an activation) and
//! `Normalize`. storyline always pools by the mean and scales the result to
//! unit length, so of these only the `Dense` layers change an embedding;
//! they are how a projection fitted on top of a model — such as the one
//! `scripts/fit-projection.py` fits on news stories — travels with it.
//! A module storyline cannot run is an error rather than silently skipped,
//! since its embeddings would not be the ones the folder promises.

use crate::weights::Weights;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Module {
    #[serde(default)]
    path: String,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Deserialize)]
struct DenseConfig {
    in_features: usize,
    out_features: usize,
    #[serde(default = "yes")]
    bias: bool,
    #[serde(default = "tanh")]
    activation_function: String,
}

fn yes() -> bool {
    true
}

fn tanh() -> String {
    "torch.nn.modules.activation.Tanh".into()
}

/// The function a `Dense` layer applies after its linear map.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Activation {
    Identity,
    Tanh,
}

/// One `Dense` layer: `activation(weight · x + bias)`.
#[derive(Debug, Clone)]
pub struct Dense {
    /// Row-major, `out_features × in_features` (PyTorch's layout).
    weight: Vec<f32>,
    bias: Option<Vec<f32>>,
    in_features: usize,
    out_features: usize,
    activation: Activation,
}

impl Dense {
    /// Read a `Dense` module from its folder: `config.json` and
    /// `model.safetensors` (`linear.weight`, and `linear.bias` if the
    /// config says it has one).
    pub fn read(folder: &Path) -> Result<Self, String> {
        let config_file = folder.join("config.json");
        let shown = config_file.display();
        let text = std::fs::read_to_string(&config_file)
            .map_err(|e| format!("cannot read {shown}: {e}"))?;
        let config: DenseConfig =
            serde_json::from_str(&text).map_err(|e| format!("{shown}: {e}"))?;
        let activation = match config.activation_function.rsplit('.').next() {
            Some("Identity") => Activation::Identity,
            Some("Tanh") => Activation::Tanh,
            _ => {
                return Err(format!(
                    "{shown}: activation {} is not supported (Identity or Tanh)",
                    config.activation_function
                ))
            }
        };
        let weights_file = folder.join("model.safetensors");
        let mut weights = Weights::read(&weights_file)?;
        let at_fault = |e: String| format!("{}: {e}", weights_file.display());
        let weight = weights
            .take("linear.weight", &[config.out_features, config.in_features])
            .map_err(at_fault)?;
        let bias = match config.bias {
            true => Some(
                weights
                    .take("linear.bias", &[config.out_features])
                    .map_err(at_fault)?,
            ),
            false => None,
        };
        Ok(Dense {
            weight,
            bias,
            in_features: config.in_features,
            out_features: config.out_features,
            activation,
        })
    }

    /// Length of the vectors this layer makes.
    pub fn out_features(&self) -> usize {
        self.out_features
    }

    /// The layer applied to `x`, which must have `in_features` values.
    pub fn apply(&self, x: &[f32]) -> Vec<f32> {
        debug_assert_eq!(x.len(), self.in_features);
        self.weight
            .chunks_exact(self.in_features)
            .enumerate()
            .map(|(o, row)| {
                let sum = row.iter().zip(x).map(|(w, v)| w * v).sum::<f32>()
                    + self.bias.as_ref().map_or(0.0, |b| b[o]);
                match self.activation {
                    Activation::Identity => sum,
                    Activation::Tanh => sum.tanh(),
                }
            })
            .collect()
    }
}

/// The `Dense` layers `folder/modules.json` lists, in order, checked to
/// chain from `hidden` features. No `modules.json` means none.
pub fn read_dense_layers(folder: &Path, hidden: usize) -> Result<Vec<Dense>, String> {
    let file = folder.join("modules.json");
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
    };
    let modules: Vec<Module> =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut layers = Vec::new();
    let mut width = hidden;
    for module in modules {
        match module.kind.rsplit('.').next().unwrap_or_default() {
            "Transformer" | "Pooling" | "Normalize" => {}
            "Dense" => {
                let dense = Dense::read(&folder.join(&module.path))?;
                if dense.in_features != width {
                    return Err(format!(
                        "{}: Dense layer {} takes {} features but gets {width}",
                        file.display(),
                        module.path,
                        dense.in_features
                    ));
                }
                width = dense.out_features;
                layers.push(dense);
            }
            other => {
                return Err(format!(
                    "{}: module {} ({other}) is not supported \
                     (Transformer, Pooling, Dense and Normalize are)",
                    file.display(),
                    module.path
                ))
            }
        }
    }
    Ok(layers)
}
