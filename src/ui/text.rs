//! Small text helpers for drawing: text cut to a width, a highlighted row,
//! and the one prompt line every typed value is drawn with.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;

use crate::app::prompt::Prompt;
use crate::layout::text_width;

/// Cuts `s` to `width` cells, ending with an ellipsis when it was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if text_width(s) <= width {
        return s.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = text_width(g);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// Draws `text` on the first row of `area`, cut with an ellipsis to its
/// width. Returns the column after the text.
pub fn draw_cut(buf: &mut Buffer, area: Rect, text: &str, style: Style) -> u16 {
    let cut = Span::styled(truncate(text, usize::from(area.width)), style);
    buf.set_span(area.x, area.y, &cut, area.width).0
}

/// Blanks the first row of `area` in `style`: the bar under a selected
/// list row, drawn before its text.
pub fn fill_row(buf: &mut Buffer, area: Rect, style: Style) {
    let width = usize::from(area.width);
    buf.set_stringn(area.x, area.y, " ".repeat(width), width, style);
}

/// A one-line prompt: a label, then the typed value in the field after it.
/// Every prompt (search, tags, export, rename, the library's queries, the
/// notes filter, the popups' filters) is drawn by this.
#[derive(Debug, Clone)]
pub struct PromptLine<'a> {
    label: Span<'a>,
    value: &'a str,
    /// The cursor, in characters, while the value is edited; `None` shows
    /// the value plain.
    cursor: Option<usize>,
    style: Style,
    /// Cells kept free at the right end, for a count or a hint the caller
    /// draws there.
    reserve: u16,
}

impl<'a> PromptLine<'a> {
    /// `prompt` being edited after `label`, its value in `style`.
    pub fn new(label: Span<'a>, prompt: &'a Prompt, style: Style) -> Self {
        PromptLine {
            label,
            value: prompt.value(),
            cursor: Some(prompt.cursor()),
            style,
            reserve: 0,
        }
    }

    /// Shows the value without a cursor: the prompt is not being edited.
    pub fn plain(self) -> Self {
        PromptLine {
            cursor: None,
            ..self
        }
    }

    /// Keeps `cells` free at the right end of the row.
    pub fn reserve(self, cells: u16) -> Self {
        PromptLine {
            reserve: cells,
            ..self
        }
    }

    /// Draws the label on the first row of `area` and the value in the
    /// rest of the row, less the reserved cells.
    pub fn render(self, area: Rect, buf: &mut Buffer) {
        let (x, _) = buf.set_span(area.x, area.y, &self.label, area.width);
        let used = x - area.x;
        let field = Rect {
            x,
            width: area.width.saturating_sub(used + self.reserve),
            height: 1,
            ..area
        };
        match self.cursor {
            Some(cursor) => draw_value(buf, field, self.value, cursor, self.style),
            None => {
                let plain = Span::styled(self.value, self.style);
                buf.set_span(field.x, field.y, &plain, field.width);
            }
        }
    }
}

/// Draws a value with a block cursor at `cursor` (in characters),
/// scrolled so the cursor stays visible.
fn draw_value(buf: &mut Buffer, area: Rect, value: &str, cursor: usize, style: Style) {
    let width = usize::from(area.width);
    if width == 0 {
        return;
    }
    let chars: Vec<char> = value.chars().collect();
    let cursor = cursor.min(chars.len());
    // Show a window of the value that ends at or after the cursor.
    let mut start = 0;
    while start < cursor && text_width(&chars[start..cursor].iter().collect::<String>()) + 1 > width
    {
        start += 1;
    }
    let before: String = chars[start..cursor].iter().collect();
    let after: String = chars[cursor..].iter().collect();
    let (x, _) = buf.set_stringn(area.x, area.y, &before, width, style);
    let used = usize::from(x - area.x);
    if used < width {
        // A wide character under the cursor is drawn whole, even one
        // cell past the field.
        let at: String = chars.get(cursor).map_or(" ".to_owned(), |c| c.to_string());
        buf.set_stringn(
            x,
            area.y,
            &at,
            1.max(text_width(&at)),
            style.add_modifier(Modifier::REVERSED),
        );
        let rest: String = after.chars().skip(1).collect();
        let x2 = x + text_width(&at) as u16;
        if usize::from(x2 - area.x) < width {
            buf.set_stringn(x2, area.y, &rest, width - usize::from(x2 - area.x), style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(buf: &Buffer) -> String {
        (0..buf.area.width).map(|x| buf[(x, 0)].symbol()).collect()
    }

    fn prompt(value: &str) -> Prompt {
        let mut prompt = Prompt::default();
        prompt.set_value(value);
        prompt
    }

    #[test]
    fn truncate_respects_display_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        assert_eq!(truncate("ok", 4), "ok");
    }

    #[test]
    fn draw_cut_ends_text_too_wide_with_an_ellipsis() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let end = draw_cut(&mut buf, Rect::new(0, 0, 4, 1), "abcdef", Style::default());
        assert_eq!((row(&buf).as_str(), end), ("abc…  ", 4));
    }

    #[test]
    fn a_prompt_line_scrolls_its_value_to_the_cursor_and_keeps_the_reserve_free() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let typed = prompt("abcdefghij");
        PromptLine::new(Span::raw("/"), &typed, Style::default())
            .reserve(3)
            .render(buf.area, &mut buf);
        // A field of 6 cells: the last 5 characters and the cursor after them.
        assert_eq!(row(&buf), "/fghij    ");
        assert!(buf[(6, 0)].modifier.contains(Modifier::REVERSED));
        assert!((7..10).all(|x| buf[(x, 0)].modifier.is_empty()));
    }

    #[test]
    fn a_plain_prompt_line_shows_its_value_without_a_cursor() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        let typed = prompt("abc");
        PromptLine::new(Span::raw(" /"), &typed, Style::default())
            .plain()
            .render(buf.area, &mut buf);
        assert_eq!(row(&buf), " /abc   ");
        assert!((0..8).all(|x| buf[(x, 0)].modifier.is_empty()));
    }
}
