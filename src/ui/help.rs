//! The help overlay, generated from the keymap so it shows the bindings in
//! effect.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Widget};

use super::text::truncate;
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
    super::clear_popup(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(format!(
            " Keys · {}/{} scroll · {} closes ",
            cx.keymap.hint(Command::Down),
            cx.keymap.hint(Command::Up),
            cx.keymap.hint(Command::Cancel)
        ))
        .border_style(t.popup_border)
        .style(t.popup);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let rows = help_rows(&cx.keymap);
    let height = usize::from(inner.height);
    let scroll = scroll.min(rows.len().saturating_sub(height));
    let width = usize::from(inner.width);
    for (i, (heading, text)) in rows.iter().skip(scroll).take(height).enumerate() {
        let style: Style = if *heading { t.help_group } else { t.popup };
        buf.set_stringn(
            inner.x,
            inner.y + i as u16,
            truncate(text, width),
            width,
            style,
        );
    }
}
