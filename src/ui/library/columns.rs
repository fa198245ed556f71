//! The library list's columns: which fit a width and in what order (what
//! each cell says, and the widest, the library screen knows).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;

pub(super) use crate::app::library::Col;
use crate::app::library::LibraryScreen;
use crate::layout::text_width;
use crate::ui::text::truncate;

/// Space between two columns of the list.
pub(super) const GAP: usize = 2;
/// Before date and progress give way, the title keeps this many cells.
pub(super) const TITLE_FLOOR: usize = 12;
/// Before any other column is shown, the title keeps this many cells.
pub(super) const TITLE_MIN: usize = 24;
/// A text column squeezed to fit is never narrower than this.
pub(super) const SQUEEZED_MIN: usize = 10;

impl Col {
    /// The order in which columns are given room as the pane widens.
    const BY_PRIORITY: [Col; 9] = [
        Col::Date,
        Col::Progress,
        Col::Time,
        Col::Notes,
        Col::Author,
        Col::Classification,
        Col::Sections,
        Col::Words,
        Col::Tags,
    ];

    /// The header, and a shorter one for a narrow column.
    fn headers(self) -> (&'static str, &'static str) {
        match self {
            Col::Author => ("Author", "Author"),
            Col::Classification => ("Classification", "Class."),
            Col::Tags => ("Tags", "Tags"),
            Col::Date => ("Date", "Date"),
            Col::Sections => ("Sections", "Sect"),
            Col::Words => ("Words", "Words"),
            Col::Time => ("Time", "Time"),
            Col::Notes => ("Notes", "Notes"),
            Col::Progress => ("Progress", "Progress"),
        }
    }

    fn right_aligned(self) -> bool {
        matches!(self, Col::Sections | Col::Words | Col::Time | Col::Notes)
    }

    /// Free text: shown only when some brief gives it, and squeezed
    /// rather than dropped when a little room is short.
    fn free_text(self) -> bool {
        matches!(self, Col::Author | Col::Classification | Col::Tags)
    }

    /// The widest the column gets, whatever it holds.
    fn cap(self) -> usize {
        match self {
            Col::Author | Col::Classification => 18,
            Col::Tags => 20,
            Col::Date => 16,
            _ => 10,
        }
    }

    /// The title keeps this many cells before this column is shown.
    fn title_floor(self) -> usize {
        match self {
            Col::Date | Col::Progress => TITLE_FLOOR,
            _ => TITLE_MIN,
        }
    }
}

/// The list's columns for one frame: which are shown and how wide, the
/// same for every row so that they line up.
pub(super) struct Columns {
    /// Cells left for the title.
    title: usize,
    /// The columns shown, in screen order, with their widths.
    shown: Vec<(Col, usize)>,
}

impl Columns {
    /// Lays out `width` cells: each column as wide as its widest cell in
    /// the library (within its cap; measured when the library was listed),
    /// given room in priority order while the title keeps enough.
    pub(super) fn new(view: &LibraryScreen, width: usize) -> Columns {
        let mut shown = Vec::new();
        let mut used = 0;
        for col in Col::BY_PRIORITY {
            let have = view.widths.of(col);
            if col.free_text() && have == 0 {
                continue;
            }
            let want = have.max(text_width(col.headers().1)).min(col.cap());
            // Titles keep room for themselves (up to TITLE_WANT) before the
            // optional columns take any.
            let floor = match col.title_floor() {
                TITLE_FLOOR => TITLE_FLOOR,
                min => min.max(view.widths.title()),
            };
            let room = width.saturating_sub(used + GAP + floor);
            let w = if want <= room {
                want
            } else if col.free_text() && room >= SQUEEZED_MIN {
                room
            } else {
                continue;
            };
            used += w + GAP;
            shown.push((col, w));
        }
        shown.sort_by_key(|&(col, _)| col);
        Columns {
            title: width.saturating_sub(used),
            shown,
        }
    }

    /// Draws the title then each column's cell on one row.
    pub(super) fn draw(
        &self,
        area: Rect,
        title: (&str, Style),
        mut cell: impl FnMut(Col) -> (String, Style),
        buf: &mut Buffer,
    ) {
        let widths = std::iter::once(self.title).chain(self.shown.iter().map(|&(_, w)| w));
        let cells = Layout::horizontal(widths.map(|w| Constraint::Length(w as u16)))
            .spacing(GAP as u16)
            .split(area);
        put(buf, cells[0], title.0, title.1, false);
        for (&(col, _), &area) in self.shown.iter().zip(cells.iter().skip(1)) {
            let (text, style) = cell(col);
            put(buf, area, &text, style, col.right_aligned());
        }
    }

    pub(super) fn draw_header(&self, area: Rect, style: Style, buf: &mut Buffer) {
        self.draw(
            area,
            ("Title", style),
            |col| {
                let (long, short) = col.headers();
                let w = self.width_of(col);
                let name = if text_width(long) <= w { long } else { short };
                (name.to_owned(), style)
            },
            buf,
        );
    }

    fn width_of(&self, col: Col) -> usize {
        self.shown
            .iter()
            .find(|&&(c, _)| c == col)
            .map_or(0, |&(_, w)| w)
    }
}

/// `text` cut to the width of `area` on its first row, at its right end
/// when `right` aligned.
fn put(buf: &mut Buffer, area: Rect, text: &str, style: Style, right: bool) {
    if area.width == 0 {
        return;
    }
    let text = truncate(text, usize::from(area.width));
    let pad = if right {
        area.width.saturating_sub(text_width(&text) as u16)
    } else {
        0
    };
    buf.set_span(area.x + pad, area.y, &Span::styled(text, style), area.width);
}
