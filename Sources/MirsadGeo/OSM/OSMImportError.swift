import Foundation

/// Why an OSM PBF file could not be read. Every case names where in the file it happened so
/// an operator can tell a truncated download from a foreign file.
public enum OSMImportError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The file ended in the middle of a block.
    case truncated(offset: Int, needed: Int, available: Int)
    /// A blob header length or blob size is outside the limits of the format.
    case invalidFraming(offset: Int, reason: String)
    /// A header or block could not be decoded as protocol buffers.
    case malformedBlock(offset: Int, kind: String, reason: String)
    /// The blob uses a compression this reader does not support (LZMA, LZ4, ZSTD, bzip2).
    case unsupportedCompression(offset: Int, kind: String)
    /// zlib reported corrupt data, or the inflated size differs from the declared size.
    case decompressionFailed(offset: Int, reason: String)
    /// The file requires a feature this reader does not implement.
    case unsupportedFeature(String)
    /// The first block is not an `OSMHeader`.
    case missingHeader
    /// No drivable road was found.
    case noRoads
    /// Reading the file failed.
    case io(String)

    public var description: String {
        switch self {
        case .truncated(let offset, let needed, let available):
            "truncated OSM PBF file: block at byte \(offset) needs \(needed) bytes but only \(available) remain"
        case .invalidFraming(let offset, let reason):
            "invalid OSM PBF framing at byte \(offset): \(reason)"
        case .malformedBlock(let offset, let kind, let reason):
            "malformed \(kind) block at byte \(offset): \(reason)"
        case .unsupportedCompression(let offset, let kind):
            "unsupported blob compression \(kind) at byte \(offset) (only raw and zlib are supported)"
        case .decompressionFailed(let offset, let reason):
            "corrupt compressed blob at byte \(offset): \(reason)"
        case .unsupportedFeature(let feature):
            "the file requires the unsupported feature \"\(feature)\""
        case .missingHeader:
            "not an OSM PBF file: the first block is not an OSMHeader"
        case .noRoads:
            "the file contains no road a car can drive"
        case .io(let message):
            "cannot read the file: \(message)"
        }
    }

    public var errorDescription: String? { description }
}
