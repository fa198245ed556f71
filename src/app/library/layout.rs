//! Where the library's parts go for a terminal size: the title, the search
//! line, the column header, the list, the preview and the status line.
//! Computed once, used by key handling (how many rows a page is) and by
//! drawing alike, so the two always agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// The preview is shown from this width on, and never wider than
/// [`PREVIEW_MAX`].
pub const PREVIEW_FROM: u16 = 90;
pub const PREVIEW_MAX: u16 = 50;
/// Narrower than this the preview is not worth showing.
pub const PREVIEW_MIN: u16 = 28;
/// Titles get this many cells before the preview does (when they are that
/// long), and before the optional columns (author, tags...) are shown.
pub const TITLE_WANT: usize = 48;
/// The columns a list row always shows beside its title (date, sections,
/// time, notes, progress) with the gaps between them.
pub const COLUMNS_WANT: u16 = 44;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LibraryLayout {
    /// The list side: title, search line, header and rows.
    pub list: Rect,
    pub title: Rect,
    /// The search (or notes query) line, when there is one.
    pub search: Option<Rect>,
    /// The column header, when the rows are briefs.
    pub header: Option<Rect>,
    /// The rows of the list.
    pub rows: Rect,
    /// The preview beside the list, on wide terminals.
    pub preview: Option<Rect>,
    pub status: Rect,
}

impl LibraryLayout {
    /// `preview`: whether the view has a preview to show (the notes view
    /// has none and takes the whole width); `list_want`: the cells the list
    /// would like (its titles first), which the preview narrows for, or
    /// gives up, when it must.
    pub fn compute(
        area: Rect,
        search: bool,
        header: bool,
        preview: bool,
        list_want: u16,
    ) -> LibraryLayout {
        let [body, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let preview_w = if preview && body.width >= PREVIEW_FROM {
            let w = (body.width * 2 / 5)
                .min(PREVIEW_MAX)
                .min(body.width.saturating_sub(list_want));
            if w >= PREVIEW_MIN { w } else { 0 }
        } else {
            0
        };
        let [list, preview] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(preview_w)]).areas(body);
        let [title, search_line, header_line, rows] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(search)),
            Constraint::Length(u16::from(header)),
            Constraint::Fill(1),
        ])
        .areas(list);
        LibraryLayout {
            list,
            title,
            search: search.then_some(search_line),
            header: header.then_some(header_line),
            rows,
            preview: (preview_w > 0).then_some(preview),
            status,
        }
    }

    /// Rows of the list shown at once (at least one).
    pub fn list_rows(&self) -> usize {
        usize::from(self.rows.height).max(1)
    }
}

/// Rows a search passage takes in the list: its place and the start of
/// its text, then more of its text.
pub const PASSAGE_ROWS: usize = 2;

impl super::Row {
    /// Rows of the list this row takes.
    pub fn height(self) -> usize {
        match self {
            super::Row::Brief(_) => 1,
            super::Row::Passage(_) => PASSAGE_ROWS,
        }
    }
}

impl super::LibraryScreen {
    /// How many rows of the list row `i` takes.
    pub fn row_height(&self, i: usize) -> usize {
        self.row(i).map_or(1, super::Row::height)
    }

    /// Moves the list's selection (the rows are of several heights).
    pub(super) fn step_rows(&mut self, step: crate::app::select::Step, size: Rect) {
        let rows = self.layout(size).list_rows();
        let len = self.row_count();
        let mut sel = self.sel;
        sel.step_by(step, len, |i| self.row_height(i), rows);
        self.sel = sel;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_are_what_the_title_search_header_and_status_leave() {
        let l = LibraryLayout::compute(Rect::new(0, 0, 80, 24), true, true, true, 0);
        assert_eq!(l.list_rows(), 24 - 4);
        assert_eq!(l.rows.y, 3);
        assert!(l.preview.is_none());
        let l = LibraryLayout::compute(Rect::new(0, 0, 120, 30), false, true, true, 0);
        assert_eq!(l.list_rows(), 30 - 3);
        assert_eq!(l.preview.map(|p| p.width), Some(48));
    }

    #[test]
    fn long_titles_get_room_first_and_the_preview_narrows_or_hides() {
        let area = Rect::new(0, 0, 120, 30);
        let want = TITLE_WANT as u16 + COLUMNS_WANT;
        let l = LibraryLayout::compute(area, false, true, true, want);
        assert_eq!(l.list.width, want);
        assert_eq!(l.preview.map(|p| p.width), Some(120 - want));
        let l = LibraryLayout::compute(Rect::new(0, 0, 100, 30), false, true, true, want);
        assert_eq!(l.preview, None, "too narrow to be worth it");
        assert_eq!(l.list.width, 100);
    }
}
