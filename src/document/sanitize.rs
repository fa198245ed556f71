//! The one control-character filter. Every string that comes from a document
//! (or a file name, a notes file, a theme) passes through here before it can
//! reach the terminal.
//!
//! - C0 controls other than newline become their Unicode control pictures
//!   (ESC shows as `␛`), DEL as `␡`; a tab becomes a space.
//! - C1 controls (U+0080-U+009F), which some terminals obey as CSI/OSC
//!   introducers, become U+FFFD.
//! - Bidi embeddings, overrides, isolates and marks become `⇄`, a mark of
//!   their own, so text cannot reorder itself and the reader can tell where
//!   it tried to. Invisible format characters (zero-width space, word
//!   joiner, BOM...) become U+FFFD, so nothing hides between characters.
//!   ZWJ and ZWNJ stay between two letters or symbols of scripts that need
//!   them (emoji sequences, Persian, Arabic, Indic); next to ASCII, a space
//!   or an edge, where they can only hide, they become U+FFFD too.
//! - Unicode tag characters (U+E0000-U+E007F), invisible letters that can
//!   carry hidden text, become U+FFFD too, except inside a well-formed emoji
//!   tag sequence (the flags of England, Scotland and Wales: U+1F3F4, tag
//!   letters, U+E007F), which is kept whole.

use std::borrow::Cow;

/// The mark shown in place of C1 controls and invisible characters.
pub const HIDDEN_MARK: char = '\u{FFFD}';
/// The mark shown in place of bidi controls.
pub const BIDI_MARK: char = '\u{21C4}';

/// What a character becomes on screen, or `None` when it is safe as is.
fn replacement(c: char) -> Option<char> {
    match c {
        '\n' => None,
        '\t' => Some(' '),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some(HIDDEN_MARK),
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' => Some(BIDI_MARK),
        '\u{2066}'..='\u{2069}' => Some(BIDI_MARK),
        '\u{180e}' | '\u{200b}' | '\u{2028}' | '\u{2029}' => Some(HIDDEN_MARK),
        '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' => Some(HIDDEN_MARK),
        '\u{feff}' | '\u{fff9}'..='\u{fffb}' => Some(HIDDEN_MARK),
        '\u{e0000}'..='\u{e007f}' => Some(HIDDEN_MARK),
        _ => None,
    }
}

/// The black flag that starts an emoji tag sequence.
const TAG_BASE: char = '\u{1f3f4}';
/// The tag that ends one.
const CANCEL_TAG: char = '\u{e007f}';

/// The length in bytes of the emoji tag sequence `s` starts with (the
/// black flag, one or more tag letters or digits, the cancel tag), if it
/// starts with one.
fn emoji_tag_sequence(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    if chars.next()?.1 != TAG_BASE {
        return None;
    }
    let mut letters = 0;
    for (i, c) in chars {
        match c {
            '\u{e0020}'..='\u{e007e}' => letters += 1,
            CANCEL_TAG if letters > 0 => return Some(i + c.len_utf8()),
            _ => return None,
        }
    }
    None
}

/// Bytes that can start a character needing replacement. Everything else is
/// copied in bulk, so the common case costs one pass over the bytes.
fn is_suspect_byte(b: u8) -> bool {
    b < 0x20 || b == 0x7f || matches!(b, 0xc2 | 0xd8 | 0xe1 | 0xe2 | 0xef | 0xf0 | 0xf3)
}

/// Appends `s` to `out` with every unsafe character replaced.
pub fn sanitize_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !is_suspect_byte(bytes[i]) {
            i += 1;
            continue;
        }
        // `i` is a char boundary: suspect bytes are ASCII or UTF-8 lead bytes.
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c == TAG_BASE
            && let Some(len) = emoji_tag_sequence(&s[i..])
        {
            // A flag: its tags are part of it, not hidden text.
            i += len;
            continue;
        }
        let len = c.len_utf8();
        let stray_joiner = is_joiner(c)
            && !(s[..i].chars().next_back().is_some_and(joinable)
                && s[i + len..].chars().next().is_some_and(joinable));
        if let Some(r) = replacement(c).or(stray_joiner.then_some(HIDDEN_MARK)) {
            out.push_str(&s[run_start..i]);
            out.push(r);
            run_start = i + len;
        }
        i += len;
    }
    out.push_str(&s[run_start..]);
}

