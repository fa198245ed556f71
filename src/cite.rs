//! Addresses and citations of blocks: `§4 ¶2` is the fourth section as
//! `brief outline` numbers it, second block within it.

use std::path::Path;

use serde::Serialize;

use crate::document::date::normalize;
use crate::document::load::display_path;
use crate::document::sanitize::{cut_line, sanitize_line};
use crate::document::{BlockId, Brief};
use crate::notes::anchor::fold_ws;

/// Where a block is: section and block numbers, both from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Address {
    pub section: usize,
    pub block: usize,
}

impl Address {
    pub fn of(brief: &Brief, block: BlockId) -> Address {
        let section = brief.section_of(block);
        let start = brief.sections.get(section).map_or(0, |s| s.blocks.start);
        Address {
            section: section + 1,
            block: block.saturating_sub(start) + 1,
        }
    }

    /// The block a `--section N --block M` pair names, or a message saying
    /// what the valid numbers are.
    pub fn resolve(brief: &Brief, section: usize, block: usize) -> Result<BlockId, String> {
        let n = brief.sections.len();
        let Some(s) = section.checked_sub(1).and_then(|i| brief.sections.get(i)) else {
            return Err(if n == 0 {
                "this brief has no sections".to_owned()
            } else {
                format!(
                    "--section {section}: the brief has sections 1 to {n} (see `brief outline`)"
                )
            });
        };
        let count = s.blocks.len();
        if block == 0 || block > count {
            return Err(if count == 0 {
                format!("--block {block}: section {section} has no blocks")
            } else {
                format!("--block {block}: section {section} has blocks 1 to {count}")
            });
        }
        Ok(s.blocks.start + block - 1)
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "§{} ¶{}", self.section, self.block)
    }
}

/// Everything a citation says, sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub quote: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The brief's date as a day (`2026-03-03`) when it reads as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where to find the brief: its front matter's `url`, else its
    /// `source`, else the file's path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    pub section: Vec<String>,
    pub address: String,
    pub section_number: usize,
    pub block: usize,
    /// The whole source line in the style asked for.
    pub citation: String,
}

/// How the source of a citation is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Style {
    /// Title, author, date, section, address, location: one line.
    #[default]
    Plain,
    /// Author. "Title." Date. Section, address. Location.
    Chicago,
}

/// How much of a paragraph a quote takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QuoteLength {
    /// The whole paragraph.
    #[default]
    Whole,
    /// Whole sentences up to about this many characters, then an
    /// ellipsis; a first sentence longer than that is cut at a word.
    Sentences(usize),
}

impl QuoteLength {
    /// `text` as long as this allows, never cut inside a word.
    pub fn apply(self, text: &str) -> String {
        match self {
            QuoteLength::Whole => text.trim().to_owned(),
            QuoteLength::Sentences(max) => sentences_within(text, max),
        }
    }
}

/// Whole sentences of `text` up to `max` characters, with ` …` when some
/// were left out; the first sentence alone cut at a word boundary when it
/// is longer than `max`.
pub fn sentences_within(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let limit = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    // The end of the last sentence that fits: `.`, `?` or `!` (and any
    // closing quote or bracket) before a space.
    let mut end = None;
    let mut chars = text[..limit].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!' | '…') {
            let mut j = i + c.len_utf8();
            while let Some(&(k, next)) = chars.peek() {
                if matches!(next, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']') {
                    j = k + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if text[j..].starts_with(char::is_whitespace) {
                end = Some(j);
            }
        }
    }
    match end {
        Some(end) => format!("{} …", &text[..end]),
        None => cut_line(text, max),
    }
}

impl Citation {
    /// The citation of a block, its source in the plain style, the quote
    /// whole.
    pub fn of(brief: &Brief, block: BlockId) -> Citation {
        Citation::with(brief, block, None, Style::Plain, QuoteLength::Whole)
    }

    /// The citation of a block of a brief read from `file` (None: a pipe,
    /// a sample), in a style, with the quote as long as `length` allows.
    pub fn with(
        brief: &Brief,
        block: BlockId,
        file: Option<&Path>,
        style: Style,
        length: QuoteLength,
    ) -> Citation {
        let address = Address::of(brief, block);
        let quote = length.apply(&fold_ws(brief.block_text(block)));
        let section = address.section - 1;
        let path = if section < brief.sections.len() {
            brief
                .heading_path(section)
                .into_iter()
                .map(sanitize_line)
                .collect()
        } else {
            Vec::new()
        };
        let meta = &brief.meta;
        let location = meta
            .url
            .as_deref()
            .or(meta.source.as_deref())
            .map(sanitize_line)
            .or_else(|| file.map(|f| sanitize_line(&display_path(f))));
        let mut c = Citation {
            quote: sanitize_line(&quote),
            title: sanitize_line(&brief.title),
            author: meta.author.as_deref().map(sanitize_line),
            date: meta.date.as_deref().map(|d| sanitize_line(&normalize(d))),
            location,
            section: path,
            address: address.to_string(),
            section_number: address.section,
            block: address.block,
            citation: String::new(),
        };
        c.citation = c.styled(style);
        c
    }

    /// The section path without the brief's own title (its H1, which
    /// every section shares).
    fn section_path(&self) -> String {
        let path: Vec<&str> = self
            .section
            .iter()
            .map(String::as_str)
            .filter(|s| *s != self.title)
            .collect();
        path.join(" › ")
    }

