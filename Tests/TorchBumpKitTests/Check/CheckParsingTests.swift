import Foundation
import Testing
@testable import TorchBumpKit

@Suite struct CheckParsingTests {
    let here = SourceLocation(path: "x", line: 7, column: 5)

    @Test(arguments: [
        ("uv pip compile reqs/test.in -o reqs/test.txt --index-strategy unsafe-best-match --torch-backend cu128",
         "cu128", [String](), "unsafe-best-match", "reqs/test.txt", ["reqs/test.in"]),
        ("pip install -r a.txt --extra-index-url=https://download.pytorch.org/whl/cu124 --index-url https://pypi.org/simple",
         nil, ["https://download.pytorch.org/whl/cu124"], nil, nil, [String]()),
        ("UV_INDEX_STRATEGY=unsafe-best-match uv pip install 'torch==2.7.0' --index https://download.pytorch.org/whl/test/cu128",
         nil, ["https://download.pytorch.org/whl/test/cu128"], nil, nil, [String]()),
        ("uv pip compile pyproject.toml --output-file=requirements.lock --torch-backend=cpu",
         "cpu", [String](), nil, "requirements.lock", ["pyproject.toml"]),
    ])
    func commandArguments(command: String, backend: String?, extras: [String], strategy: String?, output: String?,
                          inputs: [String]) {
        let args = CommandArguments(CommandToken.split(command, at: here))
        #expect(args.torchBackend?.text == backend)
        #expect(args.extraIndexes.map(\.text) == extras)
        #expect(args.indexStrategy?.text == strategy)
        #expect(args.output?.text == output)
        #expect(args.inputs.map(\.text) == inputs)
    }

    @Test func tokenColumnsPointIntoTheLine() {
        let tokens = CommandToken.split("uv  pip \"compile\" --torch-backend=cu128", at: here)
        #expect(tokens.map(\.text) == ["uv", "pip", "compile", "--torch-backend=cu128"])
        #expect(tokens.map(\.location.column) == [5, 9, 14, 23])
        let args = CommandArguments(tokens)
        #expect(args.torchBackend?.location.column == 39)
        #expect(args.environment.isEmpty)
        let inline = CommandArguments(CommandToken.split("UV_INDEX_STRATEGY=unsafe-best-match uv pip install x", at: here))
        #expect(inline.usesBestMatch)
        #expect(inline.environment["UV_INDEX_STRATEGY"]?.location.column == 23)
    }

    @Test(arguments: [
        ("reqs/./test.in", "reqs/test.in"), ("a/../b.txt", "b.txt"), ("../x.txt", nil), ("./", nil),
    ])
    func repoPaths(path: String, normalized: String?) {
        #expect(RepoPath.normalize(path) == normalized)
    }

