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

        var host = Array(url[netlocStart..<netlocEnd])
        var path = pathEnd > netlocEnd ? Array(url[netlocEnd..<pathEnd]) : [UInt8(ascii: "/")]
        lowercase(&host)
        let ampCache = Array(".cdn.ampproject.org".utf8)
        if host.count >= ampCache.count && host.suffix(ampCache.count).elementsEqual(ampCache) && path.starts(with: Array("/c/".utf8)) {
            var cached = path[3...]
            if cached.starts(with: Array("s/".utf8)) { cached = cached.dropFirst(2) }
            let slash = cached.firstIndex(of: UInt8(ascii: "/")) ?? cached.endIndex
            host = Array(cached[..<slash])
            lowercase(&host)
            path = [UInt8(ascii: "/")] + (slash == cached.endIndex ? [] : Array(cached[(slash + 1)...]))
        }
        // The host may be empty now (`www.` alone, an empty cached host): the general rules keep such an alias too.
        if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
        if path.count > 1 && path.last == UInt8(ascii: "/") {
            while path.last == UInt8(ascii: "/") { path.removeLast() }
            if path.isEmpty { path = [UInt8(ascii: "/")] }
        }

        var alias = host + path
        if queryStart < end {
            let query = url[queryStart..<end]
            if query.contains(UInt8(ascii: "%")) || query.contains(UInt8(ascii: "+")) { return .needsFullRules }
            var pairs: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
            for pair in query.split(separator: UInt8(ascii: "&")) {
                let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                let key = ArraySlice(pair[..<equals])
                let value = equals == pair.endIndex ? [] : ArraySlice(pair[(equals + 1)...])
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

    private static func lowercase(_ bytes: inout [UInt8]) {
        for i in bytes.indices where bytes[i] >= UInt8(ascii: "A") && bytes[i] <= UInt8(ascii: "Z") { bytes[i] |= 0x20 }
    }

    /// `utm_*` and the other tracking keys, in any case.
    private static func isTracking(_ key: ArraySlice<UInt8>) -> Bool {
        var lower = Array(key)
        lowercase(&lower)
        if lower.starts(with: Array("utm_".utf8)) { return true }
        return URLCanonicalizer.trackingKeys.contains(String(decoding: lower, as: UTF8.self))
    }

    /// Python's `quote_plus` for ASCII without spaces: letters, digits and `_.-~` stay, other bytes become `%XX`.
    private static func quotePlus(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            if byte.isASCIILetterOrDigit || isOneOf(byte, "_.-~") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0xF)])
            }
        }
    }
}
