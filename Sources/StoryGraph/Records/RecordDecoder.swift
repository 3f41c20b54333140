/// Turns the text of one document (a front-matter block, a JSON file or a
/// JSON line) into records.
///
/// This is the one seam between storygraph and a YAML implementation: the
/// loader only knows this protocol, so a faster parser can replace the
/// default one without touching anything else.
public protocol RecordDecoder: Sendable {
    /// Decodes `text`, whose first line is line `firstLine` of `file`.
    ///
    /// A mapping gives one record. With `allowList` (a `.json` file), a
    /// sequence gives one result per element: a record, or an error for an
    /// element that is not a mapping.
    ///
    /// - Throws: `RecordError` when the text does not parse, or is not a
    ///   mapping (nor, with `allowList`, a sequence).
    func decode(_ text: String, file: String, firstLine: Int, allowList: Bool) throws(RecordError) -> [Result<Record, RecordError>]
}

extension RecordDecoder {
    /// Decodes a document that must be one mapping: one record.
    public func decodeRecord(_ text: String, file: String, firstLine: Int) throws(RecordError) -> Record {
        let results = try decode(text, file: file, firstLine: firstLine, allowList: false)
        guard results.count == 1 else {
            throw RecordError(line: firstLine, message: "front matter is not a mapping")
        }
        return try results[0].get()
    }
}
