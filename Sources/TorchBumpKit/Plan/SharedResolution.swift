/// Platforms that are backends of one project rather than files of their own.
///
/// When the CPU/ROCm/CUDA builds are extras (or groups) of one pyproject.toml, they are not independent: the
/// platform-neutral extras (`audio = ["torchaudio==2.9.1"]`) are installed with every backend, and a universal
/// `uv lock` resolves every backend together with them. A patch release that moves only the CUDA extras (the
/// per-file rule of pin-sites §9a) leaves a lock no resolver can satisfy, so such platforms move together; when one
/// cannot, the shared pins that tie them are flagged.
extension PlanBuilder {
    /// pyproject.toml files that pin the CUDA (or platform-neutral) torch.
    func cudaProjectFiles(_ torchPins: [PinSite]) -> Set<String> {
        Set(torchPins.filter { $0.file == .pyproject && ($0.platform == .cuda || $0.platform == .all) }.map(\.path))
    }

    /// For a platform a patch release would leave behind: whether it moves anyway because its torch pins share a
    /// pyproject.toml with the CUDA pins (nil when it shares nothing), with the note that says why or why not.
    func sharedResolutionMove(_ platform: Platform, pins: [PinSite], cudaFiles: Set<String>) -> (moves: Bool, note: String)? {
        guard let torch = newTorch,
              let shared = pins.first(where: { $0.file == .pyproject && cudaFiles.contains($0.path) }) else { return nil }
        let channel = target.channel == .nightly ? Channel.nightly : target.channel
        if let variant = platformVariant(platform), case .no = matrix.isPublished(variant, for: torch, channel: channel) {
            return (false, "torch \(torch) publishes no \(variant.tag) wheels, but the \(platform) backend shares \(shared.path) with the CUDA backends (one resolution, one `uv lock`): pins shared by every backend cannot follow both")
        }
        return (true, "the \(platform) backend moves with this patch release: its torch pin is in \(shared.path) with the CUDA backends', and one `uv lock` resolves them all together with the shared extras")
    }

    /// Doc lines whose sites (other than platform-neutral ones) all name one platform — a README table row for the
    /// ROCm extra — so the row's torch version follows that platform, not every platform.
    static func docLinePlatforms(_ sites: [PinSite]) -> [String: Platform] {
        var found: [String: Set<Platform>] = [:]
        for site in sites where site.role == .doc && site.platform != .all {
            found["\(site.path):\(site.line)", default: []].insert(site.platform)
        }
        return found.compactMapValues { $0.count == 1 ? $0.first : nil }
    }

    /// A doc site's platform, scoped to its line (see `docLinePlatforms`).
    func scopedDocPlatform(_ site: PinSite) -> Platform? {
        guard site.role == .doc, site.platform == .all else { return nil }
        return docLinePlatforms["\(site.path):\(site.line)"]
    }

    /// After planning: a pyproject.toml whose backends end on different torch versions while an exact torchvision,
    /// torchaudio or triton pin is shared by all of them cannot be resolved (or locked) as one project.
    mutating func noteSplitResolutions() {
        let exact: (PinSite) -> Bool = { $0.kind == .requirement && $0.role == .pin && ($0.op == "==" || $0.op == "===") }
        let torchPins = inventory.sites.filter { exact($0) && $0.subject == "torch" && $0.file == .pyproject }
        for (path, pins) in Dictionary(grouping: torchPins, by: \.path).sorted(by: { $0.key < $1.key }) {
            let versions = Dictionary(grouping: pins) { planned($0) }
            guard versions.count > 1 else { continue }
            let shared = inventory.sites.filter {
                $0.path == path && exact($0) && $0.platform == .all
                    && ["torchvision", "torchaudio", "triton"].contains($0.subject ?? "")
            }
            let split = versions.sorted { $0.key < $1.key }
                .map { "\($0.key) at \($0.value.map { ":\($0.line)" }.joined(separator: ", "))" }.joined(separator: "; ")
            for pin in shared {
                attention(pin, "\(pin.subject ?? "")==\(planned(pin)) is installed with every backend of \(path), but their torch pins differ after this plan (\(split)): one resolution (`uv lock`) cannot satisfy both; move every backend together, or pin \(pin.subject ?? "") per backend")
            }
        }
    }

    /// The public version a pin has after the plan's edits.
    func planned(_ site: PinSite) -> String {
        let value = plan.edits.first { $0.path == site.path && $0.edit.span == site.span }?.edit.replacement ?? site.value
        return Version(value)?.publicVersion.description ?? value
    }
}
