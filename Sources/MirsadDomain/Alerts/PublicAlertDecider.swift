import Foundation

/// The two-person rule and the life of a public warning. Order of checks as everywhere: the
/// named alert is looked up and its visibility checked first (absent and hidden answer alike),
/// then the role, then the rules.
public enum PublicAlertDecider {
    /// - Parameters:
    ///   - subject: the alert the command names, as stored (nil when there is none).
    ///   - replaced: for an approval, the alert the draft replaces.
    public static func decide(
        _ command: PublicAlertCommand, subject: PublicAlert?, replaced: PublicAlert?, context: PublicAlertContext
    ) throws(DomainError) -> PublicAlertChanged {
        let actor = context.actor
        try actor.require(.readOperations)
        let policy = AccessPolicy(catalog: context.catalog)
        if let id = command.subject {
            guard let subject, policy.canSee(subject, actor) else { throw .notFound(kind: "alert", id: id.uuidString) }
        }
        switch command {
        case .draft(let content), .draftForOperation(_, let content):
            try actor.require(.draftPublicAlerts)
            let content = try PublicAlertRules.validated(content, catalog: context.catalog, now: context.now)
            return PublicAlertChanged(
                change: .drafted,
                alert: PublicAlert(
                    id: context.newID, identifier: context.newIdentifier, kind: .alert, replaces: nil, references: [],
                    content: content, note: nil, draftedBy: actor.username, draftedAt: context.now))

        case .draftUpdate(_, let content):
            try actor.require(.draftPublicAlerts)
            let target = try replaceable(subject!, context: context)
            let content = try PublicAlertRules.validated(content, catalog: context.catalog, now: context.now)
            return drafted(.update, replacing: target, content: content, note: nil, context: context)

        case .draftCancel(_, let note):
            try actor.require(.draftPublicAlerts)
            let target = try replaceable(subject!, context: context)
            let note = try PublicAlertRules.plain(note, "note", limit: 1000)
            return drafted(.cancel, replacing: target, content: target.content, note: note, context: context)

        case .approve:
            try actor.require(.approvePublicAlerts)
            var alert = try pendingDraft(subject!)
            guard alert.draftedBy != actor.username || actor.isSystem else {
                throw .forbidden(
                    reason: "two-person rule: \(actor.username) drafted this alert, another person approves it")
            }
            guard alert.content.expires > context.now else {
                throw .conflict(reason: "alert \(alert.identifier) expired before it was approved")
            }
            var after: PublicAlert?
            if let replacedID = alert.replaces {
                guard var target = replaced, target.id == replacedID, target.isActive(at: context.now) else {
                    throw .conflict(
                        reason:
                            "the alert this \(alert.kind.rawValue) replaces is no longer in force; reject this draft")
                }
                target.status = alert.kind == .cancel ? .cancelled : .superseded
                target.replacedBy = alert.id
                target.version += 1
                after = target
            }
            alert.status = .published
            alert.approvedBy = actor.username
            alert.sentAt = context.now
            alert.version += 1
            return PublicAlertChanged(change: .published, alert: alert, replaced: after)

        case .reject(_, let reason):
            try actor.require(.approvePublicAlerts)
            var alert = try pendingDraft(subject!)
            alert.status = .rejected
            alert.rejectedBy = actor.username
            alert.rejectionReason = try PublicAlertRules.plain(reason, "reason", limit: 1000)
            alert.version += 1
            return PublicAlertChanged(change: .rejected, alert: alert)
        }
    }

    private static func pendingDraft(_ alert: PublicAlert) throws(DomainError) -> PublicAlert {
        guard alert.status == .draft else {
            throw .conflict(reason: "alert \(alert.identifier) is \(alert.status.rawValue), not a draft")
        }
        return alert
    }

    /// A published alert an update or a cancellation may replace.
    private static func replaceable(_ target: PublicAlert, context: PublicAlertContext) throws(DomainError)
        -> PublicAlert
    {
        guard target.kind != .cancel else { throw .conflict(reason: "a cancellation cannot be updated or cancelled") }
        guard target.isActive(at: context.now) else {
            throw .conflict(
                reason:
                    "alert \(target.identifier) is \(target.displayStatus(at: context.now)); only a published alert in force can be replaced"
            )
        }
        guard !context.pendingReplacement else {
            throw .conflict(
                reason: "another draft already replaces alert \(target.identifier); approve or reject it first")
        }
        return target
    }

    private static func drafted(
        _ kind: PublicAlert.Kind, replacing target: PublicAlert, content: PublicAlertContent, note: String?,
        context: PublicAlertContext
    ) -> PublicAlertChanged {
        var content = content
        // A cancellation stands (in feeds) as long as the warning it ends would have.
        if kind == .cancel { content.expires = target.content.expires }
        let references = target.references + [target.asReference].compactMap { $0 }
        return PublicAlertChanged(
            change: .drafted,
            alert: PublicAlert(
                id: context.newID, identifier: context.newIdentifier, kind: kind, replaces: target.id,
                references: references, content: content, note: note, draftedBy: context.actor.username,
                draftedAt: context.now))
    }
}
