/// Rules comparing torch pins with each other: platform agreement, CMake vs build requirements, illegal ranges.
enum PinAgreementRules {
    /// `torch-pins-disagree`: exact torch pins of one platform name different public versions. Held-back pins
    /// (with a reason comment) are deliberate and only noted; local labels and nightlies are ignored.
    static func torchPinsDisagree(_ c: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let groups = Dictionary(grouping: c.exactPins("torch"), by: { CheckContext.group($0.platform) })
        for group in groups.keys.sorted() {
            let pins = groups[group] ?? []
            let active = pins.filter { $0.heldReason == nil }
            guard let (reference, version) = CheckContext.reference(among: active) else { continue }
            let scope = CheckContext.groupName(group)
            for pin in active {
                guard let v = CheckContext.publicVersion(pin), v != version else { continue }
                out.append(Finding(
                    .torchPinsDisagree, .error,
                    "torch \(v) (\(CheckContext.at(pin))) disagrees with torch \(version) "
                        + "(\(CheckContext.at(reference))) in the \(scope)",
                    at: pin.location, related: [reference.location]))
            }
            for pin in pins where pin.heldReason != nil {
                guard let v = CheckContext.publicVersion(pin), v != version else { continue }
                out.append(Finding(
                    .torchPinsDisagree, .note,
                    "torch \(v) (\(CheckContext.at(pin))) is held back on purpose while "
                        + "\(CheckContext.at(reference)) pins torch \(version): \(pin.heldReason ?? "")",
                    at: pin.location, related: [reference.location]))
            }
        }
        return out
    }

    /// `cmake-vs-build`: `TORCH_SUPPORTED_VERSION_CUDA` against the torch of the build requirements of the CUDA
    /// and platform-neutral files (the runtime pins when there are none); the ROCm value against ROCm build
    /// requirements only (it may follow a base image otherwise).
    static func cmakeVsBuild(_ c: CheckContext) -> [Finding] {
        let cmake = c.sites.filter {
            $0.file == .cmake && $0.kind == .version && $0.role == .pin && $0.subject == "torch"
                && CheckContext.version($0) != nil
        }
        guard !cmake.isEmpty else { return [] }
        let build = c.exactPins("torch").filter { isBuildRequirement($0) && $0.heldReason == nil }
        var out: [Finding] = []
        for site in cmake {
            let rocm = site.platform == .rocm || (site.name?.uppercased().contains("ROCM") ?? false)
            var against = build.filter { rocm ? $0.platform == .rocm : ($0.platform == .cuda || $0.platform == .all) }
            var what = "build requirement"
            if against.isEmpty && !rocm {
                against = c.exactPins("torch").filter {
                    $0.heldReason == nil && ($0.platform == .cuda || $0.platform == .all)
                }
                what = "torch pin"
            }
            guard let cmakeVersion = CheckContext.publicVersion(site) else { continue }
            let differing = against.filter { CheckContext.publicVersion($0).map { $0 != cmakeVersion } ?? false }
            guard let first = differing.first, let firstVersion = CheckContext.publicVersion(first) else { continue }
            let name = site.name ?? "CMake supported torch"
            out.append(Finding(
                .cmakeVsBuild, .error,
                "\(name) \(cmakeVersion) (\(CheckContext.at(site))) differs from the \(what) torch==\(firstVersion) "
                    + "(\(CheckContext.at(first)))",
                at: site.location, related: differing.map(\.location)))
        }
        return out
    }

    /// A `[build-system].requires` entry or a pin in a build requirements file (`requirements/build.txt`,
    /// `requirements/rocm-build.txt`, `build-requirements.txt`).
    static func isBuildRequirement(_ site: PinSite) -> Bool {
        if site.file == .pyproject {
            let name = site.name?.lowercased() ?? ""
            return name.contains("build-system") || name == "requires"
        }
        guard site.file == .requirements else { return false }
        let fileName = site.path.split(separator: "/").last.map(String.init) ?? site.path
        return PlatformInference.tokens(fileName.lowercased()).contains("build")
    }

    /// `invalid-local-label-range`: `torch>=2.7.0+cpu` — PEP 440 allows local labels only with `==`, `!=`, `===`.
    static func invalidLocalLabelRange(_ c: CheckContext) -> [Finding] {
        let fromSites = c.sites.compactMap { site -> Finding? in
            guard site.kind == .requirement, site.role == .pin || site.role == .doc, site.value.contains("+"),
                  let op = site.op?.trimmingCharacters(in: .whitespaces), !["==", "!=", "==="].contains(op)
            else { return nil }
            let package = site.subject ?? "package"
            let label = site.value.split(separator: "+", maxSplits: 1).last.map(String.init) ?? ""
            let publicPart = site.value.split(separator: "+", maxSplits: 1).first.map(String.init) ?? site.value
            return Finding(
                .invalidLocalLabelRange, site.role == .doc ? .warning : .error,
                "\(package)\(op)\(site.value) (\(CheckContext.at(site))) puts a local version label in a range; "
                    + "PEP 440 allows '+\(label)' only with ==: write \(package)==\(site.value) or "
                    + "\(package)\(op)\(publicPart) and select the variant with an index",
                at: site.location)
        }
        // Requirements scanners reject such lines (`invalid requirement '…'`) instead of reporting a site: the
        // quoted requirement of the diagnostic is checked here, so the check still fails on them.
        let lines = Set(fromSites.map { "\($0.primary.path):\($0.primary.line)" })
        let fromDiagnostics = c.diagnostics.compactMap { diagnostic -> Finding? in
            guard diagnostic.severity != .note, let location = diagnostic.location,
                  !lines.contains("\(location.path):\(location.line)"),
                  let quoted = quotedText(diagnostic.message), let bad = illegalLocalRange(in: quoted)
            else { return nil }
            return Finding(
                .invalidLocalLabelRange, .error,
                "\(bad.name)\(bad.op)\(bad.version) (\(location.short)) puts a local version label in a range; PEP 440 "
                    + "allows local labels only with ==: pin \(bad.name)==\(bad.version) or drop the label",
                at: location)
        }
        return fromSites + fromDiagnostics
    }

    static func quotedText(_ message: String) -> String? {
        guard let open = message.firstIndex(of: "'") else { return nil }
        let rest = message[message.index(after: open)...]
        guard let close = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<close])
    }

    /// The first specifier of a PEP 508 requirement line that combines a range operator with a local label
    /// (`torch>=2.7.0+cpu; …` → torch, >=, 2.7.0+cpu); nil when there is none.
    static func illegalLocalRange(in requirement: String) -> (name: String, op: String, version: String)? {
        let body = requirement.split(separator: ";", maxSplits: 1).first.map(String.init) ?? requirement
        let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        guard !name.isEmpty else { return nil }
        var rest = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            rest = String(rest[rest.index(after: close)...]).trimmingCharacters(in: .whitespaces)
        }
        if rest.hasPrefix("("), rest.hasSuffix(")") { rest = String(rest.dropFirst().dropLast()) }
        for spec in rest.split(separator: ",") {
            let trimmed = spec.trimmingCharacters(in: .whitespaces)
            let op = String(trimmed.prefix { "<>=!~".contains($0) })
            let version = trimmed.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
            if !op.isEmpty, version.contains("+"), !["==", "!=", "==="].contains(op) {
                return (normalizePackageName(String(name)), op, version)
            }
        }
        return nil
    }
}
