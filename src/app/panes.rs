//! Screen geometry: where each pane goes for a terminal size. Pure, so
//! `update` (for scrolling and clicks) and `render` agree on every rect.

use ratatui::layout::Rect;

/// The smallest terminal the panes are drawn in; below it a single line
/// says the terminal is too small.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// Narrower than this, one pane shows at a time: the focused one.
pub const SIDE_BY_SIDE_MIN: u16 = 56;
/// Columns left of the text: the cursor mark and a space.
pub const MARGIN: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    Outline,
    #[default]
    Reader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The outline pane including its title row and right border.
    pub outline: Option<Rect>,
    pub reader: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Panes {
    pub fn compute(area: Rect, focus: Focus, show_outline: bool) -> Panes {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Panes {
                status: area,
                too_small: true,
                ..Panes::default()
            };
        }
        let body = Rect {
            height: area.height - 1,
            ..area
        };
        let status = Rect {
            y: area.y + area.height - 1,
            height: 1,
            ..area
        };
        let (outline, reader) = if !show_outline {
            (None, Some(body))
        } else if area.width < SIDE_BY_SIDE_MIN {
            match focus {
                Focus::Outline => (Some(body), None),
                Focus::Reader => (None, Some(body)),
            }
        } else {
            let w = (area.width * 3 / 10).clamp(18, 40);
            let outline = Rect { width: w, ..body };
            let reader = Rect {
                x: body.x + w,
                width: body.width - w,
                ..body
            };
            (Some(outline), Some(reader))
        };
        Panes {
            outline,
            reader,
            status,
            too_small: false,
        }
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

    /// The reader's text area: right of the cursor margin, one column short
    /// of the edge, at most `reading_width` wide.
    pub fn reader_text(&self, reading_width: u16) -> Option<Rect> {
        self.reader.map(|r| Rect {
            x: r.x + MARGIN,
            width: r.width.saturating_sub(MARGIN + 1).min(reading_width).max(1),
            ..r
        })
    }
}

pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x && column < r.x + r.width && row >= r.y && row < r.y + r.height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminal_shows_both_panes_side_by_side() {
        let p = Panes::compute(Rect::new(0, 0, 120, 40), Focus::Reader, true);
        let (o, r) = (p.outline.unwrap(), p.reader.unwrap());
        assert_eq!(o.x + o.width, r.x);
        assert_eq!(o.width + r.width, 120);
        assert_eq!(p.status.y, 39);
    }

    #[test]
    fn narrow_terminal_shows_the_focused_pane_only() {
        let p = Panes::compute(Rect::new(0, 0, 40, 12), Focus::Outline, true);
        assert!(p.reader.is_none());
        assert_eq!(p.outline.unwrap().width, 40);
    }

    #[test]
    fn tiny_terminal_is_too_small() {
        assert!(Panes::compute(Rect::new(0, 0, 19, 6), Focus::Reader, true).too_small);
        assert!(!Panes::compute(Rect::new(0, 0, 20, 6), Focus::Reader, true).too_small);
    }

    #[test]
    fn reading_width_caps_the_text_column() {
        let p = Panes::compute(Rect::new(0, 0, 200, 40), Focus::Reader, false);
        assert_eq!(p.reader_text(100).unwrap().width, 100);
    }
}
