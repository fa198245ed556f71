//! `brief`: parse the command line, run a subcommand (src/commands) or the
//! reader (src/start.rs), print what they produced and map how they ended
//! to the exit code. Everything printed here goes through the sanitiser:
//! messages quote paths, arguments and file contents.

mod start;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use brief::cli::{Cli, Command, Global};
use brief::commands::{self, Status};
use brief::document::sanitize::{sanitize, sanitize_line};
use clap::Parser;

fn main() -> ExitCode {
    install_panic_message();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let ended = match cli.command {
        None => start::reader(cli.path.as_deref(), &cli.global),
        Some(command) => subcommand(command, &cli.global),
    };
    match ended {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(err) => {
            warn(&format!("{err:#}"));
            ExitCode::from(2)
        }
    }
}

/// How a run ends: `brief search` exits 1 when nothing matches, as grep
/// does; output that leaves something out exits 2, as an error does; the
/// reader ended by a signal exits 128 + the signal's number, as the shell
/// reports a process the signal killed.
enum Exit {
    Done,
    NoMatch,
    Incomplete,
    Signal(i32),
}

impl Exit {
    fn code(&self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::NoMatch => 1,
            Exit::Incomplete => 2,
            Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(u8::MAX),
        }
    }
}

/// Runs a subcommand: its output on stdout, then its warnings on stderr.
fn subcommand(command: Command, global: &Global) -> anyhow::Result<Exit> {
    let outcome = commands::run(command, global)?;
    emit(&outcome.stdout)?;
    for warning in &outcome.warnings {
        warn(warning);
    }
    Ok(match outcome.status {
        Status::Done => Exit::Done,
        Status::NoMatch => Exit::NoMatch,
        Status::Incomplete => Exit::Incomplete,
    })
}

/// Writes a command's output to stdout. A reader that stops early
/// (`brief search … | head -1`) closes the pipe: that is a normal end, the
/// rest of the output is dropped and the command ends as it would have.
/// Any other failure to write (a full disk) is an error.
fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.context("could not write the output"),
    }
}

/// `brief: MESSAGE` on stderr. Messages are sanitised where they are made;
/// sanitising again here (it changes nothing twice) means that a message
/// that quotes an argument, a path or a file and was missed still cannot
/// reach the terminal raw. Not eprintln!: a closed stderr must not turn a
/// message into a crash.
fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "brief: {}", sanitize(message));
}

/// Help and version go to stdout; usage errors to stderr with exit code 2.
/// clap quotes the rejected argument (maybe a file name with escape
/// sequences in it), so the message is printed plain and sanitised.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let text = sanitize(&e.render().to_string()).into_owned();
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => match emit(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                warn(&format!("{err:#}"));
                ExitCode::from(2)
            }
        },
        _ => {
            let _ = write!(std::io::stderr(), "{text}");
            ExitCode::from(2)
        }
    }
}

/// Panics print a sanitised message: a panic can quote document text, and
/// nothing from a document may reach the terminal as a control sequence.
/// (The reader's terminal hooks wrap this one, so the screen is restored
/// before it prints.)
fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        // Not eprintln!: a panic while printing the panic would abort.
        let _ = writeln!(
            std::io::stderr(),
            "brief crashed: {}{place}\nThis is a bug; please report it with the command you ran.",
            sanitize_line(&payload)
        );
    }));
}
