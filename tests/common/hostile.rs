//! Hostile text for the end-to-end tests, and the checks on what the
//! program wrote: the sequences a document can hold (raw, as character
//! references, as lone C1 controls), a brief with them in every place text
//! can come from, and audits of terminal output and plain text.
//!
//! The escape checks compare the bytes the program wrote with those of the
//! same session on a clean brief: the program's own sequences (alternate
//! screen, mouse modes, cursor moves, colours) are the same in both, so any
//! sequence only the hostile run has came from the document.

use std::collections::BTreeMap;

use brief::document::sanitize::is_unsafe;

use super::Session;

/// Raw sequences as a document can hold them: OSC 52 (clipboard), OSC 0
/// and OSC 2 (window title, BEL- and ST-terminated), CSI 2J (clear), a C1
/// CSI, a C1 OSC with a C1 string terminator, a bare BEL.
pub const RAW: &[&str] = &[
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]2;pwned\u{1b}\\",
    "\u{1b}[2J",
    "\u{9b}2J",
    "\u{9d}0;pwned\u{9c}",
    "\u{7}",
];

/// The same as character references, which pulldown-cmark decodes into
/// the real control characters.
pub const ENTITIES: &[&str] = &[
    "&#27;]52;c;ZXZpbA==&#7;",
    "&#x1b;]0;pwned&#x7;",
    "&#x9b;2J",
    "&#155;2J",
    "&#27;[2J",
    "&#x85;&#x90;&#x9d;",
];

/// Lone C1 controls (NEL, DCS, CSI, OSC, ST) as raw characters.
pub const C1: &str = "\u{85}\u{90}\u{9b}\u{9d}\u{9c}";

pub fn all_raw() -> String {
    RAW.concat()
}

pub fn all_entities() -> String {
    ENTITIES.join(" ")
}

/// A brief with hostile text in every place text can come from: front
/// matter (YAML escapes `\e` and `\a` decode to ESC and BEL), headings,
/// paragraphs, code, link URLs, table cells, HTML, footnotes, quotes and
/// lists. With `evil` false it is the same brief without the sequences, for
/// the clean run.
pub fn brief_text(evil: bool) -> String {
    let (raw, ent, c1) = if evil {
        (all_raw(), all_entities(), C1.to_owned())
    } else {
        (String::new(), String::new(), String::new())
    };
    let yaml = |s: &str| if evil { s.to_owned() } else { String::new() };
    let mut md = format!(
        "---\n\
         title: \"Hostile brief{}\"\n\
         author: \"Analyst{}\"\n\
         date: \"2026-03-01{}\"\n\
         classification: \"OFFICIAL{}\"\n\
         tags: [\"ports{}\", \"uk{}\"]\n\
         summary: \"Summary{}\"\n\
         ---\n\
         # Opening heading {raw} {ent}\n\n\
         Paragraph text {raw} and {ent} and {c1} end.\n\n",
        yaml(" \\e]0;pwned\\a"),
        yaml(" \\e]52;c;ZXZpbA==\\a"),
        yaml("\\e[2J"),
        yaml(" \\x9b2J"),
        yaml("\\e[2J"),
        yaml("\\x9d0;x\\x9c"),
        yaml(" \\e]0;pwned\\a"),
    );
    md.push_str(&format!(
        "## Code section {ent}\n\n```\nlet x = \"{raw}\"; {c1}\n```\n\n    indented {raw}\n\n"
    ));
    md.push_str(&format!(
        "## Links section\n\n[link {raw}](http://example.org/&#27;]0;pwned&#7;) and \
         <http://example.org/&#x1b;[2J> and [ref][r].\n\n[r]: http://example.org/{c1} \"t{ent}\"\n\n"
    ));
    md.push_str(&format!(
        "## Table section\n\n| Head {raw} | {ent} |\n|---|---|\n| {c1} | cell {raw} |\n\n"
    ));
    md.push_str(&format!(
        "## HTML section\n\n<div>html block {raw} {ent}</div>\n\n\
         Inline <span title=\"{ent}\">html</span> {raw}.\n\n"
    ));
    md.push_str(&format!(
        "## Footnote section\n\nA claim[^evil].\n\n[^evil]: Footnote {raw} {ent}.\n\n"
    ));
    md.push_str(&format!(
        "## Quote section\n\n> Quoted {raw}\n>\n> > nested {ent}\n\n- item {raw}\n- item {ent}\n\n"
    ));
    for i in 0..8 {
        md.push_str(&format!(
            "## Filler {i} {ent}\n\nFiller paragraph {i} that gives the reader several screens \
             to move through.\n\nAnother one {raw}.\n\n"
        ));
    }
    md
}

// ---------------------------------------------------------- escape audits

