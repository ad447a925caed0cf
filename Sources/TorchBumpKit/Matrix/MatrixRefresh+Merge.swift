import Foundation

/// Turning live answers into release rows: a live answer replaces the bundled cell and clears its uncertain mark;
/// a cell without an answer keeps its bundled value and mark.
extension MatrixRefresh {
    /// Everything the indexes say about one release.
    func facts(for files: ReleaseFiles, metadata: CoreMetadata?, companions: CompanionPins,
               variants: [Variant: Set<Version>], diagnostics: inout [Diagnostic]) -> ReleaseFacts {
        var f = ReleaseFacts()
        f.date = Self.uploadDate(files.wheels)
        let pythons = Self.pythons(files.wheels)
        if !pythons.isEmpty { f.python = pythons }
        if let metadata {
            let requirements = metadata.requiresDist.compactMap(DistRequirement.init)
            f.requiresPython = metadata.requiresPython
            f.triton = Self.tritonPin(requirements)
            if let cuda = Self.cuda(requirements) {
                f.pypiCUDA = cuda.variant
                f.cudaToolkitPip = cuda.pip
            }
            f.cudnn = Self.cudnn(requirements)
        } else {
            f.requiresPython = Self.preferredWheel(files.wheels)?.file.requiresPython
                ?? files.wheels.lazy.compactMap(\.file.requiresPython).first
        }

        let torch = files.version.description
        let vision = CompanionPins.exact(companions.torchvision, torch: torch)
        f.torchvision = vision.version
        f.torchvisionYanked = vision.yanked
        let audio = CompanionPins.exact(companions.torchaudio, torch: torch)
        f.torchaudio = audio.version
        f.torchaudioYanked = audio.yanked
        if audio.version == nil {
            // After the freeze: the newest torchaudio that declares no torch requirement or one admitting this torch.
            f.torchaudioNewestUsable = companions.torchaudio
                .filter { !$0.yanked && ($0.declaresTorch ? $0.range?.contains(files.version) == true : true) }
                .map(\.version).max()?.description
        }

        if !variants.isEmpty {
            let present = variants.filter { $0.value.contains(files.version) }.map(\.key)
            if present.isEmpty {
                diagnostics.append(.note("torch \(torch) is on none of the variant pages under \(redact(pytorchBase)); "
                    + "its variant lists are kept as bundled"))
            } else {
                f.cudaVariants = present.filter(\.isCUDA).sorted()
                f.rocmVariants = present.filter(\.isROCm).sorted()
                f.xpu = present.contains(.xpu)
            }
        }
        return f
    }

    /// A bundled release with the live answers applied.
    static func merge(_ old: TorchRelease, facts f: ReleaseFacts) -> TorchRelease {
        var r = old
        var confirmed = Set<String>()
        func set<T>(_ value: T?, _ field: String, _ apply: (T) -> Void) {
            guard let value else { return }
            apply(value)
            confirmed.insert(field)
        }
        set(f.date, "date") { r.date = $0 }
        set(f.python, "python") { r.python = $0 }
        set(f.requiresPython, "requiresPython") { r.requiresPython = $0 }
        set(f.triton, "triton") { r.triton = $0 }
        set(f.pypiCUDA, "pypiCUDA") { r.pypiCUDA = $0 }
        set(f.cudaToolkitPip, "cudaToolkitPip") { r.cudaToolkitPip = $0 }
        set(f.cudnn, "cudnn") { r.cudnn = $0 }
        set(f.torchvision, "torchvision") {
            r.torchvision = $0
            r.torchvisionYanked = f.torchvisionYanked
        }
        set(f.torchaudio, "torchaudio") {
            r.torchaudio = $0
            r.torchaudioYanked = f.torchaudioYanked
            r.torchaudioNewestUsable = nil
            confirmed.insert("torchaudioNewestUsable")
        }
        set(f.cudaVariants, "cudaVariants") { r.cudaVariants = $0 }
        set(f.rocmVariants, "rocmVariants") { r.rocmVariants = $0 }
        set(f.xpu, "xpu") { r.xpu = $0 }
        r.uncertain = r.uncertain.filter { entry in
            !confirmed.contains(String(entry.split(separator: ":", maxSplits: 1).first ?? ""))
        }
        return r
    }

    /// A release the bundled data does not know: cells the indexes answer are live; the others are copied from
    /// `template` (the previous release) and marked uncertain.
    static func newRelease(_ torch: String, facts f: ReleaseFacts, template t: TorchRelease, today: String) -> TorchRelease {
        var r = TorchRelease(
            torch: torch, date: today, triton: t.triton, python: t.python, requiresPython: t.requiresPython,
            pypiCUDA: t.pypiCUDA, cudaVariants: t.cudaVariants, rocmVariants: t.rocmVariants, xpu: t.xpu,
            cudaToolkitPip: t.cudaToolkitPip, cudnn: t.cudnn, cxxStandard: t.cxxStandard,
            uncertain: ["date", "torchvision", "triton", "python", "requiresPython", "pypiCUDA", "cudaVariants",
                        "rocmVariants", "xpu", "cudaToolkitPip", "cudnn", "cxxStandard"],
            notes: "added by a refresh on \(today); cells marked uncertain are copied from torch \(t.torch)")
        if f.torchaudio == nil {
            r.torchaudioNewestUsable = f.torchaudioNewestUsable ?? t.torchaudio ?? t.torchaudioNewestUsable
            r.uncertain.append("torchaudioNewestUsable")
            if f.torchaudioNewestUsable != nil {
                r.torchaudioNote = "no torchaudio pins torch \(torch); \(r.torchaudioNewestUsable ?? "") is the newest "
                    + "whose requirement admits it"
            }
        }
        if t.cxxStandard == nil { r.uncertain.removeAll { $0 == "cxxStandard" } }
        return merge(r, facts: f)
    }
}
