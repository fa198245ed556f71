//! Tables as aligned grids. Columns get their natural width when it fits;
//! otherwise the widest columns give way and their cells wrap at word
//! boundaries. A cell may cover several columns (HTML `colspan`): no
//! border is drawn inside it. A table too narrow for a grid falls back to
//! one line of " | "-joined cells per row.

use super::wrap::{self, Piece, text_width};
use super::{Role, StyledLine, pieces_of};
use crate::document::{Align, Span, Table};

/// Cells and padding per column: "│ x " plus the closing "│".
const CELL_PAD: usize = 3;

/// One cell placed in the grid: its first column, how many it covers and
/// its text.
struct Cell<'a> {
    col: usize,
    span: usize,
    pieces: Vec<Piece<'a>>,
}

/// The rows of cells, each row filled out to every column.
type Grid<'a> = Vec<Vec<Cell<'a>>>;

fn grid<'a>(text: &'a str, spans: &[Span], table: &Table, cols: usize) -> Grid<'a> {
    let all = pieces_of(text, spans);
    table
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut cells = Vec::with_capacity(cols);
            let mut col = 0;
            for (i, range) in row.iter().enumerate() {
                let span = table.span(r, i).min(cols - col);
                if span == 0 {
                    break;
                }
                cells.push(Cell {
                    col,
                    span,
                    pieces: cell_pieces(text, &all, range),
                });
                col += span;
            }
            for c in col..cols {
                cells.push(Cell {
                    col: c,
                    span: 1,
                    pieces: Vec::new(),
                });
            }
            cells
        })
        .collect()
}

/// Width of a cell covering `span` columns from `col`: the columns and the
/// borders inside it.
fn span_width(widths: &[usize], col: usize, span: usize) -> usize {
    widths[col..col + span].iter().sum::<usize>() + CELL_PAD * (span - 1)
}

