//! A deterministic generator of policy briefs for the benchmarks and the
//! timing tools.
//!
//! The text is made of a fixed vocabulary combined by a small seeded PRNG,
//! so the same size and seed always give the same bytes, and a bigger brief
//! starts with the same sections as a smaller one (the series 1, 2, 4 MB
//! shows how cost grows with size, not with a different mix of blocks).
//!
//! The shape follows real briefs: YAML front matter, an H1 title, numbered
//! `##` parts with `###` and `####` subsections, paragraphs of 60-200 words
//! with emphasis, strong text, links and code spans, bullet, numbered and
//! task lists (some nested), a table every few sections, block quotes and
//! the odd code block.

// Each bench and example includes this file and uses a different part.
#![allow(dead_code)]

mod words;

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use words::{ADJECTIVES, ASPECTS, CONNECTIVES, LINKS, NOUNS, OWNERS, SUBJECTS, TOPICS, VERBS};

/// The seed used when none is given.
pub const SEED: u64 = 0x5eed_b41e_f00d;

/// Words every brief's first paragraph starts with: a text a timing tool can
/// wait for to know the body of the brief is on screen.
pub const OPENING: &str = "This brief reviews the evidence and sets out the options.";

/// Sizes the benchmarks use, with their labels. `KB` and `MB` are binary
/// (1024-based) here and everywhere in the benchmarks.
pub const SIZES: [(&str, usize); 5] = [
    ("100KB", 100 * KIB),
    ("1MB", MIB),
    ("2MB", 2 * MIB),
    ("4MB", 4 * MIB),
    ("10MB", 10 * MIB),
];

pub const KIB: usize = 1024;
pub const MIB: usize = 1024 * 1024;

/// xorshift64*: tiny, fast and good enough to vary text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // Zero is the one state xorshift never leaves.
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[(self.next_u64() % words.len() as u64) as usize]
    }
}

/// A generated brief of at least `bytes` bytes (it stops after the section
/// that reaches the size, so it overshoots by at most one section).
pub fn brief(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 16 * KIB);
    front_matter(&mut out, &mut rng);
    let mut part = 0;
    while out.len() < bytes {
        part += 1;
        write_part(&mut out, &mut rng, part, bytes);
    }
    out
}

fn front_matter(out: &mut String, rng: &mut Rng) {
    let topic = rng.pick(TOPICS);
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "title: \"{topic}: Options for Reform\"");
    let _ = writeln!(
        out,
        "date: 2024-{:02}-{:02}",
        rng.range(1, 12),
        rng.range(1, 28)
    );
    let _ = writeln!(out, "author: Policy Analysis Unit");
    let _ = writeln!(out, "classification: OFFICIAL");
    let _ = writeln!(
        out,
        "tags: [{}, {}, briefing]",
        slug(rng.pick(TOPICS)),
        slug(rng.pick(ASPECTS))
    );
    let _ = writeln!(
        out,
        "summary: \"Options to {} the {} {}.\"",
        rng.pick(&["reform", "fund", "simplify", "strengthen"]),
        rng.pick(ADJECTIVES),
        rng.pick(NOUNS)
    );
    let _ = writeln!(out, "---\n");
    let _ = writeln!(out, "# {topic}: Options for Reform\n");
    out.push_str(OPENING);
    out.push(' ');
    let words = rng.range(60, 120);
    paragraph_body(out, rng, words);
    out.push_str("\n\n");
}

/// A `##` part: an introduction, then `###` subsections, some with `####`
/// sub-subsections. The part ends early once `out` reaches `limit` bytes,
/// so a brief overshoots its size by one subsection at most.
fn write_part(out: &mut String, rng: &mut Rng, part: usize, limit: usize) {
    let _ = writeln!(out, "## {part}. {}\n", rng.pick(TOPICS));
    paragraph(out, rng);
    for sub in 1..=rng.range(2, 4) {
        if sub > 1 && out.len() >= limit {
            break;
        }
        let _ = writeln!(out, "### {part}.{sub} {}\n", rng.pick(ASPECTS));
        section_body(out, rng, part * 10 + sub);
        if rng.chance(40) {
            for subsub in 1..=rng.range(1, 2) {
                let _ = writeln!(
                    out,
                    "#### {part}.{sub}.{subsub} {} {}\n",
                    capitalise(rng.pick(ADJECTIVES)),
                    rng.pick(NOUNS)
                );
                section_body(out, rng, part * 100 + sub * 10 + subsub);
            }
        }
    }
}

