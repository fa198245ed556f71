//! A backend wrapper with two guards. Sizes are clamped: ratatui allocates
//! two screen buffers of width x height cells (48 bytes each), so a
//! terminal resized to 65535x65535 would ask for 206 GB and abort; with the
//! clamp the largest frame is `MAX_WIDTH` x `MAX_HEIGHT` and the rest of a
//! bigger window stays blank. And while the terminal is released (the app
//! suspended, or gone), nothing is written to it: not a frame, not the
//! cursor that ratatui's `Terminal` shows when it is dropped.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::Event;
use ratatui::layout::{Position, Size};

/// The widest frame drawn. Wider than any screen anyone reads on.
pub const MAX_WIDTH: u16 = 1000;
/// The tallest frame drawn: with `MAX_WIDTH`, 24 MB per screen buffer.
pub const MAX_HEIGHT: u16 = 500;

/// A terminal size cut down to what a frame may be.
pub fn clamp_size(size: Size) -> Size {
    Size::new(size.width.min(MAX_WIDTH), size.height.min(MAX_HEIGHT))
}

/// A resize event with its size clamped; every other event as it is.
pub fn clamp_event(event: Event) -> Event {
    match event {
        Event::Resize(width, height) => {
            let size = clamp_size(Size::new(width, height));
            Event::Resize(size.width, size.height)
        }
        other => other,
    }
}

/// Wraps a backend: clamped sizes, and no output while released.
#[derive(Debug)]
pub struct GuardedBackend<B> {
    inner: B,
    released: bool,
}

impl<B: Backend> GuardedBackend<B> {
    pub fn new(inner: B) -> GuardedBackend<B> {
        GuardedBackend {
            inner,
            released: false,
        }
    }

    /// From now on nothing is written: the terminal is the shell's.
    pub fn release(&mut self) {
        self.released = true;
    }

    /// Writes go through again.
    pub fn reclaim(&mut self) {
        self.released = false;
    }

    pub fn is_released(&self) -> bool {
        self.released
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    /// `Ok(())` without calling `write` while released.
    fn guard(
        &mut self,
        write: impl FnOnce(&mut B) -> Result<(), B::Error>,
    ) -> Result<(), B::Error> {
        if self.released {
            Ok(())
        } else {
            write(&mut self.inner)
        }
    }
}

impl<B: Backend> Backend for GuardedBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.guard(|b| b.draw(content))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.guard(|b| b.append_lines(n))
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.guard(B::hide_cursor)
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.guard(B::show_cursor)
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        // Asking writes a query to the terminal.
        if self.released {
            return Ok(Position::ORIGIN);
        }
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        self.guard(|b| b.set_cursor_position(position))
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.guard(B::clear)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.guard(|b| b.clear_region(clear_type))
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size().map(clamp_size)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut size = self.inner.window_size()?;
        size.columns_rows = clamp_size(size.columns_rows);
        Ok(size)
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.guard(B::flush)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    use super::*;

    #[test]
    fn a_wide_terminal_is_clamped_to_the_widest_frame() {
        let backend = GuardedBackend::new(TestBackend::new(MAX_WIDTH + 500, 3));
        assert_eq!(backend.size().ok(), Some(Size::new(MAX_WIDTH, 3)));
    }

    #[test]
    fn a_tall_terminal_is_clamped_to_the_tallest_frame() {
        let mut backend = GuardedBackend::new(TestBackend::new(4, MAX_HEIGHT + 1));
        let size = backend.window_size().map(|w| w.columns_rows).ok();
        assert_eq!(size, Some(Size::new(4, MAX_HEIGHT)));
    }

    #[test]
    fn a_terminal_within_bounds_keeps_its_size() {
        let backend = GuardedBackend::new(TestBackend::new(120, 40));
        assert_eq!(backend.size().ok(), Some(Size::new(120, 40)));
    }

    #[test]
    fn a_huge_resize_event_is_clamped() {
        assert_eq!(
            clamp_event(Event::Resize(u16::MAX, u16::MAX)),
            Event::Resize(MAX_WIDTH, MAX_HEIGHT)
        );
    }

    #[test]
    fn the_frame_buffer_is_never_larger_than_the_clamp() {
        let mut terminal = Terminal::new(GuardedBackend::new(TestBackend::new(MAX_WIDTH + 1, 2)))
            .expect("test terminal");
        let frame = terminal
            .draw(|f| f.render_widget("x", f.area()))
            .expect("draw");
        assert_eq!(frame.area.width, MAX_WIDTH);
    }

    #[test]
    fn nothing_is_drawn_while_released() {
        let mut terminal =
            Terminal::new(GuardedBackend::new(TestBackend::new(8, 1))).expect("test terminal");
        terminal.backend_mut().release();
        terminal
            .draw(|f| f.render_widget(Paragraph::new("hidden"), f.area()))
            .expect("draw");
        assert_eq!(terminal.backend().inner().to_string(), "\"        \"\n");
        terminal.backend_mut().reclaim();
        terminal
            .resize(ratatui::layout::Rect::new(0, 0, 8, 1))
            .expect("full redraw");
        terminal
            .draw(|f| f.render_widget(Paragraph::new("shown"), f.area()))
            .expect("draw");
        assert_eq!(terminal.backend().inner().to_string(), "\"shown   \"\n");
    }
}
