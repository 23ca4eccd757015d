import MirsadGeo
import Synchronization

extension RoutingService {
    /// The road network cut into map tiles, and its version; built on first use for the
    /// engine in service (a newly installed engine gets its own).
    func tiles() -> (index: RoadTileIndex, version: String)? {
        guard let engine else { return nil }
        return tileCache.withLock { cached in
            if let cached = cached, cached.engine === engine { return (cached.index, cached.version) }
            let built = (
                engine: engine, index: RoadTileIndex(graph: engine.graph),
                version: RoadTileIndex.version(of: engine.graph)
            )
            cached = built
            return (built.index, built.version)
        }
    }
}