    /// The source in one readable line: title, author, date, section
    /// path, address, location.
    pub fn source(&self) -> String {
        let mut parts = vec![self.title.clone()];
        parts.extend(self.author.clone());
        parts.extend(self.date.clone());
        let path = self.section_path();
        if !path.is_empty() {
            parts.push(path);
        }
        parts.push(self.address.clone());
        parts.extend(self.location.clone());
        parts.join(", ")
    }

    /// The source in a style.
    pub fn styled(&self, style: Style) -> String {
        match style {
            Style::Plain => self.source(),
            Style::Chicago => self.chicago(),
        }
    }

    /// Author. “Title.” Date. Section, §4 ¶2. Location.
    fn chicago(&self) -> String {
        let end = |s: &str| {
            if s.ends_with(['.', '?', '!']) {
                s.to_owned()
            } else {
                format!("{s}.")
            }
        };
        let mut parts = Vec::new();
        if let Some(a) = &self.author {
            parts.push(end(a));
        }
        parts.push(format!("\u{201c}{}\u{201d}", end(&self.title)));
        if let Some(d) = &self.date {
            parts.push(end(&long_date(d)));
        }
        let path = self.section_path();
        parts.push(if path.is_empty() {
            end(&self.address)
        } else {
            end(&format!("{path}, {}", self.address))
        });
        if let Some(l) = &self.location {
            parts.push(end(l));
        }
        parts.join(" ")
    }

    /// The source line, then the quote.
    pub fn plain(&self) -> String {
        format!("{}\n\u{201c}{}\u{201d}\n", self.citation, self.quote)
    }

    pub fn markdown(&self) -> String {
        format!("> {}\n\n— {}\n", self.quote, self.citation)
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// `2026-03-03` as `March 3, 2026` (a month alone as `March 2026`);
/// anything else as written.
pub fn long_date(day: &str) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match crate::document::date::parse_day(day) {
        Some((y, m @ 1..=12, 0)) => format!("{} {y}", NAMES[m as usize - 1]),
        Some((y, m @ 1..=12, d)) => format!("{} {d}, {y}", NAMES[m as usize - 1]),
        _ => day.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    const MD: &str = "---\ntitle: Ports\ndate: 2026-02-14\n---\n# Ports\n\nIntro.\n\n## Options\n\nFirst.\n\nSecond option here.\n";

    #[test]
    fn address_counts_sections_like_outline_and_blocks_from_one() {
        let b = parse(MD, "t");
        assert_eq!(Address::of(&b, 2).to_string(), "§2 ¶2");
        assert_eq!(Address::resolve(&b, 2, 2), Ok(2));
        assert!(
            Address::resolve(&b, 3, 1)
                .unwrap_err()
                .contains("sections 1 to 2")
        );
        assert!(
            Address::resolve(&b, 2, 3)
                .unwrap_err()
                .contains("blocks 1 to 2")
        );
    }

    #[test]
    fn citation_names_title_date_section_and_address() {
        let b = parse(MD, "t");
        let c = Citation::of(&b, 2);
        assert_eq!(c.source(), "Ports, 2026-02-14, Options, §2 ¶2");
        assert_eq!(
            c.plain(),
            "Ports, 2026-02-14, Options, §2 ¶2\n\u{201c}Second option here.\u{201d}\n"
        );
        assert!(c.markdown().starts_with("> Second option here.\n\n— Ports"));
    }

    const FULL: &str = "---\ntitle: Ports\nauthor: Ana Ruiz\ndate: 2026-02-14\n\
                        url: https://example.org/ports\n---\n# Ports\n\nIntro.\n\n## Options\n\n\
                        First.\n\nSecond option here.\n";

    #[test]
    fn citation_names_author_and_url_in_both_styles() {
        let b = parse(FULL, "t");
        let c = Citation::with(&b, 2, None, Style::Plain, QuoteLength::Whole);
        assert_eq!(
            c.citation,
            "Ports, Ana Ruiz, 2026-02-14, Options, §2 ¶2, https://example.org/ports"
        );
        let c = Citation::with(&b, 2, None, Style::Chicago, QuoteLength::Whole);
        assert_eq!(
            c.citation,
            "Ana Ruiz. \u{201c}Ports.\u{201d} February 14, 2026. Options, §2 ¶2. \
             https://example.org/ports."
        );
    }

    #[test]
    fn without_a_url_the_file_says_where_the_brief_is() {
        let b = parse(MD, "t");
        let file = Some(Path::new("briefs/ports.md"));
        let c = Citation::with(&b, 2, file, Style::Plain, QuoteLength::Whole);
        assert!(
            c.citation.ends_with("§2 ¶2, briefs/ports.md"),
            "{}",
            c.citation
        );
    }

    #[test]
    fn quotes_are_whole_or_whole_sentences_never_cut_mid_word() {
        let text =
            "Journalists, dissidents, and exiles are watched. Nobody says so. More follows here.";
        assert_eq!(QuoteLength::Whole.apply(text), text);
        assert_eq!(
            sentences_within(text, 66),
            "Journalists, dissidents, and exiles are watched. Nobody says so. …"
        );
        assert_eq!(sentences_within(text, 30), "Journalists, dissidents, and…");
        assert_eq!(cut_line("one two three", 9), "one two…");
        assert_eq!(cut_line("one two three", 7), "one two…");
        assert_eq!(cut_line("short", 9), "short");
    }

    #[test]
    fn citation_text_is_sanitised() {
        let b = parse("Evil &#27;]52;c;AAAA&#7; text\n", "t");
        let c = Citation::of(&b, 0);
        assert!(!c.plain().chars().any(|ch| ch.is_control() && ch != '\n'));
    }
}
