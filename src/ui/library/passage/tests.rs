//! Tests of placing a search passage's text around its first match.

use ratatui::style::{Modifier, Style};

use super::{centred_start, clean, window};

fn hit_of(text: &str, word: &str) -> std::ops::Range<usize> {
    let start = text.find(word).expect("in text");
    start..start + word.len()
}

#[test]
fn the_first_match_sits_near_the_middle_of_the_room() {
    let text = "Rationale: by making the default sharing the most restrictive setting \
                the agency avoids the risk that a release goes further than it meant \
                to, and the review board keeps the final say on every release.";
    let m = hit_of(text, "review");
    assert_eq!(centred_start(text, Some(&m), 400), 0, "fits: nothing cut");
    let cut = centred_start(text, Some(&m), 60);
    assert!(cut > 0 && cut < m.start);
    let before = &text[cut..m.start];
    assert!(
        (20..=32).contains(&before.len()),
        "about half of 60 before the match: {before:?}"
    );
    assert!(text[..cut].ends_with(' '), "starts at a word: {before:?}");
}

#[test]
fn a_match_near_the_end_fills_the_room_from_further_back() {
    let text = "One two three four five six seven eight nine ten eleven twelve thirteen \
                fourteen fifteen sixteen seventeen eighteen nineteen twenty kestrel.";
    let m = hit_of(text, "kestrel");
    let cut = centred_start(text, Some(&m), 60);
    assert!(m.start - cut > 40, "{:?}", &text[cut..]);
}

#[test]
fn cuts_stay_on_char_boundaries_in_wide_text() {
    let text =
        "海上の安全保障に関する協力と制裁の調整についての報告書です海上の安全保障に関する協力";
    let m = hit_of(text, "制裁");
    let cut = centred_start(text, Some(&m), 20);
    assert!(text.is_char_boundary(cut));
    assert!(cut > 0 && cut <= m.start);
}

#[test]
fn two_lines_show_the_match_with_ellipses_where_text_is_left_out() {
    let text = "Alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima \
                mike november oscar papa quebec romeo sierra tango uniform victor whiskey";
    let m = hit_of(text, "papa");
    let hit = Style::default().add_modifier(Modifier::REVERSED);
    let lines = window(text, &[m], 30, 29, 2, (Style::default(), hit));
    assert_eq!(lines.len(), 2);
    let shown: Vec<String> = lines.iter().map(ToString::to_string).collect();
    assert!(shown[0].starts_with('…'), "{shown:?}");
    assert!(shown[1].ends_with('…'), "{shown:?}");
    let painted: Vec<&str> = lines
        .iter()
        .flat_map(|l| &l.spans)
        .filter(|s| s.style == hit)
        .map(|s| s.content.as_ref())
        .collect();
    assert_eq!(painted, ["papa"]);
}

#[test]
fn cleaning_keeps_matches_on_their_words() {
    let text = "A\tline\nand \u{1b}[31mred\u{1b}[0m kestrel";
    let m = hit_of(text, "kestrel");
    let (clean, ranges) = clean(text, &[m], true);
    assert!(!clean.contains('\n') && !clean.contains('\t') && !clean.contains('\u{1b}'));
    assert_eq!(&clean[ranges[0].clone()], "kestrel");
}
