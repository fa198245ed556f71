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
        if let Some(library) = self.library() {
            for (e, entry) in library.entries.iter().enumerate() {
                title = title.max(text_width(entry.title()).min(TITLE_WANT));
                let Some(info) = entry.info() else { continue };
                for col in Col::ALL {
                    let w = match col {
                        // Numbers are measured without being written out.
                        Col::Sections => digits(info.sections()),
                        Col::Words => digits(info.words),
                        Col::Time => digits(info.reading_minutes as usize) + 1,
                        _ => text_width(&self.cell(col, info, e)),
                    };
                    widths[col as usize] = widths[col as usize].max(w);
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
