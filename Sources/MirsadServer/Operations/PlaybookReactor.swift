import Foundation
import Logging
import MirsadDomain
import MirsadStore

/// Starts emergency plans by themselves: an incoming CAP warning that matches a playbook's
/// CAP trigger, a new incident of one of its incident types, or a sensor alarm of one of its
/// sensor kinds, activates it. When an
/// operation starts it carries out the plan's actions: the roads it closes in routing, the
/// shelters of the governorates it names that it opens, and the public warning it drafts
/// (which then waits for approval); standing down opens the roads again (shelters stay open
/// until their staff close them: people may still be inside). Every action has an id derived from the operation, so it happens once. It keeps its
/// position in the log, so a trigger is acted on once whatever restarts; every instance
/// reacts, and the store starts each plan once (one active operation per playbook).
struct PlaybookReactor: EventReactor {
    let store: EventStore
    let logger: Logger

    var name: String { "playbooks" }
    var keepsPosition: Bool { true }

    func react(to event: EventEnvelope) async throws {
        guard let playbooks = store.catalog?.jurisdiction.playbooks, !playbooks.isEmpty else { return }
        switch event.payload {
        case .externalWarning(let received):
            let warning = received.warning
            let info = warning.infos.first
            let words = "CAP \(warning.id): \(info?.event ?? warning.msgType) (\(warning.severity))"
            for playbook in playbooks where playbook.triggers.contains(where: { $0.matches(warning) }) {
                try await activate(playbook, because: words)
            }
        case .incidentCreated(let created):
            let incident = created.incident
            for playbook in playbooks
            where playbook.triggers.contains(where: { $0.incidentTypes.contains(incident.type) }) {
                try await activate(playbook, because: "incident \(incident.number) (\(incident.type))")
            }
        case .sensor(let alarm) where alarm.change == .alarm:
            for playbook in playbooks where playbook.triggers.contains(where: { $0.matches(alarm) }) {
                try await activate(playbook, because: alarm.summary)
            }
        case .operation(let change) where change.change == .activated:
            guard let playbook = playbooks.first(where: { $0.id == change.operation.playbookId }) else { return }
            try await start(playbook, change.operation)
        case .operation(let change) where change.change == .stoodDown:
            guard let playbook = playbooks.first(where: { $0.id == change.operation.playbookId }) else { return }
            for closure in playbook.closures {
                let id = PlaybookClosure.closureID(closure.id, operation: change.operation.id)
                do {
                    _ = try await store.execute(
                        .lift(id: id, reason: "operation \(playbook.id) stood down"), actor: .system)
                } catch DomainError.notFound {
                    // Lifted already (by hand, or by another instance).
                }
            }
        default:
            break
        }
    }

    /// The plan's actions for a new operation.
    private func start(_ playbook: Playbook, _ operation: EmergencyOperation) async throws {
        let governorates = Set(playbook.openShelters)
        for shelter in try await store.shelters()
        where shelter.status == .closed && shelter.site.governorate.map(governorates.contains) == true {
            do {
                _ = try await store.execute(.open(shelterId: shelter.id, operation: operation.id), actor: .system)
                logger.info("playbook \(playbook.id): shelter \(shelter.id) opened")
            } catch DomainError.conflict {
                // Opened already (by hand, or by another instance).
            }
        }
        for closure in playbook.closures {
            do {
                _ = try await store.execute(closure.command(operation: operation.id), actor: .system)
            } catch DomainError.conflict {
                // In force already: another instance was first.
            }
        }
        if let template = playbook.publicAlert {
            do {
                let (_, alert) = try await store.execute(
                    .draftForOperation(operation.id, template.content(from: operation.activatedAt)), actor: .system)
                logger.info("playbook \(playbook.id): public alert \(alert.identifier) drafted, waiting for approval")
            } catch DomainError.conflict {
                // Drafted already by another instance.
            }
        }
    }

    private func activate(_ playbook: Playbook, because trigger: String) async throws {
        do {
            let (_, operation) = try await store.execute(
                .activate(playbookId: playbook.id, trigger: trigger), actor: .system)
            logger.info("playbook \(playbook.id) activated by \(trigger): \(operation.tasks.count) tasks")
        } catch DomainError.conflict {
            // Already active (another trigger, or another instance, was first).
        }
    }
}
