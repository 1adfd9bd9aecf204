//! Counters exposed at `/metrics` in the Prometheus text format.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// Requests by route and status, time spent, articles added.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    seconds: Mutex<BTreeMap<String, f64>>,
    /// Articles newly added.
    pub added: AtomicU64,
}

impl Metrics {
    /// Count one finished request.
    pub fn record(&self, route: &str, status: u16, seconds: f64) {
        *self
            .requests
            .lock()
            .expect("metrics lock")
            .entry((route.to_string(), status))
            .or_default() += 1;
        *self
            .seconds
            .lock()
            .expect("metrics lock")
            .entry(route.to_string())
            .or_default() += seconds;
    }

    /// Count newly added articles.
    pub fn added(&self, n: u64) {
        self.added.fetch_add(n, Ordering::Relaxed);
    }

    /// The text exposition, with the index's own counts.
    pub fn render(&self, stats: &storyline_index::Stats) -> String {
        let mut out = String::new();
        out.push_str("# HELP storyline_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE storyline_http_requests_total counter\n");
        for ((route, status), n) in self.requests.lock().expect("metrics lock").iter() {
            out.push_str(&format!(
                "storyline_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}\n"
            ));
        }
        out.push_str(
            "# HELP storyline_http_request_seconds_total Time spent answering, by route.\n",
        );
        out.push_str("# TYPE storyline_http_request_seconds_total counter\n");
        for (route, s) in self.seconds.lock().expect("metrics lock").iter() {
            out.push_str(&format!(
                "storyline_http_request_seconds_total{{route=\"{route}\"}} {s:.6}\n"
            ));
        }
        let gauges = [
            (
                "storyline_articles_added_total",
                "counter",
                "Articles added since start.",
                self.added.load(Ordering::Relaxed) as f64,
            ),
            (
                "storyline_index_articles",
                "gauge",
                "Articles in the index.",
                stats.articles as f64,
            ),
            (
                "storyline_index_stories",
                "gauge",
                "Stories in the index.",
                stats.stories as f64,
            ),
            (
                "storyline_index_multi_article_stories",
                "gauge",
                "Stories with two or more articles.",
                stats.multi_article_stories as f64,
            ),
            (
                "storyline_index_merges",
                "gauge",
                "Story merges recorded.",
                stats.merges as f64,
            ),
        ];
        for (name, kind, help, value) in gauges {
            out.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n"
            ));
        }
        out
    }
}
