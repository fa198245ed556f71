//! What each entry of the notes pane shows, row by row, at a width: the
//! note whole (its place, kind and stance, flags, its text wrapped, its
//! tags), or, when the pane cannot hold every note whole, the selected one
//! whole and the others in short. Pure, so that scrolling and clicks
//! (update) and drawing (ui) agree on every row.

use super::BriefScreen;
use crate::document::sanitize::sanitize_line;
use crate::layout::{text_width, wrap_plain};
use crate::notes::{Flag, Placed};

/// One row of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryRow {
    /// Where the note is, its flag, kind and stance.
    Head(String),
    /// A line of the note's text.
    Text(String),
    /// A line of the paragraph's text, for a note with tags only.
    Quote(String),
    /// Tags that fit on one row.
    Tags(Vec<String>),
    /// The blank row after an entry.
    Gap,
}

/// Rows a note takes in short: its place, a line of text, its tags, a gap.
pub const SHORT_ROWS: usize = 4;
/// Lines of the paragraph shown for a note with no text.
const QUOTE_LINES: usize = 2;

impl BriefScreen {
    /// The rows of the note `i` (an index into the notes), whole or short.
    pub fn entry_rows(&self, i: usize, width: usize, whole: bool) -> Vec<EntryRow> {
        let width = width.max(1);
        let Some(note) = self.notes.notes.get(i) else {
            return Vec::new();
        };
        let (place, typed) = self.entry_head(i);
        let one_row = format!(
            "{place}{}",
            typed
                .as_deref()
                .map(|t| format!(" · {t}"))
                .unwrap_or_default()
        );
        let mut rows = match typed {
            // Whole: the kind and stance on a row of their own when they do
            // not fit after the place.
            Some(typed) if whole && text_width(&one_row) > width => {
                vec![EntryRow::Head(place), EntryRow::Head(typed)]
            }
            _ => vec![EntryRow::Head(one_row)],
        };
        let text = sanitize_text(&note.text);
        if text.trim().is_empty() {
            let quote = format!("\u{201c}{}\u{201d}", sanitize_line(&note.anchor.quote));
            let mut lines = wrap_plain(&quote, width);
            let keep = if whole { QUOTE_LINES } else { 1 };
            if lines.len() > keep {
                lines.truncate(keep);
                if let Some(last) = lines.last_mut() {
                    *last = ellipsis(last, width);
                }
            }
            rows.extend(lines.into_iter().map(EntryRow::Quote));
        } else if whole {
            for line in text.trim().lines() {
                let wrapped = wrap_plain(line, width);
                if wrapped.is_empty() {
                    rows.push(EntryRow::Text(String::new()));
                }
                rows.extend(wrapped.into_iter().map(EntryRow::Text));
            }
        } else {
            // In short: the first line, saying there is more.
            let mut lines = text.trim().lines();
            let first = lines.next().unwrap_or_default();
            let wrapped = wrap_plain(first, width);
            let more = wrapped.len() > 1 || lines.next().is_some();
            let line = wrapped.into_iter().next().unwrap_or_default();
            rows.push(EntryRow::Text(if more {
                ellipsis(&line, width)
            } else {
                line
            }));
        }
        let tags: Vec<String> = note
            .tags
            .iter()
            .map(|t| format!("#{}", sanitize_line(t)))
            .collect();
        let mut tag_rows = pack(&tags, width);
        if !whole {
            tag_rows.truncate(1);
        }
        rows.extend(tag_rows.into_iter().map(EntryRow::Tags));
        rows.push(EntryRow::Gap);
        rows
    }

