//! The JSON API under `/v1`, plus `/health`, `/metrics` and `/openapi.json`.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::str::FromStr;
use storyline_index::Order;
use storyline_ingest::{check_length, parse_json_article, Article, Origin};

/// Query parameters as given.
type Params = Query<HashMap<String, String>>;

/// Default and largest `k` for similar-article lists.
const DEFAULT_K: usize = 10;
const MAX_K: usize = 100;
/// Default and largest page of stories.
const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: usize = 200;

/// Refuse a write without the bearer token, when one is configured.
pub fn authorize(state: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let Some(token) = &state.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if given == Some(&**token) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this server requires 'Authorization: Bearer <token>' for writes",
        ))
    }
}

/// Read an article from one JSON value; `place` says where it was in the
/// request, for the error.
pub fn article_from(text: &str, place: &str) -> Result<Article, String> {
    let origin = Origin {
        path: "request".into(),
        line: None,
    };
    let article = parse_json_article(text, origin).map_err(|e| format!("{place}: {e}"))?;
    check_length(&article).map_err(|why| format!("{place}: article '{}': {why}", article.id))?;
    Ok(article)
}

/// `POST /v1/articles`: one article object, or an array of them, added in
/// one transaction (all or none).
pub async fn add(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    authorize(&state, &headers)?;
    let bytes = to_bytes(body, state.max_body).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "request body over {} bytes; send a JSONL stream to /v1/articles/stream",
                state.max_body
            ),
        )
    })?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("malformed JSON: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => {
            return Err(ApiError::bad_request(
                "expected an article object or an array of them",
            ))
        }
    };
    if items.is_empty() {
        return Err(ApiError::bad_request("the array holds no articles"));
    }
    let mut articles = Vec::with_capacity(items.len());
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match article_from(&item.to_string(), &format!("article {}", i + 1)) {
            Ok(a) => articles.push(a),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::bad_request(format!(
            "nothing was added: {}",
            problems.join("; ")
        )));
    }
    let added = state.write(move |index| index.add(articles)).await?;
    state
        .metrics
        .added(added.iter().filter(|a| a.created).count() as u64);
    Ok(Json(json!({ "results": added })).into_response())
}

/// `GET /v1/articles/{id}`
pub async fn article(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let info = state.read(move |index| index.article(&id)).await?;
    Ok(Json(info).into_response())
}

/// `DELETE /v1/articles/{id}`
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    authorize(&state, &headers)?;
    let shown = id.clone();
    state.write(move |index| index.delete(&id)).await?;
    Ok(Json(json!({ "deleted": shown })).into_response())
}

/// `GET /v1/articles/{id}/similar?k=10`
pub async fn similar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Params,
) -> ApiResult<Response> {
    let k = param(&params, "k", DEFAULT_K)?.clamp(1, MAX_K);
    let found = state.read(move |index| index.similar(&id, k)).await?;
    Ok(Json(json!({ "matches": found })).into_response())
}

/// `POST /v1/query?k=10`: matches for an article that is not added.
pub async fn query(
    State(state): State<AppState>,
    Query(params): Params,
    body: Body,
) -> ApiResult<Response> {
    let k = param(&params, "k", DEFAULT_K)?.clamp(1, MAX_K);
    let bytes = to_bytes(body, state.max_body)
        .await
        .map_err(|_| ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "request body too large"))?;
    let text =
        std::str::from_utf8(&bytes).map_err(|_| ApiError::bad_request("body is not UTF-8"))?;
    let article = article_from(text, "body").map_err(ApiError::bad_request)?;
    let found = state.read(move |index| index.query(article, k)).await?;
    Ok(Json(json!({ "matches": found })).into_response())
}

/// `GET /v1/stories?order=newest|largest&q=&limit=20&offset=0`
pub async fn stories(State(state): State<AppState>, Query(params): Params) -> ApiResult<Response> {
    let order = match params.get("order").map(String::as_str) {
        None | Some("newest") => Order::Newest,
        Some("largest") => Order::Largest,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "order must be 'newest' or 'largest', not '{other}'"
            )))
        }
    };
    let limit = param(&params, "limit", DEFAULT_PAGE)?.clamp(1, MAX_PAGE);
    let offset = param(&params, "offset", 0)?;
    let search = params.get("q").cloned();
    let page = state
        .read(move |index| index.stories(order, search.as_deref(), limit, offset))
        .await?;
    Ok(Json(page).into_response())
}

/// `GET /v1/stories/{id}`
pub async fn story(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("story ids are numbers, not '{id}'")))?;
    let detail = state.read(move |index| index.story(id)).await?;
    Ok(Json(detail).into_response())
}

/// `GET /v1/compare?a=ID&b=ID`
pub async fn compare(State(state): State<AppState>, Query(params): Params) -> ApiResult<Response> {
    let get = |name: &str| {
        params
            .get(name)
            .cloned()
            .ok_or_else(|| ApiError::bad_request(format!("missing query parameter '{name}'")))
    };
    let (a, b) = (get("a")?, get("b")?);
    let explanation = state.read(move |index| index.compare(&a, &b)).await?;
    Ok(Json(explanation).into_response())
}

/// `GET /health`
pub async fn health(State(state): State<AppState>) -> ApiResult<Response> {
    let stats = state.read(|index| index.stats()).await?;
    Ok(
        Json(json!({ "status": "ok", "articles": stats.articles, "stories": stats.stories }))
            .into_response(),
    )
}

/// `GET /metrics`
pub async fn metrics(State(state): State<AppState>) -> ApiResult<Response> {
    let stats = state.read(|index| index.stats()).await?;
    let text = state.metrics.render(&stats);
    Ok(([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response())
}

/// A numeric query parameter, or its default.
fn param<T: FromStr>(params: &HashMap<String, String>, name: &str, default: T) -> ApiResult<T> {
    match params.get(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| {
            ApiError::bad_request(format!(
                "query parameter '{name}' must be a whole number, not '{v}'"
            ))
        }),
    }
}
