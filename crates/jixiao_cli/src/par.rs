//! Work over many files on all cores, with results delivered in input order.

/// Applies `f` to every item on all cores and hands the results to `sink` in input order,
/// batch by batch so that memory stays bounded however many items there are.
pub(crate) fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(&T, R) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if threads <= 1 {
        for it in items {
            sink(it, f(it))?;
        }
        return Ok(());
    }
    let f = &f;
    for batch in items.chunks(threads * 32) {
        let per = batch.len().div_ceil(threads);
        let results: Vec<Vec<R>> = std::thread::scope(|scope| {
            let handles: Vec<_> = batch
                .chunks(per)
                .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("worker thread panicked"))
                .collect()
        });
        for (it, r) in batch.iter().zip(results.into_iter().flatten()) {
            sink(it, r)?;
        }
    }
    Ok(())
}
