import ArgumentParser

/// Every subcommand, in the order `mirsad --help` lists them.
enum MirsadCommands {
    static var all: [any ParsableCommand.Type] {
        [
            ServeCommand.self, DemoCommand.self, UsersCommand.self, UnitsCommand.self, SheltersCommand.self,
            AirspaceCommand.self, SensorsCommand.self,
            AuditCommand.self,
            CAPCommand.self,
            StoreCommand.self,
            JurisdictionCommand.self, RoadsCommand.self, AnalyzeCommand.self,
        ]
    }
}
