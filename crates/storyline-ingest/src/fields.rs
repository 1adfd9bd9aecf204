//! One JSON article object, read into an [`Article`].
//!
//! The known fields are taken straight from the parser as it meets them;
//! only fields the reader does not know go into a map (kept in `extra`, in
//! the order they came). Building a map of every field first and then
//! removing the known ones hashed each key twice with a keyed hash: a few
//! per cent of `dedup`'s instructions at 10k articles.

use crate::article::{normalise_date, Article, Origin};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Parse one JSON article (a JSONL line), or say in words what is wrong with it.
pub fn parse_line(line: &str, origin: Origin) -> Result<Article, String> {
    match serde_json::from_str::<Fields>(line) {
        Ok(fields) => fields.into_article(origin),
        Err(_) => Err(why_not_an_object(line)),
    }
}

/// Why `line` could not be read as an object: its JSON is malformed, or it
/// is some other JSON value.
fn why_not_an_object(line: &str) -> String {
    match serde_json::from_str::<Value>(line) {
        Err(e) => format!("malformed JSON: {e}"),
        Ok(_) => "expected a JSON object with at least \"id\" and \"text\"".to_string(),
    }
}

/// The fields of one article object as read; the last of repeated keys wins.
#[derive(Default)]
struct Fields {
    id: Option<Value>,
    text: Option<Value>,
    title: Option<Value>,
    date: Option<Value>,
    source: Option<Value>,
    url: Option<Value>,
    extra: Map<String, Value>,
}

impl Fields {
    fn into_article(self, origin: Origin) -> Result<Article, String> {
        let id = match self.id {
            Some(Value::String(s)) if !s.trim().is_empty() => s,
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                return Err("field \"id\" must be a non-empty string or a number".to_string())
            }
            None => return Err("missing field \"id\"".to_string()),
        };
        let text = match self.text {
            Some(Value::String(s)) => s,
            Some(Value::Null) | None => {
                return Err(format!("article '{id}': missing field \"text\""))
            }
            Some(_) => return Err(format!("article '{id}': field \"text\" must be a string")),
        };
        let mut article = Article::new(id, text, origin);
        article.title = non_blank(self.title);
        article.date = non_blank(self.date).and_then(|d| normalise_date(&d));
        article.source = non_blank(self.source);
        article.url = non_blank(self.url);
        article.extra = self.extra;
        Ok(article)
    }
}

/// A string field with something in it; anything else counts as absent.
fn non_blank(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    }
}

/// A field name: one of the known ones, matched without allocating, or
/// another kept as it is.
enum Key {
    Id,
    Text,
    Title,
    Date,
    Source,
    Url,
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, name: &str) -> Result<Key, E> {
        Ok(match name {
            "id" => Key::Id,
            "text" => Key::Text,
            "title" => Key::Title,
            "date" => Key::Date,
            "source" => Key::Source,
            "url" => Key::Url,
            other => Key::Other(other.to_string()),
        })
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::Id => &mut fields.id,
                Key::Text => &mut fields.text,
                Key::Title => &mut fields.title,
                Key::Date => &mut fields.date,
                Key::Source => &mut fields.source,
                Key::Url => &mut fields.url,
                Key::Other(name) => {
                    fields.extra.insert(name, map.next_value()?);
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            path: "t.jsonl".into(),
            line: Some(1),
        }
    }

    #[test]
    fn known_fields_are_taken_and_the_rest_kept_in_order() {
        let line = r#"{"z":1,"id":7,"title":"  ","text":"Body","story":"s","date":"2025-03-04","id":"x","a":[true]}"#;
        let a = parse_line(line, origin()).unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("x", "Body"));
        assert_eq!((a.title, a.date.as_deref()), (None, Some("2025-03-04")));
        let extra: Vec<&str> = a.extra.keys().map(String::as_str).collect();
        assert_eq!(extra, ["z", "story", "a"]);
        assert_eq!(
            parse_line(r#"{"id":12,"text":"b"}"#, origin()).unwrap().id,
            "12"
        );
    }

    #[test]
    fn what_is_wrong_is_said_in_words() {
        let fails = |line: &str| parse_line(line, origin()).unwrap_err();
        assert!(fails("{not json").starts_with("malformed JSON"));
        assert!(fails("[1,2]").starts_with("expected a JSON object"));
        assert_eq!(fails(r#"{"text":"b"}"#), "missing field \"id\"");
        assert!(fails(r#"{"id":"","text":"b"}"#).contains("non-empty string"));
        assert!(fails(r#"{"id":"a","text":null}"#).contains("missing field \"text\""));
        assert!(fails(r#"{"id":"a","text":3}"#).contains("must be a string"));
    }
}
