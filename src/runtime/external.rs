//! What leaves brief on an explicit key: the clipboard (OSC 52) and the
//! system's opener for links.

use std::io::{self, Write};

/// Sets the system clipboard through the terminal (OSC 52), which works
/// over SSH and in tmux with `set-clipboard on`. The text is base64 inside
/// the sequence, and the caller sanitised it, so nothing in it can act as
/// a control sequence of its own.
pub(super) fn copy_to_clipboard(text: &str) {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    let _ = write!(out, "\x1b]52;c;{encoded}\x07");
    let _ = out.flush();
}

/// Opens a URL with the system's opener, as one argument (never through a
/// shell), with no access to the terminal. Only ever on an explicit key.
pub(super) fn open_external(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}
