//! Greedy word wrapping of styled text by display width.
//!
//! Widths are measured per grapheme exactly as ratatui's buffer measures
//! them, so what we wrap to N columns draws in N columns.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

use crate::document::Inline;

/// A run of text with one style. `src` is its byte offset in the block's
/// text, so search matches can be mapped back onto wrapped lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub inline: Inline,
    pub src: u32,
}

/// Display width of a string in terminal cells.
pub fn text_width(s: &str) -> usize {
    if s.is_ascii() {
        // Sanitised text holds no ASCII controls except newline.
        return s.bytes().filter(|&b| b != b'\n').count();
    }
    s.graphemes(true)
        .filter(|g| !g.contains(char::is_control))
        .map(|g| usize::from(g.cell_width()))
        .sum()
}

/// Plain text wrapped to `width` columns, one string per line.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let piece = [Piece {
        text,
        inline: Inline::empty(),
        src: 0,
    }];
    wrap(text, &piece, width, width)
        .iter()
        .map(|line| line.iter().map(|p| p.text).collect())
        .collect()
}

/// One word: the pieces between two spaces, and the space that follows
/// it, if any, with its own style (the space after a link is not part of
/// the link).
struct Word<'a> {
    pieces: Vec<Piece<'a>>,
    width: usize,
    space_after: Option<Piece<'a>>,
}

/// Wraps pieces into lines: the first line holds `first` columns, the others
/// `rest`. Newlines in the text force a break. Words wider than a line are
/// split at grapheme boundaries. Always returns at least one line. Every
/// piece's `src` must index `source`, the text the pieces were cut from.
pub fn wrap<'a>(
    source: &'a str,
    pieces: &[Piece<'a>],
    first: usize,
    rest: usize,
) -> Vec<Vec<Piece<'a>>> {
    let first = first.max(1);
    let rest = rest.max(1);
    let mut lines: Vec<Vec<Piece<'a>>> = Vec::new();
    for hard_line in split_lines(pieces) {
        let mut line: Vec<Piece<'a>> = Vec::new();
        let mut used = 0usize;
        let mut pending_space: Option<Piece<'a>> = None;
        for word in words(&hard_line, rest) {
            let limit = if lines.is_empty() { first } else { rest };
            let space = usize::from(pending_space.is_some());
            if !line.is_empty() && used + space + word.width > limit {
                lines.push(std::mem::take(&mut line));
                used = 0;
                pending_space = None;
            }
            if let Some(sp) = pending_space.take().filter(|_| !line.is_empty()) {
                line.push(sp);
                used += 1;
            }
            used += word.width;
            line.extend(word.pieces);
            pending_space = word.space_after;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    lines.into_iter().map(|l| merge(source, l)).collect()
}

/// Splits pieces at newlines into hard lines.
fn split_lines<'a>(pieces: &[Piece<'a>]) -> Vec<Vec<Piece<'a>>> {
    let mut out = vec![Vec::new()];
    for p in pieces {
        let mut offset = 0usize;
        for (i, part) in p.text.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if !part.is_empty()
                && let Some(line) = out.last_mut()
            {
                line.push(Piece {
                    text: part,
                    inline: p.inline,
                    src: p.src + offset as u32,
                });
            }
            offset += part.len() + 1;
        }
    }
    out
}

/// Cuts a hard line into words at spaces; a word wider than `max` is cut
/// into chunks that fit.
fn words<'a>(line: &[Piece<'a>], max: usize) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    let mut cur = empty_word();
    for p in line {
        let mut start = 0usize;
        let bytes = p.text.as_bytes();
        while start < bytes.len() {
            let end = p.text[start..].find(' ').map_or(bytes.len(), |i| start + i);
            if end > start {
                let text = &p.text[start..end];
                cur.width += text_width(text);
                cur.pieces.push(Piece {
                    text,
                    inline: p.inline,
                    src: p.src + start as u32,
                });
            }
            if end < bytes.len() {
                // One or more spaces end the word.
                if !cur.pieces.is_empty() {
                    cur.space_after = Some(Piece {
                        text: " ",
                        inline: p.inline,
                        src: p.src + end as u32,
                    });
                    push_word(&mut out, std::mem::replace(&mut cur, empty_word()), max);
                }
                start = end;
                while start < bytes.len() && bytes[start] == b' ' {
                    start += 1;
                }
            } else {
                start = end;
            }
        }
    }
    if !cur.pieces.is_empty() {
        push_word(&mut out, cur, max);
    }
    out
}

