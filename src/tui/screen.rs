//! [`Tui`]: the terminal taken for the full-screen app, given back on
//! every way out (leaving, dropping, a panic) and around a suspend.

use std::io::{self, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::{Rect, Size};
use ratatui::{Frame, Terminal};

use super::{Error, GuardedBackend};

/// Whether the terminal is taken (raw, alternate screen, modes on) right
/// now: the panic hook gives it back only then, so a panic after the app
/// left writes nothing to stdout.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// The terminal, full-screen. Dropping it gives the terminal back.
pub struct Tui {
    terminal: Terminal<GuardedBackend<CrosstermBackend<Stdout>>>,
    mouse: bool,
}

impl Tui {
    /// Takes the terminal: raw mode, alternate screen, cursor hidden,
    /// bracketed paste, and mouse capture when `mouse`. Checks first that
    /// there is a terminal, so without one nothing at all is written. From
    /// here on a panic gives the terminal back before its message prints.
    pub fn enter(mouse: bool) -> Result<Tui, Error> {
        if !super::has_terminal() {
            return Err(Error::NoTerminal);
        }
        install_panic_hook();
        let backend = GuardedBackend::new(CrosstermBackend::new(io::stdout()));
        let taken = take(mouse).and_then(|()| Terminal::new(backend));
        match taken {
            Ok(terminal) => Ok(Tui { terminal, mouse }),
            Err(e) => {
                give_back();
                Err(e.into())
            }
        }
    }

    /// Draws a frame; only the cells that changed since the last one are
    /// written.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        self.terminal.draw(render).map(|_| ())
    }

    /// Clears the screen; the next [`Tui::draw`] paints it whole. After the
    /// start-up graphics query, which a terminal that does not know it may
    /// have printed.
    pub fn clear(&mut self) -> io::Result<()> {
        self.terminal.clear()
    }

    /// The size frames are drawn at: the terminal's, clamped (see
    /// [`super::clamp_size`]).
    pub fn size(&self) -> io::Result<Size> {
        self.terminal.size()
    }

    /// Ctrl-Z: gives the terminal back, stops the process as the shell's
    /// Ctrl-Z would, and when the process is continued (`fg`) takes the
    /// terminal again; the next [`Tui::draw`] repaints the whole screen.
    /// Returns once the process runs again. Where no shell could continue
    /// it (a process group with no job control, as a command run directly
    /// by tmux), the system does not stop it and this returns at once.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.leave();
        stop_process();
        self.reclaim()
    }

    /// After SIGCONT: takes the terminal again in full (whoever stopped
    /// the process, the shell may have reset its modes meanwhile) and
    /// repaints the whole screen on the next draw. Does nothing once the
    /// app has left.
    pub fn resume(&mut self) -> io::Result<()> {
        if self.terminal.backend().is_released() {
            return Ok(());
        }
        if !terminal_is_raw() {
            // crossterm sets raw mode again only when it believes it is off.
            let _ = disable_raw_mode();
        }
        self.reclaim()
    }

    /// Gives the terminal back: raw mode off, mouse and bracketed paste
    /// off, cursor shown, main screen. Every step is tried even when
    /// another fails (a terminal that hung up fails them all), and nothing
    /// here can panic. Nothing is drawn after this.
    pub fn leave(&mut self) {
        self.terminal.backend_mut().release();
        give_back();
    }

    fn reclaim(&mut self) -> io::Result<()> {
        take(self.mouse)?;
        self.terminal.backend_mut().reclaim();
        // Not `Terminal::clear`: it asks the terminal where the cursor is,
        // and the answer would go to the input thread. A resize to the
        // same size clears the screen and forgets the last frame.
        let size = self.terminal.size()?;
        self.terminal
            .resize(Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // The guarded backend is released, so ratatui's own Drop writes
        // nothing (it would show the cursor, and report a failure with
        // eprintln!, which panics on a terminal that hung up).
        self.leave();
    }
}

/// Raw mode, alternate screen, hidden cursor, bracketed paste, mouse.
fn take(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    TAKEN.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

/// Undoes [`take`], once: later calls write nothing.
fn give_back() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
    let _ = execute!(out, Show, LeaveAlternateScreen);
    let _ = out.flush();
}

/// A panic gives the terminal back, then the previous hook prints the
/// message on the shell's screen.
fn install_panic_hook() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            give_back();
            previous(info);
        }));
    });
}

/// Whether the terminal (where crossterm reads keys: stdin, else the
/// controlling terminal) is in raw mode now: no canonical input.
#[cfg(unix)]
fn terminal_is_raw() -> bool {
    use std::io::IsTerminal;
    use std::os::fd::AsRawFd;
    let tty;
    let fd = if io::stdin().is_terminal() {
        libc::STDIN_FILENO
    } else {
        match std::fs::File::open("/dev/tty") {
            Ok(file) => {
                tty = file;
                tty.as_raw_fd()
            }
            Err(_) => return false,
        }
    };
    // SAFETY: termios is plain data, filled in by tcgetattr.
    let mut modes: libc::termios = unsafe { std::mem::zeroed() };
    (unsafe { libc::tcgetattr(fd, &mut modes) }) == 0 && modes.c_lflag & libc::ICANON == 0
}

/// Elsewhere raw mode is set again on every resume.
#[cfg(not(unix))]
fn terminal_is_raw() -> bool {
    false
}

/// Stops the process the way Ctrl-Z does: SIGTSTP with its default action.
/// Not SIGSTOP: the system discards SIGTSTP for a process group no shell
/// controls (nobody could ever continue it), where SIGSTOP would leave the
/// process stopped for good. Returns when the process is continued.
#[cfg(unix)]
fn stop_process() {
    use libc::{SIG_DFL, SIGTSTP, sigaction};
    // SAFETY: sigaction and raise on a signal this process handles through
    // signal-hook; its handler is put back exactly as it was.
    unsafe {
        let mut default: sigaction = std::mem::zeroed();
        default.sa_sigaction = SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        let mut previous: sigaction = std::mem::zeroed();
        if libc::sigaction(SIGTSTP, &default, &mut previous) != 0 {
            return;
        }
        libc::raise(SIGTSTP);
        libc::sigaction(SIGTSTP, &previous, std::ptr::null_mut());
    }
}

/// Elsewhere there is no job control to stop for.
#[cfg(not(unix))]
fn stop_process() {}
