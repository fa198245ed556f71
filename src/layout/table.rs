//! Tables as aligned grids. Columns get their natural width when it fits;
//! otherwise the widest columns give way and their cells wrap. A table too
//! narrow for a grid falls back to one line of " | "-joined cells per row.

use super::wrap::{self, Piece, text_width};
use super::{Role, StyledLine, pieces_of};
use crate::document::{Align, Span, Table};

/// Cells and padding per column: "│ x " plus the closing "│".
const CELL_PAD: usize = 3;

pub(super) fn lines(text: &str, spans: &[Span], table: &Table, width: usize) -> Vec<StyledLine> {
    let cols = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    let cells: Vec<Vec<Vec<Piece<'_>>>> = table
        .rows
        .iter()
        .map(|row| {
            (0..cols)
                .map(|c| {
                    row.get(c)
                        .map_or_else(Vec::new, |r| cell_pieces(text, spans, r))
                })
                .collect()
        })
        .collect();
    let Some(widths) = column_widths(&cells, cols, width) else {
        return fallback(text, spans, width);
    };

    let ruled = rows_wrap(&cells, &widths, table.header_rows);
    let mut out = vec![border('┌', '┬', '┐', &widths)];
    for (r, row) in cells.iter().enumerate() {
        let role = if r < table.header_rows {
            Role::TableHeader
        } else {
            Role::Text
        };
        let wrapped: Vec<Vec<Vec<Piece<'_>>>> = row
            .iter()
            .zip(&widths)
            .map(|(pieces, &w)| wrap::wrap(text, pieces, w, w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        // Rows that wrap run into each other: rule them apart.
        if ruled && r > table.header_rows && r > 0 {
            out.push(border('├', '┼', '┤', &widths));
        }
        for i in 0..height {
            let mut line = StyledLine::default();
            for (c, cell_lines) in wrapped.iter().enumerate() {
                line.push_deco("│ ", Role::TableBorder);
                let content = cell_lines.get(i).map(Vec::as_slice).unwrap_or(&[]);
                let used: usize = content.iter().map(|p| text_width(p.text)).sum();
                let free = widths[c].saturating_sub(used);
                let align = table.aligns.get(c).copied().unwrap_or(Align::Left);
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
            out.push(border('├', '┼', '┤', &widths));
        }
    }
    out.push(border('└', '┴', '┘', &widths));
    out
}

/// True when some body row needs more than one line at these widths.
fn rows_wrap(cells: &[Vec<Vec<Piece<'_>>>], widths: &[usize], header_rows: usize) -> bool {
    cells.iter().skip(header_rows).any(|row| {
        row.iter()
            .zip(widths)
            .any(|(pieces, &w)| natural_width(pieces) > w)
    })
}

/// Pieces of the spans that fall inside a cell's byte range, clipped to it.
fn cell_pieces<'a>(text: &'a str, spans: &[Span], range: &std::ops::Range<u32>) -> Vec<Piece<'a>> {
    pieces_of(text, spans)
        .into_iter()
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

/// Column widths that fit `width`, or `None` when even a few cells per
/// column cannot fit. Each column first gets its longest word (so words are
/// not cut), then the room left goes to the columns that want more, in
/// proportion to how much more they want.
fn column_widths(cells: &[Vec<Vec<Piece<'_>>>], cols: usize, width: usize) -> Option<Vec<usize>> {
    let available = width.checked_sub(cols * CELL_PAD + 1)?;
    if available < cols * 3 {
        return None;
    }
    let mut natural = vec![1usize; cols];
    let mut longest_word = vec![1usize; cols];
    for row in cells {
        for (c, pieces) in row.iter().enumerate() {
            natural[c] = natural[c].max(natural_width(pieces));
            longest_word[c] = longest_word[c].max(longest_word_width(pieces));
        }
    }
    if natural.iter().sum::<usize>() <= available {
        return Some(natural);
    }
    let mut widths: Vec<usize> = longest_word.iter().map(|&w| w.clamp(3, 24)).collect();
    let floor: usize = widths.iter().sum();
    if floor > available {
        // Even the longest words do not fit: share the room evenly and let
        // long words break.
        let each = available / cols;
        return Some(vec![each; cols]);
    }
    let want: Vec<usize> = natural
        .iter()
        .zip(&widths)
        .map(|(n, w)| n.saturating_sub(*w))
        .collect();
    let total_want: usize = want.iter().sum();
    let room = available - floor;
    for (w, extra) in widths.iter_mut().zip(&want) {
        *w += extra * room / total_want.max(1);
    }
    Some(widths)
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

fn border(left: char, mid: char, right: char, widths: &[usize]) -> StyledLine {
    let mut s = String::new();
    s.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            s.push(mid);
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
    fn very_narrow_table_falls_back_to_text() {
        let lines = table_lines(MD, 8);
        assert!(
            lines.iter().all(|l| crate::layout::text_width(l) <= 8),
            "{lines:#?}"
        );
        assert!(!lines[0].contains('┌'));
    }
}
