import Foundation
import StoryGraph

/// Turns user text (titles, providers, URLs) into DOT quoted strings that
/// cannot break the DOT file or the SVG Graphviz makes from it.
///
/// - `"` and `\` are escaped, so a title cannot end the string or start an
///   escape sequence such as `\N`;
/// - `&` becomes `&amp;`: Graphviz decodes entities in labels, so a literal
///   `&lt;` in a title stays literal text, and the SVG gets a valid `&amp;`;
/// - control characters (newlines included) become spaces; line breaks in
///   labels are only the ones `wrapped` inserts;
/// - text is shortened, because Graphviz's DOT parser rejects quoted strings
///   over 16 KB and a label that long helps nobody.
public enum DOTText {
    /// A DOT quoted string, quotes included, of at most `limit` characters of text.
    public static func quoted(_ text: String, limit: Int = 500) -> String {
        "\"" + escaped(shortened(plain(cut(text, near: limit)), to: limit)) + "\""
    }

    /// A long text cut well past `limit` before any character-by-character
    /// work (an 8 MB excerpt must not cost seconds), still longer than
    /// `limit` so `shortened` marks it with `…`.
    static func cut(_ text: String, near limit: Int) -> String {
        text.utf8.count > limit * 4 + 64 ? String(text.prefix(limit * 4 + 64)) + " …" : text
    }

    /// A label quoted for DOT, wrapped at word boundaries into lines of about
    /// `width` characters, at most `maxLines` lines.
    public static func wrapped(_ text: String, width: Int = 28, maxLines: Int = 4) -> String {
        quoted(lines: wrappedLines(text, width: width, maxLines: maxLines), limit: width * 2)
    }

    /// Lines joined by DOT's `\n` escape (a line break in labels and tooltips),
    /// each escaped and shortened to `limit` characters, quotes included.
    public static func quoted(lines: [String], limit: Int = 500) -> String {
        "\"" + lines.map { escaped(shortened(plain(cut($0, near: limit)), to: limit)) }.joined(separator: "\\n") + "\""
    }

    /// `text` broken at word boundaries into lines of about `width`
    /// characters, at most `maxLines` of them (the last ends in `…` when cut).
    public static func wrappedLines(_ text: String, width: Int = 28, maxLines: Int = 4) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in plain(cut(text, near: width * maxLines)).split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = shortened(lines[maxLines - 1] + " …", to: width + 2)
        }
        return lines
    }

    /// A relative link to a file this tool wrote (`clusters/3.svg`): only
    /// letters, digits, `.`, `-`, `_` and `/` pass, so no scheme can sneak in.
    public static func localLink(_ path: String) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains(":"),
              path.utf8.allSatisfy({ localBytes.contains($0) }) else { return nil }
        return "\"" + path + "\""
    }

    private static let localBytes = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-/".utf8)

    /// An `http(s)` URL quoted for the `URL` attribute, or nil for any other
    /// scheme: a record's `javascript:` URL must never become a link.
    ///
    /// Bytes that RFC 3986 does not allow in a URL (`"`, `<`, `>`, spaces,
    /// non-ASCII, ...) are percent-encoded, because Graphviz copies the URL
    /// into SVG's `xlink:href` escaping only `&`.
    public static func link(_ url: String?) -> String? {
        guard let url = url?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), url.utf8.count <= 4_000 else { return nil }
        var encoded = ""
        for byte in url.utf8 {
            if urlBytes.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += PercentEscape.escaped(byte)
            }
        }
        return "\"" + escaped(encoded) + "\""
    }

    /// RFC 3986's unreserved and reserved characters, and `%`.
    private static let urlBytes = Set(("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        + "-._~:/?#[]@!$&'()*+,;=%").utf8)

    /// Labels never show more than this many characters; longer text is cut
    /// before any per-character work, so an 8 MB title costs no more than a short one.
    static let longestUsefulText = 4_096

    /// Control characters and runs of white space as one space; at most
    /// `longestUsefulText` characters of it (anything longer is shortened later anyway).
    static func plain(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        var kept = 0
        for scalar in text.unicodeScalars {
            guard kept < longestUsefulText else { break }
            kept += 1
            if scalar.properties.generalCategory == .control || scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out += " " }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            default: out.append(character)
            }
        }
        return out
    }

    static func shortened(_ text: String, to limit: Int) -> String {
        text.count > limit ? String(text.prefix(max(1, limit - 1))) + "…" : text
    }
}
