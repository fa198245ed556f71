//! What pictures the terminal can show: kitty's graphics protocol, sixel,
//! iTerm2's inline images, or none (then half blocks, drawn with `▀` and
//! colours). Asked once, after the terminal is taken and before any key is
//! read, through ratatui-image's query and parser, but with our own read:
//! `poll` with a deadline on the terminal, so a terminal that never
//! answers costs [`QUERY_TIMEOUT`] once and leaves no thread behind that
//! could take the reader's keys or reset the terminal's modes later.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use ratatui_image::FontSize;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};

/// How long the terminal has to answer. Every terminal answers the
/// status request the query ends with, so this is only spent on one that
/// does not answer at all.
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(500);

use crate::layout::DEFAULT_CELL as DEFAULT_FONT;

/// A picker for half blocks only, asking nothing of the terminal.
pub fn halfblocks() -> Picker {
    #[allow(deprecated)]
    let mut picker = Picker::from_fontsize(FontSize::new(DEFAULT_FONT.0, DEFAULT_FONT.1));
    picker.set_protocol_type(ProtocolType::Halfblocks);
    picker
}

/// Asks the terminal what it can draw; half blocks when stdout is not a
/// terminal, when it does not answer in time, or when it gives no cell
/// size in pixels (graphics protocols need it).
pub fn detect() -> Picker {
    if !io::stdout().is_terminal() {
        return halfblocks();
    }
    let (mut protocol, font) = query().unwrap_or((None, None));
    if protocol.is_none() {
        protocol = iterm2_from_env();
    }
    match (protocol, font.or_else(font_from_winsize)) {
        (Some(p), Some((w, h))) if w > 0 && h > 0 => {
            #[allow(deprecated)]
            let mut picker = Picker::from_fontsize(FontSize::new(w, h));
            picker.set_protocol_type(p);
            picker
        }
        _ => halfblocks(),
    }
}

fn is_tmux() -> bool {
    std::env::var("TERM").is_ok_and(|t| t.starts_with("tmux"))
        || std::env::var("TERM_PROGRAM").is_ok_and(|t| t == "tmux")
}

/// Terminals that answer the kitty or sixel query but draw them badly
/// (ratatui-image's compatibility table): WezTerm and Konsole.
fn blacklisted() -> Vec<ProtocolType> {
    let set = |name: &str| std::env::var(name).is_ok_and(|s| !s.is_empty());
    if set("WEZTERM_EXECUTABLE") || set("KONSOLE_VERSION") {
        vec![ProtocolType::Kitty, ProtocolType::Sixel]
    } else {
        Vec::new()
    }
}

fn iterm2_from_env() -> Option<ProtocolType> {
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    let lc = std::env::var("LC_TERMINAL").unwrap_or_default();
    let known = [
        "iTerm", "WezTerm", "mintty", "vscode", "Tabby", "Hyper", "rio",
    ];
    (known.iter().any(|k| program.contains(k)) || lc.contains("iTerm"))
        .then_some(ProtocolType::Iterm2)
}

type Answer = (Option<ProtocolType>, Option<(u16, u16)>);

#[cfg(unix)]
fn query() -> Option<Answer> {
    use std::fs::OpenOptions;
    use std::io::Read;
    use std::os::fd::AsRawFd;

    let mut tty = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    let options = QueryStdioOptions {
        blacklist_protocols: blacklisted(),
        ..QueryStdioOptions::default()
    };
    let mut out = io::stdout();
    out.write_all(Parser::query(is_tmux(), options).as_bytes())
        .ok()?;
    out.flush().ok()?;
    let deadline = Instant::now() + QUERY_TIMEOUT;
    let mut parser = Parser::new();
    let mut responses = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return None;
        }
        let mut pfd = libc::pollfd {
            fd: tty.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = i32::try_from(left.as_millis()).unwrap_or(i32::MAX).max(1);
        // SAFETY: one valid pollfd, for the length given.
        let ready = unsafe { libc::poll(&mut pfd, 1, ms) };
        if ready <= 0 {
            continue;
        }
        let n = tty.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        for &byte in &buf[..n] {
            for response in parser.push(char::from(byte)) {
                if response == Response::Status {
                    return Some(interpret(&responses));
                }
                responses.push(response);
            }
        }
    }
}

#[cfg(not(unix))]
fn query() -> Option<Answer> {
    None
}

fn interpret(responses: &[Response]) -> Answer {
    let mut protocol = None;
    let mut font = None;
    for r in responses {
        match r {
            Response::Kitty => protocol = Some(ProtocolType::Kitty),
            Response::Sixel if protocol.is_none() => protocol = Some(ProtocolType::Sixel),
            Response::CellSize(Some(size)) => font = Some(*size),
            _ => {}
        }
    }
    (protocol, font)
}

#[cfg(unix)]
fn font_from_winsize() -> Option<(u16, u16)> {
    use std::os::fd::AsRawFd;
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ fills the winsize it is given.
    let ok = unsafe { libc::ioctl(io::stdout().as_raw_fd(), libc::TIOCGWINSZ, &mut ws) } == 0;
    (ok && ws.ws_col > 0 && ws.ws_row > 0 && ws.ws_xpixel > 0 && ws.ws_ypixel > 0)
        .then(|| (ws.ws_xpixel / ws.ws_col, ws.ws_ypixel / ws.ws_row))
}

#[cfg(not(unix))]
fn font_from_winsize() -> Option<(u16, u16)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kitty_wins_over_sixel_and_the_cell_size_is_kept() {
        let (p, font) = interpret(&[
            Response::Sixel,
            Response::Kitty,
            Response::CellSize(Some((9, 18))),
        ]);
        assert_eq!(p, Some(ProtocolType::Kitty));
        assert_eq!(font, Some((9, 18)));
    }
}
