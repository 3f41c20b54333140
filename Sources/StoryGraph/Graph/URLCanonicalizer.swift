/// The canonical form of an article URL (SPEC.md, "Identity").
///
/// Two URLs name the same article when their canonical forms are equal:
/// `http`/`https` and `www.` are ignored, the host is lower-cased, an AMP-cache
/// URL stands for the page it caches, the fragment and tracking parameters go,
/// the other query parameters are sorted, and a trailing `/` is dropped.
///
/// The splitting and the query handling follow Python's `urllib.parse`
/// (`urlsplit`, `parse_qsl`, `urlencode`) step by step, because that is what
/// the reference script uses: a query is percent-decoded and re-encoded, so
/// `?a=1,2` and `?a=1%2C2` are one URL.
public enum URLCanonicalizer {
    /// Query keys that only track a reader, dropped from every URL (and every `utm_*` key).
    public static let trackingKeys: Set<String> = ["fbclid", "gclid", "ocid", "mc_cid", "mc_eid", "cmpid", "ncid", "guccounter"]

    /// The canonical form, or nil when `raw` is not an `http(s)` URL with a host.
    public static func canonical(_ raw: String) -> String? {
        var url = Substring(raw.trimmingPythonWhitespace())
        guard !url.isEmpty else { return nil }
        if url.contains(where: { $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
            url = Substring(url.filter { $0 != "\t" && $0 != "\r" && $0 != "\n" })
        }
        // Scheme: letters, digits, `+-.` before the first `:`, starting with a letter.
        guard let colon = url.firstIndex(of: ":"), colon != url.startIndex,
              let first = url.first, first.isASCII, first.isLetter,
              url[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = url[url.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        rest = rest.dropFirst(2)
        let netlocEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let netloc = rest[..<netlocEnd]
        rest = rest[netlocEnd...]
        if netloc.contains("[") != netloc.contains("]") { return nil }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        guard var host = hostname(netloc), !host.isEmpty else { return nil }
        var path = rest.isEmpty ? "/" : String(rest)

        if host.hasSuffix(".cdn.ampproject.org") && path.hasPrefix("/c/") {
            var cached = path.dropFirst(3)
            if cached.hasPrefix("s/") { cached = cached.dropFirst(2) }
            let slash = cached.firstIndex(of: "/") ?? cached.endIndex
            host = cached[..<slash].lowercased()
            path = "/" + (slash == cached.endIndex ? "" : cached[cached.index(after: slash)...])
        }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        if path.count > 1 && path.hasSuffix("/") {
            while path.hasSuffix("/") { path.removeLast() }
            if path.isEmpty { path = "/" }
        }
        let parameters = QueryString.parse(query).filter { key, _ in
            let lower = key.lowercased()
            return !lower.hasPrefix("utm_") && !trackingKeys.contains(lower)
        }
        guard !parameters.isEmpty else { return host + path }
        return host + path + "?" + QueryString.encode(parameters.sorted(by: QueryString.codePointOrder))
    }

    /// The host of a netloc (`user@host:port`), lower-cased, as Python's `hostname`.
    static func hostname(_ netloc: Substring) -> String? {
        var hostInfo = netloc
        if let at = hostInfo.lastIndex(of: "@") { hostInfo = hostInfo[hostInfo.index(after: at)...] }
        let host: Substring
        if let open = hostInfo.firstIndex(of: "[") {
            let bracketed = hostInfo[hostInfo.index(after: open)...]
            host = bracketed[..<(bracketed.firstIndex(of: "]") ?? bracketed.endIndex)]
        } else {
            host = hostInfo[..<(hostInfo.firstIndex(of: ":") ?? hostInfo.endIndex)]
        }
        return host.isEmpty ? nil : host.lowercased()
    }

    /// The canonical forms of a record's (or stub's) URLs in alias order, each once.
    public static func aliases(_ urls: ArticleURLs) -> [String] {
        var out: [String] = []
        for raw in urls.inAliasOrder {
            if let alias = canonical(raw), !out.contains(alias) { out.append(alias) }
        }
        return out
    }
}

/// Query strings as Python's `parse_qsl(keep_blank_values=True)` reads them and `urlencode` writes them.
enum QueryString {
    static func parse(_ query: Substring) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (unquotePlus(pair[..<equals]), unquotePlus(pair[pair.index(after: equals)...]))
            }
            return (unquotePlus(pair), "")
        }
    }

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { quotePlus($0.0) + "=" + quotePlus($0.1) }.joined(separator: "&")
    }

    static func codePointOrder(_ a: (String, String), _ b: (String, String)) -> Bool {
        if a.0 != b.0 { return a.0.unicodeScalars.lexicographicallyPrecedes(b.0.unicodeScalars, by: { $0.value < $1.value }) }
        return a.1.unicodeScalars.lexicographicallyPrecedes(b.1.unicodeScalars, by: { $0.value < $1.value })
    }

    /// `+` is a space; `%XX` a byte; the bytes are read as UTF-8, bad ones replaced.
    static func unquotePlus(_ text: Substring) -> String {
        guard text.contains(where: { $0 == "%" || $0 == "+" }) else { return String(text) }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), i + 2 < utf8.count, let high = hex(utf8[i + 1]), let low = hex(utf8[i + 2]) {
                bytes.append(high << 4 | low)
                i += 2
            } else {
                bytes.append(byte)
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Letters, digits and `_.-~` stay; a space becomes `+`; every other byte `%XX`.
    static func quotePlus(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "-"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                out.append("+")
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(digits[Int(byte >> 4)])
                out.unicodeScalars.append(digits[Int(byte & 0xF)])
            }
        }
        return out
    }
}

extension String {
    /// Whitespace trimmed from both ends, as Python's `str.strip()` trims it.
    func trimmingPythonWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isPythonWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isPythonWhitespace })!
        return Substring(scalars[first...last])
    }
}

extension Unicode.Scalar {
    var isPythonWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
