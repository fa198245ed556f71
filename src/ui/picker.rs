//! The small choice popup (which note, which tag).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::popup;
use crate::app::brief::picker::Picker;
use crate::app::{Shared, popup_area};
use crate::keys::{Command, Context};

pub fn render(cx: &Shared, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let mut area = popup_area(area);
    // Only as tall as the list needs.
    let wanted = (picker.shown.len() as u16).saturating_add(3).max(4);
    area.height = area.height.min(wanted);
    let title = format!(
        " {} · {} closes ",
        picker.title,
        cx.keymap.hint_in(Context::List, Command::Cancel)
    );
    let inner = popup::frame(title, area, t, buf);
    if inner.height == 0 || inner.width < 3 {
        return;
    }
    let list = popup::filter(inner, &picker.filter, t, buf);
    let shown = picker.rows().enumerate().skip(picker.sel.offset);
    for ((i, item), row) in shown.zip(list.rows()) {
        popup::row(buf, row, &item.label, i == picker.sel.selected, t);
    }
}
