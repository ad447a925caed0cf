/// One OS flavour of NVIDIA's `nvidia/cuda` container images (`…-devel-ubuntu20.04`) and the CUDA minors it is
/// published for. A Dockerfile that moves its CUDA past `through` needs another OS in its base image tag.
public struct CUDAImageOS: Hashable, Sendable, Codable {
    /// The OS as written at the end of the image tag: `ubuntu20.04`.
    public var os: String
    /// The first CUDA minor with images for this OS (`11.0`); nil when the source does not say.
    public var from: String?
    /// The last CUDA minor with images for this OS (`12.9`); nil while NVIDIA still publishes it.
    public var through: String?
    /// The OS's glibc (`2.31`): what wheels built on such an image require at least.
    public var glibc: String?
    public var notes: String?

    public init(os: String, from: String? = nil, through: String? = nil, glibc: String? = nil, notes: String? = nil) {
        self.os = os
        self.from = from
        self.through = through
        self.glibc = glibc
        self.notes = notes
    }

    /// Whether NVIDIA publishes images of this OS for the CUDA minor (`13.0`, `13.0.2`).
    public func publishes(cuda: String) -> Bool {
        guard let minor = MatrixVersion.cudaMinor(cuda) else { return false }
        if let from, MatrixVersion.less(minor, from) { return false }
        if let through, MatrixVersion.less(through, minor) { return false }
        return true
    }
}

extension ReleaseMatrix {
    /// What the matrix knows about the OS of an `nvidia/cuda` image tag (`ubuntu20.04`); nil for OS flavours it
    /// does not tabulate.
    public func cudaImageOS(_ os: String) -> CUDAImageOS? {
        cudaImages.first { $0.os == os.lowercased() }
    }

    /// The tabulated OS flavours with `nvidia/cuda` images for a CUDA minor, oldest first.
    public func cudaImageOSes(for cuda: String) -> [CUDAImageOS] {
        cudaImages.filter { $0.publishes(cuda: cuda) }
    }
}
