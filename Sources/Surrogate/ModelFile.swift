import ONNXNetSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The surrogate model file: `ONNXNETS` magic, a format version, the payload length, the
/// payload (feature settings, training facts, design, ensemble members, calibration,
/// out-of-distribution reference; little-endian) and a CRC-32 of the payload. Any damage is
/// reported as a `SurrogateFileError` before a single number is used.
extension SurrogateModel {
    static let magic = Array("ONNXNETS".utf8)
    public static let fileFormatVersion: UInt32 = 1

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        var p = BinaryWriter()
        p.string("features")
        p.int(features.hashBits)
        p.int(features.wlIterations)
        p.bool(features.wlChannels)
        p.int(features.tokenNGramOrder)
        p.int(features.pathLength)
        p.string("info")
        p.int(info.trainingExamples)
        p.f64(info.accuracyRange.lowerBound)
        p.f64(info.accuracyRange.upperBound)
        p.string(info.description)
        design.write(to: &p)
        p.string("members")
        p.u32(UInt32(members.count))
        for m in members {
            p.f64(m.weight)
            p.f64(m.mean)
            p.f64(m.deviation)
            p.u8(m.role.rawValue)
            RankerCoding.write(m.ranker, to: &p)
        }
        p.string("calibrations")
        let roles = [MemberRole.inDistribution, .transfer].filter { calibrations[$0] != nil }
        p.u32(UInt32(roles.count))
        for role in roles {
            p.u8(role.rawValue)
            calibrations[role]!.write(to: &p)
        }
        outliers.write(to: &p)
        p.string("end")

        var w = BinaryWriter()
        w.raw(Self.magic)
        w.u32(Self.fileFormatVersion)
        w.u64(UInt64(p.bytes.count))
        w.raw(p.bytes)
        w.u32(CRC32.checksum(p.bytes[...]))
        return w.bytes
    }

    /// Writes the model atomically (a reader never sees half a file).
    public func write(to path: String) throws {
        try AtomicFile.write(serialized(), to: path)
    }

    /// Reads a model file.
    public init(path: String) throws(SurrogateFileError) {
        try self.init(bytes: try Self.readFile(path))
    }

    public init(bytes: [UInt8]) throws(SurrogateFileError) {
        var h = BinaryReader(bytes)
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw .notASurrogateFile
        }
        try h.skip(Self.magic.count, "magic")
        let version = try h.u32("format version")
        guard version == Self.fileFormatVersion else {
            throw .unsupportedVersion(found: version, supported: Self.fileFormatVersion)
        }
        let lengthAt = h.offset
        let length = try h.u64("payload length")
        guard length <= UInt64(max(0, h.remaining - 4)) else { throw .truncated(offset: bytes.count, reading: "payload") }
        guard h.remaining - Int(length) == 4 else {
            throw .invalid(offset: lengthAt, reason: "payload length \(length) does not match the file size")
        }
        let start = h.offset, end = start + Int(length)
        var tail = BinaryReader(bytes, offset: end)
        guard try tail.u32("checksum") == CRC32.checksum(bytes[start..<end]) else { throw .checksumMismatch }

        var r = BinaryReader(bytes, offset: start, end: end)
        try r.expectTag("features")
        let features = FeatureConfig(hashBits: try r.int("hash bits", range: 8...22),
                                     wlIterations: try r.int("WL iterations", range: -1...8),
                                     wlChannels: try r.bool("WL channels"),
                                     tokenNGramOrder: try r.int("n-gram order", range: 0...6),
                                     pathLength: try r.int("path length", range: 0...8))
        try r.expectTag("info")
        let count = try r.int("training examples", range: 0...Int(Int32.max))
        let lo = try r.finiteF64("accuracy minimum"), hi = try r.finiteF64("accuracy maximum")
        guard lo <= hi else { throw .invalid(offset: r.offset, reason: "accuracy range is empty") }
        let description = try r.string("description")
        let design = try FeatureDesign.read(from: &r, hashedDimension: features.hashedDimension)
        try r.expectTag("members")
        let membersAt = r.offset
        let memberCount = Int(try r.u32("member count"))
        guard (1...10_000).contains(memberCount) else { throw .invalid(offset: membersAt, reason: "\(memberCount) ensemble members") }
        var members: [Member] = []
        for _ in 0..<memberCount {
            let at = r.offset
            let weight = try r.finiteF64("member weight"), mean = try r.finiteF64("member mean")
            let deviation = try r.finiteF64("member deviation")
            guard weight > 0, deviation > 0 else { throw .invalid(offset: at, reason: "member weight or scale is not positive") }
            let roleAt = r.offset
            let rawRole = try r.u8("member role")
            guard let role = MemberRole(rawValue: rawRole) else { throw .invalid(offset: roleAt, reason: "unknown member role \(rawRole)") }
            let ranker = try RankerCoding.read(from: &r, design: design, hashedDimension: features.hashedDimension)
            members.append(Member(ranker: ranker, mean: mean, deviation: deviation, weight: weight, role: role))
        }
        try r.expectTag("calibrations")
        let calibrationsAt = r.offset
        let calibrationCount = Int(try r.u32("calibration count"))
        guard calibrationCount <= 2 else { throw .invalid(offset: calibrationsAt, reason: "\(calibrationCount) calibrations") }
        var calibrations: [MemberRole: IsotonicCalibration] = [:]
        for _ in 0..<calibrationCount {
            let roleAt = r.offset
            guard let role = MemberRole(rawValue: try r.u8("calibration role")), calibrations[role] == nil else {
                throw .invalid(offset: roleAt, reason: "bad or repeated calibration role")
            }
            calibrations[role] = try IsotonicCalibration.read(from: &r)
        }
        for m in members where calibrations[m.role] == nil {
            throw .invalid(offset: calibrationsAt, reason: "no calibration for the \(m.role) members")
        }
        let outliers = try DistanceOutlierDetector.read(from: &r, width: design.denseCount)
        try r.expectTag("end")
        guard r.remaining == 0 else { throw .invalid(offset: r.offset, reason: "\(r.remaining) unexpected bytes after the model") }
        self.init(features: features, design: design, members: members, calibrations: calibrations, outliers: outliers,
                  info: Info(trainingExamples: count, accuracyRange: lo...hi, description: description))
    }

    public static func readFile(_ path: String) throws(SurrogateFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .cannotRead(path: path, reason: String(cString: strerror(errno))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw .cannotRead(path: path, reason: "not a regular file") }
        let size = Int(st.st_size)
        guard size <= 1 << 30 else { throw .cannotRead(path: path, reason: "file is larger than 1 GiB") }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
        }
        return Array(bytes[0..<done])
    }
}