fn empty_word<'a>() -> Word<'a> {
    Word {
        pieces: Vec::new(),
        width: 0,
        space_after: None,
    }
}

fn push_word<'a>(out: &mut Vec<Word<'a>>, word: Word<'a>, max: usize) {
    if word.width <= max {
        out.push(word);
        return;
    }
    let space_after = word.space_after;
    let mut chunk = empty_word();
    for p in word.pieces {
        let mut run_start = 0usize;
        let mut offset = 0usize;
        for g in p.text.graphemes(true) {
            let w = text_width(g);
            if chunk.width + w > max && (chunk.width > 0 || offset > run_start) {
                if offset > run_start {
                    chunk.pieces.push(sub_piece(p, run_start, offset));
                }
                out.push(std::mem::replace(&mut chunk, empty_word()));
                run_start = offset;
            }
            chunk.width += w;
            offset += g.len();
        }
        if offset > run_start {
            chunk.pieces.push(sub_piece(p, run_start, offset));
        }
    }
    chunk.space_after = space_after;
    if !chunk.pieces.is_empty() {
        out.push(chunk);
    }
}

fn sub_piece<'a>(p: Piece<'a>, start: usize, end: usize) -> Piece<'a> {
    Piece {
        text: &p.text[start..end],
        inline: p.inline,
        src: p.src + start as u32,
    }
}

/// Joins neighbouring pieces that continue each other in `source` with the
/// same style, so a line is a few long runs rather than many words.
fn merge<'a>(source: &'a str, line: Vec<Piece<'a>>) -> Vec<Piece<'a>> {
    let mut out: Vec<Piece<'a>> = Vec::with_capacity(line.len());
    for p in line {
        if let Some(last) = out.last_mut()
            && last.inline == p.inline
            && last.src as usize + last.text.len() == p.src as usize
            && let Some(joined) = source.get(last.src as usize..p.src as usize + p.text.len())
        {
            last.text = joined;
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Piece<'_>> {
        vec![Piece {
            text,
            inline: Inline::empty(),
            src: 0,
        }]
    }

    fn wrap_plain(text: &str, first: usize, rest: usize) -> Vec<Vec<Piece<'_>>> {
        wrap(text, &plain(text), first, rest)
    }

    fn texts(lines: &[Vec<Piece<'_>>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|p| p.text).collect())
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let lines = wrap_plain("the quick brown fox jumps", 10, 10);
        assert_eq!(texts(&lines), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn hanging_width_applies_after_first_line() {
        let lines = wrap_plain("aa bb cc dd", 5, 2);
        assert_eq!(texts(&lines), ["aa bb", "cc", "dd"]);
    }

    #[test]
    fn long_word_is_split_to_fit() {
        let lines = wrap_plain("abcdefghij", 4, 4);
        assert_eq!(texts(&lines), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let lines = wrap_plain("漢字漢字漢字", 5, 5);
        assert_eq!(texts(&lines), ["漢字", "漢字", "漢字"]);
        assert!(
            lines
                .iter()
                .all(|l| text_width(&l.iter().map(|p| p.text).collect::<String>()) <= 5)
        );
    }

    #[test]
    fn newline_forces_a_break() {
        let lines = wrap_plain("one\ntwo three", 20, 20);
        assert_eq!(texts(&lines), ["one", "two three"]);
    }

    #[test]
    fn src_offsets_point_into_the_text() {
        let text = "alpha beta gamma";
        let lines = wrap_plain(text, 6, 6);
        for line in &lines {
            for p in line {
                assert_eq!(&text[p.src as usize..p.src as usize + p.text.len()], p.text);
            }
        }
    }
}
