//! The library view: the list of briefs (or search results) and a preview
//! of the selected brief.
//!
//! This file draws the list, its brief rows and the status line; a search
//! passage's row is in `passage.rs`, the preview pane in `preview.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::{draw_prompt, truncate};
use crate::app::Shared;
use crate::app::library::{LibraryLayout, LibraryScreen, Row};
use crate::app::status::Tone;
use crate::catalogue::Entry;
use crate::document::sanitize::sanitize_line;
use crate::layout::text_width;
use crate::search::Total;

mod columns;
mod notes_across;
mod passage;
mod preview;

use columns::{Col, Columns, cell};
use notes_across::draw_notes_across;
use passage::draw_passage_row;
use preview::draw_preview;

pub fn render(cx: &Shared, view: &LibraryScreen, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let layout = view.layout(area);
    if let Some(notes) = &view.notes {
        draw_notes_across(cx, notes, &layout, buf);
        draw_status(cx, view, layout.status, buf);
        return;
    }
    draw_list(cx, view, &layout, buf);
    if let Some(preview) = layout.preview {
        for y in preview.y..preview.y + preview.height {
            buf.set_stringn(preview.x, y, "│", 1, t.border);
        }
        let inner = Rect {
            x: preview.x + 2,
            width: preview.width.saturating_sub(3),
            ..preview
        };
        draw_preview(cx, view, inner, buf);
    }
    draw_status(cx, view, layout.status, buf);
}

