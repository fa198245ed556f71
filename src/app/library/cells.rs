//! What each column of the library list says about a brief, and how wide
//! each column's widest cell is: worked out over the whole library when it
//! is listed (or a brief's progress or notes change), never per frame, so
//! that drawing touches only the rows shown.

use super::LibraryScreen;
use super::layout::TITLE_WANT;
use crate::catalogue::BriefInfo;
use crate::document::sanitize::sanitize_line;
use crate::layout::text_width;
use crate::reading::Progress;

/// A column of the list after the title. Declared in screen order, left to
/// right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Col {
    Author,
    Classification,
    Tags,
    Date,
    Sections,
    Words,
    Time,
    Notes,
    Progress,
}

impl Col {
    pub const ALL: [Col; 9] = [
        Col::Author,
        Col::Classification,
        Col::Tags,
        Col::Date,
        Col::Sections,
        Col::Words,
        Col::Time,
        Col::Notes,
        Col::Progress,
    ];
}

/// The widest cell of each column over the library, in cells, and the
/// widest title (up to [`TITLE_WANT`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColWidths {
    cols: [usize; Col::ALL.len()],
    title: usize,
}

impl ColWidths {
    pub fn of(&self, col: Col) -> usize {
        self.cols[col as usize]
    }

    pub fn title(&self) -> usize {
        self.title
    }
}

impl LibraryScreen {
    /// A brief's reading progress as the list shows it, and whether it
    /// changed since last read.
    pub fn progress_text(&self, e: usize) -> (String, bool) {
        let (progress, updated) = self.progress_of(e);
        let text = if updated {
            "updated".to_owned()
        } else {
            match progress {
                Progress::Unread => "unread".to_owned(),
                Progress::Partial(p) => format!("{p}%"),
                Progress::Read => "read".to_owned(),
            }
        };
        (text, updated)
    }

    /// What a cell of column `col` shows for entry `e` (sanitised).
    pub fn cell(&self, col: Col, info: &BriefInfo, e: usize) -> String {
        match col {
            Col::Author => info
                .author
                .as_deref()
                .map(sanitize_line)
                .unwrap_or_default(),
            Col::Classification => info
                .classification
                .as_deref()
                .map(sanitize_line)
                .unwrap_or_default(),
            Col::Tags => {
                let tags: Vec<String> = info.tags.iter().map(|t| format!("#{t}")).collect();
                sanitize_line(&tags.join(" "))
            }
            // `~`: the file's day, a guess (the brief gives no date).
            Col::Date if info.date_from_file => format!("~{}", sanitize_line(&info.date)),
            Col::Date => sanitize_line(&info.date),
            Col::Sections => info.sections().to_string(),
            Col::Words => info.words.to_string(),
            Col::Time => format!("{}m", info.reading_minutes),
            Col::Notes => match self.notes_of(e) {
                0 => String::new(),
                n => format!("{n}✎"),
            },
            Col::Progress => self.progress_text(e).0,
        }
    }

    /// Works out [`ColWidths`] again: after a scan, and when a brief's
    /// progress or notes change.
    pub(super) fn measure_columns(&mut self) {
        #[cfg(test)]
        {
            self.work.measured += 1;
        }
        let mut widths = [0usize; Col::ALL.len()];
        let mut title = 0;
        let Some(scanned) = &self.scanned else {
            self.widths = ColWidths::default();
            return;
        };
        let entries = &scanned.library.entries;
        let mut widen = |col: Col, w: usize| {
            widths[col as usize] = widths[col as usize].max(w);
        };
        // Text is measured as it is, not written out sanitised: a control
        // character made visible is a cell wider at most, and the cell is
        // cut to the column anyway. A library of 100,000 briefs is measured
        // on every open.
        for entry in entries.iter() {
            title = title.max(text_width(entry.title()).min(TITLE_WANT));
            let Some(info) = entry.info() else { continue };
            widen(Col::Author, info.author.as_deref().map_or(0, text_width));
            widen(
                Col::Classification,
                info.classification.as_deref().map_or(0, text_width),
            );
            let tags: usize = info.tags.iter().map(|t| text_width(t) + 1).sum();
            widen(Col::Tags, tags + info.tags.len().saturating_sub(1));
            widen(
                Col::Date,
                text_width(&info.date) + usize::from(info.date_from_file),
            );
            widen(Col::Sections, digits(info.sections()));
            widen(Col::Words, digits(info.words));
            widen(Col::Time, digits(info.reading_minutes as usize) + 1);
        }
        // Progress and notes are recorded for the few briefs read or
        // annotated; every other brief says "unread" and has no notes.
        let loaded = entries.iter().filter(|e| e.info().is_some()).count();
        if scanned.progress.len() < loaded {
            widen(Col::Progress, text_width("unread"));
        }
        let none_known =
            scanned.progress.is_empty() && scanned.updated.is_empty() && scanned.notes.is_empty();
        for (e, entry) in entries.iter().enumerate().filter(|_| !none_known) {
            let known = scanned.progress.contains_key(&entry.canonical)
                || scanned.updated.contains(&entry.canonical)
                || scanned.notes.contains_key(&entry.canonical);
            if known && entry.info().is_some() {
                widen(Col::Progress, text_width(&self.progress_text(e).0));
                if let Some(info) = entry.info() {
                    widen(Col::Notes, text_width(&self.cell(Col::Notes, info, e)));
                }
            }
        }
        self.widths = ColWidths {
            cols: widths,
            title,
        };
    }
}

/// Decimal digits of `n`.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::digits;

    #[test]
    fn digits_count_as_the_number_is_written() {
        for n in [0, 9, 10, 99, 100, 123_456] {
            assert_eq!(digits(n), n.to_string().len());
        }
    }
}
