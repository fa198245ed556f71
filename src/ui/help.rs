//! The help overlay, generated from the keymap so it shows the bindings in
//! effect.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::draw_cut;
use crate::app::{Shared, popup_area};
use crate::keys::{COMMANDS, Command, CommandInfo, Keymap};

/// The help text as (style key, text) rows: group headings and bindings.
pub fn help_rows(keymap: &Keymap) -> Vec<(bool, String)> {
    let mut rows = Vec::new();
    let mut group = "";
    let label = |i: &CommandInfo| keymap.label_in(i.context, i.command);
    let key_width = COMMANDS
        .iter()
        .map(|i| label(i).chars().count())
        .max()
        .unwrap_or(0)
        .min(24);
    for info in COMMANDS {
        if info.group != group {
            if !group.is_empty() {
                rows.push((false, String::new()));
            }
            group = info.group;
            rows.push((true, group.to_owned()));
        }
        rows.push((
            false,
            format!("  {:<key_width$}  {}", label(info), info.describe),
        ));
    }
    rows.push((false, String::new()));
    rows.push((true, "Mouse".to_owned()));
    rows.push((
        false,
        "  wheel scrolls the pane under it; click opens a section or a block".to_owned(),
    ));
    rows
}

pub fn render(cx: &Shared, scroll: usize, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    // The help is long: it takes the height there is.
    let mut popup = popup_area(area);
    popup.height = area
        .height
        .saturating_sub(2)
        .max(popup.height)
        .min(area.height);
    popup.y = area.y + (area.height - popup.height) / 2;
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
