//! The small choice popup (which note, which tag).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Widget};

use super::text::{draw_prompt, truncate};
use crate::app::brief::picker::Picker;
use crate::app::{Shared, popup_area};
use crate::keys::{Command, Context};

pub fn render(cx: &Shared, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let mut popup = popup_area(area);
    // Only as tall as the list needs.
    let wanted = (picker.shown.len() as u16).saturating_add(3).max(4);
    popup.height = popup.height.min(wanted);
    super::clear_popup(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(format!(
            " {} · {} closes ",
            picker.title,
            cx.keymap.hint_in(Context::List, Command::Cancel)
        ))
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
        picker.filter.value(),
        picker.filter.cursor(),
        t.popup,
    );
    let width = usize::from(inner.width);
    let height = usize::from(inner.height.saturating_sub(1));
    let offset = picker.sel.offset;
    for (row, item) in picker.rows().enumerate().skip(offset).take(height) {
        let y = inner.y + 1 + (row - offset) as u16;
        let style = if row == picker.sel.selected {
            t.popup.patch(t.popup_selected)
        } else {
            t.popup
        };
        if row == picker.sel.selected {
            buf.set_stringn(inner.x, y, " ".repeat(width), width, style);
        }
        buf.set_stringn(inner.x, y, truncate(&item.label, width), width, style);
    }
}
