//! The terminal model: a `vt100` parser that knows what the screen shows,
//! plus answers to the queries programs send at start-up (cursor position,
//! device attributes, colours, text area size). Some programs wait for
//! those answers before drawing anything, so a terminal that stays silent
//! would make them look slow or hang.

use std::fmt::Write as _;

pub struct Screen {
    parser: vt100::Parser<Replies>,
}

/// Answers waiting to be written back to the program.
#[derive(Default)]
struct Replies {
    pending: Vec<u8>,
}

impl Screen {
    pub fn new(cols: u16, rows: u16) -> Screen {
        let nz = |n: u16| std::num::NonZeroU16::new(n.max(1)).expect("at least 1");
        Screen {
            parser: vt100::Parser::new_with_callbacks(nz(rows), nz(cols), 0, Replies::default()),
        }
    }

    /// Feeds program output; returns any answers to send back.
    pub fn process(&mut self, bytes: &[u8]) -> Vec<u8> {
        self.parser.process(bytes);
        std::mem::take(&mut self.parser.callbacks_mut().pending)
    }

    /// The screen's text, rows joined by newlines.
    pub fn text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Text and attributes: two equal values mean nothing visible changed.
    pub fn formatted(&self) -> String {
        self.parser.screen().contents_formatted()
    }

    /// True when the program turned on application cursor keys (DECCKM).
    pub fn application_cursor(&self) -> bool {
        self.parser.screen().application_cursor()
    }
}

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied().unwrap_or(0);
        let (rows, cols) = screen.size();
        let reply = match (i1, c, first) {
            // Cursor position report (DSR 6): 1-based row;column.
            (None, 'n', 6) => {
                let (row, col) = screen.cursor_position();
                format!("\x1b[{};{}R", row + 1, col + 1)
            }
            // Device status (DSR 5): "OK".
            (None, 'n', 5) => "\x1b[0n".to_owned(),
            // Primary device attributes: a VT220 with ANSI colour.
            (None, 'c', 0) => "\x1b[?62;22c".to_owned(),
            // Secondary device attributes.
            (Some(b'>'), 'c', 0) => "\x1b[>1;10;0c".to_owned(),
            // Text area in characters, and in pixels at 8x16 per cell.
            (None, 't', 18) => format!("\x1b[8;{rows};{cols}t"),
            (None, 't', 14) => format!("\x1b[4;{};{}t", rows.get() * 16, cols.get() * 8),
            _ => return,
        };
        self.pending.extend_from_slice(reply.as_bytes());
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        // Foreground (10) and background (11) colour queries: white on
        // black, so programs pick their dark theme.
        if let [which @ (b"10" | b"11"), b"?"] = params {
            let colour = if *which == b"10" {
                "ffff/ffff/ffff"
            } else {
                "0000/0000/0000"
            };
            let mut reply = String::new();
            let _ = write!(
                reply,
                "\x1b]{};rgb:{colour}\x1b\\",
                String::from_utf8_lossy(which)
            );
            self.pending.extend_from_slice(reply.as_bytes());
        }
    }
}
