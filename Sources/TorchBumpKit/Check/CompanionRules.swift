/// `companion-mismatch`: torchvision, torchaudio, triton, xformers, torchao and torchcodec pins that do not belong with the torch
/// pinned beside them (same file, else same platform), according to the release matrix.
enum CompanionRules {
    static let companions = ["torchvision", "torchaudio", "triton", "xformers", "torchao", "torchcodec"]

    static func companionMismatch(_ c: CheckContext) -> [Finding] {
        let torchPins = c.exactPins("torch")
        var out: [Finding] = []
        for package in companions {
            for pin in c.exactPins(package) {
                guard let torch = pairedTorch(for: pin, among: torchPins),
                      let torchVersion = CheckContext.publicVersion(torch),
                      let pinVersion = CheckContext.publicVersion(pin),
                      let expectation = expected(package, version: pinVersion, torch: torchVersion, c.matrix)
                else { continue }
                if expectation.matches { continue }
                var severity: Diagnostic.Severity = expectation.uncertain ? .warning : .error
                var why = ""
                if torch.heldReason != nil {
                    severity = .note
                    why = "; the torch pin is held back on purpose"
                } else if let reason = pin.heldReason {
                    severity = .note
                    why = "; held back on purpose: \(reason)"
                }
                let label = CheckContext.version(torch)?.localLabel.flatMap { Variant(localLabel: $0) }
                if package == "triton", label == .cpu || label == .xpu {
                    severity = .note
                    why += "; +\(label?.tag ?? "") wheels declare no triton requirement"
                }
                out.append(Finding(
                    .companionMismatch, severity,
                    "\(package) \(pinVersion) (\(CheckContext.at(pin))) does not match torch \(torchVersion) "
                        + "(\(CheckContext.at(torch))): \(expectation.description)\(why)",
                    at: pin.location, related: [torch.location]))
            }
        }
        return out
    }

    /// The torch pin a companion goes with: same file and platform (same marker first), else same file, else the
    /// platform's reference pin; nil when the candidates disagree and no marker decides.
    static func pairedTorch(for pin: PinSite, among torchPins: [PinSite]) -> PinSite? {
        let sameFile = torchPins.filter { $0.path == pin.path }
        var candidates = sameFile.filter { $0.platform == pin.platform }
        if candidates.isEmpty { candidates = sameFile }
        if candidates.isEmpty {
            let group = CheckContext.group(pin.platform)
            let platformPins = torchPins.filter { CheckContext.group($0.platform) == group && $0.heldReason == nil }
            return CheckContext.reference(among: platformPins)?.site
        }
        if let marker = CheckContext.marker(pin) {
            let sameMarker = candidates.filter { CheckContext.marker($0) == marker }
            if !sameMarker.isEmpty { candidates = sameMarker }
        }
        if Set(candidates.compactMap(CheckContext.publicVersion)).count == 1 { return candidates.first }
        let active = candidates.filter { $0.heldReason == nil }
        if !active.isEmpty, Set(active.compactMap(CheckContext.publicVersion)).count == 1 { return active.first }
        return nil
    }

    /// What the matrix says about `package` at `version` pinned next to `torch`.
    struct Expectation {
        var matches: Bool
        var description: String
        var uncertain: Bool
    }

    static func expected(_ package: String, version: Version, torch: Version, _ matrix: ReleaseMatrix) -> Expectation? {
        let torchText = torch.description
        if let table = matrix.extensions.table(for: package) {
            // Checked the other way round: the torch this release requires (torchcodec's table lists lines: `0.9`).
            guard let release = table.first(where: { entry in
                      guard let v = Version(entry.version) else { return false }
                      return v == version || package == "torchcodec" && v.release.count == 2
                          && Array(version.release.prefix(2)) == v.release && version.pre == nil
                  }),
                  let spec = try? SpecifierSet(parsing: release.torch) else { return nil }
            return Expectation(matches: spec.contains(torch, prereleases: true),
                               description: "\(package) \(release.version) requires torch\(release.torch)"
                                   + (matrix.extensionPairing(package, for: torchText).map { "; torch \(torchText) pairs with \(package) \($0.version)" } ?? ""),
                               uncertain: release.uncertain)
        }
        guard let companions = matrix.companions(of: torchText) else { return nil }
        switch package {
        case "torchvision", "torchaudio":
            guard let pin = package == "torchvision" ? companions.torchvision : companions.torchaudio,
                  let want = Version(pin.version) else { return nil }
            if pin.held {
                // After the torchaudio freeze, any release of the held line at or above it is usable.
                return Expectation(
                    matches: version >= want && version.major == want.major && version.minor == want.minor,
                    description: pin.reason ?? "torch \(torchText) has no \(package) of its own; hold \(package) \(pin.version)",
                    uncertain: pin.uncertain)
            }
            let yanked = pin.yanked.compactMap(Version.init)
            return Expectation(matches: version == want || yanked.contains(version),
                               description: "torch \(torchText) pairs with \(package) \(pin.version)",
                               uncertain: pin.uncertain)
        case "triton":
            guard let triton = companions.triton, let spec = try? SpecifierSet(parsing: triton.specifier) else { return nil }
            return Expectation(matches: spec.contains(version, prereleases: true),
                               description: "torch \(torchText) requires triton\(triton.specifier)", uncertain: false)
        default:
            return nil
        }
    }
}
