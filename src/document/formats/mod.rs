//! Briefs that are not markdown: the format is told from the bytes (and,
//! for text, from the extension), and each other format is turned into
//! markdown that the one markdown parser then reads. So every format gives
//! the same model, and `brief convert` prints that markdown for free.
//!
//! - `text`: plain text (`.txt`), headings from common conventions.
//! - `docx`: Word documents, read from their XML inside the zip.
//! - `html`: saved web pages, their main content only.
//! - `markdown`: escaping and front matter shared by the converters.

mod docx;
mod html;
mod markdown;
mod text;
mod zipped;

use std::path::Path;

/// What a file is, from its first bytes and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    /// Plain text, turned into markdown by its layout.
    Text,
    /// A zip container: a Word document, or a clear refusal.
    Docx,
    /// A web page (`.html`, `.htm`, or text opening as an HTML document).
    Html,
}

/// Why a file cannot be read as a brief. The loader puts the path before
/// the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("looks like a binary file (NUL byte at offset {offset}); {READS}")]
    Binary { offset: usize },
    #[error("is {what}, which brief does not read yet; {advice}")]
    Unsupported {
        what: &'static str,
        advice: &'static str,
    },
    #[error("is a damaged zip container ({reason}); save the document again and retry")]
    Corrupt { reason: String },
    #[error(
        "{reason}: refused as a possible zip bomb; save the document again without embedded files, or as .md"
    )]
    TooBig { reason: String },
    #[error("is a zip archive but not a Word document (no word/document.xml); {READS}")]
    NotWord,
    #[error(
        "is a web page with no readable text (only navigation, scripts or markup); save the article's text as .md or .txt"
    )]
    NoText,
}

/// The formats a refusal names, so the user knows what to give instead.
const READS: &str = "brief reads markdown, plain text (.txt), Word (.docx) and web pages (.html)";

/// A brief as markdown, with what was lost on the way.
#[derive(Debug, Clone, Default)]
pub struct Converted {
    pub markdown: String,
    /// Problems that did not stop the load (invalid UTF-8).
    pub warnings: Vec<String>,
    /// Review comments (Word's), with the text each was made on.
    pub comments: Vec<crate::document::ImportedComment>,
}

/// How far into a file NUL bytes mark it as binary, and how much of it
/// [`sniff`] needs.
pub const SNIFF_LEN: usize = 8 * 1024;

/// Tells the format from the first bytes (at least [`SNIFF_LEN`] of them
/// when the file is that long) and the file name. Known binary formats are
/// refused by name; other binary files by their NUL byte. Text is markdown
/// unless its name ends in `.txt` and nothing in it reads as markdown.
pub fn sniff(head: &[u8], origin: &Path) -> Result<Format, FormatError> {
    const SIGNATURES: &[(&[u8], &str, &str)] = &[
        (
            b"%PDF-",
            "a PDF",
            "export it as text or Word (.docx), or copy its text into a .md file",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an old Word or Office file (.doc)",
            "save it as .docx",
        ),
        (
            b"{\\rtf",
            "an RTF document",
            "save it as .docx or plain text",
        ),
        (b"\x89PNG", "an image (PNG)", "brief reads text documents"),
        (
            b"\xFF\xD8\xFF",
            "an image (JPEG)",
            "brief reads text documents",
        ),
        (b"GIF8", "an image (GIF)", "brief reads text documents"),
        (b"\x1F\x8B", "a gzip archive", "unpack it first"),
    ];
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(Format::Docx);
    }
    for (magic, what, advice) in SIGNATURES {
        if head.starts_with(magic) {
            return Err(FormatError::Unsupported { what, advice });
        }
    }
    let head = &head[..head.len().min(SNIFF_LEN)];
    if let Some(offset) = head.iter().position(|&b| b == 0) {
        return Err(FormatError::Binary { offset });
    }
    let extension = origin.extension().and_then(|e| e.to_str()).unwrap_or("");
    let named = |names: &[&str]| names.iter().any(|n| extension.eq_ignore_ascii_case(n));
    // A markdown file may hold HTML; only one that opens as an HTML
    // document (or is named as one) is a web page.
    if named(&["html", "htm", "xhtml"]) || html::looks_like_html(head) {
        return Ok(Format::Html);
    }
    let is_txt = named(&["txt", "text"]);
    // Content may promote a .txt file to markdown, never the other way:
    // reading markdown as plain text escapes its headings, links and
    // emphasis away, while reading plain text as markdown only misses the
    // plain-text heading conventions.
    if is_txt && !markdown::looks_like_markdown(&String::from_utf8_lossy(head)) {
        Ok(Format::Text)
    } else {
        Ok(Format::Markdown)
    }
}

