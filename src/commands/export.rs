//! Notes as a reader sends them on: Markdown (a digest), JSON, CSV, TOML.
//! Every string that came from a brief or a notes file is sanitised here,
//! since this output often goes straight to a terminal.

use serde::Serialize;

use crate::document::Brief;
use crate::document::sanitize::{sanitize, sanitize_line};
use crate::notes::{Flag, Note, Placed, Placement};

/// One note ready to print, in document order within its brief.
#[derive(Debug, Clone, Serialize)]
pub struct ExportNote {
    pub brief: String,
    pub path: String,
    /// The brief's date from its front matter, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub section: String,
    pub section_number: u32,
    pub block: u32,
    pub quote: String,
    /// The quote the note was made on, when the paragraph has since changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_quote: Option<String>,
    pub tags: Vec<String>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<&'static str>,
    pub flags: Vec<&'static str>,
    pub id: String,
    pub created: String,
    pub updated: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Csv,
    Toml,
}

/// The notes of one brief as export rows. With the brief at hand the
/// placement says where each note is now; without it (the file is gone)
/// the anchors say where they were.
pub fn rows(
    title: &str,
    path: &str,
    brief: Option<&Brief>,
    notes: &[Note],
    placements: &[Placement],
) -> Vec<ExportNote> {
    let mut rows: Vec<(bool, ExportNote)> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let placed = placements.get(i).copied();
            let mut flags = Vec::new();
            let (section, section_number, block, quote) =
                match (brief, placed.and_then(|p| p.block)) {
                    (Some(b), Some(block)) => {
                        let anchor = crate::notes::anchor_for(b, block);
                        (
                            section_label(&anchor.section, title),
                            anchor.section_number,
                            anchor.block,
                            anchor.quote,
                        )
                    }
                    _ => (
                        section_label(&n.anchor.section, title),
                        n.anchor.section_number,
                        n.anchor.block,
                        n.anchor.quote.clone(),
                    ),
                };
            match placed.map(|p| p.how) {
                Some(Placed::Orphaned) => flags.push("orphaned"),
                Some(Placed::Edited) => flags.push("edited"),
                Some(Placed::Moved) => flags.push("moved"),
                _ => {}
            }
            match n.flag {
                Some(Flag::Edited) if !flags.contains(&"edited") => flags.push("edited"),
                Some(Flag::Moved) if !flags.contains(&"moved") => flags.push("moved"),
                _ => {}
            }
            let orphan = flags.contains(&"orphaned");
            (
                orphan,
                ExportNote {
                    brief: sanitize_line(title),
                    path: sanitize_line(path),
                    date: brief
                        .and_then(|b| b.meta.date.as_deref())
                        .map(sanitize_line),
                    section: sanitize_line(&section),
                    section_number,
                    block,
                    quote: sanitize_line(&quote),
                    original_quote: n
                        .original_quote
                        .as_deref()
                        .or((placed.map(|p| p.how) == Some(Placed::Edited))
                            .then_some(n.anchor.quote.as_str()))
                        .map(sanitize_line),
                    tags: n.tags.iter().map(|t| sanitize_line(t)).collect(),
                    text: sanitize(&n.text).into_owned(),
                    kind: n.kind.map(|k| k.name()),
                    stance: n.stance.map(|s| s.name()),
                    flags,
                    id: sanitize_line(&n.id),
                    created: sanitize_line(&n.created),
                    updated: sanitize_line(&n.updated),
                },
            )
        })
        .collect();
    rows.sort_by(|(oa, a), (ob, b)| {
        oa.cmp(ob)
            .then(a.section_number.cmp(&b.section_number))
            .then(a.block.cmp(&b.block))
            .then(a.created.cmp(&b.created))
    });
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A section's heading path for people: the brief's own title (its H1) is
/// left out when deeper headings follow, since every note shares it.
fn section_label(path: &[String], title: &str) -> String {
    let path = match path {
        [first, rest @ ..] if !rest.is_empty() && first == title => rest,
        all => all,
    };
    path.join(" › ")
}

pub fn render(rows: &[ExportNote], format: Format) -> String {
    match format {
        Format::Markdown => markdown(rows),
        Format::Json => serde_json::to_string_pretty(rows).unwrap_or_default() + "\n",
        Format::Csv => csv_text(rows),
        Format::Toml => {
            #[derive(Serialize)]
            struct Doc<'a> {
                notes: &'a [ExportNote],
            }
            toml::to_string(&Doc { notes: rows }).unwrap_or_default()
        }
    }
}

/// A digest to send to a colleague: one heading per brief, the quoted
/// paragraph, the note, its tags and flags.
fn markdown(rows: &[ExportNote]) -> String {
    let mut out = String::new();
    let mut brief = None;
    for r in rows {
        if brief != Some(&r.path) {
            brief = Some(&r.path);
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("# Notes on {}\n\n", r.brief));
            if !r.path.is_empty() {
                out.push_str(&format!("Source: `{}`\n\n", r.path));
            }
        }
        let place = if r.flags.contains(&"orphaned") {
            format!(
                "Orphaned (was §{} {}, ¶{})",
                r.section_number, r.section, r.block
            )
        } else {
            format!("§{} {}, ¶{}", r.section_number, r.section, r.block)
        };
        let cut = r.quote.chars().count() >= crate::notes::anchor::QUOTE_CHARS;
        let more = if cut { "…" } else { "" };
        out.push_str(&format!("## {place}\n\n> {}{more}\n\n", r.quote));
        if let Some(was) = &r.original_quote {
            out.push_str(&format!("Was: \u{201c}{was}\u{201d}\n\n"));
        }
        if !r.text.trim().is_empty() {
            out.push_str(r.text.trim_end());
            out.push_str("\n\n");
        }
        let mut meta: Vec<String> = r
            .kind
            .iter()
            .chain(&r.stance)
            .map(|k| format!("**{k}**"))
            .collect();
        meta.extend(r.tags.iter().map(|t| format!("#{t}")));
        meta.extend(r.flags.iter().map(|f| format!("*{f}*")));
        if !meta.is_empty() {
            out.push_str(&format!("{}\n\n", meta.join(" ")));
        }
    }
    if out.is_empty() {
        out.push_str("No notes.\n");
    }
    out
}

fn csv_text(rows: &[ExportNote]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "brief",
        "path",
        "section_number",
        "section",
        "block",
        "quote",
        "original_quote",
        "tags",
        "note",
        "kind",
        "stance",
        "flags",
        "id",
        "created",
        "updated",
    ]);
    for r in rows {
        let _ = w.write_record([
            r.brief.as_str(),
            &r.path,
            &r.section_number.to_string(),
            &r.section,
            &r.block.to_string(),
            &r.quote,
            r.original_quote.as_deref().unwrap_or_default(),
            &r.tags.join(" "),
            &r.text,
            r.kind.unwrap_or_default(),
            r.stance.unwrap_or_default(),
            &r.flags.join(" "),
            &r.id,
            &r.created,
            &r.updated,
        ]);
    }
    w.into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}