fn section_body(out: &mut String, rng: &mut Rng, n: usize) {
    for _ in 0..rng.range(1, 3) {
        paragraph(out, rng);
    }
    match rng.range(0, 9) {
        0..=2 => bullet_list(out, rng),
        3..=4 => numbered_list(out, rng),
        5 => task_list(out, rng),
        _ => {}
    }
    if n.is_multiple_of(4) {
        table(out, rng);
    }
    if rng.chance(15) {
        quote(out, rng);
    }
    if rng.chance(6) {
        code_block(out, rng);
    }
    if rng.chance(50) {
        paragraph(out, rng);
    }
}

fn paragraph(out: &mut String, rng: &mut Rng) {
    let words = rng.range(60, 200);
    paragraph_body(out, rng, words);
    out.push_str("\n\n");
}

/// Sentences until about `words` words, with inline markup now and then.
fn paragraph_body(out: &mut String, rng: &mut Rng, words: usize) {
    let mut count = 0;
    while count < words {
        if count > 0 {
            out.push(' ');
        }
        count += sentence(out, rng);
    }
}

/// One sentence; returns its word count.
fn sentence(out: &mut String, rng: &mut Rng) -> usize {
    let mut words = 0;
    let start = out.len();
    if rng.chance(25) {
        out.push_str(rng.pick(CONNECTIVES));
        out.push(' ');
        words += 2;
    }
    // Subject, verb, "the", adjective, noun, qualifier.
    for (i, list) in [SUBJECTS, VERBS, ADJECTIVES, NOUNS, LINKS]
        .iter()
        .enumerate()
    {
        match i {
            0 => {}
            2 => {
                out.push_str(" the ");
                words += 1;
            }
            _ => out.push(' '),
        }
        let text = rng.pick(list);
        words += phrase(out, rng, text);
    }
    if rng.chance(40) {
        let _ = write!(
            out,
            ", with {} of {}%",
            rng.pick(&["a rise", "a fall", "growth", "a shortfall"]),
            rng.range(1, 40)
        );
        words += 5;
    }
    out.push('.');
    capitalise_at(out, start);
    words
}

/// A phrase, sometimes marked up as emphasis, strong text, a link or code.
fn phrase(out: &mut String, rng: &mut Rng, text: &str) -> usize {
    match rng.range(0, 99) {
        0..=2 => {
            let _ = write!(out, "*{text}*");
        }
        3..=4 => {
            let _ = write!(out, "**{text}**");
        }
        5 => {
            let _ = write!(out, "[{text}](https://example.org/briefs/{})", slug(text));
        }
        6 if !text.contains(' ') => {
            let _ = write!(out, "`{text}`");
        }
        _ => out.push_str(text),
    }
    text.split(' ').count()
}

fn bullet_list(out: &mut String, rng: &mut Rng) {
    for _ in 0..rng.range(3, 7) {
        out.push_str("- ");
        list_item_text(out, rng);
        if rng.chance(15) {
            for _ in 0..rng.range(1, 3) {
                out.push_str("  - ");
                list_item_text(out, rng);
            }
        }
    }
    out.push('\n');
}

fn numbered_list(out: &mut String, rng: &mut Rng) {
    for i in 1..=rng.range(3, 6) {
        let _ = write!(out, "{i}. ");
        list_item_text(out, rng);
        if rng.chance(10) {
            out.push_str("   - ");
            list_item_text(out, rng);
        }
    }
    out.push('\n');
}

fn task_list(out: &mut String, rng: &mut Rng) {
    for _ in 0..rng.range(2, 5) {
        out.push_str(if rng.chance(40) { "- [x] " } else { "- [ ] " });
        list_item_text(out, rng);
    }
    out.push('\n');
}

fn list_item_text(out: &mut String, rng: &mut Rng) {
    let words = rng.range(8, 30);
    paragraph_body(out, rng, words);
    out.push('\n');
}

