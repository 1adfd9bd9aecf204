//! `storyline serve`: the story index over HTTP.
//!
//! A JSON API under `/v1` (add, stream, get, similar, query, stories,
//! compare, delete), `/health`, `/metrics` (Prometheus text),
//! `/openapi.json`, and a web page at `/`. Built on axum; index calls run on
//! tokio's blocking pool (see [`state`]).

mod api;
mod error;
mod metrics;
pub mod openapi;
mod state;
mod stream;
mod web;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Instant;
use storyline_index::Index;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The index directory.
    pub index: PathBuf,
    /// Address to bind.
    pub addr: SocketAddr,
    /// Bearer token required for writes.
    pub token: Option<String>,
    /// Largest request body (and stream line) in bytes.
    pub max_body: usize,
}

/// Serve until Ctrl-C or SIGTERM. Prints `listening on http://ADDR` once
/// bound (with the real port when `addr` asked for port 0).
pub fn serve(config: Config) -> Result<(), String> {
    let index = Index::open(&config.index).map_err(|e| e.to_string())?;
    let state = AppState::new(index, config.token.clone(), config.max_body)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        println!("listening on http://{bound}");
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| format!("server failed: {e}"))
    })
}

fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(web::page))
        .route("/app.js", get(web::script))
        .route("/app.css", get(web::style))
        .route("/health", get(api::health))
        .route("/metrics", get(api::metrics))
        .route("/openapi.json", get(|| async { Json(openapi::document()) }))
        .route("/v1/articles", post(api::add))
        .route("/v1/articles/stream", post(stream::stream))
        .route("/v1/articles/{id}", get(api::article).delete(api::delete))
        .route("/v1/articles/{id}/similar", get(api::similar))
        .route("/v1/query", post(api::query))
        .route("/v1/stories", get(api::stories))
        .route("/v1/stories/{id}", get(api::story))
        .route("/v1/compare", get(api::compare))
        .fallback(|| async {
            error::ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                "no such route; see /openapi.json",
            )
        })
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

/// Count every request, and turn any plain-text error (a rejected query
/// string, a wrong method) into the JSON error every other reply uses.
async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched".to_string(), |p| p.as_str().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    state
        .metrics
        .record(&route, status.as_u16(), started.elapsed().as_secs_f64());
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let text = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let message = if text.is_empty() {
            status.canonical_reason().unwrap_or("error").to_string()
        } else {
            text
        };
        return error::ApiError::new(status, message).into_response();
    }
    response
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
