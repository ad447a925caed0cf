import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct IndexConfigurationTests {
    /// A fake machine: environment plus files.
    struct Machine {
        var env: [String: String] = ["HOME": "/home/u"]
        var files: [String: String] = [:]
        var pip: String? = "https://pip-default.example/simple"

        func discover(_ flags: IndexConfiguration.Flags = .init()) -> IndexConfiguration {
            discoverNotingPip(flags).config
        }

        /// Also says whether the pip fallback was consulted.
        func discoverNotingPip(_ flags: IndexConfiguration.Flags = .init()) -> (config: IndexConfiguration, askedPip: Bool) {
            var asked = false
            let config = IndexConfiguration.discover(flags: flags, environment: env, readFile: { files[$0] }) {
                asked = true
                return pip
            }
            return (config, asked)
        }
    }

    static let uvToml = """
        # user config
        index-url = "https://uv-legacy.example/simple"

        [[index]]
        name = "corp"
        url = "https://uv-default.example/simple"
        default = true

        [[index]]
        name = "pytorch-cu128"
        url = "https://download.pytorch.org/whl/cu128"
        explicit = true

        [pip]
        extra-index-url = ["https://uv-pip-extra.example/simple"]
        """

    static let pipConf = """
        [global]
        index-url = https://pip-conf.example/simple
        extra-index-url =
            https://pip-extra-1.example/simple
            https://pip-extra-2.example/simple
        timeout = 60
        """

    /// Each row removes the highest remaining source; the next one must win.
    @Test func defaultIndexPrecedence() {
        var m = Machine()
        m.env["UV_DEFAULT_INDEX"] = "https://uv-default-env.example/simple"
        m.env["UV_INDEX_URL"] = "https://uv-index-url.example/simple"
        m.env["PIP_INDEX_URL"] = "https://pip-env.example/simple"
        m.files["/home/u/.config/uv/uv.toml"] = Self.uvToml
        m.files["/home/u/.config/pip/pip.conf"] = Self.pipConf

        var (c, asked) = m.discoverNotingPip(.init(indexURL: "https://flag.example/simple"))
        #expect(c.defaultIndex?.url == "https://flag.example/simple")
        #expect(c.defaultIndex?.source == .flag("--index-url"))
        #expect(c.defaultIndexCandidates.map(\.url) == [
            "https://flag.example/simple", "https://uv-default-env.example/simple", "https://uv-index-url.example/simple",
            "https://pip-env.example/simple", "https://uv-default.example/simple", "https://pip-conf.example/simple",
        ])
        #expect(!asked, "pip is only asked when nothing is configured")

        c = m.discover()
        #expect(c.defaultIndex?.source == .environment("UV_DEFAULT_INDEX"))
        m.env["UV_DEFAULT_INDEX"] = nil
        #expect(m.discover().defaultIndex?.source == .environment("UV_INDEX_URL"))
        m.env["UV_INDEX_URL"] = nil
        #expect(m.discover().defaultIndex?.source == .environment("PIP_INDEX_URL"))
        m.env["PIP_INDEX_URL"] = nil
        c = m.discover()
        #expect(c.defaultIndex?.url == "https://uv-default.example/simple")
        #expect(c.defaultIndex?.source == .uvConfig(path: "/home/u/.config/uv/uv.toml", key: "[[index]] default = true"))
        m.files["/home/u/.config/uv/uv.toml"] = nil
        c = m.discover()
        #expect(c.defaultIndex?.url == "https://pip-conf.example/simple")
        #expect(c.defaultIndex?.source == .pipConfig(path: "/home/u/.config/pip/pip.conf", key: "[global] index-url"))
        m.files = [:]
        (c, asked) = m.discoverNotingPip()
        #expect(asked)
        #expect(c.defaultIndex == IndexSetting(url: "https://pip-default.example/simple", source: .pipDefault))
        m.pip = nil
        c = m.discover()
        #expect(c.defaultIndex == nil)
        #expect(c.diagnostics.contains { $0.severity == .warning })
    }

    @Test func extraIndexesFromEverySourceInOrderWithoutDuplicates() {
        var m = Machine()
        m.env["UV_INDEX"] = "cu128=https://download.pytorch.org/whl/cu128 https://uv-index.example/simple"
        m.env["UV_EXTRA_INDEX_URL"] = "https://download.pytorch.org/whl/cu128/"
        m.env["PIP_EXTRA_INDEX_URL"] = "https://pip-env-extra.example/simple\thttps://pip-env-extra-2.example/simple"
        m.files["/home/u/.config/uv/uv.toml"] = Self.uvToml
        m.files["/home/u/.config/pip/pip.conf"] = Self.pipConf
        let c = m.discover(.init(extraIndexURLs: ["https://flag-extra.example/simple"]))
        #expect(c.extraIndexes.map(\.url) == [
            "https://flag-extra.example/simple",
            "https://download.pytorch.org/whl/cu128",
            "https://uv-index.example/simple",
            "https://pip-env-extra.example/simple",
            "https://pip-env-extra-2.example/simple",
            "https://uv-pip-extra.example/simple",
            "https://pip-extra-1.example/simple",
            "https://pip-extra-2.example/simple",
        ])
        #expect(c.extraIndexes[1].name == "cu128")
        #expect(c.extraIndexes[1].source == .environment("UV_INDEX"))
    }

    @Test func uvAndPipDisagreeingIsReported() {
        var m = Machine()
        m.env["UV_DEFAULT_INDEX"] = "https://uv.example/simple"
        m.env["PIP_INDEX_URL"] = "https://pip.example/simple"
        let c = m.discover()
        #expect(c.diagnostics.contains { $0.severity == .warning && $0.message.contains("uv ignores pip.conf") })
        #expect(c.diagnostics.contains { $0.severity == .note && $0.message.contains("overrides https://pip.example/simple") })
    }

    @Test func credentialsInSettingsAreRedactedInDescriptions() {
        var m = Machine()
        m.env["PIP_INDEX_URL"] = "https://me:t0ken@private.example/simple"
        m.env["UV_DEFAULT_INDEX"] = "https://other.example/simple"
        let c = m.discover()
        #expect(!c.defaultIndexCandidates.map(\.description).joined().contains("t0ken"))
        #expect(!c.diagnostics.map(\.message).joined().contains("t0ken"))
        #expect(c.defaultIndexCandidates[1].url.contains("t0ken"), "the raw URL is kept for requests")
    }

    @Test func pipConfigFileEnvironmentVariable() {
        var m = Machine()
        m.files["/ci/pip.conf"] = "[install]\nindex-url = https://install-section.example/simple\n[global]\nindex_url = https://g.example/simple\n"
        m.files["/home/u/.config/pip/pip.conf"] = Self.pipConf
        m.files["/etc/pip.conf"] = "[global]\nindex-url = https://etc.example/simple\n"
        m.env["PIP_CONFIG_FILE"] = "/ci/pip.conf"
        var c = m.discover()
        #expect(c.defaultIndex?.url == "https://install-section.example/simple")
        #expect(c.defaultIndex?.source == .pipConfig(path: "/ci/pip.conf", key: "[install] index-url"))
        #expect(!c.defaultIndexCandidates.contains { $0.url == "https://pip-conf.example/simple" },
                "user files are skipped when PIP_CONFIG_FILE exists")
        #expect(c.defaultIndexCandidates.last?.url == "https://etc.example/simple")
        m.env["PIP_CONFIG_FILE"] = "/dev/null"
        c = m.discover()
        #expect(c.defaultIndex?.source == .pipDefault, "os.devnull disables every pip config file")
    }

    @Test func xdgConfigHomeIsUsedForUVAndPip() {
        var m = Machine()
        m.env["XDG_CONFIG_HOME"] = "/xdg"
        m.files["/xdg/uv/uv.toml"] = "index-url = 'https://xdg-uv.example/simple'"
        m.files["/home/u/.config/uv/uv.toml"] = "index-url = 'https://ignored.example/simple'"
        #expect(m.discover().defaultIndex?.url == "https://xdg-uv.example/simple")
        m.files["/xdg/uv/uv.toml"] = nil
        m.files["/xdg/pip/pip.conf"] = "[global]\nindex-url=https://xdg-pip.example/simple"
        #expect(m.discover().defaultIndex?.url == "https://xdg-pip.example/simple")
    }

    @Test func pytorchBaseAndSubIndexURLs() {
        var c = Machine().discover()
        #expect(c.pytorchBase == IndexSetting(url: "https://download.pytorch.org/whl", source: .builtIn))
        #expect(c.pytorchIndexURL(channel: .release, variant: .cuda(major: 12, minor: 8))?.absoluteString
            == "https://download.pytorch.org/whl/cu128/")
        #expect(c.pytorchIndexURL(channel: .test, variant: .rocm("6.2.4"))?.absoluteString
            == "https://download.pytorch.org/whl/test/rocm6.2.4/")
        c = Machine().discover(.init(indexBase: "http://127.0.0.1:8080/mirror/whl/"))
        #expect(c.pytorchBase.source == .flag("--index-base"))
        #expect(c.pytorchIndexURL(channel: .nightly, variant: .cpu)?.absoluteString == "http://127.0.0.1:8080/mirror/whl/nightly/cpu/")
    }

    @Test func sourceDoesNotHardCodePyPI() throws {
        // The default index must come from configuration or the installed pip, never from a literal.
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/TorchBumpKit/Index").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }
        #expect(!names.isEmpty)
        for name in names {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("pypi.org"), "\(name) mentions the PyPI host")
        }
    }
}

