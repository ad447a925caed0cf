/// The distributions whose pins torchbump reports: torch, its companions, the Triton builds and the
/// extensions compiled against torch — plus the lookup tables that map repositories and index hosts to them.
public enum TrackedPackages {
    /// PEP 503-normalised names, torch family first.
    public static let names: [String] = [
        "torch", "torchvision", "torchaudio",
        "triton", "pytorch-triton", "pytorch-triton-rocm", "pytorch-triton-xpu", "triton-rocm", "triton-xpu",
        "xformers", "flashinfer-python", "flashinfer-cubin", "flashinfer-jit-cache", "flashinfer",
        "mamba-ssm", "causal-conv1d", "flash-attn", "intel-extension-for-pytorch", "oneccl-bind-pt",
        "torchao", "torchcodec", "torch-xla", "fbgemm-gpu", "fbgemm-gpu-genai", "torchrec", "torchtune",
        "torch-tensorrt", "apex", "deep-gemm",
        // torch's PyPI wheels pin cuDNN exactly: a project pin of it must agree.
        "nvidia-cudnn-cu11", "nvidia-cudnn-cu12", "nvidia-cudnn-cu13",
    ]

    private static let nameSet = Set(names)

    /// Git repository names (last path component, lower-cased, `.git` dropped) that build a tracked package
    /// under another name.
    public static let repositoryAliases: [String: String] = [
        "pytorch": "torch", "vision": "torchvision", "audio": "torchaudio", "ao": "torchao", "codec": "torchcodec",
        "xla": "torch-xla", "fbgemm": "fbgemm-gpu", "flash-attention": "flash-attn", "mamba": "mamba-ssm",
        "deepgemm": "deep-gemm", "flashinfer": "flashinfer-python", "tensorrt": "torch-tensorrt",
        "intel-extension-for-pytorch": "intel-extension-for-pytorch", "torch-ccl": "oneccl-bind-pt",
    ]

    /// Index hosts (substring of the URL) that serve one tracked extension, not torch itself.
    public static let extensionIndexHosts: [(host: String, subject: String)] = [
        ("flashinfer.ai", "flashinfer-python"),
        ("pytorch-extension.intel.com", "intel-extension-for-pytorch"),
    ]

    /// PEP 503 normalisation (see `normalizePackageName`).
    public static func normalize(_ name: String) -> String { normalizePackageName(name) }

    /// Whether `name` (any spelling) is tracked.
    public static func contains(_ name: String) -> Bool { nameSet.contains(normalize(name)) }

    /// The tracked package a git URL builds (`https://github.com/org/flash-attention.git` → `flash-attn`).
    public static func package(forRepositoryURL url: String) -> String? {
        var path = url
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if let at = path.range(of: "@", options: .backwards), path[at.upperBound...].contains("/") == false,
           path[..<at.lowerBound].contains("://") { path = String(path[..<at.lowerBound]) }
        while path.hasSuffix("/") { path.removeLast() }
        guard var repo = path.split(separator: "/").last.map(String.init) else { return nil }
        if repo.lowercased().hasSuffix(".git") { repo = String(repo.dropLast(4)) }
        let key = repo.lowercased()
        if let alias = repositoryAliases[key] { return alias }
        let normalized = normalize(repo)
        return nameSet.contains(normalized) ? normalized : nil
    }

    /// The extension an index URL serves, for extension indexes (`https://flashinfer.ai/whl/cu128` → `flashinfer-python`).
    public static func extensionSubject(forIndexURL url: String) -> String? {
        let lower = url.lowercased()
        return extensionIndexHosts.first { lower.contains($0.host) }?.subject
    }
}
