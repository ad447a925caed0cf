import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct ConsistencyCheckerTests {
    typealias D = CheckFixture.Declaration

    func failures(_ findings: [Finding], _ rule: ConsistencyRule? = nil) -> [Finding] {
        findings.filter { $0.isFailure && (rule == nil || $0.rule == rule?.rawValue) }
    }

    @Test func cleanRepositoryHasNoFailures() {
        let findings = SampleRepository.fixture().check()
        #expect(failures(findings).isEmpty, "\(findings.map(\.message))")
        // Only notes: the held CPU pin and the triton pin that sits next to it.
        let notes = findings.filter { $0.severity == .note }
        #expect(notes.map(\.rule).sorted() == ["companion-mismatch", "torch-pins-disagree"])
        #expect(notes.allSatisfy { $0.primary.path == "requirements/cpu.txt" })
        let held = notes.first { $0.rule == "torch-pins-disagree" }
        #expect(held?.primary.line == 3)
        #expect(held?.related == [SourceLocation(path: "requirements/cpu.txt", line: 4, column: 8)])
        #expect(held?.message.contains("held back") == true)
    }

    @Test func everySiteOfTheFixtureWasBuilt() {
        let fixture = SampleRepository.fixture()
        #expect(fixture.sites.count == SampleRepository.declarations.count)
        for d in SampleRepository.declarations where fixture.makeSite(d) == nil {
            Issue.record("declaration not found: \(d.path):\(d.line) \(d.anchor)")
        }
        for site in fixture.sites {
            #expect(fixture.files[site.path]?[site.span] == site.value)
        }
    }

    // MARK: torch-pins-disagree

    @Test func torchPinsOfOnePlatformDisagree() throws {
        let fixture = SampleRepository.fixture(
            adding: ["requirements/dev.txt": "-r cuda.txt\ntorch==2.5.1\n"], sites: [.pin("requirements/dev.txt", 2, "torch")])
        let findings = failures(fixture.check())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.rule == "torch-pins-disagree")
        #expect(finding.severity == .error)
        #expect(finding.primary.short == "requirements/dev.txt:2")
        #expect(finding.related.map(\.short) == ["pyproject.toml:4"])
        #expect(finding.message.contains("requirements/dev.txt:2") && finding.message.contains("pyproject.toml:4"))
    }

    @Test(arguments: [
        ("torch==2.6.0+cu124\n", "local label of the same public version"),
        ("torch==2.7.0.dev20250121+cu126\n", "nightly pin"),
        ("torch==2.5.1  # hold: newer builds regress\n", "held back pin"),
    ])
    func torchPinsThatDoNotCount(line: String, why: String) {
        var extra = D.pin("requirements/dev.txt", 1, "torch")
        if why == "held back pin" { extra.heldReason = "hold: newer builds regress" }
        let fixture = SampleRepository.fixture(adding: ["requirements/dev.txt": line], sites: [extra])
        #expect(failures(fixture.check()).isEmpty, "\(why)")
    }

    @Test func otherPlatformsAreComparedSeparately() {
        // A ROCm file that lags behind is not a disagreement with the CUDA files.
        let fixture = SampleRepository.fixture(replacing: [
            ("requirements/rocm-build.txt", "torch==2.6.0", "torch==2.5.1"),
            ("requirements/rocm-build.txt", "torchvision==0.21.0", "torchvision==0.20.1"),
            ("requirements/rocm-build.txt", "torchaudio==2.6.0", "torchaudio==2.5.1"),
            ("requirements/rocm-build.txt", "triton==3.2.0", "triton==3.1.0"),
            ("CMakeLists.txt", "ROCM \"2.6.0\"", "ROCM \"2.5.1\""),
        ])
        #expect(failures(fixture.check()).isEmpty)
    }

    // MARK: companion-mismatch

    @Test(arguments: [
        ("requirements/cuda.txt", "torchvision==0.21.0", "torchvision==0.22.0", 4, "torchvision 0.21.0"),
        ("requirements/cuda.txt", "torchaudio==2.6.0", "torchaudio==2.5.1", 3, "torchaudio 2.6.0"),
        ("requirements/cuda.txt", "xformers==0.0.29.post2", "xformers==0.0.30", 5, "torch==2.7.0"),
        ("requirements/rocm-build.txt", "triton==3.2.0", "triton==3.3.0", 5, "triton==3.2.0"),
        ("requirements/test.in", "torchvision==0.21.0", "torchvision==0.20.1", 5, "torchvision 0.21.0"),
    ])
    func companionMismatch(path: String, old: String, new: String, line: Int, expectation: String) throws {
        let findings = failures(SampleRepository.fixture(replacing: [(path, old, new)]).check(), .companionMismatch)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.primary.short == "\(path):\(line)")
        let torchLine = path == "requirements/test.in" ? 3 : 2
        #expect(finding.related.map(\.short) == ["\(path):\(torchLine)"])
        #expect(finding.message.contains("\(path):\(torchLine)"))
        #expect(finding.message.contains(expectation), "\(finding.message)")
    }

    @Test(arguments: [("2.11.0", true), ("2.11.1", true), ("2.12.0", false), ("2.10.0", false)])
    func torchaudioIsHeldAfterTheFreeze(torchaudio: String, fine: Bool) {
        let fixture = CheckFixture(
            files: ["requirements/cuda.txt": "torch==2.12.0\ntorchaudio==\(torchaudio)\ntorchvision==0.27.0\n"],
            declarations: [.pin("requirements/cuda.txt", 1, "torch"), .pin("requirements/cuda.txt", 2, "torchaudio"),
                           .pin("requirements/cuda.txt", 3, "torchvision")])
        #expect(failures(fixture.check()).isEmpty == fine, "torchaudio \(torchaudio)")
    }

    /// torchao and torchcodec are compiled against one torch (minor): the tables say which.
    @Test(arguments: [
        ("torch==2.9.0\ntorchao==0.14.1\ntorchcodec==0.8.1\n", 0),
        ("torch==2.9.1\ntorchao==0.14.1\ntorchcodec==0.9\n", 1),
        ("torch==2.10.0\ntorchao==0.15.0\ntorchcodec==0.9.0\n", 2),
        ("torch==2.9.0\ntorchao==0.13.0\ntorchcodec==0.99\n", 0),  // not in the tables: nothing to say
    ])
    func torchCompiledExtensionsFollowTheirTable(text: String, count: Int) {
        let fixture = CheckFixture(
            files: ["requirements/cuda.txt": text],
            declarations: [.pin("requirements/cuda.txt", 1, "torch"), .pin("requirements/cuda.txt", 2, "torchao"),
                           .pin("requirements/cuda.txt", 3, "torchcodec")])
        let findings = failures(fixture.check(), .companionMismatch)
        #expect(findings.count == count, "\(findings.map(\.message))")
        #expect(findings.allSatisfy { $0.message.contains("requires torch==") })
    }

    @Test func companionsFollowTheMarkerOfTheirTorchPin() {
        // triton is marked x86_64 like the held 2.5.1+cpu pin: only a note (held, and +cpu wheels need no triton).
        let findings = SampleRepository.fixture().check().filter { $0.rule == "companion-mismatch" }
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .note)
        #expect(findings.first?.related.map(\.short) == ["requirements/cpu.txt:3"])
    }

    @Test func heldCompanionIsOnlyANote() {
        var declarations = SampleRepository.declarations
        let index = declarations.firstIndex { $0.path == "requirements/cuda.txt" && $0.subject == "torchvision" }
        declarations[index ?? 0].heldReason = "do not upgrade: phi3v breaks"
        var texts = SampleRepository.texts
        texts["requirements/cuda.txt"] = texts["requirements/cuda.txt"]?.replacingOccurrences(
            of: "torchvision==0.21.0", with: "torchvision==0.20.1")
        let findings = CheckFixture(files: texts, declarations: declarations).check()
            .filter { $0.rule == "companion-mismatch" && $0.primary.path == "requirements/cuda.txt" }
        #expect(findings.map(\.severity) == [.note])
        #expect(findings.first?.message.contains("phi3v breaks") == true)
    }

    @Test func companionWithoutTorchInItsFileUsesThePlatformPin() throws {
        let fixture = SampleRepository.fixture(
            adding: ["requirements/vision.txt": "torchvision==0.20.0\n"],
            sites: [.pin("requirements/vision.txt", 1, "torchvision")])
        let finding = try #require(failures(fixture.check(), .companionMismatch).first)
        #expect(finding.primary.short == "requirements/vision.txt:1")
        #expect(finding.related.first?.short == "pyproject.toml:4")
    }

    // MARK: index-variant-mismatch

    @Test func indexVariantDiffersFromMainCUDA() throws {
        let fixture = SampleRepository.fixture(
            adding: ["requirements/extra.txt": "--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.6.0\n"],
            sites: [.index("requirements/extra.txt", 1, after: "--extra-index-url ", name: "--extra-index-url"),
                    .pin("requirements/extra.txt", 2, "torch")])
        let findings = failures(fixture.check(), .indexVariantMismatch)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.primary.short == "requirements/extra.txt:1")
        #expect(finding.primary.column == 19)
        #expect(finding.related.map(\.short) == ["docker/Dockerfile:1"])
        #expect(finding.message.contains("cu121") && finding.message.contains("12.4"))
    }

    @Test func backendInPreCommitAndLockHeaderAreChecked() {
        let fixture = SampleRepository.fixture(replacing: [
            (".pre-commit-config.yaml", "--torch-backend, cu124", "--torch-backend, cu126"),
            ("requirements/test.txt", "--torch-backend cu124", "--torch-backend cu126"),
        ])
        let findings = failures(fixture.check(), .indexVariantMismatch)
        #expect(findings.map(\.primary.short).sorted() == [".pre-commit-config.yaml:11", "requirements/test.txt:2"])
        // The header token is located inside the command.
        let header = findings.first { $0.primary.path == "requirements/test.txt" }
        let line = SampleRepository.fixture().files["requirements/test.txt"]?.line(2) ?? ""
        let column = line.utf8.count - "cu124 --python-platform x86_64-manylinux_2_28".utf8.count + 1
        #expect(header?.primary.column == column)
    }

    @Test func secondaryVariantsAreNotMismatches() {
        let fixture = SampleRepository.fixture(
            adding: [
                ".buildkite/release-pipeline.yaml": "  - label: \"Build wheel - CUDA 12.1\"\n    commands: docker build --build-arg CUDA_VERSION=12.1.0 .\n",
                "requirements/cu118.txt": "--extra-index-url https://download.pytorch.org/whl/cu118\n",
                "docs/install.md": "pip install torch --index-url https://download.pytorch.org/whl/cu118\n",
                "requirements/nightly.txt": "--extra-index-url https://download.pytorch.org/whl/nightly/cu126\n",
            ],
            sites: [
                .version(".buildkite/release-pipeline.yaml", 2, after: "CUDA_VERSION=", subject: "cuda", name: "CUDA_VERSION"),
                .index("requirements/cu118.txt", 1, after: "--extra-index-url ", name: "--extra-index-url"),
                .index("docs/install.md", 1, after: "--index-url ", name: "--index-url", role: .doc),
                .index("requirements/nightly.txt", 1, after: "--extra-index-url ", name: "--extra-index-url",
                       platform: .nightly),
            ])
        #expect(failures(fixture.check()).isEmpty, "\(failures(fixture.check()).map(\.message))")
    }

    // MARK: cmake-vs-build

    @Test(arguments: [
        ("CUDA \"2.6.0\"", "CUDA \"2.5.1\"", 2, ["pyproject.toml:4", "requirements/build.txt:2"]),
        ("ROCM \"2.6.0\"", "ROCM \"2.5.1\"", 3, ["requirements/rocm-build.txt:2"]),
    ])
    func cmakeDiffersFromBuildRequirements(old: String, new: String, line: Int, related: [String]) throws {
        let findings = failures(SampleRepository.fixture(replacing: [("CMakeLists.txt", old, new)]).check())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.rule == "cmake-vs-build")
        #expect(finding.primary.short == "CMakeLists.txt:\(line)")
        #expect(finding.related.map(\.short) == related)
        #expect(finding.message.contains(related[0]))
    }

    @Test func rocmCMakeWithoutROCmBuildRequirementsIsNotCompared() {
        let fixture = SampleRepository.fixture(replacing: [("CMakeLists.txt", "ROCM \"2.6.0\"", "ROCM \"2.5.1\"")],
                                               removing: ["requirements/rocm-build.txt"])
        #expect(failures(fixture.check()).isEmpty)
    }

    // MARK: lock-stale

    @Test func lockDiffersFromItsInput() throws {
        let fixture = SampleRepository.fixture(replacing: [("requirements/test.txt", "torchvision==0.21.0+cu124", "torchvision==0.20.1+cu124")])
        let findings = failures(fixture.check())
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.rule == "lock-stale")
        #expect(finding.primary.short == "requirements/test.txt:12")
        #expect(finding.related.map(\.short) == ["requirements/test.in:5", "requirements/test.txt:2"])
        #expect(finding.message.contains("requirements/test.in:5"))
    }

    @Test func lockInputPinsFromAnIncludedFileCount() throws {
        // test.in pins nothing itself; the pins come from `-r common.txt`, resolved next to test.in.
        let fixture = SampleRepository.fixture(
            replacing: [("requirements/test.in", "torch==2.6.0\ntorchaudio==2.6.0\ntorchvision==0.21.0\n", "\n\n\n")],
            adding: ["requirements/common.txt": "torch==2.7.0\n"],
            sites: [.pin("requirements/common.txt", 1, "torch")])
        let stale = failures(fixture.check(), .lockStale)
        #expect(stale.map(\.primary.short) == ["requirements/test.txt:5"])
        #expect(stale.first?.related.first?.short == "requirements/common.txt:1")
    }

    @Test func lockHeaderDiffersFromPreCommitHook() throws {
        let fixture = SampleRepository.fixture(replacing: [("requirements/test.txt", "--torch-backend cu124", "--torch-backend cu121")])
        let findings = failures(fixture.check(), .lockStale)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.primary.short == "requirements/test.txt:2")
        #expect(finding.related.map(\.short) == [".pre-commit-config.yaml:11"])
        #expect(finding.message.contains("cu121") && finding.message.contains("cu124"))
    }

    @Test func lockHeaderWithAnIndexInsteadOfTheHookBackend() {
        let fixture = SampleRepository.fixture(replacing: [
            (".pre-commit-config.yaml", "--torch-backend, cu124", "--extra-index-url, https://download.pytorch.org/whl/test/cu124"),
        ])
        let findings = failures(fixture.check(), .lockStale)
        #expect(findings.count == 2)  // backend missing from the hook; index missing from the header
        #expect(findings.allSatisfy { $0.related.first?.path == ".pre-commit-config.yaml" })
    }

    // MARK: test-index-in-release

    @Test func rcIndexLeftBehind() throws {
        let fixture = SampleRepository.fixture(
            replacing: [("requirements/cpu.txt", "/whl/cpu", "/whl/test/cpu")])
        let findings = failures(fixture.check(), .testIndexInRelease)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .warning)
        #expect(finding.primary.short == "requirements/cpu.txt:2")
        #expect(finding.message.hasPrefix("RC index left behind"))
        #expect(finding.related.count == 1)
    }

    @Test func rcModeEverywhereIsNotLeftBehind() {
        let fixture = CheckFixture(
            files: ["requirements/cuda.txt": "--extra-index-url https://download.pytorch.org/whl/test/cu128\ntorch==2.8.0\n"],
            declarations: [.index("requirements/cuda.txt", 1, after: "--extra-index-url ", name: "--extra-index-url"),
                           .pin("requirements/cuda.txt", 2, "torch")])
        #expect(failures(fixture.check(), .testIndexInRelease).isEmpty)
    }

    // MARK: invalid-local-label-range

    @Test func localLabelInARange() throws {
        let fixture = SampleRepository.fixture(
            adding: ["requirements/tpu.txt": "torch>=2.6.0+cpu\n"], sites: [.pin("requirements/tpu.txt", 1, "torch", op: ">=")])
        let finding = try #require(failures(fixture.check()).first)
        #expect(finding.rule == "invalid-local-label-range")
        #expect(finding.primary.short == "requirements/tpu.txt:1")
        #expect(finding.message.contains("torch>=2.6.0+cpu"))
    }

    @Test func findingsAreSortedAndDeduplicated() {
        let fixture = SampleRepository.fixture(
            replacing: [("requirements/cuda.txt", "torchvision==0.21.0", "torchvision==0.22.0"),
                        ("CMakeLists.txt", "CUDA \"2.6.0\"", "CUDA \"2.5.1\"")])
        let findings = fixture.check()
        #expect(findings == findings.sorted(by: ConsistencyChecker.order))
        let keys = findings.map { "\($0.rule)|\($0.primary)" }
        #expect(Set(keys).count == keys.count)
    }
}

