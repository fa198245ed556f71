//! The one popup frame: a rounded border with a title over a cleared
//! area, used by every popup (help, jump, picker, editor, changes); and
//! the filter line and rows of the list popups (jump, picker).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::text::{PromptLine, draw_cut, fill_row};
use crate::app::prompt::Prompt;
use crate::theme::Theme;

/// Clears `popup`, draws its frame with `title` and returns the area
/// inside the border.
pub fn frame<'a>(title: impl Into<Line<'a>>, popup: Rect, theme: &Theme, buf: &mut Buffer) -> Rect {
    framed(title, None, popup, theme, buf)
}

/// A frame with its keys on the bottom border, right-aligned, so a long
/// title never pushes them out of sight.
pub fn frame_with_keys<'a>(
    title: impl Into<Line<'a>>,
    keys: &str,
    popup: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) -> Rect {
    framed(title, Some(keys), popup, theme, buf)
}

fn framed<'a>(
    title: impl Into<Line<'a>>,
    keys: Option<&str>,
    popup: Rect,
    theme: &Theme,
    buf: &mut Buffer,
) -> Rect {
    clear(popup, buf);
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(title)
        .border_style(theme.popup_border)
        .style(theme.popup);
    if let Some(keys) = keys {
        block = block.title_bottom(Line::from(format!(" {keys} ")).right_aligned());
    }
    let inner = block.inner(popup);
    block.render(popup, buf);
    inner
}

/// Clears a popup's area. A wide character just left of the popup would
/// spill its right half over the popup's border, so it is blanked too.
fn clear(popup: Rect, buf: &mut Buffer) {
    use ratatui::buffer::CellWidth;
    if popup.x > buf.area.x {
        for y in popup.y..popup.y + popup.height {
            let cell = &mut buf[(popup.x - 1, y)];
            if cell.symbol().cell_width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
    Clear.render(popup, buf);
}

/// Splits a list popup's inner area into its filter line, drawn here, and
/// the list below it, returned.
pub fn filter(inner: Rect, prompt: &Prompt, theme: &Theme, buf: &mut Buffer) -> Rect {
    let [line, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    PromptLine::new(Span::styled("> ", theme.help_key), prompt, theme.popup).render(line, buf);
    list
}

/// One row of a list popup, cut to fit, on a bar when selected.
pub fn row(buf: &mut Buffer, area: Rect, text: &str, selected: bool, theme: &Theme) {
    let style = if selected {
        theme.popup.patch(theme.popup_selected)
    } else {
        theme.popup
    };
    if selected {
        fill_row(buf, area, style);
    }
    draw_cut(buf, area, text, style);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_popup_frame_returns_its_inner_area_and_blanks_a_wide_character_under_its_border() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
        // 漢 takes columns 1 and 2; the popup's border is at column 2.
        buf.set_string(1, 1, "漢", ratatui::style::Style::default());
        let inner = frame(" t ", Rect::new(2, 0, 6, 4), &Theme::default(), &mut buf);
        assert_eq!(inner, Rect::new(3, 1, 4, 2));
        assert_eq!(buf[(1, 1)].symbol(), " ");
        assert_eq!(buf[(2, 1)].symbol(), "│");
        assert_eq!(buf[(3, 0)].symbol(), " ", "the title after the corner");
        assert_eq!(buf[(4, 0)].symbol(), "t");
    }
}
