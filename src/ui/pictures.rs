//! Pictures: drawn over the rows the layout keeps for them in the reading
//! pane, and full screen (`v`). A picture not decoded yet leaves its
//! `[image: alt]` line and blank rows; one that cannot be shown says why
//! on its second row.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Clear, Widget};
use ratatui_image::Image;
use ratatui_image::protocol::Protocol;

use crate::app::brief::reader::{Item, Pos};
use crate::app::{BriefScreen, Shared};
use crate::theme::{ColorDepth, adapt_color};
use crate::ui::text::truncate;

/// Draws the pictures among the rows shown: `rows` pairs each laid-out
/// line on screen with its row; `text` is the text column.
pub fn draw_inline(
    s: &BriefScreen,
    cx: &Shared,
    text: Rect,
    rows: &[(Pos, u16)],
    buf: &mut Buffer,
) {
    let bottom = text.y.saturating_add(text.height);
    let mut last_item = None;
    for &(pos, y) in rows {
        if last_item == Some(pos.item) {
            continue;
        }
        last_item = Some(pos.item);
        let Some(Item::Block(b)) = s.reader.items().get(pos.item).copied() else {
            continue;
        };
        let Some((cols, height)) = s.reader.picture_cells(b) else {
            continue;
        };
        // The picture's top row, which may be above the pane.
        let top = i32::from(y) - pos.line as i32;
        let width = cols.min(text.width);
        if let Some(why) = s.pictures.problem(b) {
            let row = top + 1;
            if row >= i32::from(text.y) && row < i32::from(bottom) && height > 1 {
                let line = truncate(&format!("(not shown: {why})"), usize::from(text.width));
                buf.set_span(
                    text.x,
                    row as u16,
                    &Span::styled(line, cx.theme.meta),
                    text.width,
                );
            }
            continue;
        }
        let Some(decoded) = s.pictures.drawn(b, cols, height) else {
            continue;
        };
        let proto = decoded.0.as_ref();
        let fits = top >= i32::from(text.y) && top + i32::from(height) <= i32::from(bottom);
        if fits {
            // The alt line under it goes: the picture takes its rows.
            Clear.render(Rect::new(text.x, top as u16, text.width, height), buf);
            let at = Rect::new(text.x, top as u16, width, height);
            Image::new(proto).render(at, buf);
            fit_colours(at, cx, buf);
        } else if matches!(proto, Protocol::Halfblocks(_)) {
            // Half blocks are cells: draw the whole picture aside and copy
            // the rows on screen. Graphics protocols cannot be cut, so a
            // picture half off screen keeps its placeholder.
            let clear_to = (top + i32::from(height)).min(i32::from(bottom));
            for row in i32::from(text.y).max(top)..clear_to {
                Clear.render(Rect::new(text.x, row as u16, text.width, 1), buf);
            }
            draw_cut(proto, text.x, top, width, height, text.y, bottom, buf);
            let from = top.max(i32::from(text.y));
            let shown = Rect::new(text.x, from as u16, width, (clear_to - from).max(0) as u16);
            fit_colours(shown, cx, buf);
        }
    }
}

/// Half blocks come in 24-bit colour: fitted to the colours the terminal
/// shows, as the theme is (a 256-colour terminal would otherwise get
/// escapes it may not read). Cells of a graphics protocol carry no colour.
/// With NO_COLOR a picture keeps its colours: they are the brief's content,
/// and without them it is blank.
fn fit_colours(area: Rect, cx: &Shared, buf: &mut Buffer) {
    let depth = cx.theme.depth;
    if matches!(depth, ColorDepth::TrueColor | ColorDepth::NoColor) {
        return;
    }
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let Some(cell) = buf.cell_mut(Position::new(x, y)) {
                cell.fg = adapt_color(cell.fg, depth);
                cell.bg = adapt_color(cell.bg, depth);
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_cut(
    proto: &Protocol,
    x: u16,
    top: i32,
    width: u16,
    height: u16,
    from: u16,
    to: u16,
    buf: &mut Buffer,
) {
    let aside = Rect::new(0, 0, width, height);
    let mut scratch = Buffer::empty(aside);
    Image::new(proto).render(aside, &mut scratch);
    for r in 0..height {
        let y = top + i32::from(r);
        if y < i32::from(from) || y >= i32::from(to) {
            continue;
        }
        for c in 0..width {
            if let (Some(src), Some(dst)) = (
                scratch.cell(Position::new(c, r)),
                buf.cell_mut(Position::new(x + c, y as u16)),
            ) {
                *dst = src.clone();
            }
        }
    }
}

/// The picture under the cursor, full screen, with a line saying how to
/// leave; "decoding…" until it is ready.
pub fn draw_full(s: &BriefScreen, cx: &Shared, block: usize, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let alt = s.brief.picture_alt(block);
    let last = area.y + area.height.saturating_sub(1);
    let mut say = format!("{alt} · any key closes");
    match s.full_cells(block, cx) {
        Some((cols, rows)) => match s.pictures.drawn(block, cols, rows) {
            Some(decoded) => {
                let x = area.x + area.width.saturating_sub(cols) / 2;
                let y = area.y + area.height.saturating_sub(1).saturating_sub(rows) / 2;
                let pic = Rect::new(x, y, cols.min(area.width), rows.min(area.height));
                Image::new(decoded.0.as_ref()).render(pic, buf);
                fit_colours(pic, cx, buf);
            }
            None => match s.pictures.problem(block) {
                Some(why) => say = format!("{alt}: not shown: {why} · any key closes"),
                None => say = format!("{alt}: decoding… · any key closes"),
            },
        },
        None => say = format!("{alt}: no picture · any key closes"),
    }
    let line = truncate(&say, usize::from(area.width));
    buf.set_span(area.x, last, &Span::styled(line, cx.theme.meta), area.width);
}
