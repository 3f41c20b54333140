/// The one place where text reaches the HTML report. Everything from the
/// records (titles, excerpts, providers, topics, files, URLs, messages) goes
/// through `escaped` into element text or a double-quoted attribute, and
/// nowhere else: never into a script, a style or an unquoted attribute.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities, so the text can neither open a
    /// tag nor end an attribute; NUL and other control characters (but tab and
    /// line ends) as U+FFFD, which HTML would reject or drop silently.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// An `href` value for a record's URL: only `http(s)` URLs (so never
    /// `javascript:` or `data:`), escaped for a double-quoted attribute; nil otherwise.
    public static func href(_ url: String?) -> String? {
        guard let url = url?.trimmingSpaces, url.utf8.count <= 4_000 else { return nil }
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return nil }
        return escaped(url)
    }

    /// `text` cut to `limit` characters, ending in `…` when cut.
    public static func shortened(_ text: String, to limit: Int) -> String {
        text.count > limit ? String(text.prefix(max(1, limit - 1))) + "…" : text
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
