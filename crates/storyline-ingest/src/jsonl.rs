//! JSONL: one article per line, `{"id", "title", "text", "date", "source", "url", ...}`.

use crate::article::{normalise_date, Article, Origin};
use serde_json::{Map, Value};

/// Parse one JSON article (a JSONL line), or say in words what is wrong with it.
pub fn parse_line(line: &str, origin: Origin) -> Result<Article, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(mut fields) = value else {
        return Err("expected a JSON object with at least \"id\" and \"text\"".to_string());
    };
    let id = match fields.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err("field \"id\" must be a non-empty string or a number".to_string()),
        None => return Err("missing field \"id\"".to_string()),
    };
    let text = match fields.remove("text") {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => return Err(format!("article '{id}': missing field \"text\"")),
        Some(_) => return Err(format!("article '{id}': field \"text\" must be a string")),
    };
    let mut article = Article::new(id, text, origin);
    article.title = take_string(&mut fields, "title");
    article.date = take_string(&mut fields, "date").and_then(|d| normalise_date(&d));
    article.source = take_string(&mut fields, "source");
    article.url = take_string(&mut fields, "url");
    article.extra = fields;
    Ok(article)
}

fn take_string(fields: &mut Map<String, Value>, key: &str) -> Option<String> {
    match fields.remove(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    }
}
