//! Choices made in the app that outlast it: the theme picked with `T`. Kept
//! in the data folder (`preferences.toml`), not in config.toml, which is
//! the reader's own file; `--theme` still wins, and `brief config` says
//! where the theme came from.

use std::path::{Path, PathBuf};

/// The file, in the data folder.
pub const FILE: &str = "preferences.toml";

pub fn file(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// The theme last chosen with `T`, if any (a damaged file is ignored: it
/// only remembers a choice).
pub fn theme(data_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(file(data_dir)).ok()?;
    let table: toml::Table = text.parse().ok()?;
    let name = table.get("theme")?.as_str()?.trim();
    (!name.is_empty()).then(|| crate::document::sanitize::sanitize_line(name))
}

/// Remembers the theme chosen with `T`.
pub fn remember_theme(data_dir: &Path, name: &str) -> std::io::Result<()> {
    let mut table = toml::Table::new();
    table.insert("theme".to_owned(), toml::Value::String(name.to_owned()));
    let text = format!(
        "# Choices made in brief (T picks the theme); brief writes this file.\n{}",
        toml::to_string(&table).unwrap_or_default()
    );
    crate::fsio::make_private_dir(data_dir)?;
    crate::fsio::write_atomic(&file(data_dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_is_remembered_and_read_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(theme(dir.path()), None);
        remember_theme(dir.path(), "sepia").expect("written");
        assert_eq!(theme(dir.path()).as_deref(), Some("sepia"));
        std::fs::write(file(dir.path()), "theme = [").expect("write");
        assert_eq!(theme(dir.path()), None, "a damaged file is ignored");
    }
}
