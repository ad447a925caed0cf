/// The image-based ROCm path: when CI builds its ROCm image from a vendor image (`FROM rocm/pytorch:rocm6.3_…_2.8.0`),
/// the project's CI identifiers derived from it (Buildkite matrix value `rocm6.3`, own image tags `:rocm6.3-…`, script
/// `case` branches, labels "ROCm 6.3", docs describing that image) stay with the image until it can move, while the
/// bare-metal installs (requirements, index URLs) follow the plan (review 4, P1 2).
extension PlanBuilder {
    /// The vendor base image that pins the ROCm of the image-based path: its ROCm site, and its torch site when the tag
    /// names one. The project's own images (named after it) are not vendor images.
    var vendorROCmImage: (rocm: PinSite, torch: PinSite?)? {
        guard let rocm = inventory.sites.first(where: {
            $0.kind == .image && $0.subject == "rocm" && $0.role == .pin && ($0.file == .dockerfile || $0.file == .bake)
                && !isOwnImage($0)
        }) else { return nil }
        let torch = inventory.sites.first {
            $0.path == rocm.path && $0.line == rocm.line && $0.kind == .image && $0.subject == "torch"
        }
        return (rocm, torch)
    }

    /// Why a ROCm site of the image-based path stays with the vendor image, or nil when it follows the plan: sites in
    /// build and CI files (and doc lines about images) that name the vendor image's ROCm. Installs (requirements,
    /// index and wheel URLs) are the bare-metal path and are never held here.
    func heldByVendorROCmImage(_ site: PinSite) -> String? {
        guard let image = vendorROCmImage, let imageROCm = VersionEncoding.minor(image.rocm.value),
              site.path != image.rocm.path || site.line != image.rocm.line,
              ![.requirement, .indexURL, .wheelURL, .lockFile].contains(site.kind), site.role != .lock else { return nil }
        var siteROCm: String?
        if site.subject == "rocm", site.kind == .version || site.kind == .image { siteROCm = VersionEncoding.minor(site.value) }
        if case let .rocm(r)? = site.variant { siteROCm = VersionEncoding.minor(r) }
        guard siteROCm == imageROCm, isImagePath(site, image: image.rocm) else { return nil }
        let torch = image.torch.map { ", torch \($0.value)" } ?? ""
        return "stays with the vendor image \(image.rocm.location.short) (ROCm \(imageROCm)\(torch)), which cannot move yet; "
            + "the CI ROCm identifiers move together with it"
    }

    /// Whether a site belongs to the image-based path: build, Compose and CI files, or a doc/comment line that talks
    /// about an image (names the vendor repository, `docker`, `image` or `compose`).
    func isImagePath(_ site: PinSite, image: PinSite) -> Bool {
        if [.dockerfile, .bake, .compose, .buildkite, .githubActions, .yaml, .shell, .makefile].contains(site.file) {
            return true
        }
        guard site.role == .doc || site.role == .comment || site.file == .doc else { return false }
        let line = site.context.lowercased()
        let repository = image.context.lowercased().split(separator: " ").first { $0.contains("rocm/") }
            .map { String($0.split(separator: ":").first ?? $0) }
        return line.contains("docker") || line.contains("image") || line.contains("compose")
            || repository.map { line.contains($0) } == true
    }

    /// A torch version that describes the vendor ROCm image (a doc line naming that image, or the project's own image
    /// tagged with the vendor image's ROCm): why it stays, or nil.
    func describesVendorROCmImage(_ site: PinSite) -> String? {
        guard let image = vendorROCmImage, let imageTorch = image.torch, let imageROCm = VersionEncoding.minor(image.rocm.value),
              site.path != imageTorch.path || site.line != imageTorch.line,
              Version(site.value)?.publicVersion == Version(imageTorch.value)?.publicVersion else { return nil }
        let sameLineROCm = inventory.sites.contains { other in
            guard other.path == site.path, other.line == site.line else { return false }
            if other.subject == "rocm", VersionEncoding.minor(other.value) == imageROCm { return true }
            if case let .rocm(r)? = other.variant { return VersionEncoding.minor(r) == imageROCm }
            return false
        }
        let line = site.context.lowercased()
        let namesImage = line.contains("rocm/pytorch") || sameLineROCm && (line.contains("image") || line.contains("docker")
            || site.kind == .image || site.file == .compose)
        guard namesImage, site.kind == .image || site.role == .doc || site.role == .comment || site.file == .doc else { return nil }
        return "describes the image built from the vendor image \(imageTorch.location.short) (torch \(imageTorch.value), "
            + "ROCm \(imageROCm)), which stays until a matching vendor image exists"
    }

    /// One note that says the ROCm move is held for the image-based path, with the places held (once per plan).
    mutating func noteVendorROCmHold(_ site: PinSite) {
        guard let image = vendorROCmImage, let imageROCm = VersionEncoding.minor(image.rocm.value) else { return }
        let new = rocmMap.first { VersionEncoding.minor($0.key) == imageROCm }?.value
        let message = "ROCm image path held at \(imageROCm): CI builds its ROCm image from the vendor image "
            + "\(image.rocm.location.short), so its ROCm identifiers stay with it"
            + (new.map { "; only the bare-metal installs move to ROCm \($0)" } ?? "")
        if !plan.notes.contains(where: { $0.message == message }) {
            plan.notes.append(PlanNote(.attention, message, at: image.rocm.location))
        }
    }

    /// The vendor ROCm image behind the rest of the repository (after the plan): reported on every run, so it stays
    /// visible once the bare-metal installs have moved (review 4, item 24).
    mutating func noteStaleVendorROCmImage() {
        guard let image = vendorROCmImage, let imageROCm = VersionEncoding.minor(image.rocm.value) else { return }
        // The bare-metal ROCm: what the installs (index URLs, local labels) name after the plan. The repository's
        // current ROCm may read the CI identifiers instead, which stay with the image.
        let installs = inventory.sites.filter { ($0.kind == .indexURL || $0.kind == .requirement) && $0.role == .pin
            && $0.channel != .nightly }
            .compactMap { site -> String? in if case let .rocm(r)? = site.variant { return rocmMap[r] ?? r }; return nil }
        let bareMetal = (RepositoryStateInference.mostCommonString(installs) ?? plan.current.rocm.map { rocmMap[$0] ?? $0 })
            .flatMap(VersionEncoding.minor)
        // What the plan already says about the image (its torch or ROCm token) is not repeated.
        let said = plan.notes.filter { $0.kind == .attention && $0.location?.path == image.rocm.path
            && $0.location?.line == image.rocm.line }.map(\.message)
        var behind: [String] = []
        if let bareMetal, let a = Version(bareMetal), let b = Version(imageROCm), b < a,
           !said.contains(where: { $0.contains("ROCm") }) {
            behind.append("ROCm \(imageROCm) (bare-metal installs: \(bareMetal))")
        }
        if let t = image.torch, let torch = newTorch, let a = Version(torch), let b = Version(t.value), b < a,
           !said.contains(where: { $0.contains("torch \(t.value)") }) {
            behind.append("torch \(t.value) (target: \(torch))")
        }
        guard !behind.isEmpty else { return }
        let message = "vendor image \(image.rocm.location.short) is behind: \(behind.joined(separator: ", ")); move it, and the "
            + "CI ROCm identifiers with it, when the vendor publishes a matching image"
        if !plan.notes.contains(where: { $0.message == message }) {
            plan.notes.append(PlanNote(.attention, message, at: image.rocm.location))
        }
    }
}
