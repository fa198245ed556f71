//! Drawing only: `&App` in, cells out. Nothing here changes state.

mod help;
mod jump;
mod outline;
mod reader;
mod status;
mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Overlay};

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
        if let Some(r) = self.panes.outline {
            outline::render(self, r, buf);
        }
        if let Some(r) = self.panes.reader {
            reader::render(self, r, buf);
        }
        status::render(self, self.panes.status, buf);
        match &self.overlay {
            Overlay::None => {}
            Overlay::Help { scroll } => help::render(self, *scroll, area, buf),
            Overlay::Jump(j) => jump::render(self, j, area, buf),
        }
    }
}
