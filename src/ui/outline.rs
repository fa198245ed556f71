//! The outline pane: the heading tree, the current section highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::text::{draw_cut, fill_row, truncate};
use crate::app::brief::panes::Focus;
use crate::app::{BriefScreen, Shared};
use crate::layout::text_width;

pub fn render(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let focused = s.focus == Focus::Outline;
    let t = &cx.theme;
    let border = if focused { t.border_focused } else { t.border };
    let block = Block::new().borders(Borders::RIGHT).border_style(border);
    let inner = block.inner(area);
    block.render(area, buf);
    let title_style = if focused {
        t.pane_title_focused
    } else {
        t.pane_title
    };
    let mark = if focused {
        super::notes::FOCUS_MARK
    } else {
        " "
    };
    let title = format!("{mark}Outline ({})", s.brief.sections.len());
    draw_cut(buf, inner, &title, title_style);

    let Some(list) = s.panes.outline_list() else {
        return;
    };
    let width = usize::from(list.width);
    let rows = s
        .outline
        .rows()
        .iter()
        .enumerate()
        .skip(s.outline.sel.offset);
    for ((index, &sec), row) in rows.zip(list.rows()) {
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
            fill_row(buf, row, style);
        }
        let badge = badge(s, sec);
        let badge_w = text_width(&badge);
        // The fold glyph and the title, which leaves room for the badge.
        let left = width.saturating_sub(indent);
        let glyph_w = text_width(glyph).min(left);
        let title_w = width.saturating_sub(indent + glyph_w + badge_w);
        let line = Line::from(vec![
            Span::styled(glyph, t.outline_fold.patch(style)),
            Span::styled(truncate(title, title_w), style),
        ]);
        buf.set_line(row.x + indent as u16, row.y, &line, left as u16);
        if badge_w > 0 && badge_w < width {
            let [_, badge_area] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(badge_w as u16)])
                    .areas(row);
            let badge = Span::styled(badge, style.patch(t.note_marker));
            buf.set_span(badge_area.x, row.y, &badge, badge_area.width);
        }
    }
}

/// What the outline marks a section with: `Δ` when it changed since the
/// reader last read it, and its count of notes.
fn badge(s: &BriefScreen, sec: usize) -> String {
    let changed = if s.changed_sections().contains(&sec) {
        " Δ"
    } else {
        ""
    };
    let count = s.notes.count_in_section(sec);
    let notes = if count > 0 {
        format!(" {count}✎")
    } else {
        String::new()
    };
    format!("{changed}{notes}")
}
