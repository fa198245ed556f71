//! Plain text to markdown. Paragraphs are the runs of lines between blank
//! lines; headings follow the conventions of cables and agency notes:
//!
//! - a line underlined with `===` (level 1) or `---` (level 2);
//! - a numbered line standing alone, `2 Findings` or `1.2 Sanctions`
//!   (level = how many numbers);
//! - an ALL-CAPS line standing alone or opening a paragraph (level 1, or 2
//!   when the text also has `===` headings).
//!
//! A block laid out in columns (runs of spaces, `|` or `+---+` rules) is a
//! table and is kept as a code block, so its alignment survives. Lines that
//! open with a bullet (`-`, `*`, `•`) or a number (`1.`, `2)`) in a block
//! made only of them become a list. Header lines at the top (`SUBJECT:`,
//! `DATE:`, `FROM:`, `CLASSIFICATION:`) and a classification marking
//! become front matter too. Everything else is escaped, so it reads as
//! written.

use super::markdown::{code_block, escape_inline, escape_line, front_matter};

/// Markings that are a document's classification, never a heading.
const MARKINGS: &[&str] = &[
    "UNCLASSIFIED",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
    "RESTRICTED",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "OFFICIAL SENSITIVE",
    "LIMITED OFFICIAL USE",
    "SENSITIVE BUT UNCLASSIFIED",
    "FOR OFFICIAL USE ONLY",
];

/// Plain text as markdown.
pub fn to_markdown(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let blocks = split_blocks(&text);
    let caps_level = if blocks.iter().any(|b| b.len() >= 2 && is_rule(b[1], '=')) {
        2
    } else {
        1
    };
    let mut meta = Meta::default();
    let mut out: Vec<String> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        // Header fields count only near the top, before any heading.
        if i < 3 && meta.read_header(block) {
            out.push(hard_lines(block));
            continue;
        }
        convert_block(block, caps_level, &mut meta, &mut out);
    }
    let mut markdown = front_matter(&[
        ("title", meta.title),
        ("date", meta.date),
        ("author", meta.author),
        ("classification", meta.classification),
    ]);
    markdown.push_str(&out.join("\n\n"));
    markdown.push('\n');
    markdown
}

/// Metadata found in header lines.
#[derive(Default)]
struct Meta {
    title: String,
    date: String,
    author: String,
    classification: String,
}

impl Meta {
    /// Reads a block of `KEY: value` lines (most of its lines) or a lone
    /// classification marking; false when the block is neither.
    fn read_header(&mut self, block: &[&str]) -> bool {
        if let [line] = block
            && let Some(marking) = marking(line)
        {
            if self.classification.is_empty() {
                self.classification = marking.to_owned();
            }
            return true;
        }
        let fields: Vec<(String, &str)> = block.iter().filter_map(|l| field(l)).collect();
        if fields.len() < 2 || fields.len() * 3 < block.len() * 2 {
            return false;
        }
        for (key, value) in fields {
            let slot = match key.as_str() {
                "SUBJECT" | "SUBJ" | "TITLE" | "RE" => &mut self.title,
                "DATE" => &mut self.date,
                "FROM" | "AUTHOR" | "BY" => &mut self.author,
                "CLASSIFICATION" | "CLASS" => &mut self.classification,
                _ => continue,
            };
            if slot.is_empty() {
                *slot = value.trim().to_owned();
            }
        }
        true
    }
}

/// `KEY: value` with an upper-case key of at most four words.
fn field(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.trim().split_once(':')?;
    let ok = !key.is_empty()
        && key.len() <= 24
        && key.split(' ').count() <= 4
        && key.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
        && !value.trim().is_empty();
    ok.then(|| (key.to_owned(), value))
}

fn marking(line: &str) -> Option<&'static str> {
    let line = line
        .trim()
        .trim_matches(|c: char| c == '/' || c == '-' || c == ' ');
    MARKINGS
        .iter()
        .copied()
        .find(|m| line.eq_ignore_ascii_case(m))
}

/// The runs of non-blank lines.
fn split_blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks = Vec::new();
    let mut block = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block));
            }
        } else {
            block.push(line.trim_end());
        }
    }
    if !block.is_empty() {
        blocks.push(block);
    }
    blocks
}

