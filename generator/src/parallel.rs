//! Independent pieces of work spread over threads, with results in a fixed
//! order: each thread takes the next index until none is left, so a thread
//! that gets no time on a busy machine holds up only the one piece it took,
//! and the output never depends on which thread did what. Used by the load
//! stage (one spec file each) and the format stage (one output file each).

use std::sync::atomic::{AtomicUsize, Ordering};

/// The threads worth using: the cores this process may run on.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `work(&mut state, index)` for every index below `count`, on at most
/// `threads` threads (this one included), each with its own `state()`,
/// made when the thread takes its first index (so state need not be
/// `Send`: token streams are not). The results come in index order;
/// `None` if a helper thread panicked (in a dependency: this crate does
/// not; a panic on this thread goes on as usual).
pub fn map_in_order<S, R: Send>(
    count: usize,
    threads: usize,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize) -> R + Sync,
) -> Option<Vec<R>> {
    let next = AtomicUsize::new(0);
    let run = || {
        let mut done = Vec::new();
        let mut index = next.fetch_add(1, Ordering::Relaxed);
        if index < count {
            let mut state = state();
            while index < count {
                done.push((index, work(&mut state, index)));
                index = next.fetch_add(1, Ordering::Relaxed);
            }
        }
        done
    };
    let helpers = threads.min(count).saturating_sub(1);
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (0..helpers).map(|_| scope.spawn(run)).collect();
        let mut done = run();
        for helper in helpers {
            done.extend(helper.join().ok()?);
        }
        Some(done)
    })?;
    done.sort_unstable_by_key(|(index, _)| *index);
    Some(done.into_iter().map(|(_, result)| result).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_index_order_whatever_the_threads() {
        for threads in [1, 2, 3, 8, 64] {
            let squares = map_in_order(
                100,
                threads,
                || 0,
                |calls, index| {
                    *calls += 1;
                    index * index
                },
            );
            let expected: Vec<usize> = (0..100).map(|index| index * index).collect();
            assert_eq!(squares, Some(expected), "{threads}");
        }
    }

    #[test]
    fn nothing_to_do_makes_no_state() {
        let made = AtomicUsize::new(0);
        let none: Option<Vec<()>> = map_in_order(
            0,
            4,
            || {
                made.fetch_add(1, Ordering::Relaxed);
            },
            |_, _| (),
        );
        assert_eq!(none, Some(Vec::new()));
        assert_eq!(made.load(Ordering::Relaxed), 0);
    }
}
