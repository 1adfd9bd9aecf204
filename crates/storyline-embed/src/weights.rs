//! Tensors read from a `.safetensors` file.
//!
//! The format is an eight-byte little-endian header length, a JSON header
//! naming each tensor's dtype, shape and byte range, then the raw bytes.
//! Only `F32` tensors are read: that is how sentence-transformers ships its
//! small models, and converting other dtypes is not worth a dependency.

use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// One tensor: its shape and its values in row-major order.
#[derive(Debug, Clone)]
pub struct Tensor {
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
}

#[derive(Deserialize)]
struct HeaderEntry {
    dtype: String,
    shape: Vec<usize>,
    data_offsets: (usize, usize),
}

/// Every tensor of a `.safetensors` file by name (non-`F32` ones skipped).
pub struct Weights(HashMap<String, Tensor>);

impl Weights {
    /// Read `path`; errors name the file and what is wrong with it.
    pub fn read(path: &Path) -> Result<Self, String> {
        let shown = path.display();
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
        Self::parse(&bytes).map_err(|e| format!("{shown}: {e}"))
    }

    /// Parse the bytes of a `.safetensors` file.
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        let len_bytes: [u8; 8] = bytes
            .get(..8)
            .and_then(|b| b.try_into().ok())
            .ok_or("not a safetensors file: shorter than its header length")?;
        let header_len = u64::from_le_bytes(len_bytes) as usize;
        let data_start = 8usize
            .checked_add(header_len)
            .filter(|&end| end <= bytes.len())
            .ok_or("not a safetensors file: header longer than the file")?;
        let header: HashMap<String, serde_json::Value> =
            serde_json::from_slice(&bytes[8..data_start])
                .map_err(|e| format!("unreadable safetensors header: {e}"))?;
        let data = &bytes[data_start..];
        let mut tensors = HashMap::new();
        for (name, value) in header {
            if name == "__metadata__" {
                continue;
            }
            let entry: HeaderEntry = serde_json::from_value(value)
                .map_err(|e| format!("tensor {name}: bad header entry: {e}"))?;
            if entry.dtype != "F32" {
                continue;
            }
            let (start, end) = entry.data_offsets;
            let count: usize = entry.shape.iter().product();
            let raw = data
                .get(start..end)
                .filter(|raw| raw.len() == count * 4)
                .ok_or(format!(
                    "tensor {name}: byte range does not match its shape"
                ))?;
            let values = raw
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            tensors.insert(
                name,
                Tensor {
                    shape: entry.shape,
                    values,
                },
            );
        }
        Ok(Weights(tensors))
    }

    /// Whether the file holds an F32 tensor `name`.
    pub fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// The tensor `name`, which must have `shape`.
    pub fn take(&mut self, name: &str, shape: &[usize]) -> Result<Vec<f32>, String> {
        let tensor = self.0.remove(name).ok_or(format!(
            "the model has no F32 tensor {name} (only F32 weights are read)"
        ))?;
        if tensor.shape != shape {
            return Err(format!(
                "tensor {name} has shape {:?}, expected {shape:?}",
                tensor.shape
            ));
        }
        Ok(tensor.values)
    }
}

/// Write tensors as a `.safetensors` file's bytes (for tests and tools that
/// make small models).
pub fn to_bytes(tensors: &[(&str, &[usize], &[f32])]) -> Vec<u8> {
    let mut header = serde_json::Map::new();
    let mut offset = 0;
    for (name, shape, values) in tensors {
        let end = offset + values.len() * 4;
        header.insert(
            name.to_string(),
            serde_json::json!({"dtype": "F32", "shape": shape, "data_offsets": [offset, end]}),
        );
        offset = end;
    }
    let header = serde_json::to_vec(&header).expect("a map serialises");
    let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
    bytes.extend(header);
    for (_, _, values) in tensors {
        bytes.extend(values.iter().flat_map(|v| v.to_le_bytes()));
    }
    bytes
}
