//! Which story a new article joins, and which stories it merges.
//!
//! The rule is the batch job's average linkage (`storyline_engine::cluster`),
//! applied greedily around the new article: the article starts as its own
//! story; the neighbouring story with the highest average link score across
//! the two (missing links count 0) is joined when that average reaches
//! `story_threshold` and the cohesion test holds on both sides; then the
//! grown story is tested against the other neighbouring stories in the same
//! way, so an article that bridges two stories merges them exactly when the
//! batch rule would merge the grown story with the other. Only stories the
//! new article links to are considered: links between other stories have not
//! changed, so their averages have not either.
//!
//! Once the article has joined a story `B`, another story `C` is only
//! examined when the article's own links to it average `story_threshold`:
//! `B` and `C` did not merge before, so their cross average was below the
//! threshold, and the grown story can reach it only if the article's share
//! does. (When cohesion rather than the threshold kept them apart, this can
//! miss a merge the batch job would make.)

use crate::search::Neighbour;
use crate::Result;
use rusqlite::Connection;
use std::collections::BTreeMap;
use storyline_engine::Tuning;

/// Where the article went.
#[derive(Debug, Clone, PartialEq)]
pub struct Assigned {
    /// The story it is in now.
    pub story: i64,
    /// Existing stories merged into `story` because of it, with the average
    /// link score at the merge.
    pub merged: Vec<(i64, f64)>,
}

/// A story as linkage sees it.
#[derive(Debug, Clone, Copy)]
struct Group {
    size: f64,
    inner: f64,
}

impl Group {
    fn cohesion(&self) -> Option<f64> {
        let pairs = self.size * (self.size - 1.0) / 2.0;
        (pairs > 0.0).then(|| self.inner / pairs)
    }

    fn accepts(&self, average: f64, tuning: &Tuning) -> bool {
        let cap = f64::from(tuning.cohesion_cap);
        self.cohesion()
            .is_none_or(|own| average >= f64::from(tuning.cohesion_ratio) * own.min(cap))
    }
}

/// Assign the article `seq` (stored as its own story, its links stored) and
/// write the result.
pub fn assign(
    conn: &Connection,
    seq: i64,
    near: &[Neighbour],
    tuning: &Tuning,
) -> Result<Assigned> {
    let mut own_links: BTreeMap<i64, f64> = BTreeMap::new();
    for n in near.iter().filter(|n| n.story != seq) {
        *own_links.entry(n.story).or_default() += f64::from(n.score);
    }
    let threshold = f64::from(tuning.story_threshold);
    let mut members = vec![seq];
    let mut grown = Group {
        size: 1.0,
        inner: 0.0,
    };
    let mut joined = Vec::new();
    loop {
        let mut best: Option<(f64, i64, Group, f64)> = None;
        for (&story, &own) in own_links.iter().filter(|(s, _)| !members.contains(s)) {
            let other = group(conn, story)?;
            if own < threshold * other.size {
                continue;
            }
            // The article's links are `own`; the stories it already joined
            // add theirs.
            let mut cross = own;
            for &mine in &members[1..] {
                cross += cross_sum(conn, mine, story)?;
            }
            let average = cross / (grown.size * other.size);
            let eligible = average >= threshold
                && grown.accepts(average, tuning)
                && other.accepts(average, tuning);
            if eligible && best.is_none_or(|b| average > b.0) {
                best = Some((average, story, other, cross));
            }
        }
        let Some((average, story, other, cross)) = best else {
            break;
        };
        grown.inner += other.inner + cross;
        grown.size += other.size;
        members.push(story);
        joined.push((story, average));
    }
    let story = *members.iter().min().expect("the article's own story");
    for &gone in members.iter().filter(|&&s| s != story) {
        conn.execute(
            "UPDATE articles SET story = ?1 WHERE story = ?2",
            [story, gone],
        )?;
        conn.execute("DELETE FROM stories WHERE story = ?1", [gone])?;
    }
    conn.execute(
        "UPDATE stories SET size = ?2, inner = ?3, updated = ?4 WHERE story = ?1",
        rusqlite::params![story, grown.size as i64, grown.inner, seq],
    )?;
    // The first story joined is the one the article went into; any after
    // it were merged by the article's bridge.
    let merged: Vec<(i64, f64)> = joined.into_iter().skip(1).collect();
    let now = crate::now();
    for &(from, average) in &merged {
        let from = if from == story { members[1] } else { from };
        conn.execute(
            "INSERT INTO merges(into_story, from_story, by_article, average, at)
             VALUES(?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![story, from, seq, average, now],
        )?;
    }
    Ok(Assigned { story, merged })
}

fn group(conn: &Connection, story: i64) -> Result<Group> {
    Ok(conn.query_row(
        "SELECT size, inner FROM stories WHERE story = ?1",
        [story],
        |r| {
            Ok(Group {
                size: r.get::<_, i64>(0)? as f64,
                inner: r.get(1)?,
            })
        },
    )?)
}

/// Summed link scores between the members of two stories.
fn cross_sum(conn: &Connection, x: i64, y: i64) -> Result<f64> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(SUM(e.score), 0) FROM articles p
         JOIN edges e ON e.a = p.seq JOIN articles q ON q.seq = e.b
         WHERE p.story = ?1 AND q.story = ?2",
    )?;
    let one: f64 = stmt.query_row([x, y], |r| r.get(0))?;
    let other: f64 = stmt.query_row([y, x], |r| r.get(0))?;
    Ok(one + other)
}
