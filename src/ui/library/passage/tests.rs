//! Tests of keeping a search passage's first match in view.

use super::lead_cut;

#[test]
fn a_match_past_the_row_end_is_brought_into_view() {
    let text = "Rationale: by making the default sharing the most restrictive";
    let start = text.find("sharing").expect("in text");
    let m = start..start + "sharing".len();
    assert_eq!(lead_cut(text, Some(&m), 80), 0, "fits: nothing cut");
    let cut = lead_cut(text, Some(&m), 32);
    assert!(cut > 0 && cut <= start);
    let shown = &text[cut..];
    // The match ends inside the row, counting the "…" drawn first.
    assert!(text[cut..m.end].len() < 32, "{shown}");
}

#[test]
fn cuts_stay_on_char_boundaries_in_wide_text() {
    let text = "海上の安全保障に関する協力と制裁の調整についての報告書です";
    let start = text.find("制裁").expect("in text");
    let m = start..start + "制裁".len();
    let cut = lead_cut(text, Some(&m), 20);
    assert!(text.is_char_boundary(cut));
    assert!(cut > 0);
}
