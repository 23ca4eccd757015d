import CoreMetrics
import Metrics
import Prometheus
import Synchronization

/// Prometheus exposition of swift-metrics. The metrics system is process-global and may be
/// bootstrapped once, so every application built in one process (tests build many) shares it.
public final class MetricsExporter: Sendable {
    public static let shared = MetricsExporter()

    private let registry: PrometheusCollectorRegistry

    private init() {
        registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// The text format served at `/metrics`.
    public func render() -> String { registry.emitToString() }
}
