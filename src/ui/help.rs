//! The help overlay, generated from the keymap so it shows the bindings in
//! effect.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::draw_cut;
use crate::app::{Shared, help_area};
use crate::keys::{Command, help_rows};

pub fn render(cx: &Shared, scroll: usize, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let popup = help_area(area);
    let title = format!(
        " Keys · {}/{} scroll · {} closes ",
        cx.keymap.hint(Command::Down),
        cx.keymap.hint(Command::Up),
        cx.keymap.hint(Command::Cancel)
    );
    let inner = super::popup::frame(title, popup, t, buf);
    let rows = help_rows(&cx.keymap);
    let scroll = scroll.min(rows.len().saturating_sub(usize::from(inner.height)));
    for ((heading, text), row) in rows.iter().skip(scroll).zip(inner.rows()) {
        let style: Style = if *heading { t.help_group } else { t.popup };
        draw_cut(buf, row, text, style);
    }
}
