//! Where a picture's address points: a local file beside the brief, or
//! nothing that will be read.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::Refusal;

/// The file a picture's address names, relative to the brief's folder
/// `base` (an absolute path stays as it is). Remote addresses (`http:`,
/// `https:`, `data:`, `file:`, `//host/…`, any `scheme:`) are refused:
/// nothing is ever fetched. `%20` and the like are decoded, as links are.
pub fn locate(base: &Path, src: &str) -> Result<PathBuf, Refusal> {
    let src = src.trim();
    if src.is_empty() {
        return Err(Refusal::Empty);
    }
    if src.starts_with("//") || src.starts_with("\\\\") || has_scheme(src) {
        return Err(Refusal::Remote);
    }
    let decoded = percent_encoding::percent_decode_str(src)
        .decode_utf8()
        .unwrap_or(Cow::Borrowed(src));
    let path = Path::new(decoded.as_ref());
    Ok(if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    })
}

/// `scheme:` at the start, as in `https:` or `data:`; one letter before
/// the colon is a Windows drive (`C:`), not a scheme.
fn has_scheme(src: &str) -> bool {
    let Some((scheme, _)) = src.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_addresses_are_refused() {
        let base = Path::new("/briefs");
        for src in [
            "https://example.org/chart.png",
            "http://example.org/chart.png",
            "HTTP://EXAMPLE.ORG/a.png",
            "data:image/png;base64,iVBORw0KGgo=",
            "file:///etc/passwd",
            "//example.org/chart.png",
            "ftp://example.org/a.png",
        ] {
            assert_eq!(locate(base, src), Err(Refusal::Remote), "{src}");
        }
    }

    #[test]
    fn a_relative_path_is_under_the_briefs_folder() {
        let base = Path::new("/briefs/q3");
        assert_eq!(
            locate(base, "fig/chart%201.png"),
            Ok(PathBuf::from("/briefs/q3/fig/chart 1.png"))
        );
        assert_eq!(locate(base, "  "), Err(Refusal::Empty));
    }
}
