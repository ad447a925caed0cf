import Testing
@testable import TorchBumpKit

@Suite struct PreCommitScannerTests {
    let scanner = PreCommitScanner()

    @Test func lockHookArgumentForms() {
        let text = """
        repos:
        - repo: https://github.com/astral-sh/uv-pre-commit
          rev: 0.6.17
          hooks:
            - id: pip-compile
              args: [requirements/test.in, -o, requirements/test.txt, --index-strategy, unsafe-best-match, --torch-backend, cu128, --python-platform, x86_64-manylinux_2_28]
              files: ^requirements/test\\.(in|txt)$
            - id: pip-compile
              alias: pip-compile-rocm
              args:
                - requirements/rocm-test.in
                - "--output-file=requirements/rocm-test.txt"
                - --torch-backend=rocm6.3
        - repo: local
          hooks:
          - id: lock-test
            name: lock test requirements (CUDA 13.0 release candidate)
            entry: uv pip compile requirements/test.in -o requirements/test.txt --extra-index-url https://download.pytorch.org/whl/test/cu130
            language: python
          - id: ruff
            args: [--fix]
        """
        let result = SiteExpect.scan(scanner, ".pre-commit-config.yaml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "index-strategy pin - unsafe-best-match all --index-strategy",
            "variant pin - cu128 cuda --torch-backend",
            "variant pin - rocm6.3 rocm --torch-backend",
            "index-url pin - https://download.pytorch.org/whl/test/cu130 cuda --extra-index-url",
        ])
        let backend = result.sites.first { $0.value == "cu128" }
        #expect(backend?.variant == Variant(tag: "cu128"))
        #expect(backend?.note?.contains("requirements/test.in → requirements/test.txt") == true)
        let rc = result.sites.first { $0.kind == SiteKind.indexURL }
        #expect(rc?.channel == .test)
        #expect(result.diagnostics.filter { $0.severity == .note }.count == 3)
    }

    @Test func brokenConfig() {
        let result = SiteExpect.scan(scanner, ".pre-commit-config.yaml", "repos:\n  - repo: local\n   hooks: [\n")
        #expect(result.diagnostics.first?.severity == .error)
    }

    @Test func typeCheckerDependencies() {
        let text = """
        repos:
          - repo: https://github.com/pre-commit/mirrors-mypy
            rev: v1.11.1
            hooks:
              - id: mypy
                additional_dependencies: ["torch==2.6.0", types-requests, 'xformers>=0.0.29']
        """
        let result = SiteExpect.scan(scanner, ".pre-commit-config.yaml", text)
        #expect(SiteExpect.describe(result.sites) == [
            "requirement pin torch 2.6.0 all -",
            "requirement pin xformers 0.0.29 all -",
        ])
    }
}
