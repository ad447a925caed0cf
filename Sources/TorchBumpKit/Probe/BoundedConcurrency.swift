/// Runs async work over a list with a cap on how much is in flight (index servers and the 2-core machines this
/// runs on both prefer a handful of concurrent requests).
enum BoundedConcurrency {
    /// `transform` over `items` with at most `limit` in flight; results keep input order.
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], limit: Int, _ transform: @escaping @Sendable (T) async -> R
    ) async -> [R] {
        var results = [R?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, R).self) { group in
            var next = 0
            while next < min(max(1, limit), items.count) {
                let i = next, item = items[i]
                group.addTask { (i, await transform(item)) }
                next += 1
            }
            while let (i, r) = await group.next() {
                results[i] = r
                if next < items.count {
                    let j = next, item = items[j]
                    group.addTask { (j, await transform(item)) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }
}