    @Test func dockerfileStagesAndVariables() {
        let text = """
            # syntax=docker/dockerfile:1
            ARG CUDA_VERSION=12.4.1
            ARG BASE=https://download.pytorch.org/whl
            FROM nvidia/cuda:${CUDA_VERSION}-devel AS base
            ARG CUDA_VERSION
            ENV UV_INDEX_STRATEGY="unsafe-best-match" \\
                UV_HTTP_TIMEOUT=500
            # a comment inside nothing
            RUN echo ${BASE}/cu124 && \\
                # comment in a continuation
                uv pip install torch

            FROM base AS build
            ENV LEGACY value with spaces
            RUN uv pip install x

            """
        let docker = DockerfileInstructions(SourceFile(path: "Dockerfile", text: text))
        #expect(docker.stages.map(\.name) == ["base", "build"])
        #expect(docker.stages.map(\.parent) == [nil, 0])
        #expect(docker.instructions.map(\.keyword) == ["ARG", "ARG", "FROM", "ARG", "ENV", "RUN", "FROM", "ENV", "RUN"])
        #expect(docker.instructions.map(\.line) == [2, 3, 4, 5, 6, 9, 13, 14, 15])
        #expect(docker.value(of: "CUDA_VERSION", stage: 0) == "12.4.1")
        #expect(docker.environment("UV_INDEX_STRATEGY", stage: 1) == "unsafe-best-match")
        #expect(docker.environmentLocation("UV_INDEX_STRATEGY", stage: 1)?.short == "Dockerfile:6")
        #expect(docker.environment("LEGACY", stage: 1) == "value with spaces")
        #expect(docker.expand("${BASE}/test/cu${CUDA_MISSING:-128} $BASE $NOPE", stage: 0)
                == "https://download.pytorch.org/whl/test/cu128 https://download.pytorch.org/whl $NOPE")
        let run = docker.instructions[5]
        let commands = DockerfileInstructions.commands(run.words)
        #expect(commands.count == 2)
        #expect(DockerfileInstructions.uvInvocation(commands[0]) == nil)
        #expect(DockerfileInstructions.uvInvocation(commands[1])?.first?.location.short == "Dockerfile:11")
    }

    @Test func preCommitHooksWithLocations() {
        let text = """
            repos:
            - repo: https://github.com/astral-sh/uv-pre-commit
              rev: 0.6.2
              hooks:
                - id: pip-compile
                  args:
                    - requirements/test.in
                    - "-o"
                    - requirements/test.txt
                    - --torch-backend cu128
            - repo: local
              hooks:
              - id: lock
                entry: uv pip compile
                args: [a.in, -o, a.txt]
            - repo: https://github.com/example/other
              hooks: [{id: fmt}]

            """
        let hooks = PreCommitHook.hooks(in: SourceFile(path: ".pre-commit-config.yaml", text: text))
        #expect(hooks.map(\.id) == ["pip-compile", "lock", "fmt"])
        #expect(hooks.map(\.runsUV) == [true, true, false])
        #expect(hooks[0].location.line == 5)
        #expect(hooks[0].arguments.output?.location.short == ".pre-commit-config.yaml:9")
        let backend = hooks[0].arguments.torchBackend
        #expect(backend?.text == "cu128")
        #expect(backend?.location.line == 10 && backend?.location.column == 27)
        #expect(hooks[0].args[1].text == "-o" && hooks[0].args[1].location.column == 12)
        #expect(hooks[1].arguments.output?.text == "a.txt")
        #expect(PreCommitHook.hooks(in: SourceFile(path: "bad.yaml", text: "repos: [: :\n")).isEmpty)
    }

    @Test(arguments: [
        ("uv pip compile requirements/test.in -o requirements/test.txt --torch-backend cu124", "uv", ["requirements/test.in"]),
        ("pip-compile --output-file=requirements.txt requirements.in", "pip-compile", ["requirements.in"]),
        ("some-generator --flag", nil, [String]()),
    ])
    func lockHeaders(command: String, tool: String?, inputs: [String]) {
        let site = PinSite(path: "requirements/test.txt", file: .lock, kind: .lockFile, role: .lock, value: command,
                           span: Span(10, 10 + command.utf8.count), line: 2, column: 6)
        let header = LockHeader(site: site)
        #expect(header.tool == tool)
        #expect(header.arguments.inputs.map(\.text) == inputs)
    }

    @Test(arguments: [
        ("torch==2.6.0  # pinned", nil), ("torch==2.6.0; platform_system == 'Darwin'  # mac", "platform_system == \"Darwin\""),
        ("xformers==0.0.30 ;  sys_platform=='linux'", "sys_platform==\"linux\""),
    ])
    func markers(line: String, marker: String?) {
        let site = PinSite(path: "r.txt", file: .requirements, kind: .requirement, value: "2.6.0", span: Span(7, 12),
                           line: 1, column: 8, context: line)
        #expect(CheckContext.marker(site) == marker)
    }

    @Test(arguments: [
        ("torch>=2.7.0+cpu; platform_machine == 'x86_64'", "torch>=2.7.0+cpu"),
        ("Torch_Audio [x] (>=2.0, <3.0+cpu)", "torch-audio<3.0+cpu"),
        ("torch==2.7.0+cpu", nil), ("torch!=2.7.0+cpu", nil), ("torch>=2.7.0", nil), ("+cpu", nil),
    ])
    func illegalLocalRanges(requirement: String, found: String?) {
        let bad = PinAgreementRules.illegalLocalRange(in: requirement)
        #expect(bad.map { $0.name + $0.op + $0.version } == found)
    }
}
