import Foundation

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
    ///
    /// Works on Unicode scalars, not Swift `Character`s: a combining mark after
    /// `/` or `=` must not glue itself to the delimiter, and two spellings of
    /// `é` are two URLs, as they are to Python.
    public static func canonical(_ raw: String) -> String? {
        switch ASCIIURL.canonical(raw) {
        case .canonical(let alias): return alias
        case .notAnArticleURL: return nil
        case .needsFullRules: return canonicalByFullRules(raw)
        }
    }

    /// `canonical`, by the general rules: any Unicode, whitespace, userinfo,
    /// ports, brackets and percent-encoded queries.
    static func canonicalByFullRules(_ raw: String) -> String? {
        var url = Array(raw.trimmingPythonWhitespace().unicodeScalars)
        // urlsplit: drop leading C0 controls and spaces, and every tab, CR and LF.
        url = Array(url.drop(while: { $0.value <= 0x20 }))
        url.removeAll { $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let colon = url.firstIndex(of: ":"), colon > 0, url[0].isASCIILetter,
              url[..<colon].allSatisfy({ $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "." })
        else { return nil }
        let scheme = String(String.UnicodeScalarView(url[..<colon])).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = url[(colon + 1)...]
        guard rest.starts(with: ["/", "/"]) else { return nil }
        rest = rest.dropFirst(2)
        let netlocEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let netloc = rest[..<netlocEnd]
        rest = rest[netlocEnd...]
        guard netlocIsValid(netloc) else { return nil }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: ArraySlice<Unicode.Scalar> = []
        if let question = rest.firstIndex(of: "?") {
            query = rest[(question + 1)...]
            rest = rest[..<question]
        }
        guard var host = hostname(netloc), !host.isEmpty else { return nil }
        var path = rest.isEmpty ? ["/"] : Array(rest)

        if host.reversed().starts(with: ".cdn.ampproject.org".unicodeScalars.reversed()) && path.starts(with: ["/", "c", "/"]) {
            var cached = path.dropFirst(3)
            if cached.starts(with: ["s", "/"]) { cached = cached.dropFirst(2) }
            let slash = cached.firstIndex(of: "/") ?? cached.endIndex
            host = Array(pythonLowercased(cached[..<slash]).unicodeScalars)
            path = ["/"] + (slash == cached.endIndex ? [] : Array(cached[(slash + 1)...]))
        }
        if host.starts(with: ["w", "w", "w", "."]) { host.removeFirst(4) }
        if path.count > 1 && path.last == "/" {
            while path.last == "/" { path.removeLast() }
            if path.isEmpty { path = ["/"] }
        }
        var canonical = String.UnicodeScalarView(host)
        canonical.append(contentsOf: path)
        let parameters = QueryString.parse(query).filter { key, _ in
            let lower = key.lowercased()
            return !lower.hasPrefix("utm_") && !trackingKeys.contains(lower)
        }
        guard !parameters.isEmpty else { return String(canonical) }
        return String(canonical) + "?" + QueryString.encode(parameters.sorted(by: QueryString.codePointOrder))
    }

    /// The host of a netloc (`user@host:port`), lower-cased, as Python's `hostname`.
    static func hostname(_ netloc: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar]? {
        var hostInfo = netloc
        if let at = hostInfo.lastIndex(of: "@") { hostInfo = hostInfo[(at + 1)...] }
        let host: ArraySlice<Unicode.Scalar>
        if let open = hostInfo.firstIndex(of: "[") {
            let bracketed = hostInfo[(open + 1)...]
            host = bracketed[..<(bracketed.firstIndex(of: "]") ?? bracketed.endIndex)]
        } else {
            host = hostInfo[..<(hostInfo.firstIndex(of: ":") ?? hostInfo.endIndex)]
        }
        return host.isEmpty ? nil : Array(pythonLowercased(host).unicodeScalars)
    }

    /// The netloc checks of Python 3.11's `urlsplit`, which raise (and so give no URL):
    /// unbalanced brackets, a bracketed host that is not IPv6 (or IPvFuture), and
    /// non-ASCII that NFKC-normalises into a delimiter (`／` → `/`).
    static func netlocIsValid(_ netloc: ArraySlice<Unicode.Scalar>) -> Bool {
        let open = netloc.contains("["), close = netloc.contains("]")
        if open != close { return false }
        if open {
            let bracketed = netloc[(netloc.firstIndex(of: "[")! + 1)...]
            let inside = String(String.UnicodeScalarView(bracketed[..<(bracketed.firstIndex(of: "]") ?? bracketed.endIndex)]))
            guard IPv6.isAddress(inside) else { return false }
        }
        guard !netloc.allSatisfy(\.isASCII) else { return true }
        let stripped = String(String.UnicodeScalarView(netloc.filter { !["@", ":", "#", "?"].contains($0) }))
        let normalized = stripped.precomposedStringWithCompatibilityMapping
        if stripped.unicodeScalars.elementsEqual(normalized.unicodeScalars) { return true }
        return !normalized.unicodeScalars.contains { ["/", "?", "#", "@", ":"].contains($0) }
    }

    /// The canonical forms of a record's (or stub's) URLs in alias order, each once.
    public static func aliases(_ urls: borrowing ArticleURLs) -> [String] {
        var out: [String] = []
        urls.forEachInAliasOrder { appendAlias(of: $0, to: &out) }
        return out
    }

    /// `aliases(stub.urls)`, from the stub's URLs as it holds them, without
    /// building its `ArticleURLs`.
    static func aliases(of stub: borrowing Stub) -> [String] {
        var out: [String] = []
        stub.forEachURLInAliasOrder { appendAlias(of: $0, to: &out) }
        return out
    }

    /// Appends the alias of `raw`, unless it has none or `out` holds it already.
    private static func appendAlias(of raw: String, to out: inout [String]) {
        if let alias = canonical(raw), !out.contains(where: { $0.hasSameCodePoints(as: alias) }) { out.append(alias) }
    }
}

