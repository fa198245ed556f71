//! Drawing only: `&App` in, cells out. Nothing here changes state.

mod diff;
mod editor;
mod help;
mod jump;
mod library;
mod notes;
mod outline;
mod picker;
mod reader;
mod status;
pub mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Overlay};

/// Clears a popup's area. A wide character just left of the popup would
/// spill its right half over the popup's border, so it is blanked too.
pub(crate) fn clear_popup(popup: Rect, buf: &mut Buffer) {
    use ratatui::buffer::CellWidth;
    if popup.x > buf.area.x {
        for y in popup.y..popup.y + popup.height {
            let cell = &mut buf[(popup.x - 1, y)];
            if cell.symbol().cell_width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    ratatui::widgets::Clear.render(popup, buf);
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.panes.too_small {
            let msg = format!(
                "Terminal too small: brief needs {}x{}.",
                crate::app::panes::MIN_WIDTH,
                crate::app::panes::MIN_HEIGHT
            );
            Paragraph::new(msg)
                .style(self.theme.error)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        if self.view == crate::app::View::Library
            && let Some(view) = &self.library
        {
            library::render(self, view, area, buf);
            if let Overlay::Help { scroll } = &self.overlay {
                help::render(self, *scroll, area, buf);
            }
            return;
        }
        if let crate::app::View::Loading { what } = &self.view {
            let line = format!("Loading {what}…");
            let y = area.y + area.height / 2;
            let x = area.x
                + area
                    .width
                    .saturating_sub(crate::layout::text_width(&line) as u16)
                    / 2;
            buf.set_stringn(
                x,
                y,
                text::truncate(&line, usize::from(area.width)),
                usize::from(area.width),
                self.theme.meta,
            );
            return;
        }
        if let Some(r) = self.panes.outline {
            outline::render(self, r, buf);
        }
        if let Some(r) = self.panes.reader {
            reader::render(self, r, buf);
        }
        if let Some(r) = self.panes.notes {
            notes::render(self, r, buf);
        }
        status::render(self, self.panes.status, buf);
        match &self.overlay {
            Overlay::None => {}
            Overlay::Help { scroll } => help::render(self, *scroll, area, buf),
            Overlay::Jump(j) => jump::render(self, j, area, buf),
            Overlay::Editor(e) => editor::render(self, e, area, buf),
            Overlay::Picker(p) => picker::render(self, p, area, buf),
            Overlay::Diff(d) => diff::render(self, d, area, buf),
            // Drawn in the status line.
            Overlay::Tags(_)
            | Overlay::Confirm(_)
            | Overlay::Export(_)
            | Overlay::RenameTag { .. } => {}
        }
    }
}
