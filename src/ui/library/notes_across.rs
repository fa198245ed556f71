//! Notes across the library (`m` in the library): one note a row under
//! the query.

use ratatui::buffer::Buffer;
use ratatui::layout::Offset;
use ratatui::text::Span;

use crate::app::Shared;
use crate::app::library::{LibraryLayout, NOTE_ROWS, NotesAcross};
use crate::document::sanitize::sanitize_line;
use crate::keys::Command;
use crate::ui::text::{PromptLine, draw_cut};

/// Notes across the library: one note a row, the query on top.
pub(super) fn draw_notes_across(
    cx: &Shared,
    notes: &NotesAcross,
    layout: &LibraryLayout,
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    let area = layout.list;
    let Some(rows) = &notes.rows else {
        let msg = Span::styled("Reading the notes of every brief…", t.meta);
        buf.set_span(area.x + 1, area.y, &msg, area.width);
        return;
    };
    let shown = notes.shown();
    let title = format!(
        " Notes across the library ({} of {}) · {} query: words #tag @author kind:claim \
         since:2026-01-01 brief:name · {} back",
        shown.len(),
        rows.len(),
        cx.keymap.hint(Command::Search),
        cx.keymap.hint(Command::ToggleNotes)
    );
    draw_cut(buf, layout.title, &title, t.pane_title_focused);
    if let Some(line) = layout.search
        && !notes.editing
        && notes.prompt.value().is_empty()
    {
        // No prompt is open: say how to open one rather than look like one.
        let hint = format!(" {} to narrow the list", cx.keymap.hint(Command::Search));
        draw_cut(buf, line, &hint, t.meta);
    } else if let Some(line) = layout.search {
        let style = if notes.editing { t.text } else { t.meta };
        let prompt =
            PromptLine::new(Span::styled(" /", t.status_key), &notes.prompt, style).reserve(1);
        if notes.editing {
            prompt.render(line, buf);
        } else {
            prompt.plain().render(line, buf);
        }
    }
    if shown.is_empty() {
        let msg = Span::styled("No note matches.", t.meta);
        buf.set_span(
            area.x + 2,
            layout.rows.y,
            &msg,
            area.width.saturating_sub(2),
        );
        return;
    }
    // A note takes NOTE_ROWS rows: its heading, then a line of its text.
    let fits = usize::from(layout.rows.height) / NOTE_ROWS;
    let heads = layout.rows.rows().step_by(NOTE_ROWS).take(fits);
    let entries = shown.iter().enumerate().skip(notes.sel.offset);
    for ((i, &r), head_line) in entries.zip(heads) {
        let body_line = head_line.offset(Offset::new(0, 1));
        let row = &rows[r];
        let base = super::row_base(cx, head_line, i == notes.sel.selected, buf);
        // A colleague's note says whose it is.
        let by = if row.by.is_empty() || row.by == cx.settings.author {
            String::new()
        } else {
            format!("[{}] ", crate::notes::team::initials(&row.by))
        };
        let mut head = format!(
            "{by}{} › §{} {} ¶{}",
            row.brief, row.section_number, row.section, row.block
        );
        for k in row.kind.iter().chain(&row.stance) {
            head.push_str(&format!(" · {k}"));
        }
        for f in &row.flags {
            head.push_str(&format!(" [{f}]"));
        }
        if row.path.is_empty() && !row.flags.contains(&"brief not here") {
            head.push_str(" [from a pipe: no file]");
        }
        let head = sanitize_line(&head);
        draw_cut(buf, super::text_of(head_line), &head, base.patch(t.strong));
        let body = if row.text.trim().is_empty() {
            format!("\u{201c}{}\u{201d}", row.quote)
        } else {
            row.text.lines().next().unwrap_or_default().to_owned()
        };
        let tags: String = row.tags.iter().map(|t| format!("  #{t}")).collect();
        let body = sanitize_line(&format!("{body}{tags}"));
        draw_cut(buf, super::text_of(body_line), &body, t.note_text);
    }
}
