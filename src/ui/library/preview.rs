//! The preview pane: the selected brief's title, byline, figures, summary
//! and outline; for a search passage, the passage in its paragraph.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::count;
use super::passage::draw_passage_context;
use crate::app::Shared;
use crate::app::library::{LibraryScreen, Row};
use crate::catalogue::Entry;
use crate::document::sanitize::sanitize_line;
use crate::ui::text::draw_cut;

pub(super) fn draw_preview(cx: &Shared, view: &LibraryScreen, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let Some(library) = view.library() else {
        return;
    };
    let entry = match view.selected_row() {
        Some(Row::Brief(e)) => e,
        Some(Row::Passage(p)) => {
            if let Some(passage) = view.search.as_ref().and_then(|s| s.passages.get(p)) {
                let entry = library.entries.get(passage.entry);
                draw_passage_context(cx, passage, entry, area, buf);
            }
            return;
        }
        None => return,
    };
    let Some(info) = library.entries.get(entry).and_then(Entry::info) else {
        return;
    };
    // Read from the library's store for this brief only.
    let details = library.details(entry).unwrap_or_default();
    let width = usize::from(area.width);
    let blank = || (String::new(), Style::default());
    let mut lines: Vec<(String, Style)> = Vec::new();
    for l in crate::layout::wrap_plain(&info.title, width) {
        lines.push((l, t.headings[0]));
    }
    if let Some(c) = &info.classification {
        lines.push((c.clone(), t.classification));
    }
    let mut byline = vec![if info.date_from_file {
        format!("~{} (the file's date: the brief gives none)", info.date)
    } else {
        info.date.clone()
    }];
    byline.extend(info.author.clone());
    lines.push((byline.join(" · "), t.meta));
    let figures = format!(
        "{} · {} · {} min",
        count(info.sections(), "section", "sections"),
        count(info.words, "word", "words"),
        info.reading_minutes
    );
    lines.push((figures, t.meta));
    if !info.tags.is_empty() {
        let tags: Vec<String> = info.tags.iter().map(|t| format!("#{t}")).collect();
        lines.push((tags.join(" "), t.meta));
    }
    lines.push(blank());
    for l in crate::layout::wrap_plain(&details.summary, width) {
        lines.push((l, t.quote));
    }
    lines.push(blank());
    lines.push(("Sections".to_owned(), t.help_group));
    for item in &details.outline {
        let indent = "  ".repeat(usize::from(item.depth).min(6));
        let title = if item.title.is_empty() {
            "(untitled)"
        } else {
            &item.title
        };
        lines.push((format!("{indent}{title}"), t.outline));
    }
    // One row a line, top down; what is past the bottom is not shown.
    for ((text, style), row) in lines.iter().zip(area.rows()) {
        draw_cut(buf, row, &sanitize_line(text), *style);
    }
}