pub(super) fn lines(text: &str, spans: &[Span], table: &Table, width: usize) -> Vec<StyledLine> {
    let cols = table.columns();
    if cols == 0 {
        return Vec::new();
    }
    let cells = grid(text, spans, table, cols);
    let Some(widths) = column_widths(&cells, cols, width) else {
        return fallback(text, spans, width);
    };

    let ruled = rows_wrap(&cells, &widths, table.header_rows);
    let mut out = vec![border(None, cells.first(), &widths)];
    for (r, row) in cells.iter().enumerate() {
        let role = if r < table.header_rows {
            Role::TableHeader
        } else {
            Role::Text
        };
        let wrapped: Vec<Vec<Vec<Piece<'_>>>> = row
            .iter()
            .map(|cell| {
                let w = span_width(&widths, cell.col, cell.span);
                wrap::wrap(text, &cell.pieces, w, w)
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        // Rows that wrap run into each other: rule them apart.
        if ruled && r > table.header_rows && r > 0 {
            out.push(border(cells.get(r - 1), Some(row), &widths));
        }
        for i in 0..height {
            let mut line = StyledLine::default();
            for (cell, cell_lines) in row.iter().zip(&wrapped) {
                line.push_deco("│ ", Role::TableBorder);
                let content = cell_lines.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let used: usize = content.iter().map(|p| text_width(p.text)).sum();
                let free = span_width(&widths, cell.col, cell.span).saturating_sub(used);
                let align = table.aligns.get(cell.col).copied().unwrap_or(Align::Left);
                let (left, right) = match align {
                    Align::Left => (0, free),
                    Align::Right => (free, 0),
                    Align::Center => (free / 2, free - free / 2),
                };
                line.push_deco(" ".repeat(left), role);
                line.push_pieces(content, role);
                line.push_deco(" ".repeat(right + 1), role);
            }
            line.push_deco("│", Role::TableBorder);
            out.push(line);
        }
        if r + 1 == table.header_rows && r + 1 < cells.len() {
            out.push(border(Some(row), cells.get(r + 1), &widths));
        }
    }
    out.push(border(cells.last(), None, &widths));
    out
}

/// True when some body row needs more than one line at these widths.
fn rows_wrap(cells: &Grid<'_>, widths: &[usize], header_rows: usize) -> bool {
    cells.iter().skip(header_rows).any(|row| {
        row.iter()
            .any(|c| natural_width(&c.pieces) > span_width(widths, c.col, c.span))
    })
}

/// The pieces that fall inside a cell's byte range, clipped to it.
fn cell_pieces<'a>(
    text: &'a str,
    all: &[Piece<'a>],
    range: &std::ops::Range<u32>,
) -> Vec<Piece<'a>> {
    // Pieces are in order: start at the first that ends after the cell's
    // start, so a table of many cells is not quadratic.
    let first = all.partition_point(|p| p.src + p.text.len() as u32 <= range.start);
    all[first..]
        .iter()
        .take_while(|p| p.src < range.end)
        .filter_map(|p| {
            let start = p.src.max(range.start);
            let end = (p.src + p.text.len() as u32).min(range.end);
            (start < end).then(|| Piece {
                text: &text[start as usize..end as usize],
                inline: p.inline,
                src: start,
            })
        })
        .collect()
}

/// Narrowest a column is made before the table gives up on a grid.
const MIN_COLUMN: usize = 3;

/// Column widths that fit `width`, or `None` when even a few cells per
/// column cannot fit. Columns start at their natural width; while the
/// table is too wide the widest give way first, down to their longest word
/// (so no word is cut); only if that is still too wide do the widest go
/// below it, and then only their words longer than the column break. A
/// cell over several columns widens the last of them if it needs to.
fn column_widths(cells: &Grid<'_>, cols: usize, width: usize) -> Option<Vec<usize>> {
    let available = width.checked_sub(cols * CELL_PAD + 1)?;
    if available < cols * MIN_COLUMN {
        return None;
    }
    let mut natural = vec![1usize; cols];
    let mut longest_word = vec![1usize; cols];
    for cell in cells.iter().flatten().filter(|c| c.span == 1) {
        natural[cell.col] = natural[cell.col].max(natural_width(&cell.pieces));
        longest_word[cell.col] = longest_word[cell.col].max(longest_word_width(&cell.pieces));
    }
    for cell in cells.iter().flatten().filter(|c| c.span > 1) {
        let last = cell.col + cell.span - 1;
        for (want, widths) in [
            (natural_width(&cell.pieces), &mut natural),
            (longest_word_width(&cell.pieces), &mut longest_word),
        ] {
            let have = span_width(widths, cell.col, cell.span);
            widths[last] += want.saturating_sub(have);
        }
    }
    for (w, n) in longest_word.iter_mut().zip(&natural) {
        *w = (*w).min(*n);
    }
    let words_whole = shrink_widest(&natural, &longest_word, available);
    if words_whole.iter().sum::<usize>() <= available {
        return Some(words_whole);
    }
    let least: Vec<usize> = natural.iter().map(|&n| n.min(MIN_COLUMN)).collect();
    Some(shrink_widest(&words_whole, &least, available))
}

/// `widths` cut down to fit `room` by lowering the widest first (all
/// columns above a level come down to it), never below `floors`. When the
/// floors alone do not fit, the floors are returned.
fn shrink_widest(widths: &[usize], floors: &[usize], room: usize) -> Vec<usize> {
    let at_level = |level: usize| -> Vec<usize> {
        widths
            .iter()
            .zip(floors)
            .map(|(&w, &f)| w.min(level).max(f.min(w)))
            .collect()
    };
    let fits = |level: usize| at_level(level).iter().sum::<usize>() <= room;
    let top = widths.iter().copied().max().unwrap_or(0);
    if fits(top) {
        return widths.to_vec();
    }
    if !fits(0) {
        return at_level(0);
    }
    // The highest level that fits: `fits` holds at `low`, fails at `high`.
    let (mut low, mut high) = (0, top);
    while high - low > 1 {
        let mid = (low + high) / 2;
        if fits(mid) {
            low = mid;
        } else {
            high = mid;
        }
    }
    let mut out = at_level(low);
    // The cells left over go one each to the columns held at the level.
    let mut spare = room - out.iter().sum::<usize>();
    for (w, &want) in out.iter_mut().zip(widths) {
        if spare > 0 && *w == low && want > low {
            *w += 1;
            spare -= 1;
        }
    }
    out
}

fn longest_word_width(pieces: &[Piece<'_>]) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for p in pieces {
        for (i, part) in p.text.split([' ', '\n']).enumerate() {
            if i > 0 {
                best = best.max(cur);
                cur = 0;
            }
            cur += text_width(part);
        }
    }
    best.max(cur)
}

fn natural_width(pieces: &[Piece<'_>]) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for p in pieces {
        for (i, part) in p.text.split('\n').enumerate() {
            if i > 0 {
                best = best.max(cur);
                cur = 0;
            }
            cur += text_width(part);
        }
    }
    best.max(cur)
}

/// The rule above `below` and under `above` (either may be missing, at the
/// table's top and bottom): a junction where a cell of either row starts.
fn border(
    above: Option<&Vec<Cell<'_>>>,
    below: Option<&Vec<Cell<'_>>>,
    widths: &[usize],
) -> StyledLine {
    let starts = |row: Option<&Vec<Cell<'_>>>, col: usize| {
        row.is_some_and(|cells| cells.iter().any(|c| c.col == col))
    };
    let (left, right) = match (above.is_some(), below.is_some()) {
        (false, _) => ('┌', '┐'),
        (true, false) => ('└', '┘'),
        (true, true) => ('├', '┤'),
    };
    let mut s = String::new();
    s.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            s.push(match (starts(above, i), starts(below, i)) {
                (true, true) => '┼',
                (true, false) => '┴',
                (false, true) => '┬',
                (false, false) => '─',
            });
        }
        s.extend(std::iter::repeat_n('─', w + 2));
    }
    s.push(right);
    let mut line = StyledLine::default();
    line.push_deco(s, Role::TableBorder);
    line
}

