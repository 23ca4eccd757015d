import MirsadDomain
import MirsadStore

/// Reloads this instance's catalogue when a jurisdiction is loaded (by any instance or the
/// command line), and has early warning rebuild its profiles for the types it now watches.
struct CatalogReactor: EventReactor {
    let store: EventStore
    let earlyWarning: EarlyWarningMonitor

    var name: String { "catalogue" }

    func react(to event: EventEnvelope) async throws {
        guard case .jurisdictionLoaded = event.payload else { return }
        try await store.reloadCatalog()
        await earlyWarning.reset()
    }
}
