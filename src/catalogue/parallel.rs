//! Work on a library's files spread over threads.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `work` over `0..n` split in chunks, on up to `threads` threads,
/// and returns the results in chunk order.
pub(crate) fn run_chunks<T: Send>(
    n: usize,
    threads: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    // Several chunks per thread balance the load; not so many that merging
    // them costs more than it saves.
    let size = (n / (threads.max(1) * 8)).max(8);
    let ranges: Vec<Range<usize>> = (0..n.div_ceil(size))
        .map(|c| c * size..((c + 1) * size).min(n))
        .collect();
    if threads <= 1 || ranges.len() <= 1 {
        return ranges.into_iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(ranges.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let c = next.fetch_add(1, Ordering::Relaxed);
                        let Some(range) = ranges.get(c) else {
                            return out;
                        };
                        out.push((c, work(range.clone())));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_by_key(|(c, _)| *c);
    done.into_iter().map(|(_, t)| t).collect()
}
