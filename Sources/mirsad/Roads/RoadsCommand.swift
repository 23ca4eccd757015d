import ArgumentParser

/// `mirsad roads`: import OpenStreetMap road networks and query them from the command line.
struct RoadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roads",
        abstract: "Road networks: import OSM extracts, route, travel-time tables and isochrones.",
        discussion: """
            Import once (`roads import`), then query the .mroads file. Coordinates are \
            LAT,LON in WGS84 degrees. ETAs use the OSRM-like car profile; --block and --slow \
            apply temporary closures before the query.
            """,
        subcommands: [
            RoadsImportCommand.self, RoadsSyntheticCommand.self, RoadsInfoCommand.self, RoadsRouteCommand.self,
            RoadsTableCommand.self, RoadsIsochroneCommand.self,
        ]
    )
}
