//! Pair relations of a new article, and the likely original of its story.
//!
//! Labelling uses the engine's sentence alignment, which needs both texts:
//! the partners are re-read from the store and prepared again; sentence terms
//! are weighted by the index's own document frequencies, as the batch job
//! weights them by its corpus. The likely original is chosen from stored
//! figures and relations, without re-reading any text.

use crate::features::{key_of, Frequencies};
use crate::search::Neighbour;
use crate::Result;
use rusqlite::{Connection, OptionalExtension};
use storyline_align::SentenceVectors;
use storyline_analyse::{term_text, Term};
use storyline_engine::original::{likely_original, Facts};
use storyline_engine::relation::{Evidence, Prepared};
use storyline_engine::vectorise::{idf, Model};
use storyline_engine::{Document, Pair, Relation, Tuning};
use storyline_ingest::{Article, Origin};

/// Stories larger than this keep the original they had: choosing reads every
/// labelled pair of the story.
const ORIGINAL_MAX_MEMBERS: i64 = 500;

/// Judge `doc` against its strongest neighbours (up to `tuning.index_labels`
/// of those with cosine at least `tuning.index_label_min_cosine`); `story`
/// is the story it is in, for the same-story test. Returns the neighbours'
/// `seq` with their pair (`a` is `doc`).
pub fn judge_neighbours(
    conn: &Connection,
    df: &impl Frequencies,
    doc: &Document,
    story: Option<i64>,
    near: &[Neighbour],
    tuning: &Tuning,
) -> Result<Vec<(i64, Pair)>> {
    let mine = sentence_vectors(doc, df, tuning);
    let me = Prepared::new(doc, &mine, tuning);
    let mut pairs = Vec::new();
    let strong = near
        .iter()
        .filter(|n| n.cosine >= tuning.index_label_min_cosine);
    for n in strong.take(tuning.index_labels) {
        let (article, now_in) = stored_article(conn, n.seq)?;
        let other = Document::prepare(article);
        let theirs = sentence_vectors(&other, df, tuning);
        let same_story = Some(now_in) == story;
        let sides = (me, Prepared::new(&other, &theirs, tuning));
        let pair = Pair::judged((0, 1), sides, (n.cosine, None), same_story, tuning);
        pairs.push((n.seq, pair));
    }
    Ok(pairs)
}

/// Sentence vectors weighted by the index's frequencies. Sentence vectors
/// key terms by 32 bits: the two halves of the 64-bit key folded together.
fn sentence_vectors(doc: &Document, df: &impl Frequencies, tuning: &Tuning) -> SentenceVectors {
    let docs = df.docs().max(1);
    SentenceVectors::new(&doc.analysed.sentences, |term: &Term| {
        let key = key_of(&term_text(term.id));
        let weight = idf(docs, df.df(key).max(1)) * Model::sentence_boost(term, tuning);
        Some((((key >> 32) ^ key) as u32, weight))
    })
}

/// Store the pairs of the new article `seq` (the newest, so always `b`).
pub fn store_pairs(conn: &Connection, seq: i64, pairs: &[(i64, Pair)]) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO relations(a, b, relation, score, covered_a, covered_b, evidence)
         VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (other, pair) in pairs {
        let evidence = serde_json::to_string(&pair.evidence).expect("evidence serialises");
        insert.execute(rusqlite::params![
            other,
            seq,
            pair.relation.as_str(),
            pair.score,
            pair.covered_b,
            pair.covered_a,
            evidence
        ])?;
    }
    Ok(())
}

/// An article as stored, rebuilt for the engine, with its current story.
pub fn stored_article(conn: &Connection, seq: i64) -> Result<(Article, i64)> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, title, url, source, date, raw, story FROM articles WHERE seq = ?1",
    )?;
    Ok(stmt.query_row([seq], |r| {
        let mut article = Article::new(
            r.get::<_, String>(0)?,
            r.get::<_, String>(5)?,
            Origin {
                path: "index".into(),
                line: None,
            },
        );
        article.title = r.get(1)?;
        article.url = r.get(2)?;
        article.source = r.get(3)?;
        article.date = r.get(4)?;
        Ok((article, r.get(6)?))
    })?)
}

/// Choose and store the likely original of `story`.
pub fn update_original(conn: &Connection, story: i64) -> Result<()> {
    let size: Option<i64> = conn
        .query_row("SELECT size FROM stories WHERE story = ?1", [story], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(size) = size.filter(|&s| s <= ORIGINAL_MAX_MEMBERS) else {
        return Ok(());
    };
    let original = if size < 2 {
        None
    } else {
        let (seqs, facts) = member_facts(conn, story)?;
        let slot = |seq: i64| seqs.iter().position(|&s| s == seq);
        let pairs: Vec<Pair> = story_pairs(conn, story)?
            .into_iter()
            .filter_map(|(a, b, mut pair)| {
                (pair.a, pair.b) = (slot(a)?, slot(b)?);
                Some(pair)
            })
            .collect();
        let members: Vec<usize> = (0..seqs.len()).collect();
        likely_original(&members, &facts, &pairs).map(|i| seqs[i])
    };
    conn.execute(
        "UPDATE stories SET original = ?2 WHERE story = ?1",
        rusqlite::params![story, original],
    )?;
    Ok(())
}

fn member_facts(conn: &Connection, story: i64) -> Result<(Vec<i64>, Vec<Facts>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, day, debris, words FROM articles WHERE story = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([story], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Facts {
                day: r.get(1)?,
                debris: r.get::<_, i64>(2)? as usize,
                words: r.get::<_, i64>(3)? as usize,
            },
        ))
    })?;
    let mut seqs = Vec::new();
    let mut facts = Vec::new();
    for row in rows {
        let (seq, f) = row?;
        seqs.push(seq);
        facts.push(f);
    }
    Ok((seqs, facts))
}

/// Labelled pairs inside a story, as `(seq a, seq b, pair)`; the pair's own
/// `a`/`b` are left for the caller to fill.
pub fn story_pairs(conn: &Connection, story: i64) -> Result<Vec<(i64, i64, Pair)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.a, r.b, r.relation, r.score, r.covered_a, r.covered_b, r.evidence
         FROM relations r JOIN articles p ON p.seq = r.a JOIN articles q ON q.seq = r.b
         WHERE p.story = ?1 AND q.story = ?1 ORDER BY r.a, r.b",
    )?;
    let rows = stmt.query_map([story], |r| {
        let label: String = r.get(2)?;
        let evidence: String = r.get(6)?;
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            label,
            r.get::<_, f64>(3)?,
            r.get::<_, f64>(4)?,
            r.get::<_, f64>(5)?,
            evidence,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (a, b, label, score, covered_a, covered_b, evidence) = row?;
        let (Some(relation), Ok(evidence)) = (
            Relation::from_label(&label),
            serde_json::from_str::<Evidence>(&evidence),
        ) else {
            return Err(crate::Error::Store(format!(
                "relation {a}-{b} is stored unreadably"
            )));
        };
        out.push((
            a,
            b,
            Pair {
                a: 0,
                b: 0,
                relation,
                score: score as f32,
                evidence,
                covered_a: covered_a as f32,
                covered_b: covered_b as f32,
            },
        ));
    }
    Ok(out)
}
