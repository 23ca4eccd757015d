/// A turn restriction over a via *way*: having driven the road edges `path` in a row (the
/// `from` way's last edge, then every edge along the via ways), the next turn may not go to
/// `to` (`no_*`) or may go only to `to` (`only_*`).
///
/// A single turn cannot say that, so the turn graph keeps a copy of each via edge for
/// vehicles that came in from `from` (see `ViaWayAutomaton`).
public struct ViaWayRestriction: Sendable, Hashable {
    public enum Rule: UInt8, Sendable, Hashable {
        case no = 0
        case only = 1
    }

    /// Road edges driven in a row, the from edge first; at least two.
    public var path: [Int]
    /// Road edges leaving the end of `path` that the rule is about.
    public var to: [Int]
    public var rule: Rule
    public var restriction: TurnRestriction

    public init(path: [Int], to: [Int], rule: Rule, restriction: TurnRestriction) {
        self.path = path
        self.to = to
        self.rule = rule
        self.restriction = restriction
    }

    /// Whether the turn from the end of `path` into `edge` is forbidden.
    func forbids(_ edge: Int) -> Bool {
        switch rule {
        case .no: to.contains(edge)
        case .only: !to.contains(edge)
        }
    }
}

/// The states of a multi-pattern matcher (Aho–Corasick) over road edges, one pattern per
/// via-way restriction: a state is the longest tail of the edges driven so far that begins
/// some restriction's path. A state of one edge is that road edge itself; a longer one is a
/// copy of its last edge in the turn graph, reached only along its path.
struct ViaWayAutomaton {
    struct State {
        /// The road edge driven last.
        var edge: Int
        var depth: Int
        var children: [Int: Int] = [:]
        var fail = 0
        /// Restrictions whose whole path ends here (directly or as a shorter tail).
        var complete: [Int] = []
    }

    /// State 0 is the root (no edge); then the states in order of creation.
    private(set) var states: [State] = [State(edge: -1, depth: 0)]

    init(_ restrictions: [ViaWayRestriction]) {
        for (r, restriction) in restrictions.enumerated() {
            var s = 0
            for edge in restriction.path {
                if let next = states[s].children[edge] {
                    s = next
                } else {
                    states.append(State(edge: edge, depth: states[s].depth + 1))
                    states[s].children[edge] = states.count - 1
                    s = states.count - 1
                }
            }
            states[s].complete.append(r)
        }
        // Failure links breadth-first; each state inherits the completions of its failure.
        var queue = Array(states[0].children.values).sorted()
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            for (edge, child) in states[s].children.sorted(by: { $0.key < $1.key }) {
                var f = states[s].fail
                var target = 0
                while true {
                    if let c = states[f].children[edge], c != child {
                        target = c
                        break
                    }
                    if f == 0 { break }
                    f = states[f].fail
                }
                states[child].fail = target
                states[child].complete += states[target].complete
                queue.append(child)
            }
        }
    }

    /// The state after driving `edge` from state `s` (0 when no restriction's path begins
    /// with the tail that ends in `edge`).
    func next(_ s: Int, _ edge: Int) -> Int {
        var s = s
        while true {
            if let c = states[s].children[edge] { return c }
            if s == 0 { return 0 }
            s = states[s].fail
        }
    }

    /// The state of a vehicle that has just driven `edge` and nothing known before.
    func start(_ edge: Int) -> Int { states[0].children[edge] ?? 0 }
}
