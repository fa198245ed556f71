//! Small text helpers for drawing.

use unicode_segmentation::UnicodeSegmentation;

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

/// Draws a one-line prompt value with a block cursor at `cursor` (in
/// characters), scrolled so the cursor stays visible.
pub fn draw_prompt(
    buf: &mut ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    value: &str,
    cursor: usize,
    style: ratatui::style::Style,
) {
    use ratatui::style::Modifier;
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

    #[test]
    fn truncate_respects_display_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("漢字漢字", 5), "漢字…");
        assert_eq!(truncate("ok", 4), "ok");
    }
}
