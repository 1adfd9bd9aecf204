//! `POST /v1/articles/stream`: a JSONL body of any length, answered line by
//! line as the articles are committed.
//!
//! The reply starts at once and is itself JSONL: one line per input line,
//! in order — `{"line": n, "id", "story", "created", "merged", "matches"}`
//! once the article is durably stored, or `{"line": n, "error": "..."}` for
//! a line that could not be used (the stream goes on). Lines that arrive
//! together are committed in one transaction, so a fast sender is not held
//! to one disk sync per article; a line is acknowledged only after its
//! transaction commits, so every acknowledged article survives a crash.

use crate::api::{article_from, authorize};
use crate::error::ApiResult;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use futures_util::{FutureExt, StreamExt};
use serde_json::{json, Value};
use std::convert::Infallible;
use storyline_ingest::Article;
use tokio::sync::mpsc;

/// Most articles committed in one transaction of a stream.
const MAX_GROUP: usize = 256;
/// Stop gathering already-arrived data for one group beyond this many bytes.
const GROUP_BYTES: usize = 1 << 20;

/// Start the reply and ingest the body in the background.
pub async fn stream(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    authorize(&state, &headers)?;
    let (tx, rx) = mpsc::channel::<Bytes>(64);
    tokio::spawn(ingest(state, body, tx));
    let replies = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (Ok::<_, Infallible>(b), rx))
    });
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(replies),
    )
        .into_response())
}

/// Read lines, add them in groups, send one reply line per input line.
async fn ingest(state: AppState, body: Body, tx: mpsc::Sender<Bytes>) {
    let mut data = body.into_data_stream();
    let mut pending: Vec<u8> = Vec::new();
    let mut line_no = 0usize;
    loop {
        // Wait for data, then take whatever else has already arrived, so
        // that lines sent while the last group was committing share the
        // next commit.
        let mut chunk = data.next().await;
        let mut done = false;
        loop {
            match chunk {
                Some(Ok(bytes)) => pending.extend_from_slice(&bytes),
                Some(Err(e)) => {
                    let _ =
                        send(&tx, json!({ "error": format!("request body failed: {e}") })).await;
                    done = true;
                    break;
                }
                None => {
                    done = true;
                    break;
                }
            }
            if pending.len() > GROUP_BYTES {
                break;
            }
            match data.next().now_or_never() {
                Some(next) => chunk = next,
                None => break,
            }
        }
        let mut lines = Vec::new();
        while let Some(end) = pending.iter().position(|&b| b == b'\n') {
            lines.push(pending.drain(..=end).collect::<Vec<u8>>());
        }
        if done && !pending.is_empty() && pending.len() <= state.max_body {
            lines.push(std::mem::take(&mut pending));
        }
        for group in lines.chunks(MAX_GROUP) {
            if !add_group(&state, group, &mut line_no, &tx).await {
                return;
            }
        }
        // Every complete line before it has been answered; an unfinished
        // line over the limit ends the stream.
        if pending.len() > state.max_body {
            line_no += 1;
            let _ = send(&tx, json!({ "line": line_no, "error": format!("line longer than {} bytes", state.max_body) })).await;
            return;
        }
        if done {
            return;
        }
    }
}

/// Parse and add one group of lines; false when the client went away or the
/// store failed (the reply says which).
async fn add_group(
    state: &AppState,
    lines: &[Vec<u8>],
    line_no: &mut usize,
    tx: &mpsc::Sender<Bytes>,
) -> bool {
    let mut articles: Vec<(usize, Article)> = Vec::new();
    let mut errors: Vec<(usize, String)> = Vec::new();
    for raw in lines {
        *line_no += 1;
        let text = String::from_utf8_lossy(raw);
        if text.trim().is_empty() {
            continue;
        }
        match article_from(text.trim(), &format!("line {line_no}")) {
            Ok(a) => articles.push((*line_no, a)),
            Err(e) => errors.push((*line_no, e)),
        }
    }
    let numbers: Vec<usize> = articles.iter().map(|(n, _)| *n).collect();
    let batch: Vec<Article> = articles.into_iter().map(|(_, a)| a).collect();
    let added = if batch.is_empty() {
        Vec::new()
    } else {
        match state.write(move |index| index.add(batch)).await {
            Ok(added) => added,
            Err(e) => {
                let _ = send(tx, json!({ "line": numbers[0], "error": e.message })).await;
                return false;
            }
        }
    };
    state
        .metrics
        .added(added.iter().filter(|a| a.created).count() as u64);
    let mut replies: Vec<(usize, Value)> = errors
        .into_iter()
        .map(|(n, e)| (n, json!({ "line": n, "error": e })))
        .collect();
    for (n, a) in numbers.into_iter().zip(added) {
        let mut value = serde_json::to_value(a).expect("records serialise");
        value["line"] = json!(n);
        replies.push((n, value));
    }
    replies.sort_by_key(|(n, _)| *n);
    for (_, value) in replies {
        if !send(tx, value).await {
            return false;
        }
    }
    true
}

async fn send(tx: &mpsc::Sender<Bytes>, value: Value) -> bool {
    let mut line = serde_json::to_vec(&value).expect("json serialises");
    line.push(b'\n');
    tx.send(Bytes::from(line)).await.is_ok()
}
