// swift-tools-version: 6.1
// Index benchmark: SimpleIndexPage.parse and Version against pip's link parser and packaging.version.
// Separate from the main package so it never slows `swift build` or CI. Run with `bash Benchmarks/index/run.sh`.
import PackageDescription

let package = Package(
    name: "index-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "torchbump", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "IndexBench",
            dependencies: [.product(name: "TorchBumpKit", package: "torchbump")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
