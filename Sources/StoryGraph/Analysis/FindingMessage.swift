/// A finding's message as its template and the strings it names, not as text.
///
/// A large archive has millions of findings (3.1 million at a million records)
/// and most are read only once, when the report writes them. Building each
/// message by interpolation cost a fresh heap string per finding (and the
/// time to build it); a template case holds the records' own strings, which
/// share the records' storage, and `Finding.message` builds the text only
/// when someone reads it. The report writes the pieces straight into its
/// byte buffer (`PrettyJSON.writeString(pieces:)`), so it never builds it.
enum FindingMessage: Sendable {
    /// Any other message, as built (the rare kinds, and a message set by a caller).
    case text(String)
    /// `stub title "<said>" differs from the target's title "<actual>"`
    case staleTitle(said: String, actual: String)
    /// `stub publishedDateTime <said> differs from the target's <actual>`
    case staleDate(said: String, actual: String)
    /// `published record links to unpublished <target>`
    case unpublishedTarget(RecordName)
    /// `links to <target>, which does not link back`
    case asymmetric(RecordName)
    /// `related link to <alias> names no record`, with ` ("<title>")` after the alias when the stub has a title.
    case dangling(alias: String, title: String?)

    /// How a message names a record: its title in quotes and its file in
    /// parentheses, or its file alone when it has no title.
    struct RecordName: Sendable {
        var title: String?
        var file: String

        func forEachPiece(_ body: (String) -> Void) {
            guard let title else { return body(file) }
            body("\""); body(title); body("\" ("); body(file); body(")")
        }
    }

    /// Hands over the message's text in pieces, in order: the template's fixed
    /// text and the strings it names. Joined, they are the message; this is
    /// the one place that spells each template.
    func forEachPiece(_ body: (String) -> Void) {
        switch self {
        case .text(let text):
            body(text)
        case .staleTitle(let said, let actual):
            body("stub title \""); body(said); body("\" differs from the target's title \""); body(actual); body("\"")
        case .staleDate(let said, let actual):
            body("stub publishedDateTime "); body(said); body(" differs from the target's "); body(actual)
        case .unpublishedTarget(let target):
            body("published record links to unpublished "); target.forEachPiece(body)
        case .asymmetric(let target):
            body("links to "); target.forEachPiece(body); body(", which does not link back")
        case .dangling(let alias, let title):
            body("related link to "); body(alias)
            if let title { body(" (\""); body(title); body("\")") }
            body(" names no record")
        }
    }

    /// The message as one string.
    var text: String {
        if case .text(let text) = self { return text }
        var text = ""
        forEachPiece { text += $0 }
        return text
    }
}