    /// The head of an entry: its flag and where it is (or was); its kind
    /// and stance, if it has either.
    fn entry_head(&self, i: usize) -> (String, Option<String>) {
        let note = &self.notes.notes[i];
        let placement = self.notes.placements.get(i);
        let place = match placement.and_then(|p| p.block) {
            Some(b) => {
                let sec = self.brief.section_of(b);
                let start = self.brief.sections.get(sec).map_or(0, |s| s.blocks.start);
                let title = self
                    .brief
                    .sections
                    .get(sec)
                    .map_or("", |s| s.title.as_str());
                format!("§{} ¶{} {title}", sec + 1, b.saturating_sub(start) + 1)
            }
            None => format!("orphaned · was in {}", note.anchor.section.join(" › ")),
        };
        let flag = match (placement.map(|p| p.how), note.flag) {
            (Some(Placed::Orphaned), _) => "",
            (_, Some(Flag::Conflict)) => "[conflict] ",
            (Some(Placed::Edited), _) | (_, Some(Flag::Edited)) => "[edited] ",
            (Some(Placed::Moved), _) | (_, Some(Flag::Moved)) => "[moved] ",
            _ => "",
        };
        let typed: Vec<&str> = [note.kind.map(|k| k.name()), note.stance.map(|s| s.name())]
            .into_iter()
            .flatten()
            .collect();
        // Who and whether shared, then the flag: a long section title is
        // cut at the pane's edge.
        // A colleague's note, or a comment imported with its document's
        // author, says whose it is.
        let imported =
            note.has_tag(crate::notes::imported::IMPORTED_TAG) && !note.author.is_empty();
        let by = if self.notes.is_team(i) || imported {
            format!("[{}] ", crate::notes::team::initials(&note.author))
        } else if note.shared {
            "[shared] ".to_owned()
        } else {
            String::new()
        };
        let reply = if note.reply_to.is_some() { "↳ " } else { "" };
        let place = sanitize_line(&format!("{reply}{by}{flag}{place}"));
        (place, (!typed.is_empty()).then(|| typed.join(" · ")))
    }

    /// Whether every listed note fits whole in `rows` rows at `width`.
    pub fn notes_fit_whole(&self, entries: &[usize], width: usize, rows: usize) -> bool {
        let mut used = 0;
        for &i in entries {
            used += self.entry_rows(i, width, true).len();
            if used > rows + 1 {
                return false;
            }
        }
        // The last entry's gap row may fall off the end.
        true
    }

    /// The height of each listed entry as drawn now: whole when they all
    /// fit, else the selected one whole and the others in short.
    pub fn entry_heights(&self, entries: &[usize], width: usize, rows: usize) -> Vec<usize> {
        let all_whole = self.notes_fit_whole(entries, width, rows);
        let selected = self.notes_pane.sel.selected;
        entries
            .iter()
            .enumerate()
            .map(|(row, &i)| {
                let whole = all_whole || row == selected;
                self.entry_rows(i, width, whole).len()
            })
            .collect()
    }
}

/// Note text as untrusted text, lines kept.
fn sanitize_text(text: &str) -> String {
    crate::document::sanitize::sanitize(text).into_owned()
}

/// `line` with ` …` at its end, cut to fit `width`.
fn ellipsis(line: &str, width: usize) -> String {
    let room = width.saturating_sub(2);
    let mut out = String::new();
    for c in line.chars() {
        if text_width(&format!("{out}{c}")) > room {
            break;
        }
        out.push(c);
    }
    format!("{} …", out.trim_end())
}

/// Tags packed into rows of `width` cells, a space apart; a tag wider than
/// a row gets a row to itself (and is cut when drawn).
fn pack(tags: &[String], width: usize) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut used = 0;
    for tag in tags {
        let w = text_width(tag);
        match rows.last_mut() {
            Some(row) if used + 1 + w <= width => {
                row.push(tag.clone());
                used += 1 + w;
            }
            _ => {
                rows.push(vec![tag.clone()]);
                used = w;
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pack_into_rows_that_fit() {
        let tags: Vec<String> = ["#aa", "#bbb", "#c"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(pack(&tags, 8), vec![vec!["#aa", "#bbb"], vec!["#c"]]);
        assert_eq!(pack(&tags, 100).len(), 1);
    }

    #[test]
    fn an_ellipsis_fits_the_width() {
        assert_eq!(ellipsis("abcdefgh", 6), "abcd …");
        assert!(text_width(&ellipsis("abcdefgh", 6)) <= 6);
    }
}
