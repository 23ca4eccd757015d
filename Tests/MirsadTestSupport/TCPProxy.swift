import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on loopback that a test can cut and restore, to play a database that goes
/// away and comes back.
public final class TCPProxy: Sendable {
    public let port: Int
    private let target: SocketAddress
    private let state = Mutex<State>(State())

    private struct State {
        var listener: (any Channel)?
        var connections: [any Channel] = []
    }

    public init(targetHost: String, targetPort: Int) async throws {
        target = try SocketAddress.makeAddressResolvingHost(targetHost, port: targetPort)
        // Reserve a port, then listen on it; restore() listens on the same port again.
        let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        port = probe.localAddress?.port ?? 0
        try await probe.close()
        try await restore()
    }

    /// Starts accepting connections again.
    public func restore() async throws {
        let target = self.target
        let proxy = self
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                proxy.track(inbound)
                return inbound.setOption(.autoRead, value: false).flatMap {
                    ClientBootstrap(group: inbound.eventLoop).connect(to: target)
                }.flatMap { outbound in
                    proxy.track(outbound)
                    return inbound.pipeline.addHandler(Relay(peer: outbound)).flatMap {
                        outbound.pipeline.addHandler(Relay(peer: inbound))
                    }.flatMap { inbound.setOption(.autoRead, value: true) }
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        state.withLock { $0.listener = listener }
    }

    /// Stops listening and drops every open connection.
    public func cut() async {
        let (listener, connections) = state.withLock { state in
            defer { state.listener = nil; state.connections = [] }
            return (state.listener, state.connections)
        }
        try? await listener?.close()
        for connection in connections { try? await connection.close() }
    }

    private func track(_ channel: any Channel) {
        state.withLock { $0.connections.append(channel) }
    }

    private final class Relay: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let peer: any Channel
        init(peer: any Channel) { self.peer = peer }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            peer.close(promise: nil)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
