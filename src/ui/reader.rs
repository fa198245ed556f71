//! The reading pane: only the rows on screen are laid out and drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::brief::reader::Item;
use crate::app::brief::search::Match;
use crate::app::{BriefScreen, Shared};
use crate::layout::{Seg, StyledLine};

pub fn render(s: &BriefScreen, cx: &Shared, area: Rect, buf: &mut Buffer) {
    let Some(text) = s.panes.reader_text(cx.settings.reading_width, s.addresses) else {
        return;
    };
    let brief = &s.brief;
    if brief.blocks.is_empty() && brief.sections.is_empty() {
        Span::styled("This brief is empty.", cx.theme.text).render(text, buf);
        return;
    }
    let reader = &s.reader;
    let cursor_item = (!brief.blocks.is_empty()).then(|| reader.item_of_block(reader.cursor));
    let rows: Vec<_> = reader
        .visible_rows(brief)
        .into_iter()
        .zip(text.y..area.y + area.height)
        .collect();
    for &(pos, y) in &rows {
        let lines = reader.lines(brief, pos.item);
        let Some(line) = lines.get(pos.line) else {
            continue;
        };
        let block = match reader.items()[pos.item] {
            Item::Block(b) => Some(b),
            _ => None,
        };
        if cursor_item == Some(pos.item) && !line.segs.is_empty() {
            // A full bar while the reader has the keyboard, a thin one when
            // a side pane has it.
            let bar = if s.focus == crate::app::brief::panes::Focus::Reader {
                "▌"
            } else {
                "▏"
            };
            buf.set_stringn(area.x, y, bar, 1, cx.theme.cursor);
        }
        if pos.line == 0
            && let Some(b) = block
        {
            if let Some(mark) = note_mark(s, cx, b) {
                buf.set_span(area.x + 1, y, &mark, 1);
            }
            // The address gutter sits between the marks and the text.
            let margin = crate::app::brief::panes::MARGIN;
            let gutter = text.x.saturating_sub(area.x + margin);
            if gutter > 1 {
                let label = crate::cite::Address::of(brief, b).to_string();
                let width = usize::from(gutter - 1);
                buf.set_stringn(area.x + margin, y, label, width, cx.theme.meta);
            }
        }
        let matches = match reader.items()[pos.item] {
            Item::Block(b) => s.search.in_block(b),
            Item::Heading(sec) => s.search.in_heading(brief, sec),
            _ => &[],
        };
        let current = s
            .search
            .current
            .and_then(|i| s.search.matches.get(i))
            .copied();
        let drawn = to_line(cx, line, matches, current);
        buf.set_line(text.x, y, &drawn, text.width);
    }
    super::pictures::draw_inline(s, cx, text, &rows, buf);
}

/// The margin mark of an annotated block: the kind's letter for a typed
/// note, a pen for a note with text, a `#` in the tag's colour for tags
/// alone; `@` when the notes there are all colleagues'.
fn note_mark(s: &BriefScreen, cx: &Shared, block: usize) -> Option<Span<'static>> {
    let on_block = s.notes.on_block(block);
    let &first = on_block.first()?;
    let notes = &s.notes.notes;
    // Only colleagues' notes here: their own mark.
    if on_block.iter().all(|&i| s.notes.is_team(i)) {
        return Some(Span::styled("@", cx.theme.note_marker));
    }
    if let Some(kind) = on_block.iter().find_map(|&i| notes[i].kind) {
        Some(Span::styled(kind.glyph().to_string(), cx.theme.note_marker))
    } else if on_block
        .iter()
        .any(|&i| !notes[i].text.trim().is_empty() || notes[i].stance.is_some())
    {
        Some(Span::styled("✎", cx.theme.note_marker))
    } else {
        let tag = notes[first].tags.first()?;
        Some(Span::styled("#", cx.theme.tag_style(tag)))
    }
}

/// Turns a laid-out line into styled spans, with search matches painted
/// over the text they cover.
fn to_line(
    cx: &Shared,
    line: &StyledLine,
    matches: &[Match],
    current: Option<Match>,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(line.segs.len());
    for seg in &line.segs {
        let base = cx.theme.look(seg.role, seg.inline);
        match seg.src {
            Some(src) if !matches.is_empty() => {
                split_matches(cx, seg, src, base, matches, current, &mut spans)
            }
            _ => spans.push(Span::styled(seg.text.clone(), base)),
        }
    }
    Line::from(spans)
}

fn split_matches(
    cx: &Shared,
    seg: &Seg,
    src: u32,
    base: Style,
    matches: &[Match],
    current: Option<Match>,
    out: &mut Vec<Span<'static>>,
) {
    let end = src + seg.text.len() as u32;
    let mut at = 0usize;
    for m in matches.iter().filter(|m| m.start < end && m.end > src) {
        let from = (m.start.max(src) - src) as usize;
        let to = (m.end.min(end) - src) as usize;
        let (Some(before), Some(hit)) = (seg.text.get(at..from), seg.text.get(from..to)) else {
            continue;
        };
        if !before.is_empty() {
            out.push(Span::styled(before.to_owned(), base));
        }
        let look = if Some(*m) == current {
            cx.theme.search_current
        } else {
            cx.theme.search_match
        };
        out.push(Span::styled(hit.to_owned(), base.patch(look)));
        at = to;
    }
    if let Some(rest) = seg.text.get(at..).filter(|r| !r.is_empty()) {
        out.push(Span::styled(rest.to_owned(), base));
    }
}
