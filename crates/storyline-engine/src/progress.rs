//! Progress reporting for long runs, without tying the engine to a terminal.

/// Receives progress of the pipeline's stages. Implementations must be cheap
/// to call from many threads.
pub trait Progress: Sync {
    /// A stage begins with `total` units of work.
    fn start(&self, stage: &str, total: u64);
    /// `n` more units are done.
    fn advance(&self, n: u64);
    /// The current stage is done.
    fn finish(&self);
}

/// Reports nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}
