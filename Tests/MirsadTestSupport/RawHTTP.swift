import Foundation
import NIOCore
import NIOPosix

/// Sends one raw HTTP/1.1 request over a fresh TCP connection and returns everything the
/// server answers until it closes the connection, `enough` says the answer is complete, or
/// `timeout`. For responses that test clients cannot read, such as a refused WebSocket upgrade
/// that closes the connection.
public enum RawHTTP {
    /// A complete status line and headers: enough to judge an upgrade that may stay open.
    public static let headersComplete: @Sendable (String) -> Bool = { $0.contains("\r\n\r\n") }

    public static func exchange(
        port: Int, request: String, timeout: Duration = .seconds(5), enough: (@Sendable (String) -> Bool)? = nil
    ) async throws -> String {
        let collector = Collector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in channel.pipeline.addHandler(collector) }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.writeAndFlush(ByteBuffer(string: request)).get()
        let deadline = ContinuousClock.now + timeout
        while channel.isActive && ContinuousClock.now < deadline && enough?(collector.text) != true {
            try await Task.sleep(for: .milliseconds(20))
        }
        try? await channel.close()
        return collector.text
    }

    /// Asks for a WebSocket upgrade of `/v1/live` with `headers` (such as `Origin: …` or
    /// `Authorization: Bearer …`) and returns the status line and headers of the answer.
    public static func liveUpgrade(port: Int, headers: [String]) async throws -> String {
        let extra = headers.map { $0 + "\r\n" }.joined()
        let request =
            "GET /v1/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\(extra)\r\n"
        return try await exchange(port: port, request: request, timeout: .seconds(30), enough: headersComplete)
    }

    private final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        private let lock = NSLock()
        private var received = ""

        var text: String { lock.withLock { received } }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            lock.withLock { received += String(buffer: buffer) }
        }
    }
}
