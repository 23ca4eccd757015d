import ArgumentParser

/// The one binary: the server, the demo and the operator's command-line tools.
@main
struct Mirsad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mirsad",
        abstract: "Mirsad: joint operations platform for public-safety agencies.",
        subcommands: MirsadCommands.all
    )
}