@Suite struct ConfigFileReaderTests {
    @Test func uvTomlShapes() {
        let text = #"""
            extra-index-url = [
              "https://a.example/simple",  # comment
              'https://b.example/simple',
            ]
            index = [{ name = "inline", url = "https://inline.example/simple", default = false }]
            [pip]
            index-url = """https://pip-section.example/simple"""
            [[index]]
            url = "https://c.example/simple"
            default = true
            [tool.other]
            url = "https://ignored.example"
            """#
        let c = UVConfigFile.parse(text)
        #expect(c.extraIndexURLs == ["https://a.example/simple", "https://b.example/simple"])
        #expect(c.pipIndexURL == "https://pip-section.example/simple")
        #expect(c.indexes.map(\.url) == ["https://inline.example/simple", "https://c.example/simple"])
        #expect(c.indexes.map(\.name) == ["inline", nil])
        #expect(c.defaultIndex?.url == "https://c.example/simple")
    }

    @Test(arguments: ["", "[", "[[", "a =", "a = [", "a = {", "a = \"", "= 3", "[[index]]\nurl = ", "index = [{url=}]"])
    func malformedTomlNeverCrashes(_ text: String) {
        _ = UVConfigFile.parse(text)
    }

    @Test func pipConfContinuationsAndComments() {
        let c = PipConfigFile.parse("""
            ; comment
            [global]
            Index_URL: https://x.example/simple
            extra-index-url = https://e1.example/simple
              https://e2.example/simple
            # another
            [install]
            extra-index-url = https://e3.example/simple
            """)
        #expect(c.indexURL?.url == "https://x.example/simple")
        #expect(c.extraIndexURLs.map(\.url) == ["https://e3.example/simple", "https://e1.example/simple", "https://e2.example/simple"])
    }

    @Test(arguments: [
        ("https://a.example/simple", nil, "https://a.example/simple"),
        ("cu128=https://download.pytorch.org/whl/cu128", "cu128", "https://download.pytorch.org/whl/cu128"),
        ("https://h.example/simple?token=abc", nil, "https://h.example/simple?token=abc"),
    ] as [(String, String?, String)])
    func uvIndexEntries(_ entry: String, _ name: String?, _ url: String) {
        let parsed = IndexConfiguration.namedEntries(entry)
        #expect(parsed.count == 1)
        #expect(parsed.first?.name == name)
        #expect(parsed.first?.url == url)
    }
}
