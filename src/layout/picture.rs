//! Pictures in the text: how many cells one takes, and the lines that
//! hold its place (its `[image: alt]` line, then blank rows the picture is
//! drawn over), so the layout has the picture's height before the picture
//! is decoded and nothing moves when it arrives.

use super::{Role, StyledLine, clip};
use crate::document::{BlockId, Brief, Inline};

/// The cell size in pixels assumed when the terminal does not tell it:
/// what half blocks are laid out with.
pub const DEFAULT_CELL: (u16, u16) = (10, 20);

/// The most rows a picture takes in the text.
pub const PICTURE_ROWS: u16 = 12;

/// The cells a picture of `px` pixels fills with cells of `cell` pixels:
/// its natural size, shrunk (never grown) to `width` columns and
/// `max_rows` rows, keeping its shape. At least one cell each way.
pub fn picture_cells(px: (u32, u32), cell: (u16, u16), width: usize, max_rows: u16) -> (u16, u16) {
    fit_cells(px, cell, width, max_rows, false)
}

/// [`picture_cells`], grown as well as shrunk to fill `width` x `max_rows`
/// (the full-screen view).
pub fn filling_cells(px: (u32, u32), cell: (u16, u16), width: usize, max_rows: u16) -> (u16, u16) {
    fit_cells(px, cell, width, max_rows, true)
}

fn fit_cells(
    px: (u32, u32),
    cell: (u16, u16),
    width: usize,
    max_rows: u16,
    grow: bool,
) -> (u16, u16) {
    let cw = f64::from(cell.0.max(1));
    let ch = f64::from(cell.1.max(1));
    let cols = (f64::from(px.0) / cw).ceil().max(1.0);
    let rows = (f64::from(px.1) / ch).ceil().max(1.0);
    let width = width.clamp(1, usize::from(u16::MAX)) as f64;
    let scale = (width / cols).min(f64::from(max_rows.max(1)) / rows);
    let scale = if grow { scale } else { scale.min(1.0) };
    let fit = |n: f64| (n * scale).floor().clamp(1.0, f64::from(u16::MAX)) as u16;
    (fit(cols), fit(rows))
}

/// The lines of a picture block `cols` x `rows` cells in a column `width`
/// wide: its alt line, blank rows, and the blank line after the block.
pub fn picture_lines(
    brief: &Brief,
    id: BlockId,
    cols: u16,
    rows: u16,
    width: usize,
) -> Vec<StyledLine> {
    let mut lines = Vec::with_capacity(usize::from(rows) + 1);
    let mut first = StyledLine::default();
    first.segs.push(super::Seg {
        text: clip(brief.block_text(id), width.max(1)),
        role: Role::Meta,
        inline: Inline::EMPHASIS,
        src: None,
    });
    let blank = " ".repeat(usize::from(cols).min(width.max(1)));
    let pad = width.saturating_sub(super::text_width(&first.text()));
    first.push_deco(" ".repeat(pad.min(usize::from(cols))), Role::Text);
    lines.push(first);
    for _ in 1..rows {
        let mut line = StyledLine::default();
        line.push_deco(blank.as_str(), Role::Text);
        lines.push(line);
    }
    lines.push(StyledLine::default());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_picture_keeps_its_natural_size() {
        assert_eq!(picture_cells((100, 60), (10, 20), 80, 12), (10, 3));
    }

    #[test]
    fn a_wide_picture_shrinks_to_the_column_keeping_its_shape() {
        assert_eq!(picture_cells((2000, 500), (10, 20), 50, 12), (50, 6));
    }

    #[test]
    fn a_tall_picture_shrinks_to_the_row_limit() {
        assert_eq!(picture_cells((400, 4000), (10, 20), 80, 12), (2, 12));
    }

    #[test]
    fn full_screen_grows_a_small_picture_to_the_screen() {
        assert_eq!(filling_cells((160, 120), (10, 20), 120, 39), (104, 39));
    }
}