fn convert_block(block: &[&str], caps_level: u8, meta: &mut Meta, out: &mut Vec<String>) {
    let Some((&first, rest)) = block.split_first() else {
        return;
    };
    if is_table(block) {
        out.push(code_block(&dedent(block)));
        return;
    }
    if let Some(&under) = rest.first()
        && !is_rule(first, '=')
        && !is_rule(first, '-')
        && (is_rule(under, '=') || is_rule(under, '-'))
    {
        let level = if is_rule(under, '=') { 1 } else { 2 };
        out.push(heading(level, first));
        convert_block(&rest[1..], caps_level, meta, out);
        return;
    }
    if rest.is_empty()
        && let Some(level) = numbered_heading(first)
    {
        out.push(heading(level, first));
        return;
    }
    if is_caps_heading(first) {
        out.push(heading(caps_level, first));
        convert_block(rest, caps_level, meta, out);
        return;
    }
    if let Some(marking) = block.iter().find_map(|l| marking(l))
        && meta.classification.is_empty()
    {
        meta.classification = marking.to_owned();
    }
    if let Some(list) = list(block) {
        out.push(list);
        return;
    }
    let lines: Vec<String> = block.iter().map(|l| escape_line(l)).collect();
    out.push(lines.join("\n"));
}

fn heading(level: u8, line: &str) -> String {
    let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
    format!("{hashes} {}", escape_inline(line.trim()))
}

/// Lines kept as they are broken: each ends in a hard break.
fn hard_lines(block: &[&str]) -> String {
    let lines: Vec<String> = block.iter().map(|l| escape_line(l)).collect();
    lines.join("\\\n")
}

/// A line made only of `c` (at least three), spaces allowed around.
fn is_rule(line: &str, c: char) -> bool {
    let line = line.trim();
    line.len() >= 3 && line.chars().all(|x| x == c)
}

/// `1 Scope`, `2. Findings`, `1.2 Sanctions`: short, no closing
/// punctuation, so a numbered sentence stays a paragraph.
fn numbered_heading(line: &str) -> Option<u8> {
    let line = line.trim();
    let number_len = line
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(line.len());
    let (number, title) = line.split_at(number_len);
    let parts: Vec<&str> = number.trim_end_matches('.').split('.').collect();
    let numbered = !number.is_empty()
        && parts.iter().all(|p| (1..=2).contains(&p.len()))
        && parts.len() <= 6
        && title.starts_with(' ');
    let title = title.trim();
    let words = title.split_whitespace().count();
    let heading_like = title.chars().next().is_some_and(char::is_alphabetic)
        && (1..=12).contains(&words)
        && line.chars().count() <= 80
        && !title.ends_with(['.', ',', ';', ':']);
    (numbered && heading_like).then(|| parts.len().min(6) as u8)
}

/// A short line with upper-case letters and no lower-case ones, which is
/// neither a field (`TO: ...`) nor a classification marking.
fn is_caps_heading(line: &str) -> bool {
    let line = line.trim();
    let upper = line.chars().filter(|c| c.is_uppercase()).count();
    let has_word = line
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 2);
    upper >= 3
        && has_word
        && line.chars().count() <= 80
        && !line.chars().any(char::is_lowercase)
        && field(line).is_none()
        && marking(line).is_none()
        && !line.ends_with([',', ';'])
}

/// A block of bullet or numbered lines (with indented continuations) as a
/// markdown list.
fn list(block: &[&str]) -> Option<String> {
    let mut items: Vec<(Option<&str>, String)> = Vec::new();
    for line in block {
        if let Some((number, rest)) = list_marker(line) {
            items.push((number, escape_line(rest)));
        } else if line.starts_with([' ', '\t'])
            && let Some((_, text)) = items.last_mut()
        {
            text.push(' ');
            text.push_str(&escape_inline(line.trim()));
        } else {
            return None;
        }
    }
    // One numbered line is a numbered paragraph (cables number theirs),
    // and keeps its number as text.
    if let [(Some(_), _)] = items.as_slice() {
        return None;
    }
    let lines: Vec<String> = items
        .into_iter()
        .map(|(number, text)| match number {
            Some(n) => format!("{n}. {text}"),
            None => format!("- {text}"),
        })
        .collect();
    Some(lines.join("\n"))
}

