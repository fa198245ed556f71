//! Addresses and citations of blocks: `§4 ¶2` is the fourth section as
//! `brief outline` numbers it, second block within it.

use serde::Serialize;

use crate::document::sanitize::sanitize_line;
use crate::document::{BlockId, Brief};
use crate::notes::anchor::fold_ws;

/// Where a block is: section and block numbers, both from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Address {
    pub section: usize,
    pub block: usize,
}

impl Address {
    pub fn of(brief: &Brief, block: BlockId) -> Address {
        let section = brief.section_of(block);
        let start = brief.sections.get(section).map_or(0, |s| s.blocks.start);
        Address {
            section: section + 1,
            block: block.saturating_sub(start) + 1,
        }
    }

    /// The block a `--section N --block M` pair names, or a message saying
    /// what the valid numbers are.
    pub fn resolve(brief: &Brief, section: usize, block: usize) -> Result<BlockId, String> {
        let n = brief.sections.len();
        let Some(s) = section.checked_sub(1).and_then(|i| brief.sections.get(i)) else {
            return Err(if n == 0 {
                "this brief has no sections".to_owned()
            } else {
                format!(
                    "--section {section}: the brief has sections 1 to {n} (see `brief outline`)"
                )
            });
        };
        let count = s.blocks.len();
        if block == 0 || block > count {
            return Err(if count == 0 {
                format!("--block {block}: section {section} has no blocks")
            } else {
                format!("--block {block}: section {section} has blocks 1 to {count}")
            });
        }
        Ok(s.blocks.start + block - 1)
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "§{} ¶{}", self.section, self.block)
    }
}

/// Everything a citation says, sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub quote: String,
    pub title: String,
    pub date: Option<String>,
    pub section: Vec<String>,
    pub address: String,
    pub section_number: usize,
    pub block: usize,
}

/// Quotes longer than this are cut with an ellipsis.
const QUOTE_MAX: usize = 400;

impl Citation {
    pub fn of(brief: &Brief, block: BlockId) -> Citation {
        let address = Address::of(brief, block);
        let text = fold_ws(brief.block_text(block));
        let quote = match text.char_indices().nth(QUOTE_MAX) {
            Some((i, _)) => format!("{}…", &text[..i]),
            None => text,
        };
        let section = address.section - 1;
        let path = if section < brief.sections.len() {
            brief
                .heading_path(section)
                .into_iter()
                .map(sanitize_line)
                .collect()
        } else {
            Vec::new()
        };
        Citation {
            quote: sanitize_line(&quote),
            title: sanitize_line(&brief.title),
            date: brief.meta.date.as_deref().map(sanitize_line),
            section: path,
            address: address.to_string(),
            section_number: address.section,
            block: address.block,
        }
    }

    /// The source in one readable line: title, date, section path, address.
    pub fn source(&self) -> String {
        let mut parts = vec![self.title.clone()];
        if let Some(d) = &self.date {
            parts.push(d.clone());
        }
        let path: Vec<&str> = self
            .section
            .iter()
            .map(String::as_str)
            .filter(|s| *s != self.title)
            .collect();
        if !path.is_empty() {
            parts.push(path.join(" › "));
        }
        parts.push(self.address.clone());
        parts.join(", ")
    }

    /// The source line, then the quote.
    pub fn plain(&self) -> String {
        format!("{}\n\u{201c}{}\u{201d}\n", self.source(), self.quote)
    }

    pub fn markdown(&self) -> String {
        format!("> {}\n\n— {}\n", self.quote, self.source())
    }

    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    const MD: &str = "---\ntitle: Ports\ndate: 2026-02-14\n---\n# Ports\n\nIntro.\n\n## Options\n\nFirst.\n\nSecond option here.\n";

    #[test]
    fn address_counts_sections_like_outline_and_blocks_from_one() {
        let b = parse(MD, "t");
        assert_eq!(Address::of(&b, 2).to_string(), "§2 ¶2");
        assert_eq!(Address::resolve(&b, 2, 2), Ok(2));
        assert!(
            Address::resolve(&b, 3, 1)
                .unwrap_err()
                .contains("sections 1 to 2")
        );
        assert!(
            Address::resolve(&b, 2, 3)
                .unwrap_err()
                .contains("blocks 1 to 2")
        );
    }

    #[test]
    fn citation_names_title_date_section_and_address() {
        let b = parse(MD, "t");
        let c = Citation::of(&b, 2);
        assert_eq!(c.source(), "Ports, 2026-02-14, Options, §2 ¶2");
        assert_eq!(
            c.plain(),
            "Ports, 2026-02-14, Options, §2 ¶2\n\u{201c}Second option here.\u{201d}\n"
        );
        assert!(c.markdown().starts_with("> Second option here.\n\n— Ports"));
    }

    #[test]
    fn citation_text_is_sanitised() {
        let b = parse("Evil &#27;]52;c;AAAA&#7; text\n", "t");
        let c = Citation::of(&b, 0);
        assert!(!c.plain().chars().any(|ch| ch.is_control() && ch != '\n'));
    }
}
