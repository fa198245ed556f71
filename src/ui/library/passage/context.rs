//! The preview of a search passage: where it is (brief, byline, section
//! and paragraph) and the whole paragraph it comes from, matches painted,
//! from the text the search result carries (no file is read here).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{clean, painted_lines};
use crate::app::Shared;
use crate::catalogue::Entry;
use crate::document::sanitize::sanitize_line;
use crate::search::Passage;

/// Lines of the paragraph kept above its first match when the paragraph
/// is longer than the preview.
const ABOVE_MATCH: usize = 2;

pub(in crate::ui::library) fn draw_passage_context(
    cx: &Shared,
    passage: &Passage,
    entry: Option<&Entry>,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    let width = usize::from(area.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let plain = |text: &str, style| -> Vec<Line<'static>> {
        crate::layout::wrap_plain(&sanitize_line(text), width)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    lines.extend(plain(&passage.title, t.headings[0]));
    if let Some(info) = entry.and_then(Entry::info) {
        let mut byline = vec![if info.date_from_file {
            format!("~{}", info.date)
        } else {
            info.date.clone()
        }];
        byline.extend(info.author.clone());
        lines.extend(plain(&byline.join(" · "), t.meta));
    }
    lines.push(Line::default());
    let place = format!(
        "§{} {} · ¶{}",
        passage.section_number, passage.section_title, passage.block_number
    );
    lines.extend(plain(&place, t.help_group));
    let (text, matches) = passage.context();
    let (text, matches) = clean(text, matches, false);
    let mut para = painted_lines(&text, &matches, width, width, (t.text, t.search_match));
    let footer = match passage.more {
        0 => None,
        1 => Some("1 more passage of this brief matches".to_owned()),
        n => Some(format!("{n} more passages of this brief match")),
    };
    // A paragraph longer than the room left starts a little above its
    // first match, so the match shows.
    let room =
        usize::from(area.height).saturating_sub(lines.len() + if footer.is_some() { 2 } else { 0 });
    if para.len() > room {
        let hit = matches
            .first()
            .map_or(0, |m| line_of(&text, m.start, width));
        let from = hit
            .saturating_sub(ABOVE_MATCH)
            .min(para.len().saturating_sub(room));
        if from > 0 {
            para.drain(..from);
            para.insert(0, Line::styled("…", t.meta));
        }
        if para.len() > room {
            para.truncate(room.saturating_sub(1));
            para.push(Line::styled("…", t.meta));
        }
    }
    lines.extend(para);
    if let Some(footer) = footer {
        lines.push(Line::default());
        lines.extend(plain(&footer, t.meta));
    }
    for (line, row) in lines.iter().zip(area.rows()) {
        buf.set_line(row.x, row.y, line, row.width);
    }
}

/// The line of `text` wrapped to `width` that holds byte `at`.
fn line_of(text: &str, at: usize, width: usize) -> usize {
    let piece = [crate::layout::Piece {
        text,
        inline: crate::document::Inline::empty(),
        src: 0,
    }];
    crate::layout::wrap::wrap(text, &piece, width, width)
        .iter()
        .position(|l| l.iter().any(|p| p.src as usize + p.text.len() > at))
        .unwrap_or(0)
}
