import Foundation
import Testing
@testable import TorchBumpKit

private func parse(_ text: String, prefix: [String] = ["tool", "torchbump"]) -> (TorchBumpConfig, [String]) {
    let (config, diagnostics) = ConfigLoader.parse(SourceFile(path: "pyproject.toml", text: text), prefix: prefix)
    return (config, diagnostics.map(\.description))
}

struct ConfigLoaderTests {
    @Test func readsEveryKey() {
        let (config, diagnostics) = parse("""
            [project]
            name = "demo"

            [tool.torchbump]
            include = ["ci/*.env"]
            exclude = ["third_party/**", "vendor/**"]
            constants = ["MYPROJ_CUDA"]

            [tool.torchbump.platforms]
            "docker/Dockerfile.gaudi" = "hpu"
            "requirements/tpu*.txt" = "tpu"

            [[tool.torchbump.sites]]
            files = ["ci/versions.env"]
            pattern = '^TORCH=(?<value>\\S+)$'
            subject = "torch"

            [[tool.torchbump.sites]]
            files = ["scripts/*.sh"]
            pattern = 'cuda-(?<value>[0-9.]+)'
            subject = "CUDA"
            kind = "version"
            platform = "cuda"

            [tool.torchbump.extensions]
            xformers = { policy = "hold", index = "https://download.pytorch.org/whl/cu128" }

            [tool.torchbump.extensions.flashinfer-python]
            probe = true
            """)
        #expect(diagnostics == [])
        #expect(config.include == ["ci/*.env"])
        #expect(config.exclude == ["third_party/**", "vendor/**"])
        #expect(config.constants == ["MYPROJ_CUDA"])
        #expect(config.platforms.map(\.glob) == ["docker/Dockerfile.gaudi", "requirements/tpu*.txt"])
        #expect(config.platforms.map(\.platform) == [.hpu, .tpu])
        #expect(config.customSites == [
            CustomSiteRule(files: ["ci/versions.env"], pattern: "^TORCH=(?<value>\\S+)$", subject: "torch"),
            CustomSiteRule(files: ["scripts/*.sh"], pattern: "cuda-(?<value>[0-9.]+)", subject: "cuda",
                           kind: .version, platform: .cuda),
        ])
        #expect(config.extensions == [
            "xformers": ["policy": "hold", "index": "https://download.pytorch.org/whl/cu128"],
            "flashinfer-python": ["probe": "true"],
        ])
    }

    static let invalid: [(String, String)] = [
        ("[tool.torchbump]\ninclude = \"x\"\nexclude = [1]\n", "pyproject.toml:3:1: error: `tool.torchbump.exclude` must be an array of strings"),
        ("[tool.torchbump.platforms]\n\"a/*\" = \"gpu\"\n",
         "pyproject.toml:2:1: error: `tool.torchbump.platforms.\"a/*\"`: unknown platform `gpu` (known: cuda, cpu, rocm, xpu, tpu, hpu, neuron, arm, ppc64le, s390x, nightly, all)"),
        ("[[tool.torchbump.sites]]\nfiles = [\"x\"]\npattern = 'TORCH=(\\S+'\nsubject = \"torch\"\n", "pyproject.toml:3:1: error: `tool.torchbump.sites.pattern`: regular expression does not compile"),
        ("[[tool.torchbump.sites]]\nfiles = [\"x\"]\npattern = 'TORCH=(\\S+)'\nsubject = \"torch\"\n",
         "pyproject.toml:3:1: error: `tool.torchbump.sites.pattern`: the pattern needs a named capture `(?<value>…)` around the version"),
        ("[[tool.torchbump.sites]]\nfiles = [\"x\"]\npattern = '(?<value>x)'\n", "pyproject.toml:1:1: error: `tool.torchbump.sites` needs `subject`"),
        ("[[tool.torchbump.sites]]\nfiles = [\"x\"]\npattern = '(?<value>x)'\nsubject = \"torch\"\nkind = \"pin\"\n",
         "pyproject.toml:5:1: error: `tool.torchbump.sites.kind`: unknown site kind `pin`"),
        ("[tool.torchbump]\ninclude = [\"a\",\n\n[tool.other]\nx = 1\n", "pyproject.toml:2:1: error: TOML syntax: unterminated array"),
        ("[tool.torchbump]\nexlcude = [\"a\"]\n", "pyproject.toml:2:1: warning: unknown configuration key `tool.torchbump.exlcude` (ignored)"),
    ]

    @Test(arguments: invalid)
    func reportsInvalidConfigurationAtItsLine(_ text: String, _ expected: String) {
        let (_, diagnostics) = parse(text)
        #expect(diagnostics.contains { $0.hasPrefix(expected) }, "\(diagnostics)")
    }

    @Test func invalidSiteIsDropped() {
        let (config, diagnostics) = parse("[[tool.torchbump.sites]]\nfiles = [\"x\"]\npattern = '('\nsubject = \"t\"\n")
        #expect(config.customSites.isEmpty)
        #expect(diagnostics.count == 1)
    }

    @Test func syntaxErrorsOutsideTheConfigAreLeftToTheScanner() {
        let (config, diagnostics) = parse("[project]\ndependencies = [\"a\"\n[tool.torchbump]\nconstants = [\"X\"]\n")
        #expect(diagnostics == [])
        #expect(config.constants == ["X"])
    }

    @Test func loadsFromDiskPreferringPyproject() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        // No configuration at all.
        var (config, diagnostics) = ConfigLoader.load(root: root)
        #expect(config == TorchBumpConfig())
        #expect(diagnostics.isEmpty)
        // torchbump.toml with top-level keys.
        try "constants = [\"A\"]\nbogus = 1\n".write(to: root.appendingPathComponent("torchbump.toml"), atomically: true, encoding: .utf8)
        (config, diagnostics) = ConfigLoader.load(root: root)
        #expect(config.constants == ["A"])
        #expect(diagnostics.map(\.description) == ["torchbump.toml:2:1: warning: unknown configuration key `bogus` (ignored)"])
        // A pyproject.toml without [tool.torchbump] does not hide torchbump.toml.
        try "[project]\nname = \"x\"\n".write(to: root.appendingPathComponent("pyproject.toml"), atomically: true, encoding: .utf8)
        (config, _) = ConfigLoader.load(root: root)
        #expect(config.constants == ["A"])
        // With [tool.torchbump], pyproject.toml wins.
        try "[tool.torchbump]\nconstants = [\"B\"]\n".write(to: root.appendingPathComponent("pyproject.toml"), atomically: true, encoding: .utf8)
        (config, diagnostics) = ConfigLoader.load(root: root)
        #expect(config.constants == ["B"])
        #expect(diagnostics.isEmpty)
    }
}
