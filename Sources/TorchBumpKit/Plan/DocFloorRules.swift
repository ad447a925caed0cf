/// GPU and driver floors in docs ("compute capability 7.0 or higher", "R525 or newer") that a CUDA or torch move
/// makes false: PyTorch's wheels for the new default drop the oldest GPUs, a new CUDA major needs a newer driver.
/// Only floors that were true before the plan are reported; none is rewritten.
extension PlanBuilder {
    mutating func checkDocFloors() {
        guard let torch = newTorch, let newMain = newMainCUDA, moving.contains(.cuda), let newVariant = Variant(cudaVersion: newMain)
        else { return }
        let oldVariant = plan.current.cuda.flatMap { Variant(cudaVersion: $0) }
        for site in inventory.sites where site.role == .doc {
            switch site.subject {
            case "compute-capability":
                guard let floor = Double(site.value), let list = matrix.pytorchWheelArchList(torch: torch, variant: newVariant),
                      let lowest = Self.lowestArch(list), floor < lowest else { continue }
                if let old = oldTorch, let oldVariant, let oldList = matrix.pytorchWheelArchList(torch: old, variant: oldVariant),
                   let oldLowest = Self.lowestArch(oldList), oldLowest > floor { continue }  // already untrue
                let serving = (matrix.release(torch)?.cudaVariants ?? []).filter { v in
                    matrix.pytorchWheelArchList(torch: torch, variant: v).flatMap(Self.lowestArch).map { $0 <= floor } == true
                }.map(\.tag)
                attention(site, "torch \(torch)'s \(newVariant.tag) wheels start at compute capability \(Self.format(lowest)) (\(list)): GPUs with \(site.value) cannot run the default build; raise this floor"
                    + (serving.isEmpty ? "" : " or send those users to \(serving.joined(separator: "/")) wheels"))
            case "cuda-driver":
                guard let stated = Self.driverMajor(site.value), let need = matrix.cudaToolkit(newMain)?.minDriverLinux,
                      let needed = Self.driverMajor(need), stated < needed else { continue }
                if let old = plan.current.cuda, let was = matrix.cudaToolkit(old)?.minDriverLinux.flatMap(Self.driverMajor),
                   stated < was { continue }  // already untrue
                attention(site, "the default build moves to CUDA \(newMain), which needs NVIDIA driver \(need) or newer on Linux; this floor says \(site.value)")
            default:
                break
            }
        }
    }

    static func lowestArch(_ list: String) -> Double? {
        ReleaseMatrix.archTokens(list).compactMap { Double($0.replacingOccurrences(of: "+PTX", with: "")) }.min()
    }

    static func driverMajor(_ text: String) -> Int? {
        Int(text.split(separator: ".").first ?? "")
    }

    static func format(_ arch: Double) -> String {
        String(format: "%.1f", arch)
    }
}
