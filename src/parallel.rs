//! Work spread over threads, with results in a fixed order.
//!
//! Versions and languages are independent of each other, so the stages that
//! handle them run one thread per part. Results come back in the order of
//! the parts, never in the order threads finish: a build's output and its
//! reports must not depend on timing.

/// Runs `work` on each part, all at once, and returns the results in the
/// order of `parts`. A panic in a thread is raised again here.
///
/// The first part runs on the calling thread. Besides saving a thread, this
/// keeps memory low: the allocator gives each thread its own pool, and the
/// calling thread's pool holds what earlier stages freed.
pub(crate) fn each<P: Send, R: Send>(parts: Vec<P>, work: impl Fn(P) -> R + Sync) -> Vec<R> {
    let work = &work;
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts.map(|part| scope.spawn(move || work(part))).collect();
        let mut results = vec![work(first)];
        results.extend(handles.into_iter().map(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }));
        results
    })
}

/// How many items go in each part so that there is one part per core.
pub(crate) fn part_size(items: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    items.div_ceil(cores).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // Parts are never empty, and one per core covers every item.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(part_size(0), 1);
        assert!(part_size(10) * cores >= 10);
        assert!((part_size(10) - 1) * cores < 10);
    }
}
