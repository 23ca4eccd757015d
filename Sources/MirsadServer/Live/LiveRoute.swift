import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import MirsadDomain
import MirsadStore
import NIOWebSocket

/// `GET /v1/live`: the live picture over a WebSocket.
///
/// Frames are JSON text: `hello` (with the current head), then, for a client that passed
/// `?since=<last event id>`, every event it missed in order followed by `caughtUp`, then
/// live `event` and `positions` frames. A client that falls too far behind gets `resync`
/// and the connection closes (code 4001); an ended session gets `sessionEnded` (4401).
struct LiveRoute {
    let services: AppServices
    /// Browser origins allowed to open the feed (any when empty; non-browser clients send none).
    let allowedOrigins: Set<String>

    static let resyncCloseCode: UInt16 = 4001
    static let sessionEndedCloseCode: UInt16 = 4401
    static let sessionLockedCloseCode: UInt16 = 4403

    func add(to router: RouterGroup<MirsadRequestContext>) {
        router.ws("v1/live") { request, context in
            if let origin = request.headers[.origin],
                !LiveOriginCheck.allowed(origin, request: request.head, configured: allowedOrigins)
            {
                throw Problem.forbidden("origin \(origin) may not open the live feed")
            }
            let principal = try context.requirePrincipal()
            try principal.actor.require(.readOperations)
            _ = try since(of: request)
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let principal = context.requestContext.principal else { return }
            let since = (try? since(of: context.request)) ?? nil
            try await serve(
                principal: principal, since: since, inbound: inbound, outbound: outbound,
                logger: context.logger)
        }
    }

    private func since(of request: Request) throws -> Int64? {
        guard let text = request.uri.queryParameters["since"] else { return nil }
        guard let value = Int64(String(text)), value >= 0 else {
            throw Problem.invalidField("since", "must be a non-negative event id")
        }
        return value
    }

    private func serve(
        principal: Principal, since: Int64?, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        logger: Logger
    ) async throws {
        let hub = services.hub
        let (id, mailbox, head) = await hub.subscribe(principal)
        do {
            try await stream(
                mailbox, head: head, principal: principal, since: since, outbound: outbound, inbound: inbound)
        } catch {
            await hub.unsubscribe(id)
            throw error
        }
        await hub.unsubscribe(id)
    }

    /// Hello, the replay since the client's last event, then the live mailbox until either side ends.
    private func stream(
        _ mailbox: Mailbox<LiveMessage>, head: Int64, principal: Principal, since: Int64?,
        outbound: WebSocketOutboundWriter, inbound: WebSocketInboundStream
    ) async throws {
        try await send(ControlFrame(type: "hello", head: head, serverTime: services.clock.now()), outbound)

        var lastSent = head
        if let since {
            let logHead = try await services.store.lastEventID()
            if since > logHead || head - since > services.limits.maxReplay {
                try await resync(outbound, reason: since > logHead ? "unknown event id" : "too far behind")
                return
            }
            lastSent = max(since, 0)
            while lastSent < head {
                let page = try await services.store.events(after: lastSent, limit: 1000).prefix { $0.id <= head }
                guard let last = page.last else { break }
                let policy = try services.catalog()
                for event in page {
                    guard let view = AccessPolicy(catalog: policy).liveView(event, for: principal.actor) else {
                        continue
                    }
                    try await outbound.writeTextMessage(try LiveMessage.event(view).text)
                }
                lastSent = last.id
            }
            lastSent = max(lastSent, since)
        }
        try await send(ControlFrame(type: "caughtUp", head: lastSent), outbound)

        let startedAt = lastSent
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The client's side: pings and close frames; when it goes, stop writing.
            group.addTask {
                for try await _ in inbound {}
                mailbox.close()
            }
            // The server's side: forward the mailbox; an overflow or a closed mailbox ends it.
            group.addTask {
                var lastEvent = startedAt
                while let messages = await mailbox.take() {
                    for message in messages {
                        switch message.kind {
                        case .event(let eventID, _):
                            guard eventID > lastEvent else { continue }
                            lastEvent = eventID
                        case .positions:
                            break
                        case .sessionEnded:
                            try await outbound.writeTextMessage(message.text)
                            try await outbound.close(.unknown(Self.sessionEndedCloseCode), reason: "session ended")
                            return
                        case .sessionLocked:
                            try await outbound.writeTextMessage(message.text)
                            try await outbound.close(.unknown(Self.sessionLockedCloseCode), reason: "session locked")
                            return
                        }
                        try await outbound.writeTextMessage(message.text)
                    }
                }
                if mailbox.isOverflowed {
                    try await resync(outbound, reason: "client too slow")
                }
            }
            // A writer blocked on a client that stopped reading must not keep the connection.
            group.addTask {
                await mailbox.stopped()
                if mailbox.isOverflowed {
                    try await Task.sleep(for: .seconds(2))
                    throw CancellationError()
                }
            }
            // Whichever side ends first ends the connection: wake the others and let them finish.
            defer {
                mailbox.close()
                group.cancelAll()
            }
            try await group.next()
        }
    }

    private func resync(_ outbound: WebSocketOutboundWriter, reason: String) async throws {
        try await send(ControlFrame(type: "resync", reason: reason), outbound)
        try await outbound.close(.unknown(Self.resyncCloseCode), reason: "resync")
    }

    private func send(_ frame: ControlFrame, _ outbound: WebSocketOutboundWriter) async throws {
        try await outbound.writeTextMessage(try LiveMessage.encode(frame))
    }
}

/// Browsers send `Origin` when they open the live feed; it must name this server (scheme,
/// host and port, as the browser reached it) or a configured console origin: cross-site
/// WebSocket hijacking otherwise rides on a victim's token. Behind a TLS proxy,
/// `X-Forwarded-Proto` names the scheme the browser used.
public enum LiveOriginCheck {
    public static func allowed(_ origin: String, request: HTTPRequest, configured: Set<String>) -> Bool {
        if configured.contains(origin) { return true }
        // A browser's Origin is the page's, always http(s). Non-browser WebSocket clients (the
        // swift-websocket client among them) send their ws:// URL: no page, so no hijacking.
        if let scheme = URLComponents(string: origin)?.scheme?.lowercased(), scheme == "ws" || scheme == "wss" {
            return true
        }
        guard let authority = request.authority, let theirs = URLComponents(string: origin),
            let scheme = theirs.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let theirHost = theirs.host?.lowercased(),
            let ours = URLComponents(string: "\(request.headerFields[.xForwardedProto] ?? "http")://\(authority)"),
            let ourScheme = ours.scheme?.lowercased(), let ourHost = ours.host?.lowercased()
        else { return false }
        func port(_ components: URLComponents, _ scheme: String) -> Int {
            components.port ?? (scheme == "https" ? 443 : 80)
        }
        return scheme == ourScheme && theirHost == ourHost && port(theirs, scheme) == port(ours, ourScheme)
    }
}
