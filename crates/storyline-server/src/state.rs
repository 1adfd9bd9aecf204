//! What handlers share: the one writer, a pool of readers, the token, metrics.
//!
//! The index is synchronous (SQLite), so every index call runs on tokio's
//! blocking pool. Writes queue on one mutex — SQLite has one writer — while
//! reads take a handle of their own from the pool and never wait for them.

use crate::error::{ApiError, ApiResult};
use crate::metrics::Metrics;
use axum::http::StatusCode;
use std::sync::{Arc, Mutex};
use storyline_index::Index;

/// Shared state.
#[derive(Clone)]
pub struct AppState {
    writer: Arc<Mutex<Index>>,
    readers: Arc<Mutex<Vec<Index>>>,
    /// Template the pool opens new readers from.
    template: Arc<Mutex<Index>>,
    /// Bearer token required for writes, when set.
    pub token: Option<Arc<str>>,
    /// Largest request body (and stream line) in bytes.
    pub max_body: usize,
    /// Request and ingest counters.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// State over an open index.
    pub fn new(index: Index, token: Option<String>, max_body: usize) -> Result<Self, String> {
        let template = index.reader().map_err(|e| e.to_string())?;
        Ok(AppState {
            writer: Arc::new(Mutex::new(index)),
            readers: Arc::new(Mutex::new(Vec::new())),
            template: Arc::new(Mutex::new(template)),
            token: token.map(Arc::from),
            max_body,
            metrics: Arc::new(Metrics::default()),
        })
    }

    /// Run a read on the blocking pool with a pooled reader.
    pub async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Index) -> Result<T, storyline_index::Error> + Send + 'static,
    ) -> ApiResult<T> {
        let state = self.clone();
        blocking(move || {
            let reader = state.take_reader()?;
            let out = work(&reader);
            state.readers.lock().expect("pool lock").push(reader);
            Ok(out?)
        })
        .await
    }

    /// Run a write on the blocking pool, holding the writer.
    pub async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Index) -> Result<T, storyline_index::Error> + Send + 'static,
    ) -> ApiResult<T> {
        let writer = Arc::clone(&self.writer);
        blocking(move || {
            let mut index = writer.lock().unwrap_or_else(|p| p.into_inner());
            Ok(work(&mut index)?)
        })
        .await
    }

    fn take_reader(&self) -> ApiResult<Index> {
        if let Some(reader) = self.readers.lock().expect("pool lock").pop() {
            return Ok(reader);
        }
        let template = self.template.lock().expect("template lock");
        Ok(template.reader()?)
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|e| {
        Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("request failed: {e}"),
        ))
    })
}
