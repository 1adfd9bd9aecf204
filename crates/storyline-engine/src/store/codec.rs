//! A prepared document as bytes, for the spill file.
//!
//! Reading a document back must be much cheaper than preparing it again
//! (cleaning and analysing cost about 300 µs an article; labelling a large
//! corpus reads nearly every document back), so the form is plain binary:
//! lengths and numbers little-endian, strings as UTF-8, no field names. Term
//! ids are the process's interned ids, so a spill file is only ever read by
//! the process that wrote it — which is all a temporary file is for.

use crate::document::Document;
use std::io::{Error, ErrorKind, Result};
use storyline_analyse::{language_code, Analysed, Sentence, Term};
use storyline_clean::{Boilerplate, Cleaned, Removed};
use storyline_ingest::{Article, Origin};

/// Append `doc` to `out`.
pub(super) fn encode(doc: &Document, out: &mut Vec<u8>) {
    let a = &doc.article;
    put_str(out, &a.id);
    for field in [&a.title, &a.date, &a.source, &a.url] {
        put_opt_str(out, field.as_deref());
    }
    let extra = (!a.extra.is_empty())
        .then(|| serde_json::to_string(&a.extra).expect("JSON values serialise"));
    put_opt_str(out, extra.as_deref());
    put_str(out, &a.origin.path);
    put_u64(out, a.origin.line.map_or(0, |l| l as u64 + 1));

    let c = &doc.cleaned;
    put_opt_str(out, c.title.as_deref());
    put_opt_str(out, c.date.as_deref());
    put_len(out, c.paragraphs.len());
    c.paragraphs.iter().for_each(|p| put_str(out, p));
    put_len(out, c.removed.len());
    for removed in &c.removed {
        out.push(
            BOILERPLATE
                .iter()
                .position(|&k| k == removed.kind)
                .expect("listed") as u8,
        );
        put_str(out, &removed.text);
    }

    let an = &doc.analysed;
    put_str(out, an.lang);
    put_terms(out, &an.title_terms);
    put_len(out, an.sentences.len());
    for s in &an.sentences {
        put_str(out, &s.text);
        put_len(out, s.words.len());
        s.words.iter().for_each(|&w| put_u64(out, w));
        put_terms(out, &s.terms);
    }
    put_opt_str(out, doc.date.as_deref());
    put_u64(out, doc.body_key);
}

/// Read back what [`encode`] wrote.
pub(super) fn decode(bytes: &[u8]) -> Result<Document> {
    let mut r = Reader(bytes);
    let id = r.string()?;
    let (title, date, source, url) = (
        r.opt_string()?,
        r.opt_string()?,
        r.opt_string()?,
        r.opt_string()?,
    );
    let extra = match r.opt_string()? {
        Some(json) => serde_json::from_str(&json).map_err(Error::other)?,
        None => serde_json::Map::new(),
    };
    let path = r.string()?;
    let line = r.u64()?.checked_sub(1).map(|l| l as usize);
    let mut article = Article::new(id, String::new(), Origin { path, line });
    (article.title, article.date, article.source, article.url) = (title, date, source, url);
    article.extra = extra;

    let cleaned = Cleaned {
        title: r.opt_string()?,
        date: r.opt_string()?,
        paragraphs: r.list(Reader::string)?,
        removed: r.list(|r| {
            let kind = *BOILERPLATE
                .get(r.byte()? as usize)
                .ok_or_else(|| corrupt("kind"))?;
            Ok(Removed {
                kind,
                text: r.string()?,
            })
        })?,
    };
    let lang = language_code(&r.string()?).ok_or_else(|| corrupt("language"))?;
    let analysed = Analysed {
        lang,
        title_terms: r.terms()?,
        sentences: r.list(|r| {
            Ok(Sentence {
                text: r.string()?,
                words: r.list(Reader::u64)?,
                terms: r.terms()?,
            })
        })?,
    };
    let date = r.opt_string()?;
    let body_key = r.u64()?;
    Ok(Document {
        article,
        cleaned,
        analysed,
        date,
        body_key,
    })
}

/// Every kind of removed text, numbered by position.
const BOILERPLATE: [Boilerplate; 9] = [
    Boilerplate::RepeatedHeadline,
    Boilerplate::Heading,
    Boilerplate::PhotoCredit,
    Boilerplate::TagLine,
    Boilerplate::DateLine,
    Boilerplate::Faq,
    Boilerplate::Sources,
    Boilerplate::Share,
    Boilerplate::Url,
];

fn put_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// An optional string: a presence byte, then the string.
fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    out.push(u8::from(s.is_some()));
    if let Some(s) = s {
        put_str(out, s);
    }
}

/// Terms as their id and one byte of flags.
fn put_terms(out: &mut Vec<u8>, terms: &[Term]) {
    put_len(out, terms.len());
    for t in terms {
        out.extend_from_slice(&t.id.to_le_bytes());
        out.push(u8::from(t.name) | u8::from(t.number) << 1);
    }
}

fn corrupt(what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidData,
        format!("spilled document: bad {what}"),
    )
}

/// The bytes not yet read.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        if self.0.len() < n {
            return Err(corrupt("length"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn string(&mut self) -> Result<String> {
        let len = self.u32()? as usize;
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| corrupt("text"))
    }

    fn opt_string(&mut self) -> Result<Option<String>> {
        match self.byte()? {
            0 => Ok(None),
            _ => self.string().map(Some),
        }
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let len = self.u32()? as usize;
        let mut items = Vec::with_capacity(len.min(self.0.len()));
        for _ in 0..len {
            items.push(item(self)?);
        }
        Ok(items)
    }

    fn terms(&mut self) -> Result<Vec<Term>> {
        self.list(|r| {
            let id = r.u32()?;
            let flags = r.byte()?;
            Ok(Term {
                id,
                name: flags & 1 != 0,
                number: flags & 2 != 0,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_reads_back_as_it_was_written() {
        let mut article = Article::new(
            "w-7",
            "Photo: Harbour Desk\n\nFloods closed the Marlow bridge on Friday, officials said. \
             Crews from Tarrow worked through the night to clear 40 tonnes of debris.\n\n\
             Share this story",
            Origin {
                path: "in/news.jsonl".into(),
                line: Some(12),
            },
        );
        article.title = Some("Floods close Marlow bridge".into());
        article.source = Some("Harbour Times".into());
        article
            .extra
            .insert("story".into(), serde_json::json!(["s1", 2]));
        let doc = Document::prepare(article);
        assert!(!doc.cleaned.removed.is_empty() && doc.analysed.sentences.len() == 2);
        let mut bytes = Vec::new();
        encode(&doc, &mut bytes);
        let back = decode(&bytes).expect("decodes");
        assert_eq!(format!("{back:?}"), format!("{doc:?}"));
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
    }
}