@Suite struct LockFromPyprojectTests {
    let pyproject = """
        [build-system]
        requires = ["torch == 2.6.0"]
        [project]
        dependencies = ["torch>=2.7,<2.8"]
        [project.optional-dependencies]
        vision = ["torchvision==0.21.0"]

        """

    func fixture(_ command: String, lockedVision: String = "0.22.1") -> CheckFixture {
        CheckFixture(
            files: [
                "pyproject.toml": pyproject,
                "requirements.lock": "# generated\n#    \(command)\ntorch==2.7.1\ntorchvision==\(lockedVision)\n",
            ],
            declarations: [
                .spacedPin("pyproject.toml", 2, "torch", name: "build-system.requires"),
                .init(path: "pyproject.toml", line: 4, anchor: "torch>=", kind: .requirement, subject: "torch",
                      name: "project.dependencies", op: ">="),
                .init(path: "pyproject.toml", line: 4, anchor: ",<", kind: .requirement, subject: "torch",
                      name: "project.dependencies", op: "<"),
                .init(path: "pyproject.toml", line: 6, anchor: "torchvision==", kind: .requirement,
                      subject: "torchvision", name: "project.optional-dependencies.vision", op: "=="),
                .lockHeader("requirements.lock"),
                .pin("requirements.lock", 3, "torch", role: .lock),
                .pin("requirements.lock", 4, "torchvision", role: .lock),
            ])
    }

