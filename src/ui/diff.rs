//! The changes popup (`D`): a section's text now, with what was added
//! since the last read underlined and what was removed struck through.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::truncate;
use crate::app::brief::reading::DiffView;
use crate::app::{BriefScreen, Shared, popup_area};
use crate::document::Inline;
use crate::keys::Command;

pub fn render(s: &BriefScreen, cx: &Shared, view: &DiffView, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let popup = popup_area(area);
    let title = s
        .brief
        .sections
        .get(view.section)
        .map_or("", |sec| sec.title.as_str());
    let heading = format!(
        " §{} {} · changes since you read it ",
        view.section + 1,
        title
    );
    let heading = truncate(&heading, usize::from(popup.width.saturating_sub(2)));
    let keys = format!(
        "{}/{} scroll · {} closes",
        cx.keymap.hint(Command::Down),
        cx.keymap.hint(Command::Up),
        cx.keymap.hint(Command::Cancel)
    );
    let inner = super::popup::frame_with_keys(heading, &keys, popup, t, buf);
    if inner.width < 2 || inner.height == 0 {
        return;
    }
    let text = view.text();
    let lines = text.lines(usize::from(inner.width));
    let style_of = |inline: Inline| -> Style {
        if inline.contains(Inline::STRONG) {
            t.popup.patch(t.diff_inserted)
        } else if inline.contains(Inline::STRIKE) {
            t.popup.patch(t.diff_deleted)
        } else {
            t.popup
        }
    };
    let scroll = view.scroll.min(lines.len().saturating_sub(1));
    for (line, row) in lines.iter().skip(scroll).zip(inner.rows()) {
        let spans: Vec<Span<'_>> = line
            .iter()
            .map(|p| Span::styled(p.text, style_of(p.inline)))
            .collect();
        buf.set_line(row.x, row.y, &Line::from(spans), row.width);
    }
}
