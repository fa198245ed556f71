//! The preview pane: the selected brief's title, byline, figures, summary
//! and outline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::count;
use crate::app::Shared;
use crate::app::library::{LibraryScreen, Row};
use crate::catalogue::Entry;
use crate::document::sanitize::sanitize_line;
use crate::ui::text::truncate;

pub(super) fn draw_preview(cx: &Shared, view: &LibraryScreen, area: Rect, buf: &mut Buffer) {
    let t = &cx.theme;
    let Some(library) = view.library() else {
        return;
    };
    let entry = match view.selected_row() {
        Some(Row::Brief(e)) => e,
        Some(Row::Passage(p)) => match view.search.as_ref().and_then(|s| s.passages.get(p)) {
            Some(passage) => passage.entry,
            None => return,
        },
        None => return,
    };
    let Some(info) = library.entries.get(entry).and_then(Entry::info) else {
        return;
    };
    let width = usize::from(area.width);
    let mut y = area.y;
    let bottom = area.y + area.height;
    let mut line = |text: &str, style: Style, y: &mut u16| {
        if *y < bottom {
            let text = sanitize_line(text);
            buf.set_stringn(area.x, *y, truncate(&text, width), width, style);
            *y += 1;
        }
    };
    for l in crate::layout::wrap_plain(&info.title, width) {
        line(&l, t.headings[0], &mut y);
    }
    if let Some(c) = &info.classification {
        line(c, t.classification, &mut y);
    }
    let mut byline = vec![info.date.clone()];
    byline.extend(info.author.clone());
    line(&byline.join(" · "), t.meta, &mut y);
    let figures = format!(
        "{} · {} · {} min",
        count(info.sections(), "section", "sections"),
        count(info.words, "word", "words"),
        info.reading_minutes
    );
    line(&figures, t.meta, &mut y);
    if !info.tags.is_empty() {
        let tags: Vec<String> = info.tags.iter().map(|t| format!("#{t}")).collect();
        line(&tags.join(" "), t.meta, &mut y);
    }
    y += 1;
    for l in crate::layout::wrap_plain(&info.summary, width) {
        line(&l, t.quote, &mut y);
    }
    y += 1;
    line("Sections", t.help_group, &mut y);
    for item in &info.outline {
        let indent = "  ".repeat(usize::from(item.depth).min(6));
        let title = if item.title.is_empty() {
            "(untitled)"
        } else {
            &item.title
        };
        line(&format!("{indent}{title}"), t.outline, &mut y);
    }
}
