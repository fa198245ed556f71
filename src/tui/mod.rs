//! Terminal plumbing for the full-screen app, and nothing else: taking the
//! terminal and giving it back on every way out ([`Tui`]), signals turned
//! into messages ([`signals`]), and sizes clamped before any screen buffer
//! is allocated ([`backend`]). No app state and no documents live here.
//!
//! The one rule everything here keeps: whatever ends the app or stops it
//! (quitting, a panic, Ctrl-Z, `kill -TSTP`, a terminating signal, a
//! terminal that hangs up) leaves the terminal as the shell had it: raw
//! mode off, mouse and bracketed paste off, cursor shown, main screen.

pub mod backend;
pub mod graphics;
mod screen;
pub mod signals;

use std::io::{self, IsTerminal};

use ratatui::crossterm::event::{self, Event};

pub use backend::{GuardedBackend, MAX_HEIGHT, MAX_WIDTH, clamp_size};
pub use screen::Tui;

/// Why the terminal could not be used.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Output is not a terminal, or there is no terminal to read keys from
    /// (no controlling terminal, as under `setsid` with stdin from a
    /// file). Found before anything is written.
    #[error(
        "needs a terminal to show a brief; for scripts use brief outline, brief notes, \
         brief search or brief cite"
    )]
    NoTerminal,
    /// Setting up, drawing to or reading from the terminal failed.
    #[error("terminal error")]
    Io(#[from] io::Error),
}

/// Whether there is a terminal to draw on and to read keys from. Keys come
/// from stdin when it is a terminal, else (a brief piped in) from the
/// controlling terminal, as crossterm reads them.
pub fn has_terminal() -> bool {
    io::stdout().is_terminal() && (io::stdin().is_terminal() || controlling_terminal())
}

#[cfg(unix)]
fn controlling_terminal() -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_ok()
}

#[cfg(not(unix))]
fn controlling_terminal() -> bool {
    false
}

/// The next terminal event, blocking; a resize reports the clamped size
/// (see [`clamp_size`]), so nothing sized from it can grow with a hostile
/// size.
pub fn read_event() -> io::Result<Event> {
    event::read().map(backend::clamp_event)
}