/// Too narrow for a grid: each row as wrapped text.
fn fallback(text: &str, spans: &[Span], width: usize) -> Vec<StyledLine> {
    let pieces = pieces_of(text, spans);
    let mut all = Vec::new();
    // The table's text already joins cells with " | " and rows with
    // newlines, so wrapping it gives one paragraph line per row.
    let full = [Piece {
        text,
        inline: crate::document::Inline::empty(),
        src: 0,
    }];
    let source = if pieces.is_empty() {
        &full[..]
    } else {
        &pieces
    };
    for line in wrap::wrap(text, source, width, width) {
        let mut l = StyledLine::default();
        l.push_pieces(&line, Role::Text);
        all.push(l);
    }
    all
}

#[cfg(test)]
mod tests {
    use crate::document::parse;
    use crate::layout::{StyledLine, block_lines};

    fn table_lines(md: &str, width: usize) -> Vec<String> {
        let brief = parse(md, "t");
        block_lines(&brief, 0, width)
            .iter()
            .map(StyledLine::text)
            .collect()
    }

    const MD: &str =
        "| Name | Share |\n|:-----|------:|\n| alpha | 10% |\n| beta gamma delta | 5% |\n";

    #[test]
    fn columns_align_and_numbers_sit_right() {
        let lines = table_lines(MD, 60);
        assert_eq!(lines[0], "┌──────────────────┬───────┐");
        assert_eq!(lines[1], "│ Name             │ Share │");
        assert_eq!(lines[2], "├──────────────────┼───────┤");
        assert_eq!(lines[3], "│ alpha            │   10% │");
        assert_eq!(lines[5], "└──────────────────┴───────┘");
    }

    #[test]
    fn narrow_table_wraps_cells_and_keeps_borders_aligned() {
        let lines = table_lines(MD, 20);
        let widths: Vec<usize> = lines[..lines.len() - 1]
            .iter()
            .map(|l| crate::layout::text_width(l))
            .collect();
        assert!(
            widths.iter().all(|&w| w == widths[0] && w <= 20),
            "{lines:#?}"
        );
    }

    #[test]
    fn the_widest_column_gives_way_and_words_stay_whole() {
        let md = "| Capability | Description | Status |\n|---|---|---|\n\
                  | expansion-timeline | The terminal expansion is reviewed each quarter by the board | ok |\n";
        let lines = table_lines(md, 50);
        assert_eq!(
            lines[0],
            "┌────────────────────┬──────────────────┬────────┐"
        );
        assert!(
            lines.iter().any(|l| l.contains("│ expansion-timeline │")),
            "{lines:#?}"
        );
        for word in ["terminal", "expansion", "reviewed", "quarter"] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} cut: {lines:#?}"
            );
        }
    }

    #[test]
    fn only_a_word_wider_than_its_column_breaks() {
        // Too narrow for the long word: it breaks, the other column's words
        // stay whole.
        let md = "| A | B |\n|---|---|\n| expansion-timeline-review | one two three four |\n";
        let lines = table_lines(md, 30);
        assert!(lines.iter().all(|l| crate::layout::text_width(l) <= 30));
        for word in ["one", "two", "three", "four"] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} cut: {lines:#?}"
            );
        }
        assert!(
            lines.iter().any(|l| l.contains("expansion-tim")),
            "{lines:#?}"
        );
    }

    #[test]
    fn very_narrow_table_falls_back_to_text() {
        let lines = table_lines(MD, 8);
        assert!(
            lines.iter().all(|l| crate::layout::text_width(l) <= 8),
            "{lines:#?}"
        );
        assert!(!lines[0].contains('┌'));
    }
}