fn draw_list(cx: &Shared, view: &LibraryScreen, layout: &LibraryLayout, buf: &mut Buffer) {
    let t = &cx.theme;
    let area = layout.list;
    let width = usize::from(area.width);
    let Some(library) = view.library() else {
        let msg = format!(
            "Scanning {}…",
            crate::document::load::display_path(&view.dir)
        );
        buf.set_stringn(area.x + 1, area.y, truncate(&msg, width), width, t.meta);
        return;
    };
    // The folder's name: its full path is on the command line already.
    let name = view
        .dir
        .file_name()
        .map_or_else(|| view.dir.clone(), std::path::PathBuf::from);
    let shown = crate::document::load::display_path(&name);
    let title = format!(
        " Library: {shown} ({}) · by {}",
        count(library.entries.len(), "brief", "briefs"),
        view.sort.name()
    );
    buf.set_stringn(
        area.x,
        area.y,
        truncate(&title, width),
        width,
        t.pane_title_focused,
    );
    if let (Some(search), Some(line)) = (&view.search, layout.search) {
        let top = line.y;
        buf.set_stringn(area.x, top, " /", 2, t.status_key);
        let count = match (search.waiting, search.total) {
            (true, _) => "searching…".to_owned(),
            (false, Some(Total::Exact(n))) => format!(
                "{} · {}",
                count(search.briefs.len(), "brief", "briefs"),
                count(n, "passage", "passages")
            ),
            (false, Some(Total::AtLeast(n))) => format!(
                "{} · {n}+ passages",
                count(search.briefs.len(), "brief", "briefs")
            ),
            (false, None) => String::new(),
        };
        // The count gives way to the query when the pane is narrow.
        let count = if text_width(&count) + 12 > width {
            String::new()
        } else {
            count
        };
        let count_w = text_width(&count);
        let field = Rect {
            x: area.x + 2,
            y: top,
            width: area.width.saturating_sub(3 + count_w as u16),
            height: 1,
        };
        let style = if search.editing { t.text } else { t.meta };
        if search.editing {
            draw_prompt(
                buf,
                field,
                search.prompt.value(),
                search.prompt.cursor(),
                style,
            );
        } else {
            buf.set_stringn(
                field.x,
                top,
                search.prompt.value(),
                usize::from(field.width),
                style,
            );
        }
        if count_w > 0 && count_w < width {
            buf.set_stringn(
                area.x + (width - count_w - 1) as u16,
                top,
                &count,
                count_w,
                t.meta,
            );
        }
    }
    let rows = view.rows();
    let top = layout.header.unwrap_or(layout.rows).y;
    if rows.is_empty() {
        let msg = if view.search.is_some() {
            "Nothing matches."
        } else {
            "No briefs (.md, .markdown) in this folder."
        };
        buf.set_stringn(area.x + 2, top, msg, width.saturating_sub(2), t.meta);
        return;
    }
    let inner_w = area.width.saturating_sub(3);
    let columns = Columns::new(view, library, usize::from(inner_w));
    if let Some(header) = layout.header {
        let header = Rect {
            x: area.x + 2,
            width: inner_w,
            ..header
        };
        columns.draw_header(header, t.meta.patch(t.table_header), buf);
    }
    let (top, height) = (layout.rows.y, usize::from(layout.rows.height));
    let offset = view.sel.offset;
    for (i, row) in rows.iter().enumerate().skip(offset).take(height) {
        let y = top + (i - offset) as u16;
        let selected = i == view.sel.selected;
        let base = row_base(cx, area.x, y, width, selected, buf);
        let inner = Rect {
            x: area.x + 2,
            y,
            width: inner_w,
            height: 1,
        };
        match *row {
            Row::Brief(e) => {
                draw_brief_row(cx, view, &columns, &library.entries[e], e, inner, base, buf)
            }
            Row::Passage(p) => draw_passage_row(cx, view, p, inner, base, buf),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_brief_row(
    cx: &Shared,
    view: &LibraryScreen,
    columns: &Columns,
    entry: &Entry,
    e: usize,
    area: Rect,
    base: Style,
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    let width = usize::from(area.width);
    let Some(info) = entry.info() else {
        let reason = entry.error().unwrap_or("cannot be read");
        let line = sanitize_line(&format!("⚠ {}: {}", entry.relative, reason));
        buf.set_stringn(
            area.x,
            area.y,
            truncate(&line, width),
            width,
            base.patch(t.error),
        );
        return;
    };
    let title = sanitize_line(&info.title);
    columns.draw(
        area,
        (&title, base.patch(t.strong)),
        |col| {
            let style = match col {
                Col::Classification => base.patch(t.classification),
                Col::Progress if view.progress_of(e).1 => base.patch(t.note_flag),
                _ => base.patch(t.meta),
            };
            (cell(col, view, info, e), style)
        },
        buf,
    );
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The style of a list row, and for the selected one its highlight and
/// cursor mark drawn across the row.
fn row_base(cx: &Shared, x: u16, y: u16, width: usize, selected: bool, buf: &mut Buffer) -> Style {
    let t = &cx.theme;
    if !selected {
        return t.outline;
    }
    let base = t.outline.patch(t.outline_selected);
    buf.set_stringn(x, y, " ".repeat(width), width, base);
    buf.set_stringn(x, y, "▌", 1, t.cursor.patch(base));
    base
}

fn draw_status(cx: &Shared, view: &LibraryScreen, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    buf.set_style(area, t.status);
    let width = usize::from(area.width);
    let notice = view.notice(cx);
    let style = match notice.tone {
        Tone::Plain => t.status,
        Tone::Message => t.status_message,
        Tone::Error => t.error,
        Tone::Hints => t.status_key,
    };
    let left = " brief · library ";
    let (x, _) = buf.set_stringn(area.x, area.y, left, width, t.status.patch(t.strong));
    let room = width.saturating_sub(usize::from(x - area.x));
    let right = if notice.tone == Tone::Hints {
        // Whole hints only, as many as fit after the label.
        let mut hints = String::from(" ");
        for hint in notice.text.split("  ").filter(|h| !h.trim().is_empty()) {
            let hint = format!("{}  ", hint.trim());
            if text_width(&hints) + text_width(&hint) > room.saturating_sub(1) {
                break;
            }
            hints.push_str(&hint);
        }
        hints
    } else {
        notice.text
    };
    let right_w = text_width(&right).min(room);
    if right_w > 0 {
        buf.set_stringn(
            area.x + (width - right_w) as u16,
            area.y,
            truncate(&right, right_w),
            right_w,
            style,
        );
    }
}
