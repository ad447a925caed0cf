/// Maps the names projects use for tracked packages outside requirement strings — Dockerfile ARG prefixes
/// (`PYTORCH_VISION_BRANCH`), repository names (`Dao-AILab/flash-attention`), image names — to normalised
/// distribution names.
enum PackageAliases {
    // TODO(sites-a merge): replace with the public `TrackedPackages` list once it lands; this is the only copy.
    static let tracked: Set<String> = [
        "torch", "torchvision", "torchaudio", "triton", "pytorch-triton", "pytorch-triton-rocm", "pytorch-triton-xpu",
        "triton-rocm", "triton-xpu", "xformers", "flashinfer-python", "flashinfer-cubin", "flashinfer-jit-cache",
        "flashinfer", "mamba-ssm", "causal-conv1d", "flash-attn", "intel-extension-for-pytorch", "oneccl-bind-pt",
        "torchao", "torchcodec", "torch-xla", "fbgemm-gpu", "fbgemm-gpu-genai",
    ]

    /// Whether the (already normalised) distribution name is tracked.
    static func isTracked(_ normalized: String) -> Bool { tracked.contains(normalized) }

    /// PEP 503 normalisation (lower case, runs of `-_.` become `-`).
    static func normalize(_ name: String) -> String {
        var out = ""
        var lastDash = false
        for ch in name.lowercased() {
            if ch == "-" || ch == "_" || ch == "." {
                if !lastDash && !out.isEmpty { out.append("-") }
                lastDash = true
            } else {
                out.append(ch)
                lastDash = false
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

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
        "pytorch-ao": "torchao",
    ]

    /// The package a variable prefix names (`PYTORCH_VISION` → torchvision, `FLASHINFER` → flashinfer-python).
    static func package(forVariablePrefix prefix: String) -> String? {
        let n = normalize(prefix)
        if let p = variablePrefixes[n] { return p }
        return isTracked(n) ? n : nil
    }

    /// The package a git repository URL builds (`github.com/facebookresearch/xformers` → xformers), or nil.
    static func package(forRepository url: String) -> String? {
        var path = url
        if let q = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<q]) }
        let parts = path.split(separator: "/").map(String.init)
        guard var repo = parts.last else { return nil }
        if repo.hasSuffix(".git") { repo.removeLast(4) }
        let owner = parts.count >= 2 ? parts[parts.count - 2].lowercased() : ""
        let name = normalize(repo)
        let pytorchOwners: Set<String> = ["pytorch", "rocm", "meta-pytorch", "intel"]
        switch name {
        case "pytorch" where pytorchOwners.contains(owner): return "torch"
        case "vision" where pytorchOwners.contains(owner): return "torchvision"
        case "audio" where pytorchOwners.contains(owner): return "torchaudio"
        case "ao" where pytorchOwners.contains(owner): return "torchao"
        case "xla" where pytorchOwners.contains(owner): return "torch-xla"
        case "fbgemm": return "fbgemm-gpu"
        case "torch-ccl": return "oneccl-bind-pt"
        case "flashinfer": return "flashinfer-python"
        case "flash-attention": return "flash-attn"
        case "mamba": return "mamba-ssm"
        default: return isTracked(name) ? name : nil
        }
    }
}
