//! A search passage's row in the library list: brief › section › snippet,
//! with the matched words painted and the first match kept in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::Shared;
use crate::app::library::LibraryScreen;
use crate::document::sanitize::sanitize_line;
use crate::ui::text::truncate;

/// The row of passage `p` of the library search, in `inner` (the row less
/// its cursor mark), over the row's `base` style.
pub(super) fn draw_passage_row(
    cx: &Shared,
    view: &LibraryScreen,
    p: usize,
    inner: Rect,
    base: Style,
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    if let Some(passage) = view.search.as_ref().and_then(|s| s.passages.get(p)) {
        // brief > section > snippet, each part kept short so
        // the snippet has room.
        let part = usize::from(inner.width) / 5;
        let lead = format!(
            "{} › §{} {} › ",
            truncate(&sanitize_line(&passage.title), part.max(8)),
            passage.section_number,
            truncate(&sanitize_line(&passage.section_title), part.max(8))
        );
        let (x, _) = buf.set_stringn(
            inner.x,
            inner.y,
            &lead,
            usize::from(inner.width),
            base.patch(t.meta),
        );
        let left = usize::from(inner.x + inner.width - x);
        draw_highlighted(
            buf,
            Rect {
                x,
                width: left as u16,
                ..inner
            },
            &passage.snippet.text,
            &passage.snippet.matches,
            base,
            base.patch(t.search_match),
        );
    }
}

/// One line of text with byte ranges painted in `hit`.
fn draw_highlighted(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    matches: &[std::ops::Range<usize>],
    base: Style,
    hit: Style,
) {
    let text = sanitize_line(text);
    let mut x = area.x;
    let end_x = area.x + area.width;
    // A first match beyond the row's end would leave the reader guessing
    // why the passage was found: cut the front so it shows.
    let cut = lead_cut(&text, matches.first(), usize::from(area.width));
    if cut > 0 {
        (x, _) = buf.set_stringn(x, area.y, "…", usize::from(area.width), base);
    }
    let mut at = cut;
    let mut parts: Vec<(&str, Style)> = Vec::new();
    for m in matches.iter().filter(|m| m.start >= cut) {
        let (Some(before), Some(mid)) = (text.get(at..m.start), text.get(m.start..m.end)) else {
            continue;
        };
        parts.push((before, base));
        parts.push((mid, hit));
        at = m.end;
    }
    if let Some(rest) = text.get(at..) {
        parts.push((rest, base));
    }
    for (s, style) in parts {
        if x >= end_x {
            break;
        }
        (x, _) = buf.set_stringn(x, area.y, s, usize::from(end_x - x), style);
    }
}

/// Byte offset to start `text` at so that `first` (a match) ends inside
/// `width` columns, with a few columns of lead; 0 when it already does.
fn lead_cut(text: &str, first: Option<&std::ops::Range<usize>>, width: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    let Some(m) = first else { return 0 };
    let (Some(before), Some(hit)) = (text.get(..m.start), text.get(m.start..m.end)) else {
        return 0;
    };
    if before.width() + hit.width() <= width {
        return 0;
    }
    let lead = (width / 4).min(16);
    let mut cut = m.start;
    let mut taken = 0;
    for (i, c) in before.char_indices().rev() {
        taken += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if taken > lead {
            break;
        }
        cut = i;
    }
    cut
}

#[cfg(test)]
mod tests;
