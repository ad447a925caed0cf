/// The companion versions that go with one torch release, from the release matrix or, for a release the matrix
/// does not know yet (a fresh RC), from PyTorch's published rules.
struct CompanionVersions: Sendable {
    var torch: String
    var torchvision: String?
    /// nil when no torchaudio matches; then `torchaudioHold` is the newest usable one (the 2.11 freeze).
    var torchaudio: String?
    var torchaudioHold: String?
    /// Triton version from torch's own `Requires-Dist` (without operator).
    var triton: String?
    /// Whether the matrix knows this release.
    var known: Bool
    /// Companions the matrix marks unverified (`torchvision 0.29.2?`).
    var uncertain: [String] = []

    static func lookup(torch: String, matrix: ReleaseMatrix) -> CompanionVersions {
        if let c = matrix.companions(of: torch) {
            let audio = c.torchaudio
            return CompanionVersions(
                torch: torch, torchvision: c.torchvision?.version,
                torchaudio: audio?.held == false ? audio?.version : nil,
                torchaudioHold: audio?.held == true ? audio?.version : nil,
                triton: c.triton.map { tritonVersion($0.specifier) }, known: true,
                uncertain: (c.torchvision?.uncertain == true ? ["torchvision \(c.torchvision?.version ?? "")"] : [])
                    + (audio?.uncertain == true ? ["torchaudio \(audio?.version ?? "")"] : []))
        }
        // Unknown release: torchvision minor = torch minor + 15 with the same patch; torchaudio frozen at the newest
        // usable release the matrix knows; triton unknown.
        var vision: String?
        if let v = Version(torch), v.release.count >= 2, v.major == 2 {
            vision = "0.\(v.minor + 15).\(v.micro)"
        }
        let newest = matrix.newestRelease
        let audioHold = matrix.companions(of: newest.torch)?.torchaudio?.version
        return CompanionVersions(torch: torch, torchvision: vision, torchaudio: nil, torchaudioHold: audioHold,
                                 triton: nil, known: false)
    }

    /// `==3.4.0; python_version < "3.13"` → `3.4.0`; `~=3.8.0` → `3.8.0`.
    static func tritonVersion(_ pin: String) -> String {
        var s = pin.split(separator: ";").first.map(String.init) ?? pin
        s = s.trimmingCharacters(in: .whitespaces)
        while let f = s.first, "=~<>! ".contains(f) { s.removeFirst() }
        return s
    }
}

/// Vendor extensions released in lockstep with torch (one release per torch minor), which a platform must wait for.
struct TiedExtensions: Sendable {
    var package: String
    /// torch `X.Y.Z` → extension version.
    var pairs: [String: String]
    var vendorNote: String
    /// The last torch minor that needs this package at all (the oneCCL binding is folded into IPEX from 2.8).
    var neededThrough: [Int]? = nil

    /// Whether torch no longer needs the package (its pin should be dropped, not moved).
    func notNeeded(for torch: String) -> Bool {
        guard let last = neededThrough, let v = Version(torch) else { return false }
        return Array(v.release.prefix(2)).lexicographicallyPrecedes(last) == false && Array(v.release.prefix(2)) != last
    }

    func release(for torch: String) -> String? {
        let key = Version(torch)?.publicVersion.description ?? torch
        return pairs[key]
    }

    static let all: [TiedExtensions] = [
        TiedExtensions(
            package: "intel-extension-for-pytorch",
            pairs: ["2.3.1": "2.3.110", "2.5.1": "2.5.10", "2.6.0": "2.6.10", "2.7.0": "2.7.10", "2.8.0": "2.8.10"],
            vendorNote: "Intel publishes one IPEX release per torch minor; development stopped after 2.8"),
        TiedExtensions(
            package: "oneccl-bind-pt",
            pairs: ["2.6.0": "2.6.0", "2.7.0": "2.7.0"],
            vendorNote: "the oneCCL binding follows IPEX; not needed from torch 2.8", neededThrough: [2, 7]),
    ]
}
