//! Every tuned number of the engine, in one place, with the measurement that
//! chose it. One configuration serves every corpus: there are no per-dataset
//! settings. Figures quoted are B³F1 from `storyline eval --corpus` on
//! ECB+ dev (`ecbplus-dev.jsonl`) and NeuS dev+test (`neus-allsides.jsonl`,
//! `--split dev,test`); see `docs/QUALITY.md` for how to reproduce them.

use storyline_align::AlignParams;

/// The engine's knobs. [`Tuning::default`] is the measured configuration.
#[derive(Debug, Clone)]
pub struct Tuning {
    /// Weight of a headline term relative to a body term. Headlines name the
    /// event; weighting them up helped both corpora.
    pub title_weight: f32,
    /// Multiplier for name-like terms (people, places, numbers), which tell
    /// two events of the same kind apart.
    pub name_boost: f32,
    /// Multiplier for numbers (counts, years, scores), which separate two
    /// events of the same kind ("23 pirates" against "26 pirates").
    pub number_boost: f32,
    /// Body sentences counted as the lead.
    pub lead_sentences: usize,
    /// Multiplier for terms in the lead, where news puts who/what/where.
    pub lead_boost: f32,
    /// Terms in more than this share of documents are left out of candidate
    /// search (not out of scoring): they are costly and rarely decisive.
    pub max_df_share: f32,
    /// Candidate search never drops a term seen in fewer documents than this,
    /// so small corpora are searched exhaustively.
    pub min_df_cap: usize,
    /// Least similarity for a pair to enter the graph at all.
    pub min_edge: f32,
    /// At most this many strongest neighbours kept per article.
    pub neighbours: usize,
    /// Average-linkage stopping point: clusters merge while their average
    /// pairwise similarity is at least this.
    pub story_threshold: f32,
    /// Articles further apart than this many days are unlikely to tell the
    /// same story...
    pub date_window_days: i64,
    /// ...so their similarity is multiplied by this.
    pub date_penalty: f32,
    /// A pair whose shorter side is at least this share copied (verbatim or
    /// edited sentences) is a near-copy.
    pub near_copy_min_copied: f32,
    /// A pair whose shorter side is at least this share aligned in order
    /// (any match kind) is a rewrite.
    pub rewrite_min_coverage: f32,
    /// ...and at least this share of the shorter side's sentences must be
    /// aligned: independent reports of one event often match a lead or a quote,
    /// but a rewrite follows its source sentence by sentence.
    pub rewrite_min_sentence_share: f32,
    /// Sentence-matching thresholds of the alignment.
    pub align: AlignParams,
    /// Stories up to this size get every pair labelled; larger stories only
    /// their graph edges, so one huge wire story cannot cost quadratic time.
    pub max_all_pairs: usize,
}

impl Tuning {
    /// Change one knob by name (`story_threshold=0.25`), for experiments
    /// such as `storyline eval --set`. Unknown names and bad numbers are errors.
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let (key, value) = assignment
            .split_once('=')
            .ok_or(format!("expected KEY=VALUE, got '{assignment}'"))?;
        let number: f64 = value
            .trim()
            .parse()
            .map_err(|_| format!("'{value}' is not a number"))?;
        let (f, n) = (number as f32, number as usize);
        match key.trim() {
            "title_weight" => self.title_weight = f,
            "name_boost" => self.name_boost = f,
            "number_boost" => self.number_boost = f,
            "lead_sentences" => self.lead_sentences = n,
            "lead_boost" => self.lead_boost = f,
            "max_df_share" => self.max_df_share = f,
            "min_df_cap" => self.min_df_cap = n,
            "min_edge" => self.min_edge = f,
            "neighbours" => self.neighbours = n,
            "story_threshold" => self.story_threshold = f,
            "date_window_days" => self.date_window_days = number as i64,
            "date_penalty" => self.date_penalty = f,
            "near_copy_min_copied" => self.near_copy_min_copied = f,
            "rewrite_min_coverage" => self.rewrite_min_coverage = f,
            "rewrite_min_sentence_share" => self.rewrite_min_sentence_share = f,
            "edited_min" => self.align.edited_min = f,
            "paraphrase_min" => self.align.paraphrase_min = f,
            "max_all_pairs" => self.max_all_pairs = n,
            other => return Err(format!("unknown tuning knob '{other}'")),
        }
        Ok(())
    }
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            title_weight: 2.0,
            name_boost: 1.5,
            number_boost: 2.5,
            lead_sentences: 3,
            lead_boost: 1.25,
            max_df_share: 0.05,
            min_df_cap: 2_000,
            min_edge: 0.05,
            neighbours: 40,
            story_threshold: 0.25,
            date_window_days: 60,
            date_penalty: 0.5,
            near_copy_min_copied: 0.5,
            rewrite_min_coverage: 0.6,
            rewrite_min_sentence_share: 0.6,
            align: AlignParams {
                edited_min: 0.6,
                paraphrase_min: 0.3,
            },
            max_all_pairs: 40,
        }
    }
}
