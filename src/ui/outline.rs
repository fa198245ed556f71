//! The outline pane: the heading tree, the current section highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::truncate;
use crate::app::App;
use crate::app::panes::Focus;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Focus::Outline;
    let t = &app.theme;
    let border = if focused { t.border_focused } else { t.border };
    let border_x = area.x + area.width.saturating_sub(1);
    for y in area.y..area.y + area.height {
        buf.set_stringn(border_x, y, "│", 1, border);
    }
    let title_style = if focused {
        t.pane_title_focused
    } else {
        t.pane_title
    };
    let title = format!(" Outline ({})", app.brief.sections.len());
    let inner_width = usize::from(area.width.saturating_sub(1));
    buf.set_stringn(
        area.x,
        area.y,
        truncate(&title, inner_width),
        inner_width,
        title_style,
    );

    let Some(list) = app.panes.outline_list() else {
        return;
    };
    let width = usize::from(list.width);
    let rows = app.outline.rows();
    for (i, y) in (list.y..list.y + list.height).enumerate() {
        let index = app.outline.offset + i;
        let Some(&s) = rows.get(index) else { break };
        let section = &app.brief.sections[s];
        let indent = (app.outline.depth(s) * 2).min(width / 2);
        let glyph = match (app.outline.has_children(s), app.outline.is_folded(s)) {
            (true, true) => "▸ ",
            (true, false) => "▾ ",
            (false, _) => "  ",
        };
        let title = if section.title.is_empty() {
            "(untitled)"
        } else {
            &section.title
        };
        let level = t.outline_levels[app.outline.depth(s).min(5)];
        let mut style = if s == app.reader.section {
            t.outline.patch(level).patch(t.outline_current)
        } else {
            t.outline.patch(level)
        };
        if focused && index == app.outline.selected {
            style = style.patch(t.outline_selected);
            buf.set_stringn(list.x, y, " ".repeat(width), width, style);
        }
        let count = app.notes.count_in_section(s);
        // Δ: changed since the reader last read it.
        let changed = if app.changed_sections().contains(&s) {
            " Δ"
        } else {
            ""
        };
        let notes = if count > 0 {
            format!(" {count}✎")
        } else {
            String::new()
        };
        let badge = format!("{changed}{notes}");
        let badge_w = crate::layout::text_width(&badge);
        let mut x = list.x + indent as u16;
        let left = width.saturating_sub(indent);
        (x, _) = buf.set_stringn(x, y, glyph, left, t.outline_fold.patch(style));
        let left = width.saturating_sub(usize::from(x - list.x) + badge_w);
        buf.set_stringn(x, y, truncate(title, left), left, style);
        if badge_w > 0 && badge_w < width {
            let bx = list.x + (width - badge_w) as u16;
            buf.set_stringn(bx, y, &badge, badge_w, style.patch(t.note_marker));
        }
    }
}
