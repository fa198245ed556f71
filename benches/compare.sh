#!/usr/bin/env bash
# Times brief (and other terminal markdown viewers, when installed) on
# generated briefs of 100 KB, 1 MB and 10 MB in a 120x40 pseudo-terminal:
# start -> first screen of text, key -> frame, peak RSS.
#
#   benches/compare.sh                     # brief, plus peers that are found
#   RUNS=10 SIZES="1MB 10MB" benches/compare.sh
#   JSON=1 benches/compare.sh > figures.jsonl
#
# Peers: treemd and mdt (md-tui), looked up on PATH and in $PEERS_DIR/bin.
# Each viewer gets the closest keys it has to brief's ] (next section),
# j (next block), a page down, G (end) and g (top), in that order: the
# moves forward come before G, which leaves nothing below, and g comes last,
# so a viewer that remembers where the reader left off (mdt does) starts
# the next run at the top again. All run with an empty HOME, so no user configuration
# or cache changes what they do.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-100KB 1MB 10MB}
SETTLE=${SETTLE:-100}
TIMEOUT=${TIMEOUT:-30}
TARGET=${CARGO_TARGET_DIR:-target}

echo "building brief, termtime and genbrief (release)..." >&2
cargo build --release --quiet --bin brief --example termtime --example genbrief

work=$(mktemp -d "${TMPDIR:-/tmp}/brief-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

for size in $SIZES; do
    "$TARGET/release/examples/genbrief" "$size" > "$work/brief-$size.md"
done
mkdir -p "$work/home"
fresh_home=(env HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
    XDG_CACHE_HOME="$work/home/.cache" XDG_DATA_HOME="$work/home/.local/share"
    XDG_STATE_HOME="$work/home/.local/state")

# The first words of every generated brief's body (see benches/gen/mod.rs).
EXPECT="This brief reviews the evidence"

find_peer() {
    local name=$1
    if [[ -n "${PEERS_DIR:-}" && -x "$PEERS_DIR/bin/$name" ]]; then
        echo "$PEERS_DIR/bin/$name"
    elif command -v "$name" > /dev/null 2>&1; then
        command -v "$name"
    fi
}

# time_viewer LABEL FILE KEYS... -- PROGRAM ARGS...
time_viewer() {
    local label=$1 file=$2
    shift 2
    local keys=()
    while [[ $1 != -- ]]; do
        keys+=(--key "$1")
        shift
    done
    shift
    local format=()
    [[ -n "${JSON:-}" ]] && format=(--json)
    [[ -z "${JSON:-}" ]] && echo "== $label, $(du -h "$file" | cut -f1) ($(basename "$file"))"
    # A viewer that fails or times out is reported, and the others go on.
    "${fresh_home[@]}" "$TARGET/release/examples/termtime" "${format[@]}" --runs "$RUNS" \
        --settle "$SETTLE" --timeout "$TIMEOUT" --expect "$EXPECT" "${keys[@]}" \
        -- "$@" "$file" ||
        echo "$label: termtime failed (exit $?)" >&2
    [[ -z "${JSON:-}" ]] && echo
    return 0
}

treemd=$(find_peer treemd)
mdt=$(find_peer mdt)
for size in $SIZES; do
    file="$work/brief-$size.md"
    time_viewer brief "$file" ']' j space G g -- "$TARGET/release/brief"
    if [[ -n "$treemd" ]]; then
        time_viewer treemd "$file" j d G g -- "$treemd"
    fi
    if [[ -n "$mdt" ]]; then
        time_viewer mdt "$file" j d G g -- "$mdt"
    fi
done
if [[ -z "$treemd$mdt" ]]; then
    echo "(no peers found: install treemd or md-tui, or set PEERS_DIR)" >&2
fi
