//! Metadata a brief gives in its opening lines rather than in front
//! matter: a memo header (`TO:`, `FROM:`, `DATE:`, `SUBJECT:`, bold or
//! plain, any case), a `Date:` line, or a dateline (`BRUSSELS, 3 March
//! 2026 —`). Front matter wins wherever it says something.

use super::date::parse_day;
use super::sanitize::sanitize_line;
use super::{BlockKind, Brief};

/// Blocks from the top read for a header or a dateline.
const OPENING_BLOCKS: usize = 3;
/// A dateline's place and date, before its dash, at most this long.
const DATELINE_MAX: usize = 60;

/// What the opening lines say.
#[derive(Debug, Default, PartialEq, Eq)]
struct Opening {
    subject: Option<String>,
    date: Option<String>,
    author: Option<String>,
    /// Blocks at the top that are a header and nothing else.
    header_blocks: usize,
}

/// Fills what the front matter left empty (title, date, author) from the
/// brief's opening lines. A memo's subject is its title, before any
/// heading ("MEMORANDUM" says less than the subject).
pub(crate) fn apply(brief: &mut Brief) {
    let found = read(brief);
    let clean = |s: String| sanitize_line(&s);
    if brief.meta.title.is_none()
        && let Some(subject) = found.subject.map(clean)
    {
        if let Some(first) = brief.sections.first_mut()
            && first.is_preamble()
        {
            first.title.clone_from(&subject);
        }
        brief.title.clone_from(&subject);
        brief.meta.title = Some(subject);
    }
    if brief.meta.date.is_none() {
        brief.meta.date = found.date.map(clean);
    }
    if brief.meta.author.is_none() {
        brief.meta.author = found.author.map(clean);
    }
    // The summary is the first paragraph after the header, not the header.
    if found.header_blocks > 0 && brief.meta.summary.is_none() {
        let first = (found.header_blocks..brief.blocks.len()).find(|&b| {
            let block = &brief.blocks[b];
            block.kind == BlockKind::Paragraph && block.quote_depth == 0 && block.list_depth == 0
        });
        brief.meta.summary = first.map(|b| brief.block_text(b).to_owned());
    }
}

fn read(brief: &Brief) -> Opening {
    let mut found = Opening::default();
    for block in 0..brief.blocks.len().min(OPENING_BLOCKS) {
        // A body section (a heading below the title) ends the opening.
        let section = brief.section_of(block);
        if brief.sections.get(section).is_some_and(|s| s.level >= 2) {
            break;
        }
        let text = brief.block_text(block);
        let mut all_header = true;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            all_header &= header_fields(line, &mut found);
        }
        if all_header && found.header_blocks == block {
            found.header_blocks = block + 1;
        }
        if found.date.is_none()
            && let Some(first) = text.lines().next()
        {
            found.date = dateline(first);
        }
    }
    found
}

/// The labels a memo header uses, and what each gives.
enum Field {
    Subject,
    Date,
    Author,
    /// `TO:`, `CC:`: a header line, but not metadata the library shows.
    Other,
}

fn field(label: &str) -> Option<Field> {
    Some(match label.to_lowercase().as_str() {
        "subject" | "subj" | "re" => Field::Subject,
        "date" | "dated" => Field::Date,
        "from" | "author" | "by" => Field::Author,
        "to" | "cc" | "bcc" | "attn" => Field::Other,
        _ => return None,
    })
}

/// The `LABEL: value` pairs of a line that starts with a header label
/// (several on one line when the header's line breaks were soft); false
/// when the line is not a header line.
fn header_fields(line: &str, found: &mut Opening) -> bool {
    let mut rest = line.trim();
    let Some((label, _)) = label_at(rest) else {
        return false;
    };
    let mut current = label;
    rest = rest[label_len(rest)..].trim_start();
    loop {
        // The value runs to the next label on the line, if any.
        let next = rest
            .char_indices()
            .filter(|&(i, c)| i > 0 && c.is_whitespace())
            .map(|(i, _)| i)
            .find(|&i| label_at(rest[i..].trim_start()).is_some());
        let (value, after) = match next {
            Some(i) => (&rest[..i], Some(rest[i..].trim_start())),
            None => (rest, None),
        };
        let value = value.trim().trim_end_matches('\\').trim();
        if !value.is_empty() {
            let slot = match current {
                Field::Subject => Some(&mut found.subject),
                Field::Date => Some(&mut found.date),
                Field::Author => Some(&mut found.author),
                Field::Other => None,
            };
            if let Some(slot) = slot
                && slot.is_none()
            {
                *slot = Some(value.to_owned());
            }
        }
        let Some(after) = after else { return true };
        let Some((label, _)) = label_at(after) else {
            return true;
        };
        current = label;
        rest = after[label_len(after)..].trim_start();
    }
}

