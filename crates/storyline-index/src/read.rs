//! Reading the index: articles, similar articles, stories, comparisons.

use crate::features::{DocFrequencies, Features, Pending};
use crate::label::{judge_neighbours, stored_article};
use crate::search::{neighbours, stored_when, Neighbour};
use crate::{
    ArticleInfo, Error, Index, Match, MergeRow, RelationRow, Result, Stats, StoryDetail, StoryPage,
    StorySummary,
};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashMap;
use storyline_engine::score::{judged_score, reported_score};
use storyline_engine::{explain, Corpus, Document, Explanation, NoProgress, Relation, Tuning};
use storyline_ingest::Article;

/// How a story list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Most recently grown first.
    Newest,
    /// Most articles first.
    Largest,
}

const ARTICLE_COLUMNS: &str = "id, title, url, source, date, story, added_at, words";

fn article_row(r: &Row) -> rusqlite::Result<ArticleInfo> {
    Ok(ArticleInfo {
        id: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        source: r.get(3)?,
        date: r.get(4)?,
        story: r.get(5)?,
        added_at: r.get(6)?,
        words: r.get(7)?,
        paragraphs: Vec::new(),
    })
}

impl Index {
    /// One article with its cleaned text.
    pub fn article(&self, id: &str) -> Result<ArticleInfo> {
        let (mut info, cleaned): (ArticleInfo, String) = self
            .conn
            .query_row(
                &format!("SELECT {ARTICLE_COLUMNS}, cleaned FROM articles WHERE id = ?1"),
                [id],
                |r| Ok((article_row(r)?, r.get(8)?)),
            )
            .optional()?
            .ok_or_else(|| not_found(id))?;
        info.paragraphs = serde_json::from_str(&cleaned).unwrap_or_default();
        Ok(info)
    }

    /// The `k` stored articles most similar to the stored article `id`.
    pub fn similar(&self, id: &str, k: usize) -> Result<Vec<Match>> {
        let (seq, when) = self
            .conn
            .query_row(
                "SELECT seq, day, weekdays FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, stored_when(r, 1)?)),
            )
            .optional()?
            .ok_or_else(|| not_found(id))?;
        let blob: Vec<u8> =
            self.conn
                .query_row("SELECT terms FROM features WHERE seq = ?1", [seq], |r| {
                    r.get(0)
                })?;
        let mut tuning = self.tuning.clone();
        tuning.neighbours = tuning.neighbours.max(k);
        let df = self.df.read().expect("frequencies lock");
        let vector = Features::decode(&blob).vector(&*df);
        let near = neighbours(&self.conn, &*df, &vector, when, Some(seq), &tuning)?;
        let near = &near[..near.len().min(k)];
        let labels = self.stored_labels(seq, near)?;
        let story = self.article_story(seq)?;
        matches(&self.conn, near, &labels, Some(story), &self.tuning)
    }

    /// The `k` stored articles most similar to an article that is not
    /// stored, with the strongest pairs labelled. Nothing is written.
    pub fn query(&self, article: Article, k: usize) -> Result<Vec<Match>> {
        let doc = Document::prepare(article);
        let features = Features::of(&doc, &self.tuning);
        let mut tuning = self.tuning.clone();
        tuning.neighbours = tuning.neighbours.max(k);
        let base = self.df.read().expect("frequencies lock");
        let mut df = Pending::new(&base);
        df.apply(&features, 1);
        let vector = features.vector(&df);
        let when = doc.when(self.tuning.lead_sentences);
        let near = neighbours(&self.conn, &df, &vector, when, None, &tuning)?;
        let near = &near[..near.len().min(k)];
        let labels: HashMap<i64, String> =
            judge_neighbours(&self.conn, &df, &doc, None, near, &tuning)?
                .into_iter()
                .map(|(seq, pair)| (seq, pair.relation.as_str().to_string()))
                .collect();
        matches(&self.conn, near, &labels, None, &self.tuning)
    }

