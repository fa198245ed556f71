//! Pages saved in Windows-1252 or Latin-1, the usual encodings of older
//! web pages, decoded by their `<meta charset>`; any other page is read
//! as UTF-8.

/// The page's text when its bytes are not UTF-8 and its head declares a
/// Windows-1252 or Latin-1 charset (Latin-1 is read as Windows-1252, as
/// browsers do).
pub fn decode_legacy(bytes: &[u8]) -> Option<String> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let name: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let legacy = [
        "windows-1252",
        "cp1252",
        "iso-8859-1",
        "iso8859-1",
        "latin1",
        "latin-1",
        "us-ascii",
    ];
    legacy
        .contains(&name.as_str())
        .then(|| bytes.iter().map(|&b| windows_1252(b)).collect())
}

/// One Windows-1252 byte as a character.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        b => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_windows_1252_page_is_decoded() {
        let page = b"<meta charset=\"windows-1252\"><p>caf\xE9 \x93quoted\x94 \x80</p>";
        assert_eq!(
            decode_legacy(page).as_deref(),
            Some("<meta charset=\"windows-1252\"><p>caf\u{e9} \u{201c}quoted\u{201d} \u{20ac}</p>")
        );
        // UTF-8 pages and undeclared ones are left to the UTF-8 reader.
        assert_eq!(decode_legacy("<p>café</p>".as_bytes()), None);
        assert_eq!(decode_legacy(b"<p>caf\xE9</p>"), None);
    }
}
