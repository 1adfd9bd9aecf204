//! Adding and deleting articles. Every call is one transaction: it commits
//! whole (and is then durable) or not at all.

use crate::assign::assign;
use crate::features::{DocFrequencies, Features, Pending};
use crate::label::{judge_neighbours, store_pairs, update_original};
use crate::read::matches;
use crate::search::{neighbours, Neighbour};
use crate::{Added, Error, Index, Result};
use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;
use std::sync::Arc;
use storyline_engine::when::When;
use storyline_engine::{Document, Tuning};
use storyline_ingest::Article;

/// Matches listed in an add's reply.
const REPLY_MATCHES: usize = 5;

impl Index {
    /// Add articles in order, each seeing the ones before it, in one
    /// transaction. An id already in the index is not added again (its
    /// entry says `created: false`), so a retried batch is harmless.
    pub fn add(&mut self, articles: Vec<Article>) -> Result<Vec<Added>> {
        let prepared: Vec<(String, Document)> = articles
            .into_par_iter()
            .map(|a| (a.text.clone(), Document::prepare(a)))
            .collect();
        let tuning = self.tuning.clone();
        self.write(|conn, df| {
            prepared
                .into_iter()
                .map(|(raw, doc)| add_one(conn, df, &raw, doc, &tuning))
                .collect()
        })
    }

    /// Delete an article: its text, features, postings, links and labelled
    /// pairs. Its story shrinks but is not split (see `docs/INDEX.md`).
    pub fn delete(&mut self, id: &str) -> Result<()> {
        self.write(|conn, df| delete_one(conn, df, id))
    }

    /// Run `work` in a transaction; after the commit, publish its changes
    /// to document frequencies for every reader.
    fn write<T>(&mut self, work: impl FnOnce(&Connection, &mut Pending) -> Result<T>) -> Result<T> {
        let shared = Arc::clone(&self.df);
        let changes = {
            let base = shared.read().expect("frequencies lock");
            let mut pending = Pending::new(&base);
            let tx = self.conn.unchecked_transaction()?;
            let out = work(&tx, &mut pending)?;
            tx.commit()?;
            (out, pending.into_changes())
        };
        let (out, changes) = changes;
        let mut df: std::sync::RwLockWriteGuard<DocFrequencies> =
            shared.write().expect("frequencies lock");
        for (features, delta) in changes {
            df.apply(&features, delta);
        }
        Ok(out)
    }
}

fn add_one(
    conn: &Connection,
    df: &mut Pending,
    raw: &str,
    doc: Document,
    tuning: &Tuning,
) -> Result<Added> {
    if let Some((story,)) = conn
        .query_row(
            "SELECT story FROM articles WHERE id = ?1",
            [doc.id()],
            |r| Ok((r.get::<_, i64>(0)?,)),
        )
        .optional()?
    {
        return Ok(Added {
            id: doc.id().to_string(),
            story,
            created: false,
            merged: Vec::new(),
            matches: Vec::new(),
        });
    }
    let features = Features::of(&doc, tuning);
    let when = doc.when(tuning.lead_sentences);
    let seq = insert_article(conn, raw, &doc, &features, when)?;
    df.apply(&features, 1);
    let vector = features.vector(df);
    let near = neighbours(conn, df, &vector, when, Some(seq), tuning)?;
    insert_links(conn, seq, &near)?;
    let assigned = assign(conn, seq, &near, tuning)?;
    let pairs = judge_neighbours(conn, df, &doc, Some(assigned.story), &near, tuning)?;
    store_pairs(conn, seq, &pairs)?;
    update_original(conn, assigned.story)?;
    let labels: HashMap<i64, String> = pairs
        .iter()
        .map(|(s, p)| (*s, p.relation.as_str().to_string()))
        .collect();
    Ok(Added {
        id: doc.id().to_string(),
        story: assigned.story,
        created: true,
        merged: assigned.merged.iter().map(|&(s, _)| s).collect(),
        matches: matches(
            conn,
            &near[..near.len().min(REPLY_MATCHES)],
            &labels,
            Some(assigned.story),
            tuning,
        )?,
    })
}

