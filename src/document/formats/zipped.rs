//! Reading parts of a zip container (a .docx) with limits, so a zip bomb
//! is refused before it is inflated: the entry count and the total size the
//! entries declare are checked first, and every read stops at what is left
//! of the budget, in case a declared size lies.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::FormatError;

/// How much a container may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_entries: usize,
    /// Total uncompressed bytes the entries declare, and the most that is
    /// ever inflated.
    pub max_total: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // A long report with its images declares a few tens of MB; Word
        // itself writes a few dozen entries.
        Limits {
            max_entries: 10_000,
            max_total: 256 * 1024 * 1024,
        }
    }
}

/// An open container and what is left of its inflation budget.
pub struct Container<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Container<'a> {
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, FormatError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
        if archive.len() > limits.max_entries {
            return Err(FormatError::TooBig {
                reason: format!(
                    "holds {} entries, more than the {} allowed",
                    archive.len(),
                    limits.max_entries
                ),
            });
        }
        // Declared sizes are read from the central directory without
        // inflating anything.
        let mut archive = archive;
        let mut declared: u64 = 0;
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).map_err(corrupt)?;
            declared = declared.saturating_add(entry.size());
        }
        if declared > limits.max_total {
            return Err(too_big(declared, limits.max_total));
        }
        Ok(Container {
            archive,
            budget: limits.max_total,
        })
    }

    /// True when the container has an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// An entry's text; `None` when there is no such entry. Invalid UTF-8
    /// becomes U+FFFD (Word writes UTF-8).
    pub fn text(&mut self, name: &str) -> Result<Option<String>, FormatError> {
        let budget = self.budget;
        let entry = match self.archive.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(corrupt(e)),
        };
        let mut bytes = Vec::new();
        entry
            .take(budget.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| FormatError::Corrupt {
                reason: format!("{name}: {e}"),
            })?;
        let read = bytes.len() as u64;
        if read > budget {
            return Err(FormatError::TooBig {
                reason: format!(
                    "{name} expands past the {} MB allowed",
                    budget.div_ceil(1 << 20)
                ),
            });
        }
        self.budget -= read;
        Ok(Some(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }))
    }
}

fn too_big(declared: u64, limit: u64) -> FormatError {
    FormatError::TooBig {
        reason: format!(
            "expands to {} MB, more than the {} MB allowed",
            declared.div_ceil(1 << 20),
            limit.div_ceil(1 << 20)
        ),
    }
}

fn corrupt(e: ZipError) -> FormatError {
    FormatError::Corrupt {
        reason: crate::document::sanitize::sanitize_line(&e.to_string()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    /// A zip of `(name, content)` entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in entries {
            out.start_file(*name, options).expect("start entry");
            out.write_all(content).expect("write entry");
        }
        out.finish().expect("finish zip").into_inner()
    }

    #[test]
    fn refuses_too_many_entries_and_too_much_declared() {
        let bytes = zip_of(&[("a", b"x"), ("b", b"y"), ("c", b"z")]);
        let few = Limits {
            max_entries: 2,
            max_total: 1 << 20,
        };
        let e = Container::open(&bytes, &few).err().expect("refused");
        assert!(e.to_string().contains("3 entries"), "{e}");

        let zeros = vec![0u8; 300_000];
        let bytes = zip_of(&[("word/document.xml", &zeros)]);
        assert!(bytes.len() < 5_000, "deflate squeezes zeros");
        let small = Limits {
            max_entries: 10,
            max_total: 100_000,
        };
        let e = Container::open(&bytes, &small).err().expect("refused");
        assert!(e.to_string().contains("zip bomb"), "{e}");
    }

    #[test]
    fn reads_stop_at_the_budget() {
        let zeros = vec![b' '; 50_000];
        let bytes = zip_of(&[("a", &zeros), ("b", &zeros)]);
        let limits = Limits {
            max_entries: 10,
            max_total: 120_000,
        };
        let mut c = Container::open(&bytes, &limits).expect("opens");
        c.budget = 60_000; // as if a declared size had lied
        assert_eq!(
            c.text("a").expect("first fits").map(|s| s.len()),
            Some(50_000)
        );
        let e = c.text("b").expect_err("second is past the budget");
        assert!(e.to_string().contains("b expands past"), "{e}");
        assert_eq!(c.text("missing").expect("no error"), None);
    }

    #[test]
    fn garbage_is_a_damaged_container() {
        let e = Container::open(b"PK\x03\x04 not really a zip", &Limits::default())
            .err()
            .expect("refused");
        assert!(matches!(e, FormatError::Corrupt { .. }), "{e}");
    }
}
