//! Key names to the bytes a terminal sends for them.
//!
//! The names are the ones `brief`'s keymap uses: a character (`j`, `G`,
//! `]`), or a name (`enter`, `esc`, `tab`, `backtab`, `space`, `backspace`,
//! `delete`, `up`, `down`, `left`, `right`, `home`, `end`, `pageup`,
//! `pagedown`, `f1`-`f12`), optionally after `ctrl-` or `alt-`. Anything
//! else can be sent as `hex:1b5b41` or `text:abc`.

/// A key as parsed from the command line. Arrow and Home/End keys depend
/// on the terminal's cursor-key mode, known only when the key is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    bytes: Vec<u8>,
    /// For cursor keys: the final byte of `ESC [ x` / `ESC O x`.
    cursor: Option<u8>,
}

impl Key {
    /// The bytes to send. `application_cursor` is the terminal's DECCKM
    /// mode: full-screen programs usually turn it on, and then cursor keys
    /// arrive as `ESC O x` instead of `ESC [ x`.
    pub fn bytes(&self, application_cursor: bool) -> Vec<u8> {
        match self.cursor {
            Some(c) if application_cursor => vec![0x1b, b'O', c],
            Some(c) => vec![0x1b, b'[', c],
            None => self.bytes.clone(),
        }
    }
}

pub fn parse(name: &str) -> Result<Key, String> {
    let key = |bytes: Vec<u8>, cursor: Option<u8>| Key {
        name: name.to_owned(),
        bytes,
        cursor,
    };
    if let Some(hex) = name.strip_prefix("hex:") {
        return parse_hex(hex).map(|b| key(b, None));
    }
    if let Some(text) = name.strip_prefix("text:") {
        return Ok(key(text.as_bytes().to_vec(), None));
    }
    let lower = name.to_ascii_lowercase();
    if let Some(rest) = strip_prefix_ci(name, "ctrl-") {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None)
                if c.is_ascii() && (c.is_ascii_alphabetic() || "@[\\]^_ ".contains(c)) =>
            {
                Ok(key(vec![(c.to_ascii_uppercase() as u8) & 0x1f], None))
            }
            _ => Err(format!("{name}: ctrl- takes one letter or one of @[\\]^_")),
        };
    }
    if let Some(rest) = strip_prefix_ci(name, "alt-") {
        let inner = parse(rest)?;
        let mut bytes = vec![0x1b];
        bytes.extend(inner.bytes(false));
        return Ok(key(bytes, None));
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(key(c.to_string().into_bytes(), None));
    }
    let seq = |s: &str| s.as_bytes().to_vec();
    let bytes = match lower.as_str() {
        "enter" | "return" => vec![b'\r'],
        "esc" | "escape" => vec![0x1b],
        "tab" => vec![b'\t'],
        "backtab" | "shift-tab" => seq("\x1b[Z"),
        "space" => vec![b' '],
        "backspace" => vec![0x7f],
        "delete" | "del" => seq("\x1b[3~"),
        "insert" => seq("\x1b[2~"),
        "pageup" | "pgup" => seq("\x1b[5~"),
        "pagedown" | "pgdn" => seq("\x1b[6~"),
        "up" => return Ok(key(Vec::new(), Some(b'A'))),
        "down" => return Ok(key(Vec::new(), Some(b'B'))),
        "right" => return Ok(key(Vec::new(), Some(b'C'))),
        "left" => return Ok(key(Vec::new(), Some(b'D'))),
        "home" => return Ok(key(Vec::new(), Some(b'H'))),
        "end" => return Ok(key(Vec::new(), Some(b'F'))),
        f if f.starts_with('f') => function_key(&f[1..])
            .ok_or_else(|| format!("{name}: not a key name (function keys are f1-f12)"))?,
        _ => return Err(format!("{name}: not a key name ({})", KEY_HELP)),
    };
    Ok(key(bytes, None))
}

pub const KEY_HELP: &str = "use a character, or enter, esc, tab, backtab, space, backspace, \
delete, up, down, left, right, home, end, pageup, pagedown, f1-f12, with ctrl- or alt- \
in front; or hex:1b5b41, text:abc";

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
        .filter(|rest| !rest.is_empty())
}

fn function_key(n: &str) -> Option<Vec<u8>> {
    let seq = match n.parse::<u8>().ok()? {
        1 => "\x1bOP",
        2 => "\x1bOQ",
        3 => "\x1bOR",
        4 => "\x1bOS",
        5 => "\x1b[15~",
        6 => "\x1b[17~",
        7 => "\x1b[18~",
        8 => "\x1b[19~",
        9 => "\x1b[20~",
        10 => "\x1b[21~",
        11 => "\x1b[23~",
        12 => "\x1b[24~",
        _ => return None,
    };
    Some(seq.as_bytes().to_vec())
}

fn parse_hex(hex: &str) -> Result<Vec<u8>, String> {
    if hex.is_empty() || !hex.len().is_multiple_of(2) {
        return Err(format!("hex:{hex}: give an even number of hex digits"));
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("hex:{hex}: not hex digits"))
        })
        .collect()
}
