//! Drawing only: `&App` in, cells out. Nothing here changes state.

mod diff;
mod editor;
mod help;
mod jump;
mod library;
mod notes;
mod outline;
mod picker;
mod pictures;
mod popup;
mod reader;
mod status;
pub mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::brief::overlay::Overlay;
use crate::app::brief::panes::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, BriefScreen, Shared, View};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let cx = self.shared();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = format!("Terminal too small: brief needs {MIN_WIDTH}x{MIN_HEIGHT}.");
            Paragraph::new(msg)
                .style(cx.theme.error)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        match (self.view(), self.library(), self.brief()) {
            (View::Library, Some(library), _) => library::render(cx, library, area, buf),
            (View::Brief, _, Some(screen)) => render_brief(screen, cx, area, buf),
            (View::Loading(what), ..) => loading(cx, what, area, buf),
            _ => {}
        }
        if let Some(scroll) = self.help() {
            help::render(cx, scroll, area, buf);
        }
    }
}

/// "Loading …", centred, while there is nothing else to show.
fn loading(cx: &Shared, what: &str, area: Rect, buf: &mut Buffer) {
    let line = format!("Loading {what}…");
    let [row] = Layout::vertical([Constraint::Length(1)])
        .flex(Flex::Center)
        .areas(area);
    Paragraph::new(text::truncate(&line, usize::from(area.width)))
        .style(cx.theme.meta)
        .alignment(ratatui::layout::Alignment::Center)
        .render(row, buf);
}

fn render_brief(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    if let Some(r) = s.panes.outline {
        outline::render(s, cx, r, buf);
    }
    if let Some(r) = s.panes.reader {
        reader::render(s, cx, r, buf);
    }
    if let Some(r) = s.panes.notes {
        notes::render(s, cx, r, buf);
    }
    status::render(s, cx, s.panes.status, buf);
    match &s.overlay {
        Overlay::None => {}
        Overlay::Jump(j) => jump::render(s, cx, j, area, buf),
        Overlay::Editor(e) => editor::render(s, cx, e, area, buf),
        Overlay::Picker(p) => picker::render(cx, p, area, buf),
        Overlay::Diff(d) => diff::render(s, cx, d, area, buf),
        // Drawn in the status line.
        Overlay::Tags(_) | Overlay::Confirm(_) | Overlay::Export(_) | Overlay::RenameTag { .. } => {
        }
    }
    if let Some(block) = s.pictures.full {
        pictures::draw_full(s, cx, block, area, buf);
    }
}
