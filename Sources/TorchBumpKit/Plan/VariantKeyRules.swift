/// A variant tag used as a dict key (`BACKENDS = {"cu126": "cu126"}`) is the name callers select
/// (`nox -s "gpu(backend='cu126')"`, a CI matrix value), not what is installed: the value moves with the plan, the key
/// stays (renaming it would break every caller the scan cannot see) and is reported.
extension PlanBuilder {
    /// Whether the site is such a key; if so it is planned here.
    mutating func planVariantKey(_ site: PinSite) -> Bool {
        guard site.note == "dict key", let variant = site.variant else { return false }
        let mapped = mappedVariant(variant)
        guard mapped != variant, isMoving(site) else { return true }
        attention(site, "key \"\(site.value)\" names a backend that callers select; the value next to it moves to \(mapped.tag), the key stays: rename it together with its callers if the name should follow")
        return true
    }
}
