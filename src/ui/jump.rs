//! The jump popup: a prompt and the sections that match it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::popup;
use crate::app::brief::jump::Jump;
use crate::app::{BriefScreen, Shared, popup_area, popup_list_height};
use crate::keys::{Command, Context};

pub fn render(s: &BriefScreen, cx: &Shared, jump: &Jump, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let title = format!(
        " Jump to section ({}/{}) ",
        jump.results.len(),
        s.brief.sections.len()
    );
    let keys = format!(
        "{} goes there · {} closes",
        cx.keymap.hint_in(Context::List, Command::Open),
        cx.keymap.hint_in(Context::List, Command::Cancel)
    );
    let inner = popup::frame_with_keys(title, &keys, popup_area(area), t, buf);
    if inner.height == 0 || inner.width < 3 {
        return;
    }
    let list = popup::filter(inner, &jump.prompt, t, buf);
    if jump.results.is_empty() {
        Span::styled("no section matches", t.popup).render(list, buf);
        return;
    }
    let shown = jump.results.iter().enumerate().skip(jump.sel.offset);
    for ((i, &sec), row) in shown.zip(list.rows().take(popup_list_height(area))) {
        let section = &s.brief.sections[sec];
        let indent = "  ".repeat(s.outline.depth(sec).min(6));
        let title = if section.title.is_empty() {
            "(untitled)"
        } else {
            &section.title
        };
        let text = format!("{indent}{}  §{}", title, sec + 1);
        popup::row(buf, row, &text, i == jump.sel.selected, t);
    }
}
