import CompressNIO
import Foundation
import NIOCore
import SwiftProtobuf

/// The storage layer of an OSM PBF file: a sequence of (length, `BlobHeader`, `Blob`) frames.
/// This type only splits and inflates; it knows nothing about nodes or ways.
struct PBFBlobReader {
    /// One framed blob, not yet inflated.
    struct Frame {
        var type: String
        /// Byte offset of the frame in the file, for error messages.
        var offset: Int
        var blob: Data
    }

    /// Limits from the format description: headers under 64 KiB, blobs under 32 MiB.
    static let maxHeaderSize = 64 * 1024
    static let maxBlobSize = 32 * 1024 * 1024

    /// Splits a whole file into frames, validating every length against what remains.
    static func frames(of data: Data) throws(OSMImportError) -> [Frame] {
        var frames: [Frame] = []
        var offset = 0
        let count = data.count
        let base = data.startIndex
        while offset < count {
            guard count - offset >= 4 else {
                throw .truncated(offset: offset, needed: 4, available: count - offset)
            }
            var headerLength = 0
            for i in 0..<4 { headerLength = headerLength << 8 | Int(data[base + offset + i]) }
            guard headerLength > 0, headerLength <= maxHeaderSize else {
                throw .invalidFraming(offset: offset, reason: "blob header length \(headerLength) out of range")
            }
            guard count - offset - 4 >= headerLength else {
                throw .truncated(offset: offset, needed: 4 + headerLength, available: count - offset)
            }
            let headerBytes = data.subdata(in: (base + offset + 4)..<(base + offset + 4 + headerLength))
            let header: OSMPBF_BlobHeader
            do {
                header = try OSMPBF_BlobHeader(serializedBytes: headerBytes)
            } catch {
                throw .malformedBlock(offset: offset, kind: "BlobHeader", reason: "\(error)")
            }
            let size = Int(header.datasize)
            guard size >= 0, size <= maxBlobSize else {
                throw .invalidFraming(offset: offset, reason: "blob size \(size) out of range")
            }
            let blobStart = offset + 4 + headerLength
            guard count - blobStart >= size else {
                throw .truncated(offset: offset, needed: 4 + headerLength + size, available: count - offset)
            }
            frames.append(
                Frame(
                    type: header.type, offset: offset,
                    blob: data.subdata(in: (base + blobStart)..<(base + blobStart + size))))
            offset = blobStart + size
        }
        return frames
    }

    /// Decodes a blob and returns its uncompressed payload.
    static func payload(of frame: Frame) throws(OSMImportError) -> Data {
        let blob: OSMPBF_Blob
        do {
            blob = try OSMPBF_Blob(serializedBytes: frame.blob)
        } catch {
            throw .malformedBlock(offset: frame.offset, kind: "Blob", reason: "\(error)")
        }
        switch blob.data {
        case .raw(let raw)?:
            return raw
        case .zlibData(let compressed)?:
            let rawSize = Int(blob.rawSize)
            guard blob.hasRawSize, rawSize >= 0, rawSize <= maxBlobSize else {
                throw .invalidFraming(offset: frame.offset, reason: "missing or invalid raw_size \(blob.rawSize)")
            }
            return try inflate(compressed, rawSize: rawSize, offset: frame.offset)
        case .lzmaData?:
            throw .unsupportedCompression(offset: frame.offset, kind: "lzma")
        case .lz4Data?:
            throw .unsupportedCompression(offset: frame.offset, kind: "lz4")
        case .zstdData?:
            throw .unsupportedCompression(offset: frame.offset, kind: "zstd")
        case .obsoleteBzip2Data?:
            throw .unsupportedCompression(offset: frame.offset, kind: "bzip2")
        case nil:
            throw .malformedBlock(offset: frame.offset, kind: "Blob", reason: "no data")
        }
    }

    /// zlib inflate into a buffer of exactly the declared size; any mismatch is an error.
    static func inflate(_ compressed: Data, rawSize: Int, offset: Int) throws(OSMImportError) -> Data {
        guard !compressed.isEmpty else {
            throw .decompressionFailed(offset: offset, reason: "empty zlib stream")
        }
        var input = ByteBuffer(bytes: compressed)
        var output = ByteBufferAllocator().buffer(capacity: max(rawSize, 1))
        do {
            let decompressor = try ZlibDecompressor(algorithm: .zlib)
            try decompressor.inflate(from: &input, to: &output)
        } catch let error as CompressNIOError {
            if error == .bufferOverflow {
                throw .decompressionFailed(
                    offset: offset, reason: "inflates to more than the declared \(rawSize) bytes")
            }
            if error == .inputBufferOverflow {
                throw .decompressionFailed(offset: offset, reason: "zlib stream ends early")
            }
            throw .decompressionFailed(offset: offset, reason: "\(error)")
        } catch {
            throw .decompressionFailed(offset: offset, reason: "\(error)")
        }
        guard output.readableBytes == rawSize else {
            throw .decompressionFailed(
                offset: offset, reason: "inflated \(output.readableBytes) bytes, header declares \(rawSize)")
        }
        return Data(output.readableBytesView)
    }
}
