/// Maps the names projects use for tracked packages outside requirement strings — Dockerfile ARG prefixes
/// (`PYTORCH_VISION_BRANCH`), repository names (`Dao-AILab/flash-attention`), image names — to normalised
/// distribution names.
enum PackageAliases {
    /// Whether the (already normalised) distribution name is tracked.
    static func isTracked(_ normalized: String) -> Bool { TrackedPackages.contains(normalized) }

    /// PEP 503 normalisation (lower case, runs of `-_.` become `-`).
    static func normalize(_ name: String) -> String { TrackedPackages.normalize(name) }

    /// Prefixes of variable names (`<PREFIX>_VERSION`, `<PREFIX>_BRANCH`) that differ from the package name.
    private static let variablePrefixes: [String: String] = [
        "pytorch": "torch", "torch": "torch",
        "vision": "torchvision", "pytorch-vision": "torchvision", "torch-vision": "torchvision",
        "audio": "torchaudio", "pytorch-audio": "torchaudio", "torch-audio": "torchaudio",
        "pytorch-triton": "triton",
        "flashinfer": "flashinfer-python", "flashinfer-python": "flashinfer-python",
        "flash-attention": "flash-attn", "flashattn": "flash-attn",
        "mamba": "mamba-ssm", "ipex": "intel-extension-for-pytorch", "oneccl": "oneccl-bind-pt",
        "torch-ccl": "oneccl-bind-pt", "oneccl-bindings": "oneccl-bind-pt", "xla": "torch-xla", "fbgemm": "fbgemm-gpu",
        "pytorch-ao": "torchao", "deepgemm": "deep-gemm", "tensorrt": "torch-tensorrt", "fa": "flash-attn",
        "flash-attn": "flash-attn",
    ]

    /// The package a variable prefix names (`PYTORCH_VISION` → torchvision, `FLASHINFER` → flashinfer-python).
    static func package(forVariablePrefix prefix: String) -> String? {
        let n = normalize(prefix)
        if let p = variablePrefixes[n] { return p }
        return isTracked(n) ? n : nil
    }

    /// The package a git repository URL builds (`github.com/facebookresearch/xformers` → xformers), or nil.
    /// Generic repository names (`vision`, `audio`, `ao`, `xla`, `pytorch`, `codec`) count only under PyTorch's
    /// own organisations (or ROCm/Intel forks).
    static func package(forRepository url: String) -> String? {
        guard let package = TrackedPackages.package(forRepositoryURL: url) else { return nil }
        var path = url
        if let q = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<q]) }
        let parts = path.split(separator: "/").map { $0.lowercased() }
        guard var repo = parts.last else { return nil }
        if repo.hasSuffix(".git") { repo.removeLast(4) }
        let owner = parts.count >= 2 ? parts[parts.count - 2] : ""
        let generic: Set<String> = ["pytorch", "vision", "audio", "ao", "xla", "codec"]
        let pytorchOwners: Set<String> = ["pytorch", "rocm", "meta-pytorch", "intel"]
        if generic.contains(repo) && !pytorchOwners.contains(owner) { return nil }
        return package
    }
}
