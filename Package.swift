// swift-tools-version:6.0
// ONNXNet: instant performance prediction for neural architectures from their ONNX file.
// Targets follow the layers: wire format -> model -> shape inference / simplification ->
// encodings; network builder -> search spaces; bench and surrogate on top; CLI as a thin shell.
import PackageDescription

let package = Package(
    name: "ONNXNet",
    products: [
        .executable(name: "onnxnet", targets: ["onnxnet"]),
        .library(name: "ONNXNetKit", targets: [
            "ONNXNetSupport", "ONNXProto", "ONNXModel", "ONNXShapeInference", "ONNXSimplify", "ONNXNetEncoding",
            "NetworkBuilder", "SearchSpaces", "ONNXBench", "Surrogate",
        ]),
    ],
    targets: [
        // Small shared utilities: seeded random numbers, atomic file writes, JSON text, progress.
        .target(name: "ONNXNetSupport"),
        // Protocol Buffers wire format: knows nothing of ONNX.
        .target(name: "ONNXProto"),
        // ONNX messages, loading (memory-mapped) and saving.
        .target(name: "ONNXModel", dependencies: ["ONNXProto", "ONNXNetSupport"]),
        // Shape and type inference: one rule per operator, kept in a registry.
        .target(name: "ONNXShapeInference", dependencies: ["ONNXModel", "ONNXNetSupport"]),
        // Graph simplification / canonicalisation of real-world exports.
        .target(name: "ONNXSimplify", dependencies: ["ONNXModel", "ONNXShapeInference", "ONNXNetSupport"]),
        // ONNX-Net text encodings (chain_slim family).
        .target(name: "ONNXNetEncoding", dependencies: ["ONNXModel", "ONNXShapeInference"]),
        // The one small builder through which every search space emits ONNX graphs.
        .target(name: "NetworkBuilder", dependencies: ["ONNXModel", "ONNXShapeInference", "ONNXNetSupport"]),
        // NAS search spaces: notations, enumeration/sampling, generators.
        .target(name: "SearchSpaces", dependencies: ["NetworkBuilder", "ONNXModel", "ONNXNetSupport"]),
        // ONNX-Bench: embedded labels, bench building, splits, statistics.
        .target(name: "ONNXBench",
                dependencies: ["SearchSpaces", "ONNXNetEncoding", "ONNXModel", "ONNXNetSupport"],
                resources: [.copy("Resources")]),
        // The surrogate: features from the ONNX graph, rankers, metrics, the default model.
        .target(name: "Surrogate",
                dependencies: ["ONNXNetEncoding", "ONNXShapeInference", "ONNXSimplify", "ONNXModel", "ONNXNetSupport"],
                resources: [.copy("Resources")]),
        // Command-line commands as a library so that tests can call them directly.
        .target(name: "ONNXNetCLI",
                dependencies: ["ONNXNetSupport", "ONNXProto", "ONNXModel", "ONNXShapeInference", "ONNXSimplify",
                               "ONNXNetEncoding", "NetworkBuilder", "SearchSpaces", "ONNXBench", "Surrogate"]),
        .executableTarget(name: "onnxnet", dependencies: ["ONNXNetCLI"]),

        .testTarget(name: "ONNXNetSupportTests", dependencies: ["ONNXNetSupport"]),
        .testTarget(name: "ONNXProtoTests", dependencies: ["ONNXProto"]),
        .testTarget(name: "ONNXModelTests", dependencies: ["ONNXModel", "ONNXProto", "ONNXNetSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ONNXShapeInferenceTests", dependencies: ["ONNXShapeInference", "ONNXModel", "ONNXNetSupport"]),
        .testTarget(name: "ONNXSimplifyTests", dependencies: ["ONNXSimplify", "ONNXShapeInference", "ONNXNetEncoding", "ONNXModel", "ONNXNetSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ONNXNetEncodingTests", dependencies: ["ONNXNetEncoding", "ONNXModel", "ONNXNetSupport"]),
        .testTarget(name: "SearchSpacesTests", dependencies: ["SearchSpaces", "NetworkBuilder", "ONNXNetEncoding", "ONNXModel", "ONNXNetSupport"]),
        .testTarget(name: "ONNXBenchTests", dependencies: ["ONNXBench"]),
        .testTarget(name: "SurrogateTests", dependencies: ["Surrogate", "ONNXBench", "ONNXSimplify"]),
        .testTarget(name: "ONNXNetCLITests", dependencies: ["ONNXNetCLI", "ONNXNetSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
