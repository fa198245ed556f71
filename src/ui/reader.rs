//! The reading pane: only the rows on screen are laid out and drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::reader::Item;
use crate::app::search::Match;
use crate::layout::{Seg, StyledLine};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(text) = app.panes.reader_text(app.reading_width, app.addresses) else {
        return;
    };
    let brief = &app.brief;
    if brief.blocks.is_empty() && brief.sections.is_empty() {
        buf.set_stringn(
            text.x,
            text.y,
            "This brief is empty.",
            usize::from(text.width),
            app.theme.text,
        );
        return;
    }
    let reader = &app.reader;
    let cursor_item = (!brief.blocks.is_empty()).then(|| reader.item_of_block(reader.cursor));
    for (pos, y) in reader
        .visible_rows(brief)
        .into_iter()
        .zip(text.y..area.y + area.height)
    {
        let lines = reader.lines(brief, pos.item);
        let Some(line) = lines.get(pos.line) else {
            continue;
        };
        let block = match reader.items()[pos.item] {
            Item::Block(b) => Some(b),
            _ => None,
        };
        if cursor_item == Some(pos.item) && !line.segs.is_empty() {
            buf.set_stringn(area.x, y, "▌", 1, app.theme.cursor);
        }
        if pos.line == 0
            && let Some(b) = block
        {
            draw_note_mark(app, b, area.x + 1, y, buf);
            // The address gutter sits between the marks and the text.
            let margin = crate::app::panes::MARGIN;
            let gutter = text.x.saturating_sub(area.x + margin);
            if gutter > 1 {
                let label = crate::cite::Address::of(brief, b).to_string();
                let width = usize::from(gutter - 1);
                buf.set_stringn(area.x + margin, y, label, width, app.theme.meta);
            }
        }
        let matches = match reader.items()[pos.item] {
            Item::Block(b) => app.search.in_block(b),
            Item::Heading(s) => app.search.in_heading(brief, s),
            _ => &[],
        };
        let current = app
            .search
            .current
            .and_then(|i| app.search.matches.get(i))
            .copied();
        let drawn = to_line(app, line, matches, current);
        buf.set_line(text.x, y, &drawn, text.width);
    }
}

/// The margin mark of an annotated block: the kind's letter for a typed
/// note, a pen for a note with text, a `#` in the tag's colour for tags
/// alone.
fn draw_note_mark(app: &App, block: usize, x: u16, y: u16, buf: &mut Buffer) {
    let on_block = app.notes.on_block(block);
    let Some(&first) = on_block.first() else {
        return;
    };
    let notes = &app.notes.notes;
    let kind = on_block.iter().find_map(|&i| notes[i].kind);
    if let Some(kind) = kind {
        buf.set_stringn(x, y, kind.glyph().to_string(), 1, app.theme.note_marker);
    } else if on_block
        .iter()
        .any(|&i| !notes[i].text.trim().is_empty() || notes[i].stance.is_some())
    {
        buf.set_stringn(x, y, "✎", 1, app.theme.note_marker);
    } else if let Some(tag) = notes[first].tags.first() {
        buf.set_stringn(x, y, "#", 1, app.theme.tag_style(tag));
    }
}

/// Turns a laid-out line into styled spans, with search matches painted
/// over the text they cover.
fn to_line(
    app: &App,
    line: &StyledLine,
    matches: &[Match],
    current: Option<Match>,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(line.segs.len());
    for seg in &line.segs {
        let base = app.theme.look(seg.role, seg.inline);
        match seg.src {
            Some(src) if !matches.is_empty() => {
                split_matches(app, seg, src, base, matches, current, &mut spans)
            }
            _ => spans.push(Span::styled(seg.text.clone(), base)),
        }
    }
    Line::from(spans)
}

fn split_matches(
    app: &App,
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
            app.theme.search_current
        } else {
            app.theme.search_match
        };
        out.push(Span::styled(hit.to_owned(), base.patch(look)));
        at = to;
    }
    if let Some(rest) = seg.text.get(at..).filter(|r| !r.is_empty()) {
        out.push(Span::styled(rest.to_owned(), base));
    }
}
