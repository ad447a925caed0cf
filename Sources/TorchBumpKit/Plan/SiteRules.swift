/// Per-site rules: what each kind of pin site becomes for the target, or why it stays.
extension PlanBuilder {
    mutating func plan(_ site: PinSite) {
        // A generated file is regenerated with its generator, never edited (see `planGeneratedFiles`).
        guard site.role != .generated else { return }
        if site.file == .conda, site.note == "conda channel pytorch", planLegacyCondaChannel(site) { return }
        if inHistorySection(site) { return }  // "Previous releases": history is never rewritten
        switch site.kind {
        case .requirement: planRequirement(site)
        case .version: planVersion(site)
        case .variant: planVariant(site)
        case .indexURL: planIndexURL(site)
        case .image: planImage(site)
        case .archList: planArchList(site)
        case .wheelURL: planWheelURL(site)
        case .gitRef: planGitRef(site)
        case .lockFile: planLock(site)
        case .extraName: planExtraName(site)
        case .indexStrategy: break
        }
    }

    /// PyTorch's own conda channel (`pytorch::pytorch`, `pytorch-cuda` from `-c pytorch -c nvidia`) stopped at torch
    /// 2.5 (pytorch/pytorch#138506): newer releases come from conda-forge or pip, which is a change of source a
    /// human makes. Returns whether the site was handled.
    mutating func planLegacyCondaChannel(_ site: PinSite) -> Bool {
        guard let torch = newTorch, let target = Version(torch), target > Version(epoch: 0, release: [2, 5, 99]) else { return false }
        let message = "the pytorch conda channel publishes nothing after torch 2.5 (pytorch/pytorch#138506): install torch \(torch) from conda-forge (`conda-forge::pytorch`, `pytorch-gpu`) or from pip in the `pip:` section"
        if !plan.notes.contains(where: { $0.message == message && $0.location?.path == site.path }) {
            attention(site, message)
        } else {
            leave(site, "from the pytorch conda channel, which has no torch \(torch)")
        }
        return true
    }

    // MARK: Requirements

