import Foundation

/// How turning at a junction is priced and which turns are allowed besides those a turn
/// restriction forbids.
///
/// `.free` is the plain node-based model: every turn, U-turns included, costs nothing, so a
/// route is the shortest path over road edges alone. `.car` follows the public OSRM car
/// profile (`car.lua`, `process_turn`): a sigmoid penalty on the turn angle with a bias
/// towards the side traffic drives on, an extra penalty for U-turns, no penalty where a road
/// just continues (two roads at the node), and U-turns only where the road ends.
public struct TurnRules: Sendable, Hashable, Codable {
    /// Where a vehicle may turn back onto the road it came along.
    public enum UTurns: String, Sendable, Hashable, Codable {
        /// At every node (the node-based model).
        case anywhere
        /// Only where no other way out exists (a dead end).
        case deadEndsOnly
    }

    public var uTurns: UTurns
    /// Penalty for a turn of 180° to the far side (left where traffic drives on the right),
    /// seconds; the sigmoid tends to it. 0 prices no turn.
    public var turnPenaltySeconds: Double
    /// Preference for turns towards the kerb (OSRM: 1.075; right turns are cheaper where
    /// traffic drives on the right).
    public var turnBias: Double
    /// Added to a U-turn's angle penalty, seconds.
    public var uTurnPenaltySeconds: Double
    /// Traffic drives on the left (the bias favours left turns then).
    public var leftHandDriving: Bool

    public init(
        uTurns: UTurns, turnPenaltySeconds: Double, turnBias: Double, uTurnPenaltySeconds: Double,
        leftHandDriving: Bool = false
    ) {
        self.uTurns = uTurns
        self.turnPenaltySeconds = max(0, turnPenaltySeconds.isFinite ? turnPenaltySeconds : 0)
        self.turnBias = turnBias.isFinite && turnBias > 0 ? turnBias : 1
        self.uTurnPenaltySeconds = max(0, uTurnPenaltySeconds.isFinite ? uTurnPenaltySeconds : 0)
        self.leftHandDriving = leftHandDriving
    }

    /// Every turn free, U-turns anywhere: shortest paths over road edges.
    public static let free = TurnRules(uTurns: .anywhere, turnPenaltySeconds: 0, turnBias: 1, uTurnPenaltySeconds: 0)

    /// The OSRM car profile's turn model (right-hand traffic).
    public static let car = TurnRules(
        uTurns: .deadEndsOnly, turnPenaltySeconds: 7.5, turnBias: 1.075, uTurnPenaltySeconds: 20)

    /// Whether any turn costs anything (a free model keeps a route's time the sum of its edges).
    public var pricesTurns: Bool { turnPenaltySeconds > 0 || uTurnPenaltySeconds > 0 }

    /// Seconds a turn costs. `angle` is in degrees, 0 straight on, positive to the right and
    /// negative to the left (±180 back); `roads` is the number of roads meeting at the node.
    public func seconds(angle: Double, roads: Int, isUTurn: Bool) -> Double {
        // A road that just continues through a node (a bend, a change of name) is not a turn.
        guard roads > 2 || isUTurn else { return 0 }
        var total = 0.0
        if turnPenaltySeconds > 0 {
            let bias = leftHandDriving ? 1 / turnBias : turnBias
            let x =
                angle >= 0
                ? (13 / bias) * angle / 180 - 6.5 * bias
                : (13 * bias) * -angle / 180 - 6.5 / bias
            total += turnPenaltySeconds / (1 + exp(-x))
        }
        if isUTurn { total += uTurnPenaltySeconds }
        return total
    }
}
