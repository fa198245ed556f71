//! `brief outline FILE [--json]`: the section tree.

use serde::Serialize;

use crate::document::Brief;

#[derive(Debug, Serialize)]
struct OutlineJson<'a> {
    title: &'a str,
    sections: Vec<SectionJson<'a>>,
}

#[derive(Debug, Serialize)]
struct SectionJson<'a> {
    number: usize,
    level: u8,
    title: &'a str,
    blocks: usize,
    /// The parent's `number`, or null at the top of the tree.
    parent: Option<usize>,
}

/// Depth of a section in the heading tree (0 at the top).
pub fn depth(brief: &Brief, id: usize) -> usize {
    let mut depth = 0;
    let mut cur = brief.sections[id].parent;
    while let Some(p) = cur {
        depth += 1;
        cur = brief.sections[p].parent;
    }
    depth
}

/// One line per section: number, indentation by depth, title, block count.
pub fn text(brief: &Brief) -> String {
    let width = brief.sections.len().to_string().len();
    let mut out = String::new();
    for (i, s) in brief.sections.iter().enumerate() {
        let n = s.blocks.len();
        let title = if s.title.is_empty() {
            "(untitled)"
        } else {
            &s.title
        };
        out.push_str(&format!(
            "{:>width$}  {}{}  ({} block{})\n",
            i + 1,
            "  ".repeat(depth(brief, i)),
            title,
            n,
            if n == 1 { "" } else { "s" },
        ));
    }
    out
}

/// The JSON form: `{"title", "sections": [{"number", "level", "title",
/// "blocks", "parent"}]}` with 1-based numbers.
pub fn json(brief: &Brief) -> String {
    let doc = OutlineJson {
        title: &brief.title,
        sections: brief
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionJson {
                number: i + 1,
                level: s.level,
                title: &s.title,
                blocks: s.blocks.len(),
                parent: s.parent.map(|p| p + 1),
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