fn table(out: &mut String, rng: &mut Rng) {
    let years = rng.range(2021, 2026);
    let _ = writeln!(
        out,
        "| Measure | {} | {} | Change | Owner |",
        years,
        years + 1
    );
    out.push_str("|:--|--:|--:|--:|:--|\n");
    for _ in 0..rng.range(4, 8) {
        let before = rng.range(10, 990);
        let after = rng.range(10, 990);
        let change = (after as f64 - before as f64) / before as f64 * 100.0;
        let _ = writeln!(
            out,
            "| {} {} | {before} | {after} | {change:+.1}% | {} |",
            capitalise(rng.pick(ADJECTIVES)),
            rng.pick(NOUNS),
            rng.pick(OWNERS)
        );
    }
    out.push('\n');
}

fn quote(out: &mut String, rng: &mut Rng) {
    out.push_str("> ");
    let words = rng.range(30, 80);
    paragraph_body(out, rng, words);
    out.push_str("\n>\n> — ");
    out.push_str(&capitalise(rng.pick(SUBJECTS)));
    out.push_str(", written evidence\n\n");
}

fn code_block(out: &mut String, rng: &mut Rng) {
    out.push_str("```yaml\n");
    for _ in 0..rng.range(3, 8) {
        let _ = writeln!(
            out,
            "{}: {{ target: {}, owner: {} }}",
            slug(rng.pick(NOUNS)),
            rng.range(1, 100),
            rng.pick(OWNERS).to_lowercase()
        );
    }
    out.push_str("```\n\n");
}

fn slug(text: &str) -> String {
    text.to_lowercase().replace(' ', "-")
}

fn capitalise(text: &str) -> String {
    let mut s = text.to_owned();
    capitalise_at(&mut s, 0);
    s
}

/// Upper-cases the first letter at or after `start` (skipping markup).
fn capitalise_at(s: &mut String, start: usize) {
    if let Some((i, c)) = s[start..].char_indices().find(|(_, c)| c.is_alphabetic()) {
        let at = start + i;
        let upper = c.to_ascii_uppercase();
        s.replace_range(at..at + c.len_utf8(), upper.encode_utf8(&mut [0; 4]));
    }
}

/// Parses a size such as `100KB`, `1MB`, `2.5MB` or `4096` (bytes).
pub fn parse_size(text: &str) -> Option<usize> {
    let t = text.trim().to_ascii_uppercase();
    let (number, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t.as_str(), ""),
    };
    let scale = match unit {
        "" | "B" => 1.0,
        "K" | "KB" | "KIB" => KIB as f64,
        "M" | "MB" | "MIB" => MIB as f64,
        _ => return None,
    };
    let n: f64 = number.trim().parse().ok()?;
    (n.is_finite() && n >= 0.0).then_some((n * scale) as usize)
}

/// The size of a library's briefs unless told otherwise.
pub const LIBRARY_BRIEF: usize = 50 * KIB;

/// Writes a library of `count` briefs of about 50 KB each into `dir`
/// (created if needed) and returns their paths. Each brief has its own
/// seed, so titles and text differ.
pub fn library(dir: &Path, count: usize, seed: u64) -> io::Result<Vec<PathBuf>> {
    library_of(dir, count, LIBRARY_BRIEF, seed)
}

/// [`library`] with briefs of about `bytes` each.
pub fn library_of(dir: &Path, count: usize, bytes: usize, seed: u64) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    (0..count)
        .map(|i| {
            let path = dir.join(format!("brief-{i:04}.md"));
            let text = brief(bytes, seed.wrapping_add(i as u64 * 7919));
            fs::write(&path, text)?;
            Ok(path)
        })
        .collect()
}

/// A fresh folder under the system temp dir for a generated library. The
/// caller removes it (see [`TempLibrary`]).
pub fn temp_library(count: usize) -> io::Result<TempLibrary> {
    temp_library_of(count, LIBRARY_BRIEF)
}

/// [`temp_library`] with briefs of about `bytes` each.
pub fn temp_library_of(count: usize, bytes: usize) -> io::Result<TempLibrary> {
    let dir = std::env::temp_dir().join(format!(
        "brief-bench-library-{}-{count}-{bytes}",
        std::process::id()
    ));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    let files = library_of(&dir, count, bytes, SEED)?;
    Ok(TempLibrary { dir, files })
}

/// A generated library folder, removed on drop.
pub struct TempLibrary {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
}

impl Drop for TempLibrary {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}
