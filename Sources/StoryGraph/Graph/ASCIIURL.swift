/// The fast path of `URLCanonicalizer`: URLs of printable ASCII (no spaces)
/// whose host has no userinfo, port or brackets and whose query has no `%`
/// or `+`, that is, nearly every URL in a news archive. It works on UTF-8
/// bytes and makes one `String`, and gives exactly what the general rules
/// give (the tests compare the two, and both with Python).
enum ASCIIURL {
    enum Outcome: Equatable {
        case canonical(String)
        /// Not an `http(s)` URL with a host.
        case notAnArticleURL
        /// Outside the fast path: the general rules decide.
        case needsFullRules
    }

    static func canonical(_ raw: String) -> Outcome {
        var raw = raw
        return raw.withUTF8 { canonical(bytes: $0) }
    }

    private static func canonical(bytes url: UnsafeBufferPointer<UInt8>) -> Outcome {
        // Printable ASCII only: no whitespace to strip, no Unicode to fold.
        for byte in url where byte <= 0x20 || byte >= 0x7F { return .needsFullRules }
        guard let colon = url.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return .needsFullRules }
        guard isScheme(url[..<colon], "http") || isScheme(url[..<colon], "https") else { return .needsFullRules }
        guard colon + 2 < url.count, url[colon + 1] == UInt8(ascii: "/"), url[colon + 2] == UInt8(ascii: "/") else {
            return .notAnArticleURL
        }
        let netlocStart = colon + 3
        var netlocEnd = netlocStart
        while netlocEnd < url.count, !isOneOf(url[netlocEnd], "/?#") { netlocEnd += 1 }
        guard netlocEnd > netlocStart else { return .notAnArticleURL }
        for i in netlocStart..<netlocEnd where isOneOf(url[i], "@:[]") { return .needsFullRules }

        var end = url.count
        if let hash = url[netlocEnd...].firstIndex(of: UInt8(ascii: "#")) { end = hash }
        var pathEnd = end
        var queryStart = end
        if let question = url[netlocEnd..<end].firstIndex(of: UInt8(ascii: "?")) {
            pathEnd = question
            queryStart = question + 1
        }

        // Host and path are ranges of `url` (nil path: `/`); the alias is written once, at the end.
        var host = netlocStart..<netlocEnd
        var path: Range<Int>? = pathEnd > netlocEnd ? netlocEnd..<pathEnd : nil
        if hasSuffix(url[host], lowercased: ".cdn.ampproject.org"), let cachePath = path,
           url[cachePath].starts(with: "/c/".utf8) {
            var cached = cachePath.lowerBound + 3
            if url[cached..<cachePath.upperBound].starts(with: "s/".utf8) { cached += 2 }
            let slash = url[cached..<cachePath.upperBound].firstIndex(of: UInt8(ascii: "/")) ?? cachePath.upperBound
            host = cached..<slash
            // The cached page's path keeps its `/`; none left: `/`.
            path = slash < cachePath.upperBound ? slash..<cachePath.upperBound : nil
        }
        // The host may be empty now (`www.` alone, an empty cached host): the general rules keep such an alias too.
        if hasPrefix(url[host], lowercased: "www.") { host = host.lowerBound + 4..<host.upperBound }
        if let whole = path, whole.count > 1, url[whole.upperBound - 1] == UInt8(ascii: "/") {
            var trimmed = whole.upperBound
            while trimmed > whole.lowerBound && url[trimmed - 1] == UInt8(ascii: "/") { trimmed -= 1 }
            path = trimmed > whole.lowerBound ? whole.lowerBound..<trimmed : nil
        }

        guard queryStart < end else {
            // No query: the alias is host and path, its length known.
            let length = host.count + (path?.count ?? 1)
            return .canonical(String(unsafeUninitializedCapacity: length, initializingUTF8With: { out in
                var count = 0
                for i in host { out[count] = lowercased(url[i]); count += 1 }
                if let path {
                    for i in path { out[count] = url[i]; count += 1 }
                } else {
                    out[count] = UInt8(ascii: "/"); count += 1
                }
                return count
            }))
        }
        var alias: [UInt8] = []
        alias.reserveCapacity(host.count + (path?.count ?? 1) + 3 * (end - queryStart) + 8)
        for i in host { alias.append(lowercased(url[i])) }
        if let path { alias.append(contentsOf: url[path]) } else { alias.append(UInt8(ascii: "/")) }
        let query = url[queryStart..<end]
        if query.contains(UInt8(ascii: "%")) || query.contains(UInt8(ascii: "+")) { return .needsFullRules }
        var pairs: [(key: Slice<UnsafeBufferPointer<UInt8>>, value: Slice<UnsafeBufferPointer<UInt8>>)] = []
        for pair in query.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let key = pair[..<equals]
            let value = equals == pair.endIndex ? pair[equals..<equals] : pair[(equals + 1)...]
            if !isTracking(key) { pairs.append((key, value)) }
        }
        pairs.sort { a, b in
            a.key.elementsEqual(b.key) ? a.value.lexicographicallyPrecedes(b.value) : a.key.lexicographicallyPrecedes(b.key)
        }
        for (index, pair) in pairs.enumerated() {
            alias.append(index == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&"))
            quotePlus(pair.key, into: &alias)
            alias.append(UInt8(ascii: "="))
            quotePlus(pair.value, into: &alias)
        }
        return .canonical(String(decoding: alias, as: UTF8.self))
    }

    private static func isScheme(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence, _ name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount
            && zip(bytes, UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)).allSatisfy { $0 | 0x20 == $1 }
    }

    private static func isOneOf(_ byte: UInt8, _ set: StaticString) -> Bool {
        UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount).contains(byte)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Whether `bytes`, lower-cased, end with `suffix` (given in lower case).
    private static func hasSuffix(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, lowercased suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        return hasPrefix(bytes[(bytes.endIndex - count)...], lowercased: suffix)
    }

    /// Whether `bytes`, lower-cased, start with `prefix` (given in lower case).
    private static func hasPrefix(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, lowercased prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: count)
        return zip(bytes, expected).allSatisfy { lowercased($0) == $1 }
    }

    /// `utm_*` and the other tracking keys, in any case.
    private static func isTracking(_ key: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        if hasPrefix(key, lowercased: "utm_") { return true }
        return trackingKeys.contains { $0.count == key.count && zip(key, $0).allSatisfy { lowercased($0) == $1 } }
    }

    private static let trackingKeys = URLCanonicalizer.trackingKeys.map { Array($0.utf8) }

    /// Python's `quote_plus` for ASCII without spaces: letters, digits and `_.-~` stay, other bytes become `%XX`.
    private static func quotePlus(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, into out: inout [UInt8]) {
        func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10 }
        for byte in bytes {
            if byte.isASCIILetterOrDigit || isOneOf(byte, "_.-~") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0xF))
            }
        }
    }
}