/// The number (none for a bullet) and the rest of a list line.
fn list_marker(line: &str) -> Option<(Option<&str>, &str)> {
    let line = line.trim_start();
    for bullet in ["- ", "* ", "• ", "· ", "o "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some((None, rest));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = line.get(digits..)?;
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    (digits > 0 && digits <= 3).then_some((Some(&line[..digits]), rest))
}

/// Columns: most lines hold a gap of spaces inside their text (not just
/// two after a full stop), or `|` separators, or rules of `-`, `=`, `+`.
fn is_table(block: &[&str]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let ruled = block.iter().any(|l| {
        let t = l.trim();
        t.len() >= 3 && t.contains("--") && t.chars().all(|c| "-=+|: ".contains(c))
    });
    let columned = block.iter().filter(|l| has_column_gap(l)).count();
    let piped = block.iter().filter(|l| l.matches('|').count() >= 2).count();
    let most = |n: usize| n >= 2 && n * 3 >= block.len() * 2;
    (ruled && block.len() > 2) || most(columned) || most(piped)
}

fn has_column_gap(line: &str) -> bool {
    let text = line.trim();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let run = bytes[i..].iter().take_while(|&&b| b == b' ').count();
            let after_stop = i > 0 && matches!(bytes[i - 1], b'.' | b'?' | b'!' | b':');
            if run >= 3 || (run == 2 && !after_stop) {
                return true;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    text.contains('\t')
}

/// Lines with their common indentation removed.
fn dedent<'a>(block: &[&'a str]) -> Vec<&'a str> {
    let indent = block
        .iter()
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    block.iter().map(|l| &l[indent..]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, parse};

    fn brief(text: &str) -> crate::document::Brief {
        parse(&to_markdown(text), "cable")
    }

    fn outline(b: &crate::document::Brief) -> Vec<(u8, String)> {
        b.sections
            .iter()
            .filter(|s| !s.is_preamble())
            .map(|s| (s.level, s.title.clone()))
            .collect()
    }

    #[test]
    fn headings_from_underlines_numbers_and_capitals() {
        let b = brief(
            "Grain Corridor Review\n=====================\n\nOpening words.\n\n\
             1 Background\n\nThe port reopened.\n\n1.2 Insurance costs\n\nPremiums fell.\n\n\
             Outlook\n-------\n\nMixed.\n\nRECOMMENDATIONS\nKeep the corridor open.\n",
        );
        assert_eq!(
            outline(&b),
            vec![
                (1, "Grain Corridor Review".into()),
                (1, "1 Background".into()),
                (2, "1.2 Insurance costs".into()),
                (2, "Outlook".into()),
                (2, "RECOMMENDATIONS".into()),
            ]
        );
        assert_eq!(b.title, "Grain Corridor Review");
    }

    #[test]
    fn numbered_sentences_and_markings_are_not_headings() {
        let b = brief(
            "CONFIDENTIAL\n\n1. The minister said the talks would resume.\n\n\
             2 ministers met\non Tuesday in the capital.\n",
        );
        assert!(outline(&b).is_empty(), "{:?}", outline(&b));
        assert_eq!(b.meta.classification.as_deref(), Some("CONFIDENTIAL"));
        assert!(b.full_text().contains("1. The minister said"));
    }

    #[test]
    fn header_fields_become_front_matter_and_stay_in_the_text() {
        let b = brief(
            "UNCLASSIFIED\n\nDATE: 2026-02-03\nFROM: Embassy Vantor\nTO: Desk\n\
             SUBJECT: Harvest outlook\n\nBody text.\n",
        );
        assert_eq!(b.meta.title.as_deref(), Some("Harvest outlook"));
        assert_eq!(b.meta.date.as_deref(), Some("2026-02-03"));
        assert_eq!(b.meta.author.as_deref(), Some("Embassy Vantor"));
        assert_eq!(b.meta.classification.as_deref(), Some("UNCLASSIFIED"));
        assert!(b.full_text().contains("TO: Desk"), "{}", b.full_text());
    }

    #[test]
    fn column_tables_stay_as_code_and_lists_as_lists() {
        let b = brief(
            "Port       Tonnes   Change\nOdra       1,200    +4%\nVell         880    -2%\n\n\
             - first point\n- second point\n  carried on\n",
        );
        assert_eq!(b.blocks[0].kind, BlockKind::Code);
        assert!(b.block_text(0).contains("Odra       1,200"));
        let items: Vec<&str> = (1..b.blocks.len()).map(|i| b.block_text(i)).collect();
        assert_eq!(items, vec!["first point", "second point carried on"]);
    }

    #[test]
    fn markdown_syntax_in_text_reads_as_written() {
        let text = "Rates *may* rise [sic] by 2_000 <units> & more.";
        let b = brief(text);
        assert_eq!(b.block_text(0), text);
    }

    #[test]
    fn two_spaces_after_a_full_stop_are_not_columns() {
        let b = brief("One sentence.  Another one\nfollows here.  And more.\n");
        assert_eq!(b.blocks[0].kind, BlockKind::Paragraph);
    }
}