    func stale(_ fixture: CheckFixture) -> [String] {
        fixture.check().filter { $0.rule == "lock-stale" }.map { "\($0.primary.short)<-\($0.related.first?.short ?? "")" }
    }

    @Test func buildRequirementsAndUnselectedExtrasAreNotLockInputs() {
        #expect(stale(fixture("uv pip compile pyproject.toml -o requirements.lock")).isEmpty)
    }

    @Test func selectedExtraIsALockInput() {
        #expect(stale(fixture("uv pip compile pyproject.toml --extra vision -o requirements.lock"))
                == ["requirements.lock:4<-pyproject.toml:6"])
        #expect(stale(fixture("uv pip compile pyproject.toml --all-extras -o requirements.lock"))
                == ["requirements.lock:4<-pyproject.toml:6"])
    }

    @Test func rangeInputs() {
        let out = fixture("uv pip compile pyproject.toml -o requirements.lock")
        var files = ["pyproject.toml": pyproject.replacingOccurrences(of: "torch>=2.7,<2.8", with: "torch>=2.8,<2.9")]
        files["requirements.lock"] = out.files["requirements.lock"]?.text
        let moved = CheckFixture(files: files.compactMapValues { $0 }, declarations: [
            .init(path: "pyproject.toml", line: 4, anchor: "torch>=", kind: .requirement, subject: "torch",
                  name: "project.dependencies", op: ">="),
            .lockHeader("requirements.lock"), .pin("requirements.lock", 3, "torch", role: .lock),
        ])
        #expect(stale(moved) == ["requirements.lock:3<-pyproject.toml:4"])
    }
}
