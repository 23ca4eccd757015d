import Foundation
import Logging
import MirsadDomain
import MirsadStore

/// Starts emergency plans by themselves: an incoming CAP warning that matches a playbook's
/// CAP trigger, or a new incident of one of its incident types, activates it. It keeps its
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
        default:
            break
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
