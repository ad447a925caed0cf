/// `nvidia/cuda` base images whose OS flavour NVIDIA does not publish for the CUDA the plan moves them to
/// (`…-devel-ubuntu20.04` has no CUDA 13 images): the image tag stops resolving, so the plan says so.
extension PlanBuilder {
    mutating func checkCUDAImageOS() {
        guard !cudaMap.isEmpty else { return }
        var flagged: Set<String> = []
        for site in inventory.sites where site.kind == .image && site.subject == "cuda" && site.role != .doc {
            guard let file = inventory.files[site.path], let os = Self.imageOS(file, after: site),
                  let row = matrix.cudaImageOS(os) else { continue }
            for new in cudaAfterPlan(site) where !row.publishes(cuda: new) {
                guard flagged.insert("\(site.path):\(site.line)").inserted else { continue }
                let family = os.prefix { $0.isLetter }
                let options = matrix.cudaImageOSes(for: new).filter { $0.os.hasPrefix(family) }
                var message = "nvidia/cuda publishes no CUDA \(new) images for \(os)"
                    + (row.through.map { " (its last is CUDA \($0))" } ?? "") + ": this image tag will not resolve"
                if let next = options.first {
                    message += "; move it to \(options.map(\.os).joined(separator: " or "))"
                    if let old = row.glibc, let raised = next.glibc {
                        message += " — what is built on it then needs glibc \(raised) instead of \(old)"
                    }
                }
                attention(site, message)
            }
        }
    }

    /// The OS flavour at the end of the image tag the site sits in (`ubuntu20.04` in
    /// `nvidia/cuda:${CUDA_VERSION}-devel-ubuntu20.04`); nil when the tag has none or computes it.
    static func imageOS(_ file: SourceFile, after site: PinSite) -> String? {
        let line = file.lineSpan(site.line)
        guard site.span.end <= line.end else { return nil }
        let rest = file[Span(site.span.end, line.end)]
        let tag = rest.prefix { !$0.isWhitespace && $0 != "\"" && $0 != "'" && $0 != "`" && $0 != "," && $0 != "]" }
        guard let last = tag.split(separator: "-").last, tag.contains("-") else { return nil }
        let os = String(last).lowercased()
        guard let first = os.first, first.isLetter, os.contains(where: \.isNumber),
              os.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." }) else { return nil }
        return os
    }

    /// The CUDA minors an image site uses once the plan is applied, when they differ from today's: its own edit, or
    /// for `nvidia/cuda:${CUDA_VERSION}-…` the planned values of that variable in the same file.
    func cudaAfterPlan(_ site: PinSite) -> [String] {
        if site.role != .derived {
            let after = VersionEncoding.minor(plannedValue(site))
            return after != VersionEncoding.minor(site.value) ? after.map { [$0] } ?? [] : []
        }
        guard let variable = site.name else { return [] }
        let sources = inventory.sites.filter {
            $0.path == site.path && $0.name == variable && $0.subject == "cuda" && $0.kind == .version && $0.role == .pin
        }
        var out: [String] = []
        for source in sources {
            if let after = VersionEncoding.minor(plannedValue(source)), after != VersionEncoding.minor(source.value),
               !out.contains(after) {
                out.append(after)
            }
        }
        return out
    }
}
