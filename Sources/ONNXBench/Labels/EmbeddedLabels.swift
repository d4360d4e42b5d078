import Foundation
import ONNXNetSupport

/// Loads the label tables embedded in the package. Each call reads and decodes its table
/// (a few milliseconds); callers that need a set repeatedly keep the returned array.
public enum EmbeddedLabels {
    /// NAS-Bench-201: 15,625 records in official index order; primary label CIFAR-10 test
    /// accuracy after 200 epochs.
    public static func nb201() throws(LabelResourceError) -> [LabelRecord] { try load(.nb201) }

    /// NAS-Bench-101: 20,001 records keyed by module hash; primary label validation accuracy
    /// after 108 epochs.
    public static func nb101Hashed() throws(LabelResourceError) -> [LabelRecord] { try load(.nb101Hashed) }

    /// NAS-Bench-101: NASLib's 500 records keyed by their unpruned adjacency + ops tuple.
    public static func nb101NASLib() throws(LabelResourceError) -> [LabelRecord] { try load(.nb101NASLib) }

    /// DARTS space: NASLib's 725 records labelled by the NB301 surrogate (`isSurrogateLabel`).
    public static func nb301() throws(LabelResourceError) -> [LabelRecord] { try load(.nb301) }

    /// NAS-Bench-201: NASLib's 725 records (validation accuracies, params, FLOPs), written in
    /// the official NB201 notation.
    public static func nb201NASLib() throws(LabelResourceError) -> [LabelRecord] { try load(.nb201NASLib) }

    /// Op codes of NASLib's DARTS genotype keys.
    public static let nb301Operations = NB301Labels.operations

    /// Loads one set from the package resources, or from `directory` when given (a folder
    /// holding files named like the resources, e.g. freshly generated ones).
    public static func load(_ set: EmbeddedLabelSet, fromDirectory directory: String? = nil)
        throws(LabelResourceError) -> [LabelRecord]
    {
        let table = try table(set, fromDirectory: directory)
        switch set {
        case .nb201: return try NB201Labels.official(table)
        case .nb201NASLib: return try NB201Labels.naslib(table)
        case .nb101Hashed: return try NB101Labels.hashed(table)
        case .nb101NASLib: return try NB101Labels.naslib(table)
        case .nb301: return try NB301Labels.naslib(table)
        }
    }

    /// The table's own description line: what it holds, its source file and that file's SHA-256.
    public static func tableDescription(_ set: EmbeddedLabelSet, fromDirectory directory: String? = nil)
        throws(LabelResourceError) -> String
    {
        try table(set, fromDirectory: directory).description
    }

    /// The folder holding `Resources/` with the tables: SwiftPM's bundle next to the
    /// executable, else this package's source folder (a checkout run without the bundle).
    static func resourceDirectory(containing name: String) throws(ResourceLocatorError) -> String {
        let sourceFolder = String(#filePath.split(separator: "/", omittingEmptySubsequences: false)
            .dropLast(2).joined(separator: "/"))
        return try ResourceLocator.directory(bundle: "ONNXNet_ONNXBench", containing: "Resources/" + name,
                                             fallbacks: [sourceFolder])
    }

    static func table(_ set: EmbeddedLabelSet, fromDirectory directory: String?) throws(LabelResourceError) -> LabelTable {
        let name = set.resourceFileName
        let path: String
        if let directory {
            path = directory + "/" + name
        } else {
            // Not `Bundle.module`: it calls fatalError when the bundle is missing (a copied
            // binary); the locator throws a typed error instead.
            do {
                path = try resourceDirectory(containing: name) + "/Resources/" + name
            } catch {
                throw .missing(resource: "\(name) (\(error))")
            }
        }
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(resource: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .unreadable(resource: path, reason: "\(error)")
        }
        let table = try LabelTable(bytes: [UInt8](data), resource: name)
        try table.requireRows(set.recordCount)
        return table
    }
}
