//! Code blocks keep their lines and read as one rectangle. A line longer
//! than the column is cut, with a mark saying how many columns are hidden
//! (`…+12`), or, when the reader asks (`w`), wrapped onto lines that start
//! with `↪`.

use unicode_segmentation::UnicodeSegmentation;

use super::{CodeLines, Role, Seg, StyledLine, text_width};
use crate::document::Inline;

/// Lays out a code block's text in a column `width` cells wide.
pub(super) fn lines(text: &str, width: usize, mode: CodeLines) -> Vec<StyledLine> {
    let longest = text.split('\n').map(text_width).max().unwrap_or(0);
    let box_width = (longest + 2).min(width);
    // One cell of padding before the text; the rest is for the text.
    let inner = box_width.saturating_sub(1);
    let mut out = Vec::new();
    let mut offset = 0u32;
    for raw in text.split('\n') {
        let src = offset;
        offset += raw.len() as u32 + 1;
        match mode {
            CodeLines::Cut => out.push(cut_line(raw, src, inner)),
            CodeLines::Wrap => wrap_line(raw, src, inner, &mut out),
        }
    }
    out
}

fn code_seg(text: &str, src: u32) -> Seg {
    Seg {
        text: text.to_owned(),
        role: Role::Code,
        inline: Inline::empty(),
        src: Some(src),
    }
}

/// One line, cut to `inner` cells with the hidden width shown at the end.
fn cut_line(raw: &str, src: u32, inner: usize) -> StyledLine {
    let mut line = StyledLine::default();
    line.push_deco(" ", Role::Code);
    let total = text_width(raw);
    if total <= inner {
        if !raw.is_empty() {
            line.segs.push(code_seg(raw, src));
        }
        line.push_deco(" ".repeat(inner - total), Role::Code);
        return line;
    }
    // The mark is as wide as it can be (all hidden), so what is kept fits.
    let widest_mark = 2 + total.to_string().len();
    let mark_room = if inner > widest_mark + 1 {
        widest_mark
    } else {
        1
    };
    let (shown, used) = prefix_within(raw, inner - mark_room.min(inner));
    if !shown.is_empty() {
        line.segs.push(code_seg(shown, src));
    }
    let mark = if mark_room > 1 {
        format!("…+{}", total - used)
    } else {
        "…".to_owned()
    };
    let pad = inner.saturating_sub(used + text_width(&mark));
    line.push_deco(" ".repeat(pad), Role::Code);
    line.push_deco(mark, Role::Ellipsis);
    line
}

/// One line wrapped to `inner` cells: the first line starts with the usual
/// padding, the others with `↪`.
fn wrap_line(raw: &str, src: u32, inner: usize, out: &mut Vec<StyledLine>) {
    let mut rest = raw;
    let mut at = src;
    let mut first = true;
    loop {
        let mut line = StyledLine::default();
        if first {
            line.push_deco(" ", Role::Code);
        } else {
            line.push_deco("↪", Role::Ellipsis);
        }
        // At least one grapheme a line, so a column narrower than a wide
        // character still moves on.
        let (mut piece, mut used) = prefix_within(rest, inner);
        if piece.is_empty() && !rest.is_empty() {
            piece = rest.graphemes(true).next().unwrap_or(rest);
            used = text_width(piece);
        }
        if !piece.is_empty() {
            line.segs.push(code_seg(piece, at));
        }
        line.push_deco(" ".repeat(inner.saturating_sub(used)), Role::Code);
        out.push(line);
        rest = &rest[piece.len()..];
        at += piece.len() as u32;
        first = false;
        if rest.is_empty() {
            break;
        }
    }
}

/// The longest prefix of `s` that fits in `width` cells, and its width.
fn prefix_within(s: &str, width: usize) -> (&str, usize) {
    let mut used = 0;
    let mut end = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = text_width(g);
        if used + w > width {
            break;
        }
        used += w;
        end = i + g.len();
    }
    (&s[..end], used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, width: usize, mode: CodeLines) -> Vec<String> {
        lines(text, width, mode)
            .iter()
            .map(StyledLine::text)
            .collect()
    }

    #[test]
    fn a_cut_line_says_how_much_is_hidden() {
        let shown = texts("abcdefghijklmnopqrstuvwxyz\nxy", 12, CodeLines::Cut);
        assert_eq!(shown, [" abcdefg…+19", " xy         "]);
        assert!(shown.iter().all(|l| text_width(l) == 12));
    }

    #[test]
    fn wrapped_lines_keep_every_character() {
        let shown = texts("abcdefghij\nxy", 6, CodeLines::Wrap);
        assert_eq!(shown, [" abcde", "↪fghij", " xy   "]);
    }

    #[test]
    fn a_column_too_narrow_for_a_character_still_moves_on() {
        let shown = texts("漢字", 2, CodeLines::Wrap);
        assert_eq!(shown, [" 漢", "↪字"]);
        assert_eq!(texts("abcdef", 2, CodeLines::Cut), [" …"]);
    }
}
