//! The sample briefs, built into the binary so `brief` with no argument
//! works from any folder.

/// (file name, markdown) of every bundled brief, in name order.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "arctic-shipping-lanes.md",
        include_str!("../briefs/arctic-shipping-lanes.md"),
    ),
    (
        "critical-minerals-outlook.md",
        include_str!("../briefs/critical-minerals-outlook.md"),
    ),
    (
        "grain-corridor-sanctions.md",
        include_str!("../briefs/grain-corridor-sanctions.md"),
    ),
    (
        "memo-cyber-incident-reporting.md",
        include_str!("../briefs/memo-cyber-incident-reporting.md"),
    ),
    (
        "note-strategie-numerique.md",
        include_str!("../briefs/note-strategie-numerique.md"),
    ),
    (
        "water-security-sahel.md",
        include_str!("../briefs/water-security-sahel.md"),
    ),
];
