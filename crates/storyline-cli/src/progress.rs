//! The engine's progress reports drawn as a bar on stderr (only on a terminal).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;
use storyline_engine::Progress;

/// Inputs smaller than this finish too fast for a bar to help.
const MIN_ITEMS_FOR_BAR: u64 = 2_000;

/// A progress bar per pipeline stage.
pub struct Bar {
    current: Mutex<Option<ProgressBar>>,
}

impl Bar {
    pub fn new() -> Self {
        Bar {
            current: Mutex::new(None),
        }
    }
}

impl Progress for Bar {
    fn start(&self, stage: &str, total: u64) {
        if total < MIN_ITEMS_FOR_BAR {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{msg:>16} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)",
        )
        .expect("valid template")
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(stage.to_string());
        *self.current.lock().expect("progress lock") = Some(bar);
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = self.current.lock().expect("progress lock").as_ref() {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.current.lock().expect("progress lock").take() {
            bar.finish_and_clear();
        }
    }
}
