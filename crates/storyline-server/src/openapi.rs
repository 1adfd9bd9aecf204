//! The OpenAPI 3.1 description served at `/openapi.json`, written by hand
//! beside the routes it describes (a test checks that every route is in it).

use serde_json::{json, Value};

/// Every route as `(method, path)`, as the router registers them.
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/v1/articles"),
    ("post", "/v1/articles/stream"),
    ("get", "/v1/articles/{id}"),
    ("delete", "/v1/articles/{id}"),
    ("get", "/v1/articles/{id}/similar"),
    ("post", "/v1/query"),
    ("get", "/v1/stories"),
    ("get", "/v1/stories/{id}"),
    ("get", "/v1/compare"),
    ("get", "/health"),
    ("get", "/metrics"),
    ("get", "/openapi.json"),
    ("get", "/"),
];

fn op(summary: &str, params: Value, body: Option<&str>, reply: &str) -> Value {
    let mut o = json!({
        "summary": summary,
        "parameters": params,
        "responses": {
            "200": { "description": reply },
            "4XX": { "description": "The request is wrong: {\"error\": \"what is wrong\"}",
                     "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
        }
    });
    if let Some(kind) = body {
        o["requestBody"] = json!({ "required": true, "content": { kind: { "schema": { "$ref": "#/components/schemas/Article" } } } });
    }
    o
}

fn path_id(what: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": what, "schema": { "type": "string" } })
}

fn query(name: &str, what: &str, kind: &str) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": what, "schema": { "type": kind } })
}

/// The document.
pub fn document() -> Value {
    let k = query("k", "How many matches (1-100, default 10).", "integer");
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "storyline",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Which news articles tell the same story, and how each pair is related. Writes need 'Authorization: Bearer <token>' when the server was started with --token."
        },
        "paths": {
            "/v1/articles": {
                "post": op("Add one article (object) or a batch (array), all or none. Replies {results: [{id, story, created, merged, matches}]}.", json!([]), Some("application/json"), "Each article's story and top matches with relation and score")
            },
            "/v1/articles/stream": {
                "post": op("Add a JSONL stream; the reply is JSONL, one line per input line once it is committed: {line, id, story, created, merged, matches} or {line, error}.", json!([]), Some("application/x-ndjson"), "One JSON line per input line")
            },
            "/v1/articles/{id}": {
                "get": op("An article with its cleaned paragraphs and story.", json!([path_id("Article id (percent-encoded)")]), None, "The article"),
                "delete": op("Delete an article; its story shrinks.", json!([path_id("Article id (percent-encoded)")]), None, "{deleted: id}")
            },
            "/v1/articles/{id}/similar": {
                "get": op("The stored articles most similar to this one.", json!([path_id("Article id (percent-encoded)"), k]), None, "{matches: [...]}")
            },
            "/v1/query": {
                "post": op("Matches for an article that is not added.", json!([k]), Some("application/json"), "{matches: [...]}")
            },
            "/v1/stories": {
                "get": op("A page of stories.", json!([
                    query("order", "newest (default) or largest", "string"),
                    query("q", "Only stories with an article whose headline or id contains this", "string"),
                    query("limit", "Page size (1-200, default 20)", "integer"),
                    query("offset", "Stories to skip", "integer")
                ]), None, "{total, stories: [{id, size, title, original, first_date, last_date, updated}]}")
            },
            "/v1/stories/{id}": {
                "get": op("A story: its articles, labelled pairs, likely original and merges.", json!([path_id("Story number")]), None, "The story")
            },
            "/v1/compare": {
                "get": op("Side-by-side alignment of two stored articles.", json!([
                    { "name": "a", "in": "query", "required": true, "schema": { "type": "string" } },
                    { "name": "b", "in": "query", "required": true, "schema": { "type": "string" } }
                ]), None, "{relation, score, evidence, a, b, rows}")
            },
            "/health": { "get": op("Liveness and counts.", json!([]), None, "{status: ok, articles, stories}") },
            "/metrics": { "get": op("Prometheus text metrics.", json!([]), None, "text/plain") },
            "/openapi.json": { "get": op("This document.", json!([]), None, "OpenAPI 3.1") },
            "/": { "get": op("The web page.", json!([]), None, "text/html") }
        },
        "components": {
            "schemas": {
                "Error": { "type": "object", "required": ["error"], "properties": { "error": { "type": "string" } } },
                "Article": {
                    "type": "object", "required": ["id", "text"],
                    "properties": {
                        "id": { "type": "string" }, "text": { "type": "string" },
                        "title": { "type": "string" }, "date": { "type": "string", "description": "YYYY-MM-DD" },
                        "source": { "type": "string" }, "url": { "type": "string" }
                    }
                }
            }
        }
    })
}
