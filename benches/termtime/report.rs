//! Medians over runs, printed as a table or as JSON.

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::{Value, json};

use crate::session::{Plan, Run};

/// Median, minimum and maximum of one figure over the runs.
#[derive(Debug, Clone, Copy)]
struct Stat {
    median: f64,
    min: f64,
    max: f64,
    /// How many runs had the figure.
    count: usize,
}

impl Stat {
    fn of(values: impl IntoIterator<Item = f64>) -> Option<Stat> {
        let mut v: Vec<f64> = values.into_iter().collect();
        if v.is_empty() {
            return None;
        }
        v.sort_by(f64::total_cmp);
        let mid = v.len() / 2;
        let median = if v.len() % 2 == 1 {
            v[mid]
        } else {
            (v[mid - 1] + v[mid]) / 2.0
        };
        Some(Stat {
            median,
            min: v[0],
            max: v[v.len() - 1],
            count: v.len(),
        })
    }

    fn json(self) -> Value {
        json!({
            "median": round(self.median),
            "min": round(self.min),
            "max": round(self.max),
            "runs": self.count,
        })
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

struct KeySummary {
    name: String,
    first_byte: Option<Stat>,
    last_byte: Option<Stat>,
    bytes: Option<Stat>,
    /// Runs where the screen did not change, and where output never
    /// settled.
    unchanged: usize,
    unsettled: usize,
}

pub struct Summary<'a> {
    plan: &'a Plan,
    runs: usize,
    first_screen: Option<Stat>,
    start_settled: Option<Stat>,
    keys: Vec<KeySummary>,
    peak_rss_kb: Option<Stat>,
    quit: Option<Stat>,
    exited_by_itself: usize,
}

impl<'a> Summary<'a> {
    pub fn of(plan: &'a Plan, runs: &[Run]) -> Summary<'a> {
        let keys = plan
            .keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                let of_key = || runs.iter().filter_map(move |r| r.keys.get(i));
                KeySummary {
                    name: key.name.clone(),
                    first_byte: Stat::of(of_key().filter_map(|k| k.first_byte).map(ms)),
                    last_byte: Stat::of(of_key().filter_map(|k| k.last_byte).map(ms)),
                    bytes: Stat::of(of_key().map(|k| k.bytes as f64)),
                    unchanged: of_key().filter(|k| !k.changed).count(),
                    unsettled: of_key().filter(|k| !k.settled).count(),
                }
            })
            .collect();
        Summary {
            plan,
            runs: runs.len(),
            first_screen: Stat::of(runs.iter().map(|r| ms(r.first_screen))),
            start_settled: Stat::of(runs.iter().filter_map(|r| r.start_settled).map(ms)),
            keys,
            peak_rss_kb: Stat::of(runs.iter().filter_map(|r| r.peak_rss_kb).map(|k| k as f64)),
            quit: Stat::of(runs.iter().filter_map(|r| r.quit).map(ms)),
            exited_by_itself: runs.iter().filter(|r| r.exited_by_itself).count(),
        }
    }

    pub fn table(&self) -> String {
        let p = self.plan;
        let mut rows: Vec<(String, String, String)> = Vec::new();
        let time = |s: Option<Stat>| s.map_or("-".to_owned(), |s| format!("{:.2} ms", s.median));
        let range = |s: Option<Stat>, unit: &str, scale: f64| match s {
            Some(s) if self.runs > 1 => {
                format!("({:.2}..{:.2}{unit})", s.min / scale, s.max / scale)
            }
            _ => String::new(),
        };
        let expect = p
            .expect
            .as_deref()
            .map_or_else(|| "(any text)".to_owned(), |t| format!("{t:?}"));
        rows.push((
            format!("start -> first screen {expect}"),
            time(self.first_screen),
            range(self.first_screen, " ms", 1.0),
        ));
        rows.push((
            "start -> output settled".to_owned(),
            time(self.start_settled),
            range(self.start_settled, " ms", 1.0),
        ));
        for k in &self.keys {
            let mut notes = range(k.last_byte, " ms", 1.0);
            if let (Some(first), Some(bytes)) = (k.first_byte, k.bytes) {
                let _ = write!(
                    notes,
                    " first byte {:.2} ms, {}",
                    first.median,
                    human_bytes(bytes.median)
                );
            } else {
                notes.push_str(" no output");
            }
            if k.unchanged > 0 {
                let _ = write!(
                    notes,
                    "; screen unchanged in {}/{} runs",
                    k.unchanged, self.runs
                );
            }
            if k.unsettled > 0 {
                let _ = write!(
                    notes,
                    "; never settled in {}/{} runs",
                    k.unsettled, self.runs
                );
            }
            rows.push((
                format!("key {} -> frame drawn", k.name),
                time(k.last_byte),
                notes.trim().to_owned(),
            ));
        }
        rows.push((
            "peak RSS (VmHWM)".to_owned(),
            self.peak_rss_kb
                .map_or("-".to_owned(), |s| format!("{:.1} MB", s.median / 1024.0)),
            range(self.peak_rss_kb, " MB", 1024.0),
        ));
        if self.exited_by_itself == self.runs {
            rows.push((
                "quit".to_owned(),
                "-".to_owned(),
                "exited by itself".to_owned(),
            ));
        } else {
            rows.push((
                format!("quit {} -> exit", p.quit.name),
                self.quit
                    .map_or("killed".to_owned(), |s| format!("{:.2} ms", s.median)),
                range(self.quit, " ms", 1.0),
            ));
        }

        let mut out = String::new();
        let _ = writeln!(out, "termtime: {}", shell_words(&p.command));
        let _ = writeln!(
            out,
            "terminal {}x{}, TERM={}, settle {} ms, {} run{}{}",
            p.cols,
            p.rows,
            p.term,
            p.settle.as_millis(),
            self.runs,
            if self.runs == 1 { "" } else { "s" },
            if self.runs > 1 {
                ": median (min..max)"
            } else {
                ""
            }
        );
        let label_width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        let value_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        for (label, value, notes) in rows {
            let line = format!("  {label:<label_width$}  {value:>value_width$}  {notes}");
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out
    }

    pub fn json(&self) -> Value {
        let p = self.plan;
        let stat = |s: Option<Stat>| s.map_or(Value::Null, Stat::json);
        json!({
            "command": p.command,
            "cols": p.cols,
            "rows": p.rows,
            "term": p.term,
            "expect": p.expect,
            "settle_ms": p.settle.as_millis() as u64,
            "runs": self.runs,
            "first_screen_ms": stat(self.first_screen),
            "start_settled_ms": stat(self.start_settled),
            "keys": self.keys.iter().map(|k| json!({
                "key": k.name,
                "first_byte_ms": stat(k.first_byte),
                "frame_ms": stat(k.last_byte),
                "bytes": stat(k.bytes),
                "unchanged_runs": k.unchanged,
                "unsettled_runs": k.unsettled,
            })).collect::<Vec<_>>(),
            "peak_rss_kb": stat(self.peak_rss_kb),
            "quit_ms": stat(self.quit),
            "exited_by_itself_runs": self.exited_by_itself,
        })
    }
}

fn human_bytes(n: f64) -> String {
    if n >= 1024.0 {
        format!("{:.1} KB", n / 1024.0)
    } else {
        format!("{n:.0} B")
    }
}

/// The command as one would type it (quoting words with spaces).
fn shell_words(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            if w.is_empty() || w.contains(|c: char| c.is_whitespace() || "'\"$\\".contains(c)) {
                format!("'{}'", w.replace('\'', r"'\''"))
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
