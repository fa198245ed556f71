//! `brief print FILE [--section N] [--width W] [--color WHEN]`: a brief
//! laid out as the reader lays it out, to stdout, for pipes, `less -R`
//! and scripts: in the theme's colours for a terminal, plain otherwise.

use std::fmt::Write as _;

use super::CliError;
use super::themes::paint;
use crate::document::Brief;
use crate::document::sanitize::sanitize_line;
use crate::layout::{self, CodeLines, StyledLine};
use crate::theme::Theme;

/// Narrower than this, nothing reads; wider, lines are too long to read.
pub const MIN_WIDTH: usize = 20;
pub const MAX_WIDTH: usize = 1000;
/// The width when stdout is not a terminal and none is given.
pub const DEFAULT_WIDTH: usize = 80;

/// What to print and how.
#[derive(Debug, Clone, Copy)]
pub struct PrintArgs<'a> {
    /// The section by its number in `brief outline` (1-based), with the
    /// sections under it; None for the whole brief.
    pub section: Option<usize>,
    pub width: usize,
    /// The theme to paint with; None for plain text.
    pub theme: Option<&'a Theme>,
}

/// The brief's text as the reader lays it out: the byline, then each
/// section's heading and blocks, code wrapped rather than cut.
pub fn print(brief: &Brief, args: PrintArgs<'_>) -> Result<String, CliError> {
    let width = args.width.clamp(MIN_WIDTH, MAX_WIDTH);
    let sections = match args.section {
        None => 0..brief.sections.len(),
        Some(n) => {
            let Some(first) = n.checked_sub(1).filter(|&i| i < brief.sections.len()) else {
                return Err(CliError::Usage(format!(
                    "no section {n}: this brief has {} (see brief outline)",
                    brief.sections.len()
                )));
            };
            first..end_of_subtree(brief, first)
        }
    };
    let mut out = String::new();
    if args.section.is_none() && layout::has_meta(brief) {
        put(&mut out, &layout::meta_lines(brief, width), args.theme);
    }
    for s in sections {
        if !brief.sections[s].is_preamble() {
            put(
                &mut out,
                &layout::heading_lines(brief, s, width),
                args.theme,
            );
        }
        for b in brief.sections[s].blocks.clone() {
            let lines = layout::block_lines_with(brief, b, width, CodeLines::Wrap);
            put(&mut out, &lines, args.theme);
        }
    }
    // One newline at the end, however the last block ends.
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    Ok(out)
}

/// The section after the last one under `first` in the heading tree.
fn end_of_subtree(brief: &Brief, first: usize) -> usize {
    let under = |mut s: usize| {
        while let Some(p) = brief.sections[s].parent {
            if p == first {
                return true;
            }
            s = p;
        }
        false
    };
    (first + 1..brief.sections.len())
        .find(|&s| !under(s))
        .unwrap_or(brief.sections.len())
}

fn put(out: &mut String, lines: &[StyledLine], theme: Option<&Theme>) {
    for line in lines {
        let mut text = String::new();
        for seg in &line.segs {
            // Laid-out text is the document's: never let a byte of it act
            // on the terminal.
            let clean = sanitize_line(&seg.text);
            match theme {
                Some(t) => text.push_str(&paint(&clean, t.look(seg.role, seg.inline))),
                None => text.push_str(&clean),
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    const BRIEF: &str = "---\ntitle: T\nauthor: A. Writer\n---\n# One\n\nFirst *text*.\n\n\
                         ## Two\n\nSecond.\n\n```\nfn a_very_long_line_of_code_that_goes_on_and_on() {}\n```\n\n\
                         # Three\n\nThird.\n";

    fn plain(brief: &Brief, section: Option<usize>, width: usize) -> Result<String, CliError> {
        print(
            brief,
            PrintArgs {
                section,
                width,
                theme: None,
            },
        )
    }

    #[test]
    fn a_section_prints_with_the_sections_under_it_and_nothing_else() {
        let brief = parse(BRIEF, "t");
        let one = plain(&brief, Some(1), 80).unwrap();
        assert!(one.contains("First text."), "{one}");
        assert!(one.contains("Second."), "{one}");
        assert!(!one.contains("Third."), "{one}");
        assert!(
            !one.contains("A. Writer"),
            "the byline is the whole brief's"
        );
        let two = plain(&brief, Some(2), 80).unwrap();
        assert!(!two.contains("First") && two.contains("Second."), "{two}");
        let all = plain(&brief, None, 80).unwrap();
        assert!(all.contains("A. Writer") && all.contains("Third."), "{all}");
        assert!(all.ends_with("Third.\n"), "{all:?}");
    }

    #[test]
    fn lines_keep_to_the_width_and_code_wraps_rather_than_being_cut() {
        let brief = parse(BRIEF, "t");
        let out = plain(&brief, None, 24).unwrap();
        for line in out.lines() {
            assert!(crate::layout::text_width(line) <= 24, "{line:?}");
        }
        assert!(!out.contains('…'), "{out}");
        assert!(
            out.replace(['\n', ' ', '↪'], "").contains("on_and_on()"),
            "{out}"
        );
    }

    #[test]
    fn a_missing_section_says_how_many_there_are() {
        let brief = parse(BRIEF, "t");
        let err = plain(&brief, Some(9), 80).unwrap_err().to_string();
        assert!(
            err.contains("no section 9") && err.contains("brief outline"),
            "{err}"
        );
        assert!(plain(&brief, Some(0), 80).is_err());
    }

    #[test]
    fn colours_are_escapes_only_when_asked_and_text_never_is() {
        let brief = parse("# H\n\nEvil \u{1b}[2J text.\n", "t");
        let theme = Theme::default();
        let painted = print(
            &brief,
            PrintArgs {
                section: None,
                width: 80,
                theme: Some(&theme),
            },
        )
        .unwrap();
        assert!(painted.contains("\u{1b}["), "painted: {painted:?}");
        assert!(!painted.contains("\u{1b}[2J"), "{painted:?}");
        let bare = plain(&brief, None, 80).unwrap();
        assert!(!bare.contains('\u{1b}'), "{bare:?}");
    }
}
