import Foundation

/// WGS84 ⇄ UTM by the Krüger series to sixth order in the third flattening (Karney 2011,
/// "Transverse Mercator with an accuracy of a few nanometers"). Within a zone the error is far
/// below a millimetre, so cell assignment agrees with PROJ (EPSG:326NN / 327NN) except for
/// points lying within a hair of a cell edge.
public struct TransverseMercator: Sendable, Hashable {
    /// The zone whose central meridian and false northing are used.
    public let zone: UTMZone

    private static let semiMajorAxis = 6_378_137.0
    private static let flattening = 1.0 / 298.257223563
    private static let scale = 0.9996
    private static let falseEasting = 500_000.0

    private static let n: Double = flattening / (2 - flattening)
    private static let eccentricity: Double = (flattening * (2 - flattening)).squareRoot()
    /// Rectifying radius A = a/(1+n) (1 + n²/4 + n⁴/64 + n⁶/256).
    private static let rectifyingRadius: Double = {
        let n2 = n * n
        return semiMajorAxis / (1 + n) * (1 + n2 / 4 + n2 * n2 / 64 + n2 * n2 * n2 / 256)
    }()

    /// Forward series coefficients α1...α6.
    private static let alpha: [Double] = {
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n
        return [
            n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800,
            13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1_983_433 * n6 / 1_935_360,
            61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167_603 * n6 / 181_440,
            49561 * n4 / 161_280 - 179 * n5 / 168 + 6_601_661 * n6 / 7_257_600,
            34729 * n5 / 80640 - 3_418_889 * n6 / 1_995_840,
            212_378_941 * n6 / 319_334_400,
        ]
    }()

    /// Inverse series coefficients β1...β6.
    private static let beta: [Double] = {
        let n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n
        return [
            n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604_800,
            n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1_118_711 * n6 / 3_870_720,
            17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720,
            4397 * n4 / 161_280 - 11 * n5 / 504 - 830_251 * n6 / 7_257_600,
            4583 * n5 / 161_280 - 108_847 * n6 / 3_991_680,
            20_648_693 * n6 / 638_668_800,
        ]
    }()

    public init(zone: UTMZone) {
        self.zone = zone
    }

    private var falseNorthing: Double { zone.hemisphere == .north ? 0 : 10_000_000 }

    /// Projects a WGS84 coordinate to UTM easting/northing in metres.
    public func forward(_ coordinate: GeoCoordinate) -> PlanarPoint {
        let phi = coordinate.latitude * .pi / 180
        var dLon = coordinate.longitude - zone.centralMeridian
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        let lambda = dLon * .pi / 180
        let e = Self.eccentricity
        let sinPhi = sin(phi)
        let t = sinh(atanh(sinPhi) - e * atanh(e * sinPhi))
        let xiPrime = atan2(t, cos(lambda))
        let etaPrime = atanh(sin(lambda) / (1 + t * t).squareRoot())
        var xi = xiPrime
        var eta = etaPrime
        for j in 1...6 {
            let k = 2 * Double(j)
            xi += Self.alpha[j - 1] * sin(k * xiPrime) * cosh(k * etaPrime)
            eta += Self.alpha[j - 1] * cos(k * xiPrime) * sinh(k * etaPrime)
        }
        let kA = Self.scale * Self.rectifyingRadius
        return PlanarPoint(x: Self.falseEasting + kA * eta, y: falseNorthing + kA * xi)
    }

    /// Converts UTM easting/northing in metres back to WGS84 degrees.
    public func inverse(_ point: PlanarPoint) -> GeoCoordinate {
        let kA = Self.scale * Self.rectifyingRadius
        let xi = (point.y - falseNorthing) / kA
        let eta = (point.x - Self.falseEasting) / kA
        var xiPrime = xi
        var etaPrime = eta
        for j in 1...6 {
            let k = 2 * Double(j)
            xiPrime -= Self.beta[j - 1] * sin(k * xi) * cosh(k * eta)
            etaPrime -= Self.beta[j - 1] * cos(k * xi) * sinh(k * eta)
        }
        let sinhEta = sinh(etaPrime)
        let cosXi = cos(xiPrime)
        let lambda = atan2(sinhEta, cosXi)
        // τ′ = tan of the conformal latitude; solve τ = tan φ by Newton's method.
        let tauPrime = sin(xiPrime) / (sinhEta * sinhEta + cosXi * cosXi).squareRoot()
        let e = Self.eccentricity
        let e2 = e * e
        var tau = tauPrime
        for _ in 0..<8 {
            let root = (1 + tau * tau).squareRoot()
            let sigma = sinh(e * atanh(e * tau / root))
            let tauI = tau * (1 + sigma * sigma).squareRoot() - sigma * root
            let step =
                (tauPrime - tauI) / (1 + tauI * tauI).squareRoot() * (1 + (1 - e2) * tau * tau)
                / ((1 - e2) * root)
            tau += step
            if abs(step) < 1e-14 { break }
        }
        let latitude = atan(tau) * 180 / .pi
        var longitude = zone.centralMeridian + lambda * 180 / .pi
        if longitude > 180 { longitude -= 360 } else if longitude < -180 { longitude += 360 }
        return GeoCoordinate(latitude: latitude, longitude: longitude)
    }
}
