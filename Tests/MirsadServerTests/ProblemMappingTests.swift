import Foundation
import HTTPTypes
import MirsadDomain
import MirsadServer
import MirsadStore
import Testing

@Suite("Errors to problems")
struct ProblemMappingTests {
    @Test("away is a 503 to retry; damaged is a 500 that names the fix")
    func storeErrors() {
        let away = Problem.from(StoreError.unavailable("PostgreSQL connection lost"))
        #expect(away.status.code == 503)
        let damaged = Problem.from(StoreError.corrupt("SQLite: database disk image is malformed"))
        #expect(damaged.status.code == 500)
        #expect(damaged.type.hasSuffix("/database-corrupt"))
        #expect(damaged.detail?.contains("mirsad store check") == true)
        #expect(Problem.from(DomainError.conflict(reason: "closure x is in force")).status.code == 409)
    }
}
