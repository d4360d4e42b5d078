import ONNXModel

/// Type and shape inference for ONNX graphs, matching `onnx.shape_inference.infer_shapes`
/// (onnx 1.17): the same rules per operator and opset version, the same merging with declared
/// types, and the same `unk__N` symbols for dims it cannot compute. Never traps on a bad
/// model: what cannot be inferred stays unknown and a warning says why.
public enum ShapeInference {
    public struct Options: Sendable {
        /// ONNX's `data_prop`: also track the contents of small integer tensors computed from
        /// shapes (Shape, Gather, Concat, Slice, Squeeze/Unsqueeze, Cast, Add/Sub/Mul, Size)
        /// so that Reshape, Expand, ConstantOfShape and Resize resolve when their shape input
        /// is computed. Off by default, as in `infer_shapes(model)` (the reference encoder's
        /// call); constants from initializers and `Constant` nodes are always used.
        public var dataPropagation: Bool
        /// Bound on If/Loop/Scan nesting that inference descends into.
        public var maxSubgraphDepth: Int
        /// Skips the rule of a node whose every output already has a complete tensor type (a
        /// defined element type and every dim a number), as exporters declare in value_info.
        /// What a rule infers is merged into such a type, which either leaves it as it is or
        /// contradicts it (and then the declared type stays), so every type comes out the same.
        /// Lost: the warnings of such contradictions, and the numbering of the fresh symbols
        /// that later unknown dims get (their names, not which dims share one). For passes that
        /// read the types only, e.g. the encoders, which print dims as numbers. Not with data
        /// propagation (a skipped node would propagate nothing), nor for rules that infer
        /// subgraphs (they spend the shared work budget), nor for `Constant` (its value is kept
        /// for later rules only when its type agrees with the declared one).
        public var trustCompleteDeclarations: Bool

        public init(dataPropagation: Bool = false, maxSubgraphDepth: Int = 16, trustCompleteDeclarations: Bool = false) {
            self.dataPropagation = dataPropagation
            self.maxSubgraphDepth = maxSubgraphDepth
            self.trustCompleteDeclarations = trustCompleteDeclarations
        }
    }

    /// Infers the types of every value of the model's main graph.
    public static func infer(_ model: Model, options: Options = Options()) -> ShapeInferenceResult {
        run(graph: model.graph, opsets: opsetTable(model.opsetImports), irVersion: model.irVersion, options: options).result
    }

    /// The inferred tensor type of every value id of `ids`, which must have been built from
    /// `model.graph` (nil: no type). Skips the name-keyed dictionary of `infer`: for passes
    /// that index values by id (the encodings share one `GraphValueIDs` with inference).
    public static func inferTypes(_ model: Model, ids: GraphValueIDs, options: Options = Options()) -> InferredTypes {
        inferTypes(GraphView(model.graph, ids: ids), opsets: model.opsetImports, irVersion: model.irVersion, options: options)
    }

    /// The same for a graph view (e.g. one read straight from a file by `ModelView`), indexed
    /// by `view.ids`.
    public static func inferTypes(_ view: GraphView, opsets: [OperatorSetId], irVersion: Int64,
                                  options: Options = Options()) -> InferredTypes {
        InferredTypes(types: run(view: view, opsets: opsetTable(opsets), irVersion: irVersion, options: options).typeByID)
    }

    /// Infers a graph whose default-domain operator set is `opset`.
    public static func infer(graph: Graph, opset: Int64, irVersion: Int64 = 8,
                             otherOpsets: [String: Int64] = [:], options: Options = Options()) -> ShapeInferenceResult {
        var opsets = otherOpsets
        opsets[""] = opset
        return run(graph: graph, opsets: opsets, irVersion: irVersion, options: options).result
    }

    /// The inferred types of the model's values as JSON text (`ShapeInferenceResult.jsonText`),
    /// for `onnxnet shapes MODEL --json` and the parity check against Python onnx.
    public static func jsonText(_ model: Model, options: Options = Options()) -> String {
        infer(model, options: options).jsonText
    }

    /// Returns the model with `graph.valueInfo` filled as `onnx.shape_inference.infer_shapes`
    /// would: declared value_info and outputs merged with what was inferred, and every newly
    /// typed value appended in inference order (an output declared without a type is filled
    /// and, as ONNX does, also listed in value_info).
    public static func annotate(_ model: Model, options: Options = Options()) -> Model {
        let inference = run(graph: model.graph, opsets: opsetTable(model.opsetImports),
                            irVersion: model.irVersion, options: options)
        var out = model
        out.graph = annotated(model.graph, with: inference)
        return out
    }

    /// Operator types of the default (`ai.onnx`) domain that have a rule.
    public static var supportedOperators: [String] { OperatorRegistry.supportedOperators }

    static func opsetTable(_ imports: [OperatorSetId]) -> [String: Int64] {
        var table: [String: Int64] = [:]
        for o in imports { table[o.domain] = o.version }
        return table
    }

    static func run(graph: Graph, opsets: [String: Int64], irVersion: Int64, options: Options) -> GraphInference {
        run(view: GraphView(graph), opsets: opsets, irVersion: irVersion, options: options)
    }

    static func run(view: GraphView, opsets: [String: Int64], irVersion: Int64, options: Options) -> GraphInference {
        let inference = GraphInference(view: view, opsets: opsets, irVersion: irVersion,
                                       options: options, symbols: SymbolTable())
        // Only binding a subgraph's inputs can fail at graph level, which a main graph has not.
        try? inference.run()
        return inference
    }

    private static func annotated(_ graph: Graph, with inference: GraphInference) -> Graph {
        var g = graph
        let types = inference.types
        let others = inference.nonTensorTypes
        /// A declared tensor (or empty) type takes the merged result; other declared types stay.
        func updated(_ vi: ValueInfo) -> ValueInfo {
            var v = vi
            let declared = vi.type?.value ?? .none
            if let t = types[vi.name] {
                switch declared {
                case .tensor, .none: v.type = t.typeProto
                default: break
                }
            } else if let o = others[vi.name], declared == .none {
                v.type = o
            }
            return v
        }
        g.valueInfo = g.valueInfo.map(updated)
        g.outputs = g.outputs.map(updated)
        for name in inference.inferredOrder {
            if let t = types[name] {
                g.valueInfo.append(ValueInfo(name: name, type: t.typeProto))
            } else if let o = others[name] {
                g.valueInfo.append(ValueInfo(name: name, type: o))
            }
        }
        return g
    }
}
