// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "torchbump",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "torchbump", targets: ["torchbump"]),
        .library(name: "TorchBumpKit", targets: ["TorchBumpKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        .target(
            name: "TorchBumpKit",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .executableTarget(
            name: "torchbump",
            dependencies: [
                "TorchBumpKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "TorchBumpKitTests",
            dependencies: [
                "TorchBumpKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            exclude: ["Extensions/Golden"]
        ),
        .testTarget(
            name: "torchbumpTests",
            dependencies: ["TorchBumpKit", "torchbump"],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