    mutating func planRequirement(_ site: PinSite) {
        guard let package = site.subject else { return }
        switch site.role {
        case .lock, .derived:
            return
        case .disabled:
            if mentionsOldVersion(site) || package == "torch" {
                leave(site, "commented out; torchbump does not re-enable pins (re-enable it by hand if the new torch allows)")
            }
            return
        default:
            break
        }
        guard newTorch != nil else { return }
        if site.platform == .nightly || isNightlyVersion(site.value) {
            if target.platforms?.contains(.nightly) != true {
                leave(site, "nightly pin; nightly builds are out of scope unless --platform nightly")
            }
            return
        }
        if let held = site.heldReason, !target.includeHeld {
            leave(site, "held back on purpose (\(held)); pass --include-held to move it")
            if !plan.deferrals.contains(where: { $0.location == site.location }) {
                plan.deferrals.append(Deferral(platform: site.platform, current: "\(package)\(site.op ?? "")\(site.value)",
                                               reason: "held back by a comment: \(held)", location: site.location))
            }
            return
        }
        guard isMoving(site) else {
            if mentionsOldVersion(site) { leave(site, "\(site.platform) platform is not part of this upgrade") }
            return
        }
        // Pins installed together with a vendor extension that has no release for the new torch wait for it.
        if waitsForVendor(site), let blocker = vendorBlocked.first(where: {
            $0.path == site.path && sameMarker($0, site) || site.file == .dockerfile && site.platform == $0.platform
        }) {
            leave(site, "waits for \(blocker.subject ?? "the vendor extension") (\(blocker.location.short)), which has no release for torch \(newTorch ?? "") yet")
            return
        }
        // A companion or extension pinned beside a held torch pin (same file, same marker) stays with it.
        if package != "torch", !target.includeHeld, let torchPin = inventory.sites.first(where: {
            $0.path == site.path && $0.subject == "torch" && $0.kind == .requirement && $0.heldReason != nil
                && sameMarker($0, site)
        }) {
            leave(site, "follows the held torch pin at \(torchPin.location.short)")
            return
        }
        if let tied = TiedExtensions.all.first(where: { $0.package == package }) {
            planTiedExtension(site, tied)
            return
        }
        switch package {
        case "torch":
            planTorchFamily(site, newPublic: newTorch, what: "torch \(Version(site.value)?.publicVersion.description ?? site.value) → \(newTorch ?? "")")
        case "torchvision":
            planTorchFamily(site, newPublic: companions?.torchvision, what: "torchvision (companion of torch \(newTorch ?? ""))")
        case "torchaudio":
            if let audio = companions?.torchaudio {
                planTorchFamily(site, newPublic: audio, what: "torchaudio (companion of torch \(newTorch ?? ""))")
            } else if let hold = companions?.torchaudioHold {
                // Already on the frozen line (2.11.x): it works with any newer torch, so it stays where it is.
                if let current = Version(site.value)?.publicVersion, let h = Version(hold),
                   Array(current.release.prefix(2)) == Array(h.release.prefix(2)) {
                    leave(site, "torchaudio stays on its frozen \(h.major).\(h.minor) line (no release for torch \(newTorch ?? ""); \(site.value) works with it)")
                    return
                }
                planTorchFamily(site, newPublic: hold, what: "torchaudio (no release for torch \(newTorch ?? ""); \(hold) is the newest usable — the post-2.11 freeze)")
            } else {
                attention(site, "no torchaudio release is known for torch \(newTorch ?? ""); check with `torchbump probe`")
            }
        case "triton":
            if let triton = companions?.triton {
                planTorchFamily(site, newPublic: triton, what: "triton (torch \(newTorch ?? "") requires triton \(triton))")
            } else if site.op == "==" {
                attention(site, "triton pin: the triton version torch \(newTorch ?? "") requires is unknown offline; read it from torch's metadata (`torchbump matrix --refresh`)")
            }
        case "xformers":
            planXformers(site)
        case "torchao", "torchcodec":
            if let torch = newTorch, oldTorch != newTorch,
               let pairing = package == "torchao" ? matrix.torchao(for: torch) : matrix.torchcodec(for: torch),
               site.op == "==" {
                planTorchFamily(site, newPublic: pairing.version, what: "\(package) \(pairing.version) pairs with torch \(torch)")
            } else if site.role == .pin, oldTorch != newTorch {
                attention(site, "\(package) is compiled against torch: no \(package) release is known for torch \(newTorch ?? ""); check `torchbump deps`")
            }
        case "flashinfer-python", "flashinfer-cubin", "flashinfer-jit-cache", "flashinfer",
             "mamba-ssm", "causal-conv1d", "flash-attn", "fbgemm-gpu", "fbgemm-gpu-genai", "torch-xla", "torch-tensorrt",
             "torchrec", "torchtune", "apex", "deep-gemm":
            guard site.role == .pin, oldTorch != newTorch else { break }
            if let d = extensionDecision(for: package), d.outcome == .noBuildNeeded {
                // Nothing to rebuild: one note for the extension, at its first pin.
                let message = "\(d.display): \(d.reason)"
                if !plan.notes.contains(where: { $0.message == message }) { attention(site, message) }
            } else {
                extensionAttention(site, extension: package, "\(package) is compiled against torch \(oldTorch ?? ""): \(extensionAdvice(package))")
            }
        case let cudnnPackage where cudnnPackage.hasPrefix("nvidia-cudnn-cu"):
            // torch's PyPI build pins cuDNN exactly (`nvidia-cudnn-cu13==9.24.0.43` for 2.14): a pin of it follows.
            guard site.role == .pin, site.op == "==", let torch = newTorch, oldTorch != newTorch, isMoving(site),
                  let release = matrix.release(torch), let cudnn = release.cudnn else { break }
            let major = String(cudnnPackage.dropFirst("nvidia-cudnn-cu".count))
            let pip = release.cudaToolkitPip ?? ""
            let pypiMajor = pip.contains("-cu11") ? "11" : pip.contains("-cu12") ? "12"
                : pip.hasPrefix("cuda-toolkit==") ? String(pip.dropFirst("cuda-toolkit==".count).prefix { $0.isNumber }) : ""
            if pypiMajor == major {
                if Version(site.value) != Version(cudnn) {
                    edit(site, to: cudnn, "torch \(torch) pins \(cudnnPackage)==\(cudnn)")
                }
            } else {
                attention(site, "torch \(torch)'s PyPI build is CUDA \(pypiMajor) and pins cuDNN \(cudnn) for it; check this \(cudnnPackage) pin against the build you install")
            }
        default:
            if site.note == "built for one torch (local label)", let torch = newTorch, let old = oldTorch, old != torch,
               let label = Version(site.value)?.localLabel,
               let r = label.range(of: #"torch[0-9]+\.[0-9]+"#, options: .regularExpression),
               String(label[r].dropFirst(5)) != VersionEncoding.minor(torch) {
                attention(site, "\(package)==\(site.value) is built for \(label[r]) (its local label): it will not load into torch \(torch); pin its build for torch \(VersionEncoding.minor(torch) ?? torch) in the same change, or hold this file on torch \(old)")
                return
            }
            if package.hasPrefix("pytorch-triton") || package.hasPrefix("triton-") {
                // Release wheels (`+rocm6.4`, `+xpu`) require the plain version of torch's triton (`pytorch-triton-rocm
                // ==3.4.0` beside triton 3.4.0); git-hash versions belong to nightlies.
                if let triton = companions?.triton, let v = Version(site.value), v.localLabel == nil, !v.isPrerelease,
                   site.op == "==" || site.op == "===" {
                    planTorchFamily(site, newPublic: triton, what: "\(package) follows torch's triton (torch \(newTorch ?? "") requires triton \(triton))")
                } else {
                    attention(site, "\(package) comes from the PyTorch index with a git-hash version; read the pin that torch \(newTorch ?? "") requires from its metadata")
                }
            }
        }
    }

    /// torch/torchvision/torchaudio/triton pins: exact pins move to the new version (local labels kept or moved with
    /// the variant), ranges are widened only when they exclude the new version.
    mutating func planTorchFamily(_ site: PinSite, newPublic: String?, what: String) {
        guard let newPublic, let newVersion = Version(newPublic) else { return }
        let op = site.op ?? "=="
        let reason = site.role == .doc ? "docs: \(what)" : what
        switch op {
        case "==", "===":
            if site.value.hasSuffix(".*") {
                let old = String(site.value.dropLast(2))
                edit(site, to: VersionEncoding.reencode(old: old, new: newVersion.description) + ".*", reason)
                return
            }
            guard let old = Version(site.value) else { return }
            var label = old.localLabel
            if let l = label, let variant = Variant(localLabel: l) { label = mappedVariant(variant).tag }
            var text = newVersion.publicVersion.description
            if let label { text += "+" + label }
            edit(site, to: text, reason)
        case ">=", "~=", ">":
            guard let old = Version(site.value) else { return }
            // Lower bounds that name the old version (of torch, or of the companion that went with it) move with
            // it, kept at the same precision.
            let oldReference: String? = switch site.subject {
            case "torch": oldTorch
            case "torchvision": oldCompanions?.torchvision
            case "torchaudio": oldCompanions?.torchaudio ?? oldCompanions?.torchaudioHold
            default: nil
            }
            // A patch release within the bound's series keeps it: `>=2.9.0` admits 2.9.1, and raising it would
            // force every 2.9.0 user to upgrade torch for nothing.
            let samePatchSeries = Array(old.release.prefix(2)) == Array(newVersion.release.prefix(2))
            if let reference = oldReference.flatMap(Version.init), !samePatchSeries,
               old.release.prefix(2) == reference.release.prefix(2), old <= newVersion {
                edit(site, to: VersionEncoding.reencode(old: site.value, new: newVersion.publicVersion.description),
                     "\(reason): lower bound follows the new version")
            } else if old > newVersion {
                attention(site, "lower bound \(op)\(site.value) excludes the target \(newVersion)")
            }
        case "<", "<=":
            guard let bound = Version(site.value) else { return }
            let excluded = op == "<" ? newVersion >= bound : newVersion > bound
            if excluded {
                // Next minor after the new version, at the bound's precision.
                let next = "\(newVersion.major).\(newVersion.minor + 1)"
                edit(site, to: VersionEncoding.reencode(old: site.value, new: next), "\(reason): upper bound must admit \(newVersion)")
            }
        case "!=":
            break
        default:
            break
        }
    }

    mutating func planXformers(_ site: PinSite) {
        guard let torch = newTorch, oldTorch != newTorch else { return }
        if let pairing = matrix.xformers(for: torch) {
            planTorchFamily(site, newPublic: pairing.version, what: "xformers \(pairing.version) is the release built for torch \(torch)")
        } else {
            plan.deferrals.append(Deferral(
                platform: site.platform, current: "xformers==\(site.value)",
                reason: "no xformers release is known for torch \(torch); \(extensionAdvice("xformers"))",
                location: site.location))
            leave(site, "no xformers release for torch \(torch) yet (see `torchbump deps`)")
        }
    }

    mutating func planTiedExtension(_ site: PinSite, _ tied: TiedExtensions) {
        guard let torch = newTorch, oldTorch != newTorch || platformTorch[site.platform] != newTorch,
              let old = Version(site.value) else { return }
        if tied.notNeeded(for: torch) {
            attention(site, "\(tied.package) is not needed with torch \(torch) (\(tied.vendorNote)): remove this line")
            return
        }
        let isXPU = old.localLabel.flatMap { Variant(localLabel: $0) } == .xpu
        var new: String?
        if isXPU {
            new = tied.release(for: torch).map { $0 + "+xpu" }
        } else if let v = Version(torch), tied.release(for: torch) != nil {
            new = "\(v.major).\(v.minor).0"  // CPU builds on PyPI: X.Y.0 pairs with torch X.Y
        }
        if let new {
            edit(site, to: new, "\(tied.package) release that pairs with torch \(torch)")
        } else {
            leave(site, "\(tied.package) has no release for torch \(torch)")
        }
    }

    func sameMarker(_ a: PinSite, _ b: PinSite) -> Bool {
        func marker(_ context: String) -> String {
            guard let semi = context.firstIndex(of: ";") else { return "" }
            let rest = context[context.index(after: semi)...]
            let noComment = rest.split(separator: "#", maxSplits: 1).first.map(String.init) ?? String(rest)
            return noComment.filter { !$0.isWhitespace }.replacingOccurrences(of: "'", with: "\"")
        }
        return marker(a.context) == marker(b.context)
    }

    func mentionsOldVersion(_ site: PinSite) -> Bool {
        guard let old = oldTorch, let v = Version(site.value) else { return false }
        return v.publicVersion.description == old
    }

    func isNightlyVersion(_ text: String) -> Bool {
        guard let v = Version(text) else { return false }
        return v.isDevrelease
    }

    /// A variant moved by the CUDA/ROCm maps (labels like `+cu124` follow the CUDA move).
    func mappedVariant(_ variant: Variant) -> Variant {
        switch variant {
        case .cuda:
            if let m = variant.toolkitVersion, let new = cudaMap[m], let v = Variant(cudaVersion: new) { return v }
        case let .rocm(r):
            if let new = rocmMap[r] { return .rocm(new) }
        default:
            break
        }
        return variant
    }
}