/// The header label `text` starts with (`SUBJECT:`, `Date :`), with its
/// length up to and including the colon.
fn label_at(text: &str) -> Option<(Field, usize)> {
    let colon = text.find(':')?;
    let label = text[..colon].trim_end();
    if label.is_empty() || label.len() > 8 || !label.chars().all(char::is_alphabetic) {
        return None;
    }
    Some((field(label)?, colon + 1))
}

fn label_len(text: &str) -> usize {
    label_at(text).map_or(0, |(_, n)| n)
}

/// The date of a dateline: a line that opens with a full date, or with a
/// place in capitals or title case and a full date, before a dash or the
/// end (`3 March 2026`, `BRUSSELS, 3 March 2026 —`, `Paris, le 3 mars
/// 2026`). A sentence that mentions a date is not one.
fn dateline(line: &str) -> Option<String> {
    let head = line
        .split(['—', '–'])
        .next()
        .unwrap_or(line)
        .split(" - ")
        .next()
        .unwrap_or(line)
        .trim()
        .trim_end_matches([',', '.', ':']);
    if head.is_empty() || head.chars().count() > DATELINE_MAX {
        return None;
    }
    let (_, month, day) = parse_day(head)?;
    if month == 0 || day == 0 {
        return None;
    }
    // Every word is a number, a month, a capitalised place or a small
    // joining word: "The meeting on 3 March 2026" is prose.
    let prose = head
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .any(|w| {
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            let small = matches!(w, "le" | "de" | "du" | "the" | "of" | "on");
            !capital && !small && parse_day(&format!("{w} 2000")).is_none_or(|(_, m, _)| m == 0)
        });
    if prose {
        return None;
    }
    // The date itself, without the place: from its first number or month.
    let is_date_word = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || parse_day(&format!("{w} 2000")).is_some_and(|(_, m, _)| m > 0)
    };
    let mut at = 0;
    for word in head.split_inclusive(|c: char| c.is_whitespace() || c == ',') {
        let bare = word.trim_end_matches(|c: char| c.is_whitespace() || c == ',');
        if !bare.is_empty() && is_date_word(bare) {
            return Some(head[at..].trim().to_owned());
        }
        at += word.len();
    }
    Some(head.to_owned())
}

#[cfg(test)]
mod tests {
    use crate::document::parse;

    fn meta(text: &str) -> crate::document::Meta {
        parse(text, "file-name").meta
    }

    #[test]
    fn a_memo_header_gives_title_date_and_author() {
        let m = meta(
            "**TO:** Deputy Director\\\n**FROM:** Ana Ruiz, Policy Adviser\\\n\
             **DATE:** 3 March 2026\\\n**SUBJECT:** Reporting deadlines\n\n## Purpose\n\nText.\n",
        );
        assert_eq!(m.title.as_deref(), Some("Reporting deadlines"));
        let b = parse(
            "**SUBJECT:** Reporting deadlines\n\n## Purpose\n\nText.\n",
            "memo",
        );
        assert_eq!(b.title, "Reporting deadlines");
        assert_eq!(b.sections[0].title, "Reporting deadlines");
        assert_eq!(m.date.as_deref(), Some("3 March 2026"));
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz, Policy Adviser"));
    }

    #[test]
    fn header_lines_joined_by_soft_breaks_still_split() {
        let m = meta("Subject: Grain corridor\nDate: 2026-02-01\nFrom: Desk\n\nBody.\n");
        assert_eq!(m.title.as_deref(), Some("Grain corridor"));
        assert_eq!(m.date.as_deref(), Some("2026-02-01"));
        assert_eq!(m.author.as_deref(), Some("Desk"));
    }

    #[test]
    fn a_date_line_or_a_dateline_gives_the_date() {
        assert_eq!(
            meta("# Ports\n\nDATE: March 3, 2026\n\nText.\n")
                .date
                .as_deref(),
            Some("March 3, 2026")
        );
        assert_eq!(
            meta("# Ports\n\nBRUSSELS, 3 March 2026 — The council met.\n")
                .date
                .as_deref(),
            Some("3 March 2026")
        );
        assert_eq!(
            meta("# Ports\n\n12 January 2026\n\nText.\n")
                .date
                .as_deref(),
            Some("12 January 2026")
        );
    }

    #[test]
    fn prose_that_mentions_a_date_is_not_a_dateline() {
        assert_eq!(
            meta("# Ports\n\nThe council met on 3 March 2026 to agree.\n").date,
            None
        );
        assert_eq!(
            meta("# Ports\n\n## Body\n\nDate: 3 March 2026\n").date,
            None
        );
    }

    #[test]
    fn front_matter_wins() {
        let m = meta("---\ntitle: Set\ndate: 2026-01-01\n---\nSubject: Other\nDate: 2026-05-05\n");
        assert_eq!(m.title.as_deref(), Some("Set"));
        assert_eq!(m.date.as_deref(), Some("2026-01-01"));
    }
}
