//! Independent pieces of work spread over threads, with results in a fixed
//! order: each thread takes the next index until none is left, so a thread
//! that gets no time on a busy machine holds up only the one piece it took,
//! and the output never depends on which thread did what. Used by the load
//! stage (one spec file each) and the format stage (one output file each).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

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
///
/// Each result a helper makes is handed to this thread as soon as it is
/// made and passed through `rehome` here, which should copy what it keeps
/// (`Clone`) so that the helper's copy is freed at once. glibc gives every
/// thread its own heap (an arena), and memory freed in one is not reused by
/// another: results left where the helpers made them grew the helpers'
/// heaps by a seventh of a large spec's peak memory while this thread's
/// heap had the room, freed by the stage before.
pub fn map_in_order<S, R: Send>(
    count: usize,
    threads: usize,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize) -> R + Sync,
    rehome: impl Fn(R) -> R,
) -> Option<Vec<R>> {
    let next = AtomicUsize::new(0);
    let take = || Some(next.fetch_add(1, Ordering::Relaxed)).filter(|index| *index < count);
    let helpers = threads.min(count).saturating_sub(1);
    let (sender, received) = mpsc::channel::<(usize, R)>();
    let mut done = Vec::with_capacity(count);
    let rehome_received = |done: &mut Vec<(usize, R)>, (index, result): (usize, R)| {
        done.push((index, rehome(result)));
    };
    let all_joined = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| {
                let sender = sender.clone();
                let (state, work, take) = (&state, &work, &take);
                scope.spawn(move || {
                    let Some(mut index) = take() else { return };
                    let mut state = state();
                    loop {
                        if sender.send((index, work(&mut state, index))).is_err() {
                            return;
                        }
                        match take() {
                            Some(following) => index = following,
                            None => return,
                        }
                    }
                })
            })
            .collect();
        // Only the helpers' senders remain: the channel closes when they end.
        drop(sender);
        if let Some(mut index) = take() {
            let mut own = state();
            loop {
                done.push((index, work(&mut own, index)));
                while let Ok(piece) = received.try_recv() {
                    rehome_received(&mut done, piece);
                }
                match take() {
                    Some(following) => index = following,
                    None => break,
                }
            }
        }
        for piece in received.iter() {
            rehome_received(&mut done, piece);
        }
        handles.into_iter().all(|handle| handle.join().is_ok())
    });
    if !all_joined || done.len() != count {
        return None;
    }
    done.sort_unstable_by_key(|(index, _)| *index);
    Some(done.into_iter().map(|(_, result)| result).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_index_order_whatever_the_threads() {
        for threads in [1, 2, 3, 8, 64] {
            let squares = map_in_order(100, threads, || 0, |_, index| index * index, |x| x);
            let expected: Vec<usize> = (0..100).map(|index| index * index).collect();
            assert_eq!(squares, Some(expected), "{threads}");
        }
    }

    #[test]
    fn what_helpers_make_is_rehomed_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let made_elsewhere = AtomicUsize::new(0);
        let rehomed = std::cell::Cell::new(0);
        let pieces = map_in_order(
            200,
            4,
            || (),
            |(), index| {
                if std::thread::current().id() != caller {
                    made_elsewhere.fetch_add(1, Ordering::Relaxed);
                } else {
                    // The caller waits (a bounded time) until a helper has
                    // taken a piece, so that there is something to rehome.
                    let start = std::time::Instant::now();
                    while made_elsewhere.load(Ordering::Relaxed) == 0
                        && start.elapsed() < std::time::Duration::from_secs(10)
                    {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                }
                (index, std::thread::current().id())
            },
            |(index, _)| {
                assert_eq!(std::thread::current().id(), caller);
                rehomed.set(rehomed.get() + 1);
                (index, caller)
            },
        )
        .unwrap();
        assert_eq!(pieces.len(), 200);
        assert!(pieces
            .iter()
            .enumerate()
            .all(|(at, (index, _))| at == *index));
        assert_eq!(rehomed.get(), made_elsewhere.load(Ordering::Relaxed));
        assert!(rehomed.get() > 0, "no helper took a piece");
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
            |()| (),
        );
        assert_eq!(none, Some(Vec::new()));
        assert_eq!(made.load(Ordering::Relaxed), 0);
    }
}