/// The markdown a file's bytes correspond to.
pub fn to_markdown(bytes: Vec<u8>, origin: &Path) -> Result<Converted, FormatError> {
    match sniff(&bytes, origin)? {
        Format::Docx => docx::to_markdown(&bytes, &zipped::Limits::default()),
        Format::Text => {
            let mut converted = decode(bytes);
            converted.markdown = text::to_markdown(&converted.markdown);
            Ok(converted)
        }
        Format::Html => {
            let mut converted = match html::decode_legacy(&bytes) {
                Some(markdown) => Converted {
                    markdown,
                    ..Converted::default()
                },
                None => decode(bytes),
            };
            converted.markdown = html::to_markdown(&converted.markdown)?;
            Ok(converted)
        }
        Format::Markdown => Ok(decode(bytes)),
    }
}

/// Bytes as UTF-8 text; invalid bytes become U+FFFD with a warning.
fn decode(bytes: Vec<u8>) -> Converted {
    match String::from_utf8(bytes) {
        Ok(markdown) => Converted {
            markdown,
            ..Converted::default()
        },
        Err(e) => Converted {
            markdown: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            warnings: vec!["invalid UTF-8: some bytes are shown as \u{FFFD}".to_owned()],
            ..Converted::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_before_name() {
        let p = Path::new("memo.md");
        assert_eq!(sniff(b"PK\x03\x04rest", p), Ok(Format::Docx));
        assert!(matches!(
            sniff(b"%PDF-1.7\n", p),
            Err(FormatError::Unsupported { what: "a PDF", .. })
        ));
        assert_eq!(sniff(b"ab\0c", p), Err(FormatError::Binary { offset: 2 }));
        assert_eq!(sniff(b"# Title\n", p), Ok(Format::Markdown));
    }

    #[test]
    fn txt_is_plain_text_unless_it_reads_as_markdown() {
        let cable = Path::new("cable.TXT");
        assert_eq!(sniff(b"SUBJECT: GRAIN\n\nText.\n", cable), Ok(Format::Text));
        assert_eq!(sniff(b"# Heading\n\nText.\n", cable), Ok(Format::Markdown));
        assert_eq!(
            sniff(b"---\ntitle: x\n---\nText\n", cable),
            Ok(Format::Markdown)
        );
        // Other names stay markdown whatever they hold.
        assert_eq!(
            sniff(b"SUBJECT: GRAIN\n", Path::new("-")),
            Ok(Format::Markdown)
        );
    }

    #[test]
    fn refusals_say_what_to_do() {
        let e = sniff(b"\xD0\xCF\x11\xE0\xA1", Path::new("x.doc")).unwrap_err();
        assert!(e.to_string().contains("save it as .docx"), "{e}");
        let e = sniff(b"\0", Path::new("x.bin")).unwrap_err();
        assert!(e.to_string().contains("Word (.docx)"), "{e}");
    }

    #[test]
    fn web_pages_are_told_by_name_or_by_their_opening() {
        let md = Path::new("note.md");
        assert_eq!(sniff(b"<p>x</p>", Path::new("page.HTM")), Ok(Format::Html));
        assert_eq!(
            sniff(b"\xEF\xBB\xBF \n<!DOCTYPE HTML>\n<p>x", md),
            Ok(Format::Html)
        );
        assert_eq!(
            sniff(b"<!-- saved from url -->\n<Html lang=en>", md),
            Ok(Format::Html)
        );
        // Markdown holding HTML stays markdown.
        assert_eq!(
            sniff(b"# Title\n\n<div>x</div>\n", md),
            Ok(Format::Markdown)
        );
        assert_eq!(sniff(b"<htmlish>\n", md), Ok(Format::Markdown));
    }
}
