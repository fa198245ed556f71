//! A search passage's row in the library list: brief › section › snippet,
//! with the matched words painted and the first match kept in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::Shared;
use crate::app::library::LibraryScreen;
use crate::document::sanitize::sanitize_line;
use crate::layout::text_width;
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
    let Some(passage) = view.search.as_ref().and_then(|s| s.passages.get(p)) else {
        return;
    };
    // brief > section > snippet, each part kept short so the snippet has
    // room.
    let part = usize::from(inner.width) / 5;
    let lead = format!(
        "{} › §{} {} › ",
        truncate(&sanitize_line(&passage.title), part.max(8)),
        passage.section_number,
        truncate(&sanitize_line(&passage.section_title), part.max(8))
    );
    let lead = Span::styled(lead, base.patch(t.meta));
    let (x, _) = buf.set_span(inner.x, inner.y, &lead, inner.width);
    // "+3 more" at the right end: other passages of the brief that match.
    let more = match passage.more {
        0 => String::new(),
        n => format!(" +{n} more"),
    };
    let more_w = (text_width(&more) as u16).min(inner.right().saturating_sub(x) / 3);
    let left = inner.right() - x - more_w;
    if more_w > 0 {
        let span = Span::styled(more, base.patch(t.meta));
        buf.set_span(inner.right() - more_w, inner.y, &span, more_w);
    }
    let text = sanitize_line(&passage.snippet.text);
    let snippet = highlighted(
        &text,
        &passage.snippet.matches,
        usize::from(left),
        base,
        base.patch(t.search_match),
    );
    buf.set_line(x, inner.y, &snippet, left);
}

/// One line of text with byte ranges painted in `hit`, its front cut when
/// the first range would end past `width`.
fn highlighted<'a>(
    text: &'a str,
    matches: &[std::ops::Range<usize>],
    width: usize,
    base: Style,
    hit: Style,
) -> Line<'a> {
    let mut spans = Vec::new();
    // A first match beyond the row's end would leave the reader guessing
    // why the passage was found: cut the front so it shows.
    let cut = lead_cut(text, matches.first(), width);
    if cut > 0 {
        spans.push(Span::styled("…", base));
    }
    let mut at = cut;
    for m in matches.iter().filter(|m| m.start >= cut) {
        let (Some(before), Some(mid)) = (text.get(at..m.start), text.get(m.start..m.end)) else {
            continue;
        };
        spans.push(Span::styled(before, base));
        spans.push(Span::styled(mid, hit));
        at = m.end;
    }
    if let Some(rest) = text.get(at..) {
        spans.push(Span::styled(rest, base));
    }
    Line::from(spans)
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
