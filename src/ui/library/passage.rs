//! A search passage's rows in the library list: brief › section › text on
//! the first, more of the text on the second, the first match near the
//! middle of the two and every match painted. Its context in the preview
//! is in `passage/context.rs`.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::Shared;
use crate::app::library::LibraryScreen;
use crate::document::Inline;
use crate::document::sanitize::{sanitize, sanitize_line};
use crate::layout::{Piece, text_width};
use crate::ui::text::truncate;

mod context;

pub(super) use context::draw_passage_context;

/// The rows of passage `p` of the library search, in `area` (the rows less
/// their cursor mark), over the rows' `base` style.
pub(super) fn draw_passage_row(
    cx: &Shared,
    view: &LibraryScreen,
    p: usize,
    area: Rect,
    base: Style,
    buf: &mut Buffer,
) {
    let t = &cx.theme;
    let Some(passage) = view.search.as_ref().and_then(|s| s.passages.get(p)) else {
        return;
    };
    // brief > section > text, each part kept short so the text has room.
    let part = usize::from(area.width) / 5;
    let lead = format!(
        "{} › §{} {} › ",
        truncate(&sanitize_line(&passage.title), part.max(8)),
        passage.section_number,
        truncate(&sanitize_line(&passage.section_title), part.max(8))
    );
    let lead = Span::styled(lead, base.patch(t.meta));
    let (x, _) = buf.set_span(area.x, area.y, &lead, area.width);
    // "+3 more" at the right end: other passages of the brief that match.
    let more = match passage.more {
        0 => String::new(),
        n => format!(" +{n} more"),
    };
    let more_w = (text_width(&more) as u16).min(area.right().saturating_sub(x) / 3);
    let first = area.right().saturating_sub(x + more_w);
    if more_w > 0 {
        let span = Span::styled(more, base.patch(t.meta));
        buf.set_span(area.right() - more_w, area.y, &span, more_w);
    }
    let (text, matches) = passage.context();
    let (text, matches) = clean(text, matches, true);
    // The second row keeps a cell for the "…" of text that goes on.
    let rest = usize::from(area.width).saturating_sub(1);
    let lines = window(
        &text,
        &matches,
        usize::from(first),
        rest,
        usize::from(area.height),
        (base, base.patch(t.search_match)),
    );
    for (i, line) in lines.iter().enumerate() {
        let (lx, width) = if i == 0 {
            (x, first)
        } else {
            (area.x, area.width)
        };
        buf.set_line(lx, area.y + i as u16, line, width);
    }
}

/// The text over `rows` lines (the first `first` cells wide, the others
/// `rest`), starting where the first match sits near the middle, with `…`
/// where text is left out before or after. `styles`: plain and match.
fn window(
    text: &str,
    matches: &[Range<usize>],
    first: usize,
    rest: usize,
    rows: usize,
    styles: (Style, Style),
) -> Vec<Line<'static>> {
    let room = first + rest * rows.saturating_sub(1);
    let cut = centred_start(text, matches.first(), room);
    let (shown, ranges) = if cut > 0 {
        let lead = "…";
        let shift = |i: usize| i - cut + lead.len();
        let ranges: Vec<Range<usize>> = matches
            .iter()
            .filter(|m| m.end > cut)
            .map(|m| shift(m.start.max(cut))..shift(m.end))
            .collect();
        (format!("{lead}{}", &text[cut..]), ranges)
    } else {
        (text.to_owned(), matches.to_vec())
    };
    let mut lines = painted_lines(&shown, &ranges, first, rest, styles);
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            last.push_span(Span::styled("…", styles.0));
        }
    }
    lines
}

/// Byte offset, at the start of a word, to show `text` from in `room`
/// cells so that `first` (a match) sits near the middle, or nearer the end
/// when the text after it would not fill the room; 0 when all fits.
fn centred_start(text: &str, first: Option<&Range<usize>>, room: usize) -> usize {
    let Some(m) = first else { return 0 };
    let (Some(before), Some(after)) = (text.get(..m.start), text.get(m.start..)) else {
        return 0;
    };
    if text_width(text) <= room {
        return 0;
    }
    let hit = text.get(m.clone()).map_or(0, text_width);
    // Wrapping at words loses a few cells a line: leave some slack.
    let slack = room / 8;
    let centred = (room / 2).saturating_sub(hit / 2);
    let filled = room.saturating_sub(text_width(after) + slack);
    let want = centred.max(filled);
    let mut cut = m.start;
    let mut taken = 0;
    for (i, c) in before.char_indices().rev() {
        taken += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if taken > want {
            break;
        }
        cut = i;
    }
    if cut == 0 {
        return 0;
    }
    // Start at the next word, unless the match is in the same word (a
    // script without spaces).
    let Some(space) = text[cut..m.start].find(char::is_whitespace) else {
        return cut;
    };
    let next = cut + space;
    next + text[next..].chars().next().map_or(0, char::len_utf8)
}

/// `text` sanitised with `matches` moved to stay on the same words; on
/// one line (`one_line`) with its line breaks and tabs as spaces.
pub(super) fn clean(
    text: &str,
    matches: &[Range<usize>],
    one_line: bool,
) -> (String, Vec<Range<usize>>) {
    let fix = |part: &str| {
        let part = if one_line {
            sanitize_line(part)
        } else {
            sanitize(part).into_owned()
        };
        part.replace(['\t', '\r'], " ")
    };
    let mut out = String::with_capacity(text.len());
    let mut ranges = Vec::with_capacity(matches.len());
    let mut at = 0;
    for m in matches {
        let (Some(before), Some(hit)) = (text.get(at..m.start), text.get(m.start..m.end)) else {
            continue;
        };
        out.push_str(&fix(before));
        let start = out.len();
        out.push_str(&fix(hit));
        ranges.push(start..out.len());
        at = m.end;
    }
    out.push_str(&fix(text.get(at..).unwrap_or_default()));
    (out, ranges)
}

/// `text` wrapped to `first` cells for its first line and `rest` for the
/// others, with the byte ranges `matches` painted in the second style.
pub(super) fn painted_lines(
    text: &str,
    matches: &[Range<usize>],
    first: usize,
    rest: usize,
    (base, hit): (Style, Style),
) -> Vec<Line<'static>> {
    let piece = [Piece {
        text,
        inline: Inline::empty(),
        src: 0,
    }];
    let lines = crate::layout::wrap::wrap(text, &piece, first, rest);
    lines
        .iter()
        .map(|line| {
            let mut spans = Vec::new();
            for p in line {
                let start = p.src as usize;
                let end = start + p.text.len();
                let part = |a: usize, b: usize| p.text.get(a - start..b - start).map(str::to_owned);
                let mut at = start;
                for m in matches.iter().filter(|m| m.start < end && m.end > start) {
                    let (s, e) = (m.start.max(at), m.end.min(end));
                    if s > at {
                        spans.extend(part(at, s).map(|t| Span::styled(t, base)));
                    }
                    if e > s {
                        spans.extend(part(s, e).map(|t| Span::styled(t, hit)));
                    }
                    at = at.max(e);
                }
                if at < end {
                    spans.extend(part(at, end).map(|t| Span::styled(t, base)));
                }
            }
            Line::from(spans)
        })
        .collect()
}

#[cfg(test)]
mod tests;
