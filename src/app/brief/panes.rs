//! Screen geometry: where each pane goes for a terminal size. Pure, so
//! `update` (for scrolling and clicks) and `render` agree on every rect.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::config::Shown;

/// The smallest terminal the panes are drawn in; below it a single line
/// says the terminal is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// Narrower than this, one pane shows at a time: the focused one.
pub const SIDE_BY_SIDE_MIN: u16 = 56;
/// Columns left of the text: the cursor mark, the note mark and a space.
pub const MARGIN: u16 = 3;
/// Columns of the address gutter (`§12 ¶10` and a space).
pub const GUTTER: u16 = 9;

/// Narrower than this, the notes pane takes the outline's place.
pub const THREE_PANES_MIN: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    Outline,
    #[default]
    Reader,
    Notes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The outline pane including its title row and right border.
    pub outline: Option<Rect>,
    pub reader: Option<Rect>,
    /// The notes pane including its title row and left border.
    pub notes: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Panes {
    pub fn compute(area: Rect, focus: Focus, shown: Shown) -> Panes {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Panes {
                status: area,
                too_small: true,
                ..Panes::default()
            };
        }
        let [body, status] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let mut panes = Panes {
            status,
            ..Panes::default()
        };
        let w = area.width;
        if w < SIDE_BY_SIDE_MIN {
            // One pane at a time: the focused one.
            match focus {
                Focus::Outline if shown.outline => panes.outline = Some(body),
                Focus::Notes if shown.notes => panes.notes = Some(body),
                _ => panes.reader = Some(body),
            }
            return panes;
        }
        let (left, right) = if w >= THREE_PANES_MIN {
            (shown.outline, shown.notes)
        } else {
            // Room for one side pane: the focused one, else the outline.
            let notes = shown.notes && (focus == Focus::Notes || !shown.outline);
            (shown.outline && !notes, notes)
        };
        let side = |share: u16, min: u16, max: u16| (w * share / 100).clamp(min, max);
        let left_w = if left {
            side(if right { 22 } else { 30 }, 18, 40)
        } else {
            0
        };
        let right_w = if right {
            side(if left { 26 } else { 34 }, 24, 48)
        } else {
            0
        };
        let [outline, reader, notes] = Layout::horizontal([
            Constraint::Length(left_w),
            Constraint::Fill(1),
            Constraint::Length(right_w),
        ])
        .areas(body);
        panes.outline = left.then_some(outline);
        panes.reader = Some(reader);
        panes.notes = right.then_some(notes);
        panes
    }

    /// The outline's list: below its title row, left of its border.
    pub fn outline_list(&self) -> Option<Rect> {
        self.outline.map(|r| Rect {
            y: r.y + 1,
            height: r.height.saturating_sub(1),
            width: r.width.saturating_sub(1),
            ..r
        })
    }

    /// The notes list: below its title row, right of its border.
    pub fn notes_list(&self) -> Option<Rect> {
        self.notes.map(|r| Rect {
            x: r.x + 2,
            y: r.y + 1,
            height: r.height.saturating_sub(1),
            width: r.width.saturating_sub(3),
        })
    }

    /// The reader's text area: right of the cursor margin, one column short
    /// of the edge, at most `reading_width` wide.
    pub fn reader_text(&self, reading_width: u16, addresses: bool) -> Option<Rect> {
        self.reader.map(|r| {
            // The address gutter only when it leaves room to read.
            let gutter = if addresses && r.width >= 40 {
                GUTTER
            } else {
                0
            };
            let left = MARGIN + gutter;
            Rect {
                x: r.x + left,
                width: r.width.saturating_sub(left + 1).min(reading_width).max(1),
                ..r
            }
        })
    }
}

pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: Shown = Shown {
        outline: true,
        notes: false,
    };
    const NONE: Shown = Shown {
        outline: false,
        notes: false,
    };
    const ALL: Shown = Shown {
        outline: true,
        notes: true,
    };

    #[test]
    fn wide_terminal_shows_three_panes() {
        let p = Panes::compute(Rect::new(0, 0, 160, 40), Focus::Reader, ALL);
        let (o, r, n) = (p.outline.unwrap(), p.reader.unwrap(), p.notes.unwrap());
        assert_eq!(o.width + r.width + n.width, 160);
        assert_eq!(r.x + r.width, n.x);
    }

    #[test]
    fn medium_terminal_shows_the_focused_side_pane() {
        let p = Panes::compute(Rect::new(0, 0, 80, 24), Focus::Notes, ALL);
        assert!(p.outline.is_none() && p.notes.is_some());
        let p = Panes::compute(Rect::new(0, 0, 80, 24), Focus::Reader, ALL);
        assert!(p.outline.is_some() && p.notes.is_none());
    }

    #[test]
    fn wide_terminal_shows_both_panes_side_by_side() {
        let p = Panes::compute(Rect::new(0, 0, 120, 40), Focus::Reader, BOTH);
        let (o, r) = (p.outline.unwrap(), p.reader.unwrap());
        assert_eq!(o.x + o.width, r.x);
        assert_eq!(o.width + r.width, 120);
        assert_eq!(p.status.y, 39);
    }

    #[test]
    fn narrow_terminal_shows_the_focused_pane_only() {
        let p = Panes::compute(Rect::new(0, 0, 40, 12), Focus::Outline, BOTH);
        assert!(p.reader.is_none());
        assert_eq!(p.outline.unwrap().width, 40);
    }

    #[test]
    fn tiny_terminal_is_too_small() {
        assert!(Panes::compute(Rect::new(0, 0, 19, 6), Focus::Reader, BOTH).too_small);
        assert!(!Panes::compute(Rect::new(0, 0, 20, 6), Focus::Reader, BOTH).too_small);
    }

    #[test]
    fn reading_width_caps_the_text_column() {
        let p = Panes::compute(Rect::new(0, 0, 200, 40), Focus::Reader, NONE);
        assert_eq!(p.reader_text(100, false).unwrap().width, 100);
    }
}
