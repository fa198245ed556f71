//! The event loop and terminal setup. The loop blocks on input: while
//! nothing happens, `brief` uses no CPU.

use std::io::{self, Write};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use super::App;

/// Turns on mouse capture and bracketed paste, and turns them off again on
/// drop and on panic, so the shell never inherits them.
struct InputModes;

impl InputModes {
    fn enable() -> io::Result<InputModes> {
        execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            disable_input_modes();
            previous(info);
        }));
        Ok(InputModes)
    }
}

fn disable_input_modes() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
    let _ = out.flush();
}

impl Drop for InputModes {
    fn drop(&mut self) {
        disable_input_modes();
    }
}

/// Runs the app full-screen until the reader quits. The terminal is
/// restored on every path out, panics included (ratatui's hook restores
/// the screen; ours turns off the mouse first).
pub fn run(app: &mut App) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = InputModes::enable().and_then(|modes| {
        let r = event_loop(&mut terminal, app);
        drop(modes);
        r
    });
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    // Start crossterm's event source (and its SIGWINCH handler) before the
    // first size query: a resize during start-up must not go unnoticed.
    event::poll(Duration::ZERO)?;
    loop {
        // A resize signal can still be missed (or arrive mid-frame); the
        // size is one ioctl, so check it before every frame.
        let size = terminal.size()?;
        if (size.width, size.height) != (app.size.width, app.size.height) {
            app.update(super::Action::Resize {
                width: size.width,
                height: size.height,
            });
        }
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        // Block until something happens, then take everything already
        // queued before drawing again, so a held key never lags behind.
        let mut ev = event::read()?;
        loop {
            if let Some(action) = app.keymap.translate(&ev, app.wants_text()) {
                app.update(action);
            }
            if app.quit {
                return Ok(());
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
    }
}
