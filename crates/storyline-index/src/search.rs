//! Nearest neighbours of one article through the on-disk postings.
//!
//! The article's rarer terms (those in at most `index_postings_cap`
//! articles, or its `min_searched_terms` rarest if it has fewer such) are
//! read rarest first; each article found collects the query's
//! weight on the terms it shares. The `index_candidates` with the most shared
//! weight are then scored on their full vectors, under the frequencies of
//! this moment, so the cosine is the one the batch job would compute.

use crate::features::{cosine, Features, Frequencies, Vector};
use crate::Result;
use rusqlite::{Connection, OptionalExtension};
use rustc_hash::FxHashMap as HashMap;
use storyline_engine::candidates::search_reach;
use storyline_engine::score::pair_score;
use storyline_engine::when::{Weekdays, When};
use storyline_engine::Tuning;

/// A stored article near the query.
#[derive(Debug, Clone)]
pub struct Neighbour {
    /// Its arrival number.
    pub seq: i64,
    /// Its story.
    pub story: i64,
    /// Cosine of the two vectors.
    pub cosine: f32,
    /// The pair score (cosine damped in time, see [`pair_score`]).
    pub score: f32,
}

/// Up to `tuning.neighbours` stored articles whose cosine with `vector`
/// reaches `tuning.min_edge`, best score first; `exclude` is left out.
pub fn neighbours(
    conn: &Connection,
    df: &impl Frequencies,
    vector: &Vector,
    when: When,
    exclude: Option<i64>,
    tuning: &Tuning,
) -> Result<Vec<Neighbour>> {
    let shared = shared_weight(conn, df, vector, exclude, tuning)?;
    let mut ranked: Vec<(i64, f32)> = shared.into_iter().collect();
    ranked.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    ranked.truncate(tuning.index_candidates);
    let mut features = conn.prepare_cached("SELECT terms FROM features WHERE seq = ?1")?;
    let mut about =
        conn.prepare_cached("SELECT story, day, weekdays FROM articles WHERE seq = ?1")?;
    let mut found = Vec::new();
    for (seq, _) in ranked {
        let Some(blob) = features
            .query_row([seq], |r| r.get::<_, Vec<u8>>(0))
            .optional()?
        else {
            continue;
        };
        let cos = cosine(vector, &Features::decode(&blob).vector(df));
        if cos < tuning.min_edge {
            continue;
        }
        let (story, other): (i64, When) =
            about.query_row([seq], |r| Ok((r.get(0)?, stored_when(r, 1)?)))?;
        found.push(Neighbour {
            seq,
            story,
            cosine: cos,
            score: pair_score(cos, when, other, tuning),
        });
    }
    found.sort_unstable_by(|x, y| y.score.total_cmp(&x.score).then(x.seq.cmp(&y.seq)));
    found.truncate(tuning.neighbours);
    Ok(found)
}

/// The [`When`] stored in a row's `day` and `weekdays` columns, from `first`.
pub fn stored_when(row: &rusqlite::Row, first: usize) -> rusqlite::Result<When> {
    Ok(When {
        day: row.get(first)?,
        weekdays: Weekdays::from_bits(row.get(first + 1)?),
    })
}

/// For each article sharing a rare term with the query, the query's summed
/// weight on the shared terms.
fn shared_weight(
    conn: &Connection,
    df: &impl Frequencies,
    vector: &Vector,
    exclude: Option<i64>,
    tuning: &Tuning,
) -> Result<HashMap<i64, f32>> {
    let mut rare: Vec<(u32, i64, f32)> = vector
        .iter()
        .map(|&(key, weight)| (df.df(key), key, weight))
        .collect();
    let mut freqs: Vec<u32> = rare.iter().map(|&(n, _, _)| n).collect();
    let reach = search_reach(
        &mut freqs,
        tuning.index_postings_cap,
        tuning.min_searched_terms,
    );
    rare.retain(|&(n, _, _)| n <= reach);
    rare.sort_unstable_by_key(|&(n, key, _)| (n, key));
    let mut postings = conn.prepare_cached("SELECT seq FROM postings WHERE term = ?1")?;
    let mut shared: HashMap<i64, f32> = HashMap::default();
    for (_, key, weight) in rare {
        let rows = postings.query_map([key], |r| r.get::<_, i64>(0))?;
        for seq in rows {
            let seq = seq?;
            if Some(seq) != exclude {
                *shared.entry(seq).or_default() += weight;
            }
        }
    }
    Ok(shared)
}
