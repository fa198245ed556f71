//! The outline pane: the heading tree, the current section highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::truncate;
use crate::app::brief::panes::Focus;
use crate::app::{BriefScreen, Shared};

pub fn render(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let focused = s.focus == Focus::Outline;
    let t = &cx.theme;
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
    let title = format!(" Outline ({})", s.brief.sections.len());
    let inner_width = usize::from(area.width.saturating_sub(1));
    buf.set_stringn(
        area.x,
        area.y,
        truncate(&title, inner_width),
        inner_width,
        title_style,
    );

    let Some(list) = s.panes.outline_list() else {
        return;
    };
    let width = usize::from(list.width);
    let rows = s.outline.rows();
    for (i, y) in (list.y..list.y + list.height).enumerate() {
        let index = s.outline.sel.offset + i;
        let Some(&sec) = rows.get(index) else { break };
        let section = &s.brief.sections[sec];
        let indent = (s.outline.depth(sec) * 2).min(width / 2);
        let glyph = match (s.outline.has_children(sec), s.outline.is_folded(sec)) {
            (true, true) => "▸ ",
            (true, false) => "▾ ",
            (false, _) => "  ",
        };
        let title = if section.title.is_empty() {
            "(untitled)"
        } else {
            &section.title
        };
        let level = t.outline_levels[s.outline.depth(sec).min(5)];
        let mut style = if sec == s.reader.section {
            t.outline.patch(level).patch(t.outline_current)
        } else {
            t.outline.patch(level)
        };
        if focused && index == s.outline.sel.selected {
            style = style.patch(t.outline_selected);
            buf.set_stringn(list.x, y, " ".repeat(width), width, style);
        }
        let count = s.notes.count_in_section(sec);
        // Δ: changed since the reader last read it.
        let changed = if s.changed_sections().contains(&sec) {
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
