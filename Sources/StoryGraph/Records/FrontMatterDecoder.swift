/// The default `RecordDecoder`: the fast path (`FrontMatterParser`) for
/// front matter in the subset records are written in, and Yams for the rest.
///
/// Both paths feed the same `RecordReader`, so a record reads the same
/// whichever path composed it. Every error comes from Yams: the fast path
/// never rejects, it only gives up.
public struct FrontMatterDecoder: RecordDecoder {
    let fallback = YamsRecordDecoder()

    public init() {}

    public func decode(_ text: String, file: String, firstLine: Int, allowList: Bool) throws(RecordError) -> [Result<Record, RecordError>] {
        if let record = fastRecord(text, file: file, firstLine: firstLine) {
            return [.success(record)]
        }
        return try fallback.decode(text, file: file, firstLine: firstLine, allowList: allowList)
    }

    /// The record the fast path reads, or nil when the text is outside its subset.
    func fastRecord(_ text: String, file: String, firstLine: Int) -> Record? {
        var text = text
        return text.withUTF8 { bytes -> Record? in
            guard let parser = try? FrontMatterParser.parse(bytes) else { return nil }
            let reader = RecordReader(document: FrontMatterDocument(parser: parser), file: file, firstLine: firstLine)
            return reader.record(0, at: firstLine)
        }
    }
}
