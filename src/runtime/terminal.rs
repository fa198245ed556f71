//! The terminal while the app runs: input modes on and off, the way back
//! to the shell on every path out, the thread that reads input, and
//! signals turned into wake-ups.

use std::io::{self, Write};
use std::sync::mpsc::Sender;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

use super::Wake;

/// Turns on mouse capture and bracketed paste; a panic turns them off
/// again before the message prints, the normal way out is
/// `restore_terminal`.
pub(super) fn enable_input_modes(mouse: bool) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_input_modes();
        previous(info);
    }));
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    execute!(io::stdout(), EnableBracketedPaste)
}

fn disable_input_modes() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
    let _ = out.flush();
}

/// Gives the terminal back as the shell had it: raw mode off, mouse and
/// bracketed paste off, cursor shown, main screen. Every step is tried even
/// when another fails (a terminal that hung up fails them all), and nothing
/// here can panic.
pub(super) fn restore_terminal() {
    let _ = disable_raw_mode();
    disable_input_modes();
    let mut out = io::stdout();
    let _ = execute!(out, Show, LeaveAlternateScreen);
    let _ = out.flush();
}

/// Reads terminal events on their own thread so the loop can also wait on
/// loaders.
pub(super) fn spawn_input(tx: Sender<Wake>) {
    std::thread::spawn(move || {
        loop {
            let wake = match event::read() {
                Ok(ev) => Wake::Input(ev),
                Err(e) => Wake::InputClosed(e),
            };
            let closed = matches!(wake, Wake::InputClosed(_));
            if tx.send(wake).is_err() || closed {
                return;
            }
        }
    });
}

/// Termination signals, turned into `Wake::Signal` on a thread of their
/// own (a signal handler itself can do next to nothing safely).
#[cfg(unix)]
pub(super) mod signals {
    use std::io::{self, Write};
    use std::sync::mpsc::Sender;

    use ratatui::crossterm::cursor::Show;
    use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
    use ratatui::crossterm::execute;
    use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};

    use super::Wake;

    /// Stops listening when dropped; the handlers stay installed (and
    /// further signals are ignored) while the process finishes exiting.
    pub struct Watch(Handle);

    impl Drop for Watch {
        fn drop(&mut self) {
            self.0.close();
        }
    }

    /// The first signal asks the loop to quit. A second one means the loop
    /// did not get there (it is stuck somewhere): the terminal is restored
    /// from this thread, without the stdout lock, and the process exits.
    pub fn watch(tx: Sender<Wake>) -> io::Result<Watch> {
        let mut signals = Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT])?;
        let handle = signals.handle();
        std::thread::spawn(move || {
            let mut asked = false;
            for signal in signals.forever() {
                if asked {
                    emergency_exit(signal);
                }
                asked = true;
                let _ = tx.send(Wake::Signal(signal));
            }
        });
        Ok(Watch(handle))
    }

    fn emergency_exit(signal: i32) -> ! {
        let _ = disable_raw_mode();
        if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
            let _ = execute!(
                tty,
                DisableMouseCapture,
                DisableBracketedPaste,
                Show,
                LeaveAlternateScreen
            );
            let _ = tty.flush();
        }
        std::process::exit(128 + signal);
    }
}

/// Elsewhere the system's default handling of Ctrl-Break and the like
/// stays.
#[cfg(not(unix))]
pub(super) mod signals {
    pub struct Watch;

    pub fn watch(_tx: std::sync::mpsc::Sender<super::Wake>) -> std::io::Result<Watch> {
        Ok(Watch)
    }
}


/// Ctrl-Z: gives the terminal back to the shell, stops until `fg`, then
/// takes it again and draws everything anew.
#[cfg(unix)]
pub(super) fn suspend(term: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    restore_terminal();
    // SAFETY: raising a signal has no memory effects; SIGTSTP's default
    // action stops the process until SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    term.clear()
}

#[cfg(not(unix))]
pub(super) fn suspend(_term: &mut ratatui::DefaultTerminal) -> io::Result<()> {
    Ok(())
}
