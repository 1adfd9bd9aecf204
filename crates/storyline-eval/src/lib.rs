//! Evaluation metrics for storyline.
//!
//! [`clustering`] compares predicted story labels with gold ones;
//! [`correlation`] compares pair scores with gold similarity judgements.

pub mod clustering;
pub mod correlation;

pub use clustering::{score_clustering, ClusterScores, Mistake, Prf};
pub use correlation::{pearson, spearman};