/// Every escape sequence in raw terminal output, by kind, with counts.
/// Kinds are coarse for cursor moves and colours (`CSI H`, `CSI m`) and
/// exact for the ones that change the terminal (`CSI 2J`, `CSI ?1049h`).
/// OSC, DCS and other ESC sequences are kinds of their own, as are BEL
/// and C1 characters.
pub fn escape_kinds(raw: &[u8]) -> BTreeMap<String, usize> {
    let mut kinds = BTreeMap::new();
    let mut add = |k: String| *kinds.entry(k).or_insert(0) += 1;
    let text = String::from_utf8_lossy(raw);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\u{7}' => add("BEL".into()),
            '\u{80}'..='\u{9f}' => add(format!("C1 U+{:04X}", c as u32)),
            '\u{1b}' => match chars.get(i) {
                Some('[') => {
                    let start = i + 1;
                    let mut end = start;
                    while end < chars.len() && !('\u{40}'..='\u{7e}').contains(&chars[end]) {
                        end += 1;
                    }
                    let body: String = chars[start..end.min(chars.len())].iter().collect();
                    let last = chars.get(end).copied().unwrap_or('?');
                    i = end + 1;
                    let private: String = body.chars().filter(|c| "<=>?".contains(*c)).collect();
                    if "hlJKtr".contains(last) {
                        add(format!("CSI {body}{last}"));
                    } else {
                        add(format!("CSI {private}{last}"));
                    }
                }
                Some(']') => {
                    let number: String = chars[i + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    add(format!("OSC {number}"));
                    i += 1;
                }
                Some(other) => {
                    add(format!("ESC {other}"));
                    i += 1;
                }
                None => add("ESC at end".into()),
            },
            _ => {}
        }
    }
    kinds
}

/// What the terminal was asked to do besides drawing: titles, clipboard,
/// bells, unknown OSC sequences.
#[derive(Debug, Default)]
pub struct Requests {
    pub titles: Vec<String>,
    pub clipboard: Vec<String>,
    pub bells: usize,
    pub other_osc: usize,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard
            .push(String::from_utf8_lossy(data).into_owned());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, _: &[&[u8]]) {
        self.other_osc += 1;
    }
}

/// Replays raw output through a terminal emulator that records requests.
pub fn requests(raw: &[u8], cols: u16, rows: u16) -> Requests {
    let nonzero = |n: u16| std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN);
    let mut parser =
        vt100::Parser::new_with_callbacks(nonzero(rows), nonzero(cols), 0, Requests::default());
    parser.process(raw);
    std::mem::take(parser.callbacks_mut())
}

/// The kitty graphics query brief writes once at start (fixed bytes, asking
/// whether the terminal can show pictures): the one APC string it sends.
const GRAPHICS_QUERY: &[u8] = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\";

/// The output without the start-up graphics query (exactly those bytes).
fn without_graphics_query(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i..].starts_with(GRAPHICS_QUERY) {
            i += GRAPHICS_QUERY.len();
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    out
}

/// Checks the output of a hostile session against the clean one: no OSC,
/// no BEL, no C1, no kind of sequence the clean run did not write, as many
/// screen clears, valid UTF-8, and no title, clipboard or bell request.
pub fn assert_no_injected_sequences(hostile: &[u8], clean: &[u8], size: (u16, u16)) {
    assert!(
        std::str::from_utf8(hostile).is_ok(),
        "the output is not UTF-8: raw bytes slipped through"
    );
    let (hostile, clean) = (
        &without_graphics_query(hostile),
        &without_graphics_query(clean),
    );
    let h = escape_kinds(hostile);
    let c = escape_kinds(clean);
    for bad in ["BEL", "OSC", "C1", "ESC"] {
        let found: Vec<_> = h.keys().filter(|k| k.starts_with(bad)).collect();
        assert!(found.is_empty(), "hostile run wrote {found:?}; all: {h:?}");
    }
    let new: Vec<_> = h.keys().filter(|k| !c.contains_key(*k)).collect();
    assert!(
        new.is_empty(),
        "sequences only the hostile run wrote: {new:?}\nhostile: {h:?}\nclean: {c:?}"
    );
    assert_eq!(
        h.get("CSI 2J"),
        c.get("CSI 2J"),
        "screen clears differ from the clean run"
    );
    let r = requests(hostile, size.0, size.1);
    assert!(r.titles.is_empty(), "window title set: {:?}", r.titles);
    assert!(r.clipboard.is_empty(), "clipboard set: {:?}", r.clipboard);
    assert_eq!((r.bells, r.other_osc), (0, 0), "{r:?}");
}

/// Characters that must never leave the program: C0 controls other than
/// the ones allowed, DEL, C1, and the bidi and invisible characters the
/// sanitiser replaces.
pub fn forbidden(s: &str, allowed: &[char]) -> Vec<char> {
    s.chars()
        .filter(|c| !allowed.contains(c) && (c.is_control() || is_unsafe(*c)))
        .collect()
}

pub fn assert_clean_text(what: &str, bytes: &[u8]) {
    let text =
        std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: output is not UTF-8 ({e})"));
    let bad = forbidden(text, &['\n']);
    assert!(
        bad.is_empty(),
        "{what}: control characters {bad:?} in:\n{text}"
    );
}

/// Presses Esc and waits until `open` (a popup or prompt) is gone: Esc
/// and the next key in one read would be taken as Alt-key.
pub fn escape(s: &mut Session, open: &str) {
    s.send("\u{1b}");
    s.wait_until(&format!("{open} closed"), |screen| !screen.contains(open));
}