    fn article_story(&self, seq: i64) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT story FROM articles WHERE seq = ?1", [seq], |r| {
                r.get(0)
            })?)
    }

    fn stored_labels(&self, seq: i64, near: &[Neighbour]) -> Result<HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT relation FROM relations WHERE a = ?1 AND b = ?2")?;
        let mut labels = HashMap::new();
        for n in near {
            let (a, b) = (n.seq.min(seq), n.seq.max(seq));
            if let Some(label) = stmt
                .query_row([a, b], |r| r.get::<_, String>(0))
                .optional()?
            {
                labels.insert(n.seq, label);
            }
        }
        Ok(labels)
    }

    /// A page of stories, optionally only those with an article whose
    /// headline or id contains `search` (case-insensitive).
    pub fn stories(
        &self,
        order: Order,
        search: Option<&str>,
        limit: usize,
        offset: usize,
    ) -> Result<StoryPage> {
        let filter = "(?1 IS NULL OR s.story IN (SELECT story FROM articles
                        WHERE title LIKE ?1 ESCAPE '\\' OR id LIKE ?1 ESCAPE '\\'))";
        let pattern = search
            .filter(|s| !s.trim().is_empty())
            .map(|s| format!("%{}%", escape_like(s.trim())));
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM stories s WHERE {filter}"),
            [&pattern],
            |r| r.get(0),
        )?;
        let order_by = match order {
            Order::Newest => "s.updated DESC",
            Order::Largest => "s.size DESC, s.updated DESC",
        };
        let sql = format!(
            "SELECT s.story FROM stories s WHERE {filter} ORDER BY {order_by} LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let ids: Vec<i64> = stmt
            .query_map(
                rusqlite::params![pattern, limit as i64, offset as i64],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let stories = ids
            .into_iter()
            .map(|id| self.summary(id))
            .collect::<Result<_>>()?;
        Ok(StoryPage { total, stories })
    }

    fn summary(&self, story: i64) -> Result<StorySummary> {
        self.conn
            .query_row(
                "SELECT s.story, s.size, s.updated, o.id,
                    COALESCE(o.title, (SELECT title FROM articles WHERE story = s.story
                                       AND title IS NOT NULL ORDER BY seq LIMIT 1)),
                    (SELECT MIN(date) FROM articles WHERE story = s.story),
                    (SELECT MAX(date) FROM articles WHERE story = s.story)
                 FROM stories s LEFT JOIN articles o ON o.seq = s.original
                 WHERE s.story = ?1",
                [story],
                |r| {
                    Ok(StorySummary {
                        id: r.get(0)?,
                        size: r.get(1)?,
                        updated: r.get(2)?,
                        original: r.get(3)?,
                        title: r.get(4)?,
                        first_date: r.get(5)?,
                        last_date: r.get(6)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("no story {story}")))
    }

    /// A story with its articles, labelled pairs and merges.
    pub fn story(&self, story: i64) -> Result<StoryDetail> {
        let summary = self.summary(story)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = ?1 ORDER BY seq"
        ))?;
        let articles = stmt
            .query_map([story], article_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, q.id, r.relation, r.score FROM relations r
             JOIN articles p ON p.seq = r.a JOIN articles q ON q.seq = r.b
             WHERE p.story = ?1 AND q.story = ?1 ORDER BY r.score DESC, r.a, r.b",
        )?;
        let relations = stmt
            .query_map([story], |r| {
                Ok(RelationRow {
                    a: r.get(0)?,
                    b: r.get(1)?,
                    relation: r.get(2)?,
                    score: r.get::<_, f64>(3)? as f32,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.from_story, m.into_story, a.id, m.average, m.at FROM merges m
             LEFT JOIN articles a ON a.seq = m.by_article
             WHERE m.into_story = ?1 ORDER BY m.id",
        )?;
        let merges = stmt
            .query_map([story], |r| {
                Ok(MergeRow {
                    from_story: r.get(0)?,
                    into_story: r.get(1)?,
                    by_article: r.get(2)?,
                    average: r.get::<_, f64>(3)? as f32,
                    at: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(StoryDetail {
            summary,
            articles,
            relations,
            merges,
        })
    }

    /// The side-by-side explanation of two stored articles.
    pub fn compare(&self, a: &str, b: &str) -> Result<Explanation> {
        let seq = |id: &str| -> Result<i64> {
            self.conn
                .query_row("SELECT seq FROM articles WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| not_found(id))
        };
        let (first, _) = stored_article(&self.conn, seq(a)?)?;
        let (second, _) = stored_article(&self.conn, seq(b)?)?;
        let corpus = Corpus::with_tuning(vec![first, second], self.tuning.clone(), &NoProgress);
        Ok(explain(&corpus, 0, 1))
    }

    /// Counts of what the index holds.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Stats {
            articles: count("SELECT COUNT(*) FROM articles")?,
            stories: count("SELECT COUNT(*) FROM stories")?,
            multi_article_stories: count("SELECT COUNT(*) FROM stories WHERE size > 1")?,
            merges: count("SELECT COUNT(*) FROM merges")?,
            terms: self.df.read().expect("frequencies lock").terms(),
        })
    }
}

/// Records for `near`, with labels where known. When `story` is given (the
/// story of the article they are matches of), pairs too weak to have been
/// aligned are labelled same-story or unrelated by their stories.
pub fn matches(
    conn: &Connection,
    near: &[Neighbour],
    labels: &HashMap<i64, String>,
    story: Option<i64>,
    tuning: &Tuning,
) -> Result<Vec<Match>> {
    let mut stmt = conn.prepare_cached("SELECT id, title, story FROM articles WHERE seq = ?1")?;
    near.iter()
        .map(|n| {
            let (id, title, their): (String, Option<String>, i64) =
                stmt.query_row([n.seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let by_story = story.map(|s| {
                let label = if s == their {
                    "same-story"
                } else {
                    "unrelated"
                };
                label.to_string()
            });
            let relation = labels.get(&n.seq).cloned().or(by_story);
            // As in the batch job's pairs: an exact copy shows 1.
            let score = match relation.as_deref().and_then(Relation::from_label) {
                Some(judged) => judged_score(judged, n.score, tuning),
                None => reported_score(n.score, tuning),
            };
            Ok(Match {
                id,
                title,
                story: their,
                relation,
                score,
                cosine: n.cosine,
            })
        })
        .collect()
}

/// Document frequencies as stored.
pub fn doc_frequencies(conn: &Connection) -> Result<DocFrequencies> {
    let docs: i64 = conn.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
    let mut stmt = conn.prepare("SELECT term, n FROM df")?;
    let counts = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u32)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(DocFrequencies::new(counts, docs as usize))
}

fn not_found(id: &str) -> Error {
    Error::NotFound(format!("no article with id '{id}'"))
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
