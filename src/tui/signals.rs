//! Signals turned into messages, on a thread of their own (a signal
//! handler itself can do next to nothing safely): the app's loop then
//! quits, suspends or repaints through its normal paths.

/// What a signal asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Quit now, through the normal way out (reading state saved, terminal
    /// given back); by convention the process then exits 128 + the number.
    Terminate(i32),
    /// SIGTSTP (`kill -TSTP`): suspend as Ctrl-Z does ([`super::Tui::suspend`]).
    Suspend,
    /// SIGCONT: the process was stopped and runs again; take the terminal
    /// again and repaint it whole ([`super::Tui::resume`]).
    Continue,
}

#[cfg(unix)]
pub use unix::{TERMINATING, Watch, watch};

#[cfg(unix)]
mod unix {
    use std::io::{self, Write};

    use ratatui::crossterm::cursor::Show;
    use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
    use ratatui::crossterm::execute;
    use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};
    use signal_hook::consts::signal::{
        SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGTSTP, SIGUSR1,
        SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
    };
    use signal_hook::iterator::{Handle, Signals};

    use super::Signal;

    /// Every signal whose default action ends the process and that can be
    /// caught, except SIGPIPE (Rust ignores it), SIGABRT (abort() ends the
    /// process whatever a handler does), SIGTRAP (debuggers), SIGXFSZ (see
    /// below) and the faults that cannot be survived (SIGSEGV, SIGBUS,
    /// SIGFPE, SIGILL).
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub const TERMINATING: &[i32] = &[
        SIGTERM,
        SIGINT,
        SIGHUP,
        SIGQUIT,
        SIGUSR1,
        SIGUSR2,
        SIGALRM,
        SIGVTALRM,
        SIGPROF,
        SIGXCPU,
        SIGSYS,
        libc::SIGPWR,
    ];
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    pub const TERMINATING: &[i32] = &[
        SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGSYS,
    ];

    /// Stops listening when dropped; the handlers stay installed (and
    /// further signals are ignored) while the process finishes exiting.
    pub struct Watch(Handle);

    impl Drop for Watch {
        fn drop(&mut self) {
            self.0.close();
        }
    }

    /// Calls `on_signal` for each signal, on a thread of its own. The first
    /// terminating signal asks the app to quit; a second one means the app
    /// did not get there (it is stuck somewhere): the terminal is given
    /// back from this thread, without the stdout lock, and the process
    /// exits 128 + the signal.
    ///
    /// SIGXFSZ is caught and ignored: it comes from our own write past the
    /// file-size limit, and that write then fails with an error the notes
    /// store reports (and keeps the notes in memory), where the default
    /// action would end the process and lose them.
    pub fn watch(on_signal: impl Fn(Signal) + Send + 'static) -> io::Result<Watch> {
        let mut caught = TERMINATING.to_vec();
        caught.extend([SIGTSTP, SIGCONT, SIGXFSZ]);
        let mut signals = Signals::new(caught)?;
        let handle = signals.handle();
        std::thread::spawn(move || {
            let mut asked = false;
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => on_signal(Signal::Suspend),
                    SIGCONT => on_signal(Signal::Continue),
                    SIGXFSZ => {}
                    _ if asked => emergency_exit(signal),
                    _ => {
                        asked = true;
                        on_signal(Signal::Terminate(signal));
                    }
                }
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
mod other {
    use super::Signal;

    /// Nothing to stop.
    pub struct Watch;

    /// Listens to nothing.
    pub fn watch(_on_signal: impl Fn(Signal) + Send + 'static) -> std::io::Result<Watch> {
        Ok(Watch)
    }
}

#[cfg(not(unix))]
pub use other::{Watch, watch};
