//! The library view: the list of briefs (or search results) and a preview
//! of the selected brief.
//!
//! This file draws the list, its brief rows and the status line; a search
//! passage's row is in `passage.rs`, the preview pane in `preview.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Padding, Widget};

use super::text::{PromptLine, draw_cut, fill_row, truncate};
use crate::app::Shared;
use crate::app::library::{LibraryLayout, LibraryScreen, LibrarySearch, Row};
use crate::app::status::Tone;
use crate::catalogue::Entry;
use crate::document::sanitize::sanitize_line;
use crate::layout::text_width;
use crate::search::Total;

mod columns;
mod notes_across;
mod passage;
mod preview;

use columns::{Col, Columns};
use notes_across::draw_notes_across;
use passage::draw_passage_row;
use preview::draw_preview;

pub fn render(cx: &Shared, view: &LibraryScreen, area: Rect, buf: &mut Buffer) {
    let layout = view.layout(area);
    if let Some(notes) = &view.notes {
        draw_notes_across(cx, notes, &layout, buf);
        draw_status(cx, view, layout.status, buf);
        return;
    }
    draw_list(cx, view, &layout, buf);
    if let Some(preview) = layout.preview {
        let block = Block::new()
            .borders(Borders::LEFT)
            .border_style(cx.theme.border)
            .padding(Padding::horizontal(1));
        let inner = block.inner(preview);
        block.render(preview, buf);
        draw_preview(cx, view, inner, buf);
    }
    draw_status(cx, view, layout.status, buf);
}

/// The text of a list row: right of the cursor mark and its space, one
/// column short of the pane's edge.
fn text_of(row: Rect) -> Rect {
    let [_, text, _] = Layout::horizontal([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(row);
    text
}

fn draw_list(cx: &Shared, view: &LibraryScreen, layout: &LibraryLayout, buf: &mut Buffer) {
    let t = &cx.theme;
    let area = layout.list;
    let Some(library) = view.library() else {
        let msg = format!(
            "Scanning {}…",
            crate::document::load::display_path(&view.dir)
        );
        let msg = Span::styled(truncate(&msg, usize::from(area.width)), t.meta);
        buf.set_span(area.x + 1, area.y, &msg, area.width);
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
    draw_cut(buf, layout.title, &title, t.pane_title_focused);
    if let (Some(search), Some(line)) = (&view.search, layout.search) {
        draw_search(cx, search, line, buf);
    }
    let count = view.row_count();
    if count == 0 {
        let msg = match &view.search {
            Some(s) => match s.partial {
                Some(p) => format!("Nothing matches yet: {p} indexed."),
                None => "Nothing matches.".to_owned(),
            },
            None => "No briefs (.md, .markdown) in this folder.".to_owned(),
        };
        let top = layout.header.unwrap_or(layout.rows).y;
        let msg = Span::styled(msg, t.meta);
        buf.set_span(area.x + 2, top, &msg, area.width.saturating_sub(2));
        return;
    }
    let columns = Columns::new(view, usize::from(text_of(area).width));
    if let Some(header) = layout.header {
        columns.draw_header(text_of(header), t.meta.patch(t.table_header), buf);
    }
    // Only the rows on screen are looked at.
    let mut top = layout.rows.y;
    let shown = (view.sel.offset..count).filter_map(|i| Some((i, view.row(i)?)));
    for (i, row) in shown {
        if top >= layout.rows.bottom() {
            break;
        }
        // A row of several lines is cut at the list's bottom.
        let height = (row.height() as u16).min(layout.rows.bottom() - top);
        let line = Rect {
            y: top,
            height,
            ..layout.rows
        };
        top += height;
        let base = row_base(cx, line, i == view.sel.selected, buf);
        let text = text_of(line);
        match row {
            Row::Brief(e) => {
                draw_brief_row(cx, view, &columns, &library.entries[e], e, text, base, buf)
            }
            Row::Passage(p) => draw_passage_row(cx, view, p, text, base, buf),
        }
    }
}

/// The library search's line: the query, and how many briefs and
/// passages it finds at the right end.
fn draw_search(cx: &Shared, search: &LibrarySearch, line: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let titles = search.briefs.len();
    let mut count = match (search.waiting, search.total) {
        (true, _) => "searching…".to_owned(),
        (false, Some(Total::Exact(n))) => format!("{titles} by title · {n} by text"),
        (false, Some(Total::AtLeast(n))) => format!("{titles} by title · {n}+ by text"),
        (false, None) => String::new(),
    };
    if let Some(p) = search.partial.filter(|_| !search.waiting) {
        count.push_str(&format!(" · {}/{} indexed", p.done, p.total));
    }
    // The count gives way to the query when the pane is narrow.
    let width = usize::from(line.width);
    let count = if text_width(&count) + 12 > width {
        String::new()
    } else {
        count
    };
    let count_w = text_width(&count) as u16;
    let style = if search.editing { t.text } else { t.meta };
    let prompt = PromptLine::new(Span::styled(" /", t.status_key), &search.prompt, style)
        .reserve(1 + count_w);
    if search.editing {
        prompt.render(line, buf);
    } else {
        prompt.plain().render(line, buf);
    }
    if count_w > 0 && count_w < line.width {
        let [_, count_area, _] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(count_w),
            Constraint::Length(1),
        ])
        .areas(line);
        buf.set_span(count_area.x, line.y, &Span::styled(count, t.meta), count_w);
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
    let Some(info) = entry.info() else {
        let reason = entry.error().unwrap_or("cannot be read");
        let line = sanitize_line(&format!("⚠ {}: {}", entry.relative, reason));
        draw_cut(buf, area, &line, base.patch(t.error));
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
            (view.cell(col, info, e), style)
        },
        buf,
    );
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The style of a list row, and for the selected one its highlight and
/// cursor mark drawn across the row.
fn row_base(cx: &Shared, row: Rect, selected: bool, buf: &mut Buffer) -> Style {
    let t = &cx.theme;
    if !selected {
        return t.outline;
    }
    let base = t.outline.patch(t.outline_selected);
    for line in row.rows() {
        fill_row(buf, line, base);
        buf.set_span(line.x, line.y, &Span::styled("▌", t.cursor.patch(base)), 1);
    }
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
    let left = Span::styled(" brief · library ", t.status.patch(t.strong));
    let (x, _) = buf.set_span(area.x, area.y, &left, area.width);
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
    let right_w = text_width(&right).min(room) as u16;
    let [_, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w)]).areas(area);
    draw_cut(buf, right_area, &right, style);
}