/// Python's `str.lower()`: Swift's full lower-casing plus the final-sigma
/// rule (Σ at the end of a word is ς), which Swift's `lowercased()` leaves out.
func pythonLowercased<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
    let original = Array(scalars)
    guard original.contains("\u{03A3}") else { return String(String.UnicodeScalarView(original)).lowercased() }
    var out = String.UnicodeScalarView()
    for (index, scalar) in original.enumerated() {
        if scalar == "\u{03A3}" {
            let before = original[..<index].reversed().first { !$0.properties.isCaseIgnorable }
            let after = original[(index + 1)...].first { !$0.properties.isCaseIgnorable }
            let final = before?.properties.isCased == true && after?.properties.isCased != true
            out.append(final ? "\u{03C2}" : "\u{03C3}")
        } else {
            out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
    }
    return String(out)
}

/// Query strings as Python's `parse_qsl(keep_blank_values=True)` reads them and `urlencode` writes them.
enum QueryString {
    static func parse(_ query: ArraySlice<Unicode.Scalar>) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (unquotePlus(pair[..<equals]), unquotePlus(pair[(equals + 1)...]))
            }
            return (unquotePlus(pair), "")
        }
    }

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { quotePlus($0.0) + "=" + quotePlus($0.1) }.joined(separator: "&")
    }

    /// Python's tuple order: by key, then value, each by code points (UTF-8 byte
    /// order is code-point order), never by Swift's canonical equivalence.
    static func codePointOrder(_ a: (String, String), _ b: (String, String)) -> Bool {
        if !a.0.utf8.elementsEqual(b.0.utf8) { return a.0.utf8.lexicographicallyPrecedes(b.0.utf8) }
        return a.1.utf8.lexicographicallyPrecedes(b.1.utf8)
    }

    /// `+` is a space; `%XX` a byte; the bytes are read as UTF-8, bad ones replaced.
    static func unquotePlus(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        let text = String(String.UnicodeScalarView(scalars))
        guard scalars.contains(where: { $0 == "%" || $0 == "+" }) else { return text }
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
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }

    var isPythonWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}

/// Whether a string is an address Python's `ipaddress` accepts in brackets:
/// IPv6 (with an optional `%zone`), or an IPvFuture literal `vX.…`.
enum IPv6 {
    static func isAddress(_ text: String) -> Bool {
        if text.hasPrefix("v") {
            let parts = text.dropFirst().split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy(\.isHexDigit) && !parts[1].isEmpty
        }
        let address = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
        if address.count == 2 && address[1].isEmpty { return false }
        var buffer = in6_addr()
        return inet_pton(AF_INET6, String(address[0]), &buffer) == 1
    }
}
