import ArgumentParser

/// Every subcommand, in the order `mirsad --help` lists them.
enum MirsadCommands {
    static var all: [any ParsableCommand.Type] {
        var commands: [any ParsableCommand.Type] = [
            ServeCommand.self, DemoCommand.self, UsersCommand.self, AuditCommand.self, StoreCommand.self,
            JurisdictionCommand.self,
        ]
        #if !MIRSAD_LEAD_DEV
        commands += [RoadsCommand.self, AnalyzeCommand.self]
        #endif
        return commands
    }
}