/// Store the article, its features and postings, as a story of its own.
fn insert_article(
    conn: &Connection,
    raw: &str,
    doc: &Document,
    features: &Features,
    when: When,
) -> Result<i64> {
    let seq: i64 = conn.query_row(
        "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_seq'), 1)",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES('next_seq', ?1)",
        [(seq + 1).to_string()],
    )?;
    let a = &doc.article;
    let debris = storyline_engine::original::Facts::of(doc).debris as i64;
    let cleaned = serde_json::to_string(&doc.cleaned.paragraphs).expect("strings serialise");
    let now = crate::now();
    conn.execute(
        "INSERT INTO articles(seq, id, title, url, source, date, day, weekdays, story,
                              added_at, words, debris, raw, cleaned)
         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?1, ?9, ?10, ?11, ?12, ?13)",
        rusqlite::params![
            seq,
            a.id,
            doc.title(),
            a.url,
            a.source,
            doc.date,
            when.day,
            when.weekdays.bits(),
            now,
            doc.analysed.word_count() as i64,
            debris,
            raw,
            cleaned
        ],
    )?;
    conn.execute(
        "INSERT INTO stories(story, size, inner, original, created, updated)
         VALUES(?1, 1, 0, NULL, ?2, ?1)",
        rusqlite::params![seq, now],
    )?;
    conn.execute(
        "INSERT INTO features(seq, terms) VALUES(?1, ?2)",
        rusqlite::params![seq, features.encode()],
    )?;
    let mut posting = conn.prepare_cached("INSERT INTO postings(term, seq) VALUES(?1, ?2)")?;
    let mut count = conn.prepare_cached(
        "INSERT INTO df(term, n) VALUES(?1, 1) ON CONFLICT(term) DO UPDATE SET n = n + 1",
    )?;
    for key in features.keys() {
        posting.execute([key, seq])?;
        count.execute([key])?;
    }
    Ok(seq)
}

fn insert_links(conn: &Connection, seq: i64, near: &[Neighbour]) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO edges(a, b, score, cosine) VALUES(?1, ?2, ?3, ?4)",
    )?;
    for n in near {
        insert.execute(rusqlite::params![
            n.seq.min(seq),
            n.seq.max(seq),
            n.score,
            n.cosine
        ])?;
    }
    Ok(())
}

fn delete_one(conn: &Connection, df: &mut Pending, id: &str) -> Result<()> {
    let (seq, story): (i64, i64) = conn
        .query_row("SELECT seq, story FROM articles WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no article with id '{id}'")))?;
    let blob: Vec<u8> =
        conn.query_row("SELECT terms FROM features WHERE seq = ?1", [seq], |r| {
            r.get(0)
        })?;
    let features = Features::decode(&blob);
    let mut posting = conn.prepare_cached("DELETE FROM postings WHERE term = ?1 AND seq = ?2")?;
    let mut count = conn.prepare_cached("UPDATE df SET n = n - 1 WHERE term = ?1")?;
    let mut unused = conn.prepare_cached("DELETE FROM df WHERE term = ?1 AND n <= 0")?;
    for key in features.keys() {
        posting.execute([key, seq])?;
        count.execute([key])?;
        unused.execute([key])?;
    }
    df.apply(&features, -1);
    let inner: f64 = conn.query_row(
        "SELECT COALESCE(SUM(e.score), 0) FROM edges e JOIN articles p
           ON p.seq = CASE WHEN e.a = ?1 THEN e.b ELSE e.a END
         WHERE (e.a = ?1 OR e.b = ?1) AND p.story = ?2",
        [seq, story],
        |r| r.get(0),
    )?;
    for sql in [
        "DELETE FROM edges WHERE a = ?1 OR b = ?1",
        "DELETE FROM relations WHERE a = ?1 OR b = ?1",
        "DELETE FROM features WHERE seq = ?1",
        "DELETE FROM articles WHERE seq = ?1",
    ] {
        conn.execute(sql, [seq])?;
    }
    conn.execute(
        "UPDATE stories SET size = size - 1, inner = MAX(inner - ?2, 0) WHERE story = ?1",
        rusqlite::params![story, inner],
    )?;
    conn.execute(
        "DELETE FROM stories WHERE story = ?1 AND size <= 0",
        [story],
    )?;
    update_original(conn, story)?;
    Ok(())
}
