//! Work spread over threads, with results in a fixed order.
//!
//! Versions and languages are independent of each other, so the stages that
//! handle them cut their work into parts shared among the cores. Results
//! come back in the order of the parts, never in the order threads finish:
//! a build's output and its reports must not depend on timing.

/// Runs `work` on each part and returns the results in the order of
/// `parts`. A panic in a thread is raised again here.
///
/// At most one thread per core works at a time, each taking the next part
/// not yet taken, and the calling thread is one of them. More threads would
/// not finish sooner, and would cost memory: the allocator gives each thread
/// its own pool, whose freed memory other threads do not reuse. (Three
/// languages rendered on three threads on two cores peaked 6 MB higher.)
pub(crate) fn each<P: Send, R: Send>(parts: Vec<P>, work: impl Fn(P) -> R + Sync) -> Vec<R> {
    each_with(parts, || (), |(), part| work(part))
}

/// [`each`], with a state each thread makes once with `state` and hands to
/// every part it takes, such as caches that parts in turn can share.
pub(crate) fn each_with<P: Send, S, R: Send>(
    parts: Vec<P>,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, P) -> R + Sync,
) -> Vec<R> {
    let count = parts.len();
    let threads = cores().min(count);
    if threads <= 1 {
        let mut own = None;
        return parts
            .into_iter()
            .map(|part| work(own.get_or_insert_with(&state), part))
            .collect();
    }
    let queue = std::sync::Mutex::new(parts.into_iter().enumerate());
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).next();
    let worker = || {
        // Made with the thread's first part: a thread that finds every
        // part taken makes none.
        let mut own = None;
        let mut done = Vec::new();
        while let Some((index, part)) = next() {
            let own = own.get_or_insert_with(&state);
            done.push((index, work(own, part)));
        }
        done
    };
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        let mut results = worker();
        for handle in handles {
            results.extend(
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        results
    });
    results.sort_unstable_by_key(|&(index, _)| index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// How many threads can run at once.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// How many items go in each part so that there is one part per core.
pub(crate) fn part_size(items: usize) -> usize {
    items.div_ceil(cores()).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_keep_the_order_of_the_parts() {
        let parts: Vec<Vec<u32>> = (0..40u32)
            .collect::<Vec<_>>()
            .chunks(3)
            .map(<[u32]>::to_vec)
            .collect();
        let sums = each(parts.clone(), |part| {
            // Later parts finish first.
            std::thread::sleep(std::time::Duration::from_millis(
                u64::from(40 - part[0]) / 4,
            ));
            part.iter().sum::<u32>()
        });
        let expected: Vec<u32> = parts.iter().map(|p| p.iter().sum()).collect();
        assert_eq!(sums, expected);
        // No more threads at once than there are cores.
        let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        each((0..40).collect(), |_| {
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(2));
            running.fetch_sub(1, Ordering::SeqCst);
        });
        assert!((1..=cores()).contains(&most.load(Ordering::SeqCst)));
    }

    #[test]
    fn each_thread_makes_its_state_once_and_keeps_it_across_parts() {
        let made = AtomicUsize::new(0);
        let seen = each_with(
            (0..40u32).collect(),
            || {
                made.fetch_add(1, Ordering::SeqCst);
                0usize
            },
            |parts_before, part| {
                *parts_before += 1;
                (part, *parts_before)
            },
        );
        let states = made.load(Ordering::SeqCst);
        assert!((1..=cores()).contains(&states));
        // In order, every part once; each state counted the parts it was
        // handed, and together they were handed all of them.
        assert_eq!(
            seen.iter().map(|&(p, _)| p).collect::<Vec<_>>(),
            (0..40).collect::<Vec<_>>()
        );
        let firsts = seen.iter().filter(|&&(_, n)| n == 1).count();
        assert_eq!(firsts, states);
        assert!(seen.iter().all(|&(_, n)| (1..=40).contains(&n)));
        // Parts are never empty, and one per core covers every item.
        assert_eq!(part_size(0), 1);
        assert!(part_size(10) * cores() >= 10);
        assert!((part_size(10) - 1) * cores() < 10);
    }
}
