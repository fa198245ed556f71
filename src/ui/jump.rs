//! The jump popup: a prompt and the sections that match it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use super::text::{draw_prompt, truncate};
use crate::app::brief::jump::Jump;
use crate::app::{BriefScreen, Shared, popup_area, popup_list_height};

pub fn render(s: &BriefScreen, cx: &Shared, jump: &Jump, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let popup = popup_area(area);
    super::clear_popup(popup, buf);
    let title = format!(
        " Jump to section ({}/{}) ",
        jump.results.len(),
        s.brief.sections.len()
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(title)
        .border_style(t.popup_border)
        .style(t.popup);
    let inner = block.inner(popup);
    block.render(popup, buf);
    if inner.height == 0 || inner.width < 3 {
        return;
    }
    buf.set_stringn(inner.x, inner.y, "> ", 2, t.help_key);
    let field = Rect {
        x: inner.x + 2,
        width: inner.width - 2,
        height: 1,
        ..inner
    };
    draw_prompt(
        buf,
        field,
        jump.prompt.value(),
        jump.prompt.cursor(),
        t.popup,
    );

    let width = usize::from(inner.width);
    let height = popup_list_height(area).min(usize::from(inner.height.saturating_sub(1)));
    for (row, &sec) in jump
        .results
        .iter()
        .enumerate()
        .skip(jump.sel.offset)
        .take(height)
    {
        let y = inner.y + 1 + (row - jump.sel.offset) as u16;
        let section = &s.brief.sections[sec];
        let indent = "  ".repeat(s.outline.depth(sec).min(6));
        let title = if section.title.is_empty() {
            "(untitled)"
        } else {
            &section.title
        };
        let text = truncate(&format!("{indent}{}  §{}", title, sec + 1), width);
        let style = if row == jump.sel.selected {
            t.popup.patch(t.popup_selected)
        } else {
            t.popup
        };
        if row == jump.sel.selected {
            buf.set_stringn(inner.x, y, " ".repeat(width), width, style);
        }
        buf.set_stringn(inner.x, y, text, width, style);
    }
    if jump.results.is_empty() {
        buf.set_stringn(inner.x, inner.y + 1, "no section matches", width, t.popup);
    }
}