/// ZWJ and ZWNJ: kept only where they join (see the module's notes).
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

/// A character a joiner may sit beside: a letter, mark or symbol outside
/// ASCII (emoji, Arabic, Devanagari...), or another joiner or variation
/// selector inside an emoji sequence.
fn joinable(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && replacement(c).is_none()
}

/// Returns `s` with every unsafe character replaced, borrowing when nothing
/// needed to change.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(is_suspect_byte)
        || s.chars()
            .all(|c| c != TAG_BASE && !is_joiner(c) && replacement(c).is_none())
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    sanitize_into(&mut out, s);
    Cow::Owned(out)
}

/// `text` sanitised on one line with white space folded, cut at a word
/// boundary before `max` characters with an ellipsis when it was longer
/// (summaries, quotes): never in the middle of a word, unless the word is
/// most of what fits (a script without spaces).
pub fn cut_line(text: &str, max: usize) -> String {
    let folded = sanitize_line(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    let Some((end, _)) = folded.char_indices().nth(max) else {
        return folded;
    };
    let head = &folded[..end];
    // At the end of a word already, or at the last space, unless that
    // loses most of the text.
    let at = if folded[end..].starts_with(' ') {
        end
    } else {
        head.rfind(' ').filter(|&i| i > end / 2).unwrap_or(end)
    };
    format!("{}…", head[..at].trim_end_matches([' ', ',', ';', ':']))
}

/// Like [`sanitize`], for text that must stay on one line (titles, table
/// cells, status messages): newlines become spaces too.
pub fn sanitize_line(s: &str) -> String {
    let mut out = sanitize(s).into_owned();
    if out.contains('\n') {
        out = out.replace('\n', " ");
    }
    out
}

/// True when a character would be replaced: used by tests and by sinks that
/// want to check rather than rewrite. (Tag characters count as unsafe
/// here; [`sanitize`] keeps them only inside a flag.)
pub fn is_unsafe(c: char) -> bool {
    replacement(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            sanitize("Sanctions – “targeted”"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_becomes_a_visible_picture() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
    }

    #[test]
    fn bell_del_and_c1_are_replaced() {
        assert_eq!(
            sanitize("x\u{7}y\u{7f}z\u{9b}w"),
            "x\u{2407}y\u{2421}z\u{fffd}w"
        );
    }

    #[test]
    fn bidi_override_is_made_visible_with_its_own_mark() {
        assert_eq!(sanitize("abc\u{202e}def\u{2066}"), "abc\u{21c4}def\u{21c4}");
    }

    #[test]
    fn newline_zwj_and_zwnj_are_kept_where_they_join() {
        let s = "line\nمی\u{200c}خواهم 👨\u{200d}👩 ❤\u{fe0f}\u{200d}🔥";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn stray_joiners_are_made_visible() {
        assert_eq!(sanitize("zw[\u{200d}]"), "zw[\u{fffd}]");
        assert_eq!(sanitize("a\u{200c}b"), "a\u{fffd}b");
        assert_eq!(sanitize("\u{200d}👩"), "\u{fffd}👩");
        assert_eq!(sanitize("👨\u{200d} x"), "👨\u{fffd} x");
        // Sanitising twice changes nothing more.
        let once = sanitize("a\u{200d}b 👨\u{200d}👩").into_owned();
        assert_eq!(sanitize(&once), once);
    }

    #[test]
    fn tag_characters_are_hidden_text_unless_they_make_a_flag() {
        let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        assert_eq!(sanitize(scotland), scotland);
        let text = format!("vote {scotland} now");
        assert_eq!(sanitize(&text), text);
        // Tag letters that spell hidden text, a flag left open, a lone tag.
        assert_eq!(sanitize("a\u{e0068}\u{e0069}b"), "a\u{fffd}\u{fffd}b");
        assert_eq!(sanitize("\u{1f3f4}\u{e0067}x"), "\u{1f3f4}\u{fffd}x");
        assert_eq!(sanitize("\u{1f3f4}\u{e007f}"), "\u{1f3f4}\u{fffd}");
        assert_eq!(sanitize("x\u{e0001}"), "x\u{fffd}");
    }

    #[test]
    fn no_output_char_is_unsafe() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert!(sanitize(&all).chars().all(|c| !is_unsafe(c)));
    }
}
