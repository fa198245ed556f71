//! What a brief holds, drawn: rules, list markers, emphasis in headings,
//! HTML, footnotes, tables and code, each in ratatui's TestBackend and
//! compared with an insta snapshot. The markdown comes from the CommonMark
//! 0.31.2 and GFM spec examples the issue quotes, or is written here.

mod common;

use brief::app::App;
use brief::document::parse;
use common::tui::{app_at, brief_of, press, screen};

fn app(md: &str, width: u16, height: u16) -> App {
    app_at(parse(md, "render"), width, height)
}

#[test]
fn rules_are_drawn_across_the_reading_width() {
    // CommonMark example 43 and a rule between two lists (example 61).
    let app = app("Foo\n***\nbar\n\n- foo\n***\n- bar\n", 40, 12);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_brief_of_only_rules_is_not_empty() {
    let app = app("***\n---\n___\n", 40, 8);
    let drawn = screen(&app);
    assert!(!drawn.contains("empty"), "{drawn}");
    assert_eq!(
        drawn.lines().filter(|l| l.contains("────")).count(),
        3,
        "{drawn}"
    );
}

#[test]
fn every_list_item_keeps_its_marker() {
    // CommonMark examples 280 (an empty item), 298 (an item opening with a
    // list), 300 (with a heading) and an item holding raw HTML.
    let md = "1. foo\n2.\n3. bar\n\n- - foo\n\n- # Foo\n- <div>\n- bar\n";
    let app = app(md, 40, 14);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn the_outline_lists_the_title_once_when_text_precedes_the_first_h1() {
    let app = app("Intro.\n\n# One\n\ntext\n\n## Two\n\nmore\n", 100, 8);
    let drawn = screen(&app);
    let outline: Vec<&str> = drawn
        .lines()
        .filter_map(|l| l.split_once('│').map(|(outline, _)| outline))
        .filter(|l| l.contains("One"))
        .collect();
    assert_eq!(outline.len(), 1, "{drawn}");
    insta::assert_snapshot!(drawn);
}

/// The text of the block under the cursor.
fn cursor_text(app: &App) -> String {
    let s = brief_of(app);
    s.brief.block_text(s.reader.cursor).to_owned()
}

#[test]
fn html_anchors_and_attribute_ids_are_link_targets() {
    let filler = "Filler paragraph that pushes the targets off the first screen.\n\n".repeat(12);
    let md = format!(
        "See [FIPS 140-2](#FIPS140-2), [the rule](#AS-1), [scope](#scope) and \
         [the meta line](#meta-1).\n\n{filler}\
         <a name=\"FIPS140-2\"></a>\n\n**FIPS 140-2**: security requirements for modules.\n\n\
         <div class=\"req\" id=\"AS-1\">AS-1<span class=\"kw\">SHALL</span></div>\n\n\
         ## Scope of the rules {{#scope .wide}}\n\nScope text.\n\n\
         Legacy ID: RPA_01\n{{: #meta-1 .eudi-hlr__meta }}\n"
    );
    let mut app = app(&md, 80, 20);
    let targets = [
        ("1", "FIPS 140-2: security requirements for modules."),
        ("2", "AS-1 SHALL"),
        ("4", "Legacy ID: RPA_01"),
    ];
    for (key, text) in targets {
        press(&mut app, &["f", key]);
        assert_eq!(cursor_text(&app), text);
        press(&mut app, &["backspace"]);
        assert_eq!(brief_of(&app).reader.cursor, 0, "back on the link");
    }
    press(&mut app, &["f", "3"]);
    let s = brief_of(&app);
    assert_eq!(
        s.brief.sections[s.reader.section].title,
        "Scope of the rules"
    );
}

#[test]
fn html_is_read_as_a_browser_shows_it() {
    // CommonMark 0.31.2 examples 170 (script), 171 (style), 152 (`<del>`
    // around markdown); GFM example 653 (disallowed raw HTML); a badge in a
    // span; kramdown attribute lines.
    let md = "<script type=\"text/javascript\">\n// JavaScript example\n\n\
              document.getElementById(\"demo\").innerHTML = \"Hello JavaScript!\";\n</script>\nokay\n\n\
              <style\n  type=\"text/css\">\nh1 {color:red;}\n\np {color:blue;}\n</style>\nfine\n\n\
              <del>\n\n*foo*\n\n</del>\n\n\
              <strong> <title> <style> <em>\n\n\
              <blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n\n\
              <div class=\"id\">AS-WP-06-002<span class=\"kw\">SHALL</span></div>\n\n\
              Legacy ID: RPA_01a\n{: .eudi-hlr__meta }\n\n{:toc}\n";
    let app = app(md, 60, 20);
    let drawn = screen(&app);
    for hidden in ["JavaScript", "color", "{:", "meta"] {
        assert!(!drawn.contains(hidden), "{hidden} shows:\n{drawn}");
    }
    insta::assert_snapshot!(drawn);
}

#[test]
fn a_footnote_reference_is_a_link_to_its_text_and_back() {
    // GFM example of footnotes, with filler so the note is off screen.
    let filler = "Filler paragraph between the reference and the note.\n\n".repeat(10);
    let md = format!(
        "Anonymous users dial in[^1] to meetings.\n\n{filler}\
         [^1]: Note that guest users appear as _John Doe (Guest)_.\n"
    );
    let mut app = app(&md, 80, 20);
    press(&mut app, &["f"]);
    let list = screen(&app);
    assert!(
        list.contains("1 [1] Note that guest users appear as John Doe"),
        "the link list shows the note:\n{list}"
    );
    insta::assert_snapshot!(list);
    press(&mut app, &["enter"]);
    assert!(cursor_text(&app).starts_with("[1] Note that guest users"));
    press(&mut app, &["backspace"]);
    assert_eq!(brief_of(&app).reader.cursor, 0, "back on the reference");
}

#[test]
fn table_columns_fit_their_words_with_the_notes_pane_open() {
    let md = "| Measure | What it changes | Cost |\n|---|---|---:|\n\
              | Terminal expansion-timeline review | Quays open in sequence rather than at once, \
              so inspection keeps pace | 4.2 |\n\
              | Night-shift scanner | A second scanner restores coverage | 1.1 |\n";
    let mut app = app(md, 100, 16);
    press(&mut app, &["m"]);
    let drawn = screen(&app);
    for word in ["expansion-timeline", "inspection", "restores", "coverage"] {
        assert!(drawn.contains(word), "{word} is cut:\n{drawn}");
    }
    insta::assert_snapshot!(drawn);
}

#[test]
fn long_code_lines_say_what_is_cut_and_w_wraps_them() {
    let md = "Settings:\n\n```\nSet-CsTeamsMeetingPolicy -Identity Global -AllowAnonymousUsersToJoinMeeting $false\nshort line\n```\n\nAfter.\n";
    let mut app = app(md, 60, 12);
    let cut = screen(&app);
    assert!(
        cut.contains("…+"),
        "the cut says how much is hidden:\n{cut}"
    );
    press(&mut app, &["w"]);
    let wrapped = screen(&app);
    assert!(wrapped.contains("↪"), "{wrapped}");
    assert!(!wrapped.contains("…+"), "{wrapped}");
    insta::assert_snapshot!(format!("{cut}\n{wrapped}"));
    press(&mut app, &["w"]);
    assert_eq!(screen(&app).lines().next(), cut.lines().next());
}

#[test]
fn wrapping_code_keeps_the_cursor_on_its_row() {
    let filler = "A paragraph of filler text.\n\n".repeat(12);
    let md = format!(
        "{filler}The command:\n\n```\n{}\n```\n\n{filler}",
        "x".repeat(150)
    );
    let mut app = app(&md, 60, 20);
    press(&mut app, &["j"; 14]);
    let row_of_cursor = |app: &App| screen(app).lines().position(|l| l.contains('▌'));
    let before = row_of_cursor(&app);
    press(&mut app, &["w"]);
    assert_eq!(row_of_cursor(&app), before);
    press(&mut app, &["w"]);
    assert_eq!(row_of_cursor(&app), before);
}

#[test]
fn html_tables_are_laid_out_as_tables() {
    let md = "Risks:\n\n<table>\n<colgroup>\n<col style=\"width: 31%\" />\n</colgroup>\n<thead>\n<tr>\n\
              <th><strong>Risk type </strong></th>\n<th><strong>Risk ID </strong></th>\n\
              <th><strong>Related risk titles </strong></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n\
              <td>Risks to the wallets</td>\n<td>R6</td>\n<td>Data disclosure</td>\n</tr><tr>\n\
              <td>System-related risks</td>\n<td>SR1&nbsp;</td>\n<td>Wholesale surveillance</td>\n</tr>\n\
              <tr><td colspan=\"3\">Both rows are <em>high</em> risks.</td></tr>\n\
              </tbody>\n</table>\n\nAfter the table.\n";
    let app = app(md, 70, 16);
    let drawn = screen(&app);
    assert!(drawn.contains("│ Risk type"), "{drawn}");
    insta::assert_snapshot!(drawn);
}
