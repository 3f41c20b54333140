/// The default `RecordDecoder`: the fast path (`FrontMatterParser`) for
/// front matter in the subset records are written in, and Yams for the rest.
///
/// Both paths feed the same `RecordReader`, so a record reads the same
/// whichever path composed it. Every error comes from Yams: the fast path
/// never rejects, it only gives up.
public struct FrontMatterDecoder: RecordDecoder {
    /// False to leave every record's `excerpt` out, for a job that never
    /// reads one (the report and the exports do not; diagrams' tooltips and
    /// `check`'s fixes do). The excerpt is the longest text of a generated
    /// record: at a million records their strings take 142 MB.
    public let keepsExcerpts: Bool
    let fallback: YamsRecordDecoder

    public init(keepsExcerpts: Bool = true) {
        self.keepsExcerpts = keepsExcerpts
        fallback = YamsRecordDecoder(keepsExcerpts: keepsExcerpts)
    }

    public func decode(_ text: String, file: String, firstLine: Int, allowList: Bool) throws(RecordError) -> [Result<Record, RecordError>] {
        if var record = fastRecord(text, file: file, firstLine: firstLine) {
            // A text without its file: nothing says how `RelatedBlock.locate` would read the file
            // (its fences; it may be JSON). Only the loader, which has the file, keeps the indent.
            record.relatedIndent = nil
            return [.success(record)]
        }
        return try fallback.decode(text, file: file, firstLine: firstLine, allowList: allowList)
    }

    /// One front-matter block given as its UTF-8 bytes (valid UTF-8), the way
    /// the loader has it: no `String` of the block is made unless Yams needs
    /// one, and the thread's `scratch` lends its node array and interner.
    func decodeRecord(utf8 yaml: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int,
                      scratch: LoadingScratch?) throws(RecordError) -> Record {
        if let record = fastRecord(utf8: yaml, file: file, firstLine: firstLine, scratch: scratch) {
            return record
        }
        return try fallback.decodeRecord(String(decoding: yaml, as: UTF8.self), file: file, firstLine: firstLine)
    }

    /// The record the fast path reads, or nil when the text is outside its subset.
    func fastRecord(_ text: String, file: String, firstLine: Int) -> Record? {
        var text = text
        return text.withUTF8 { fastRecord(utf8: $0, file: file, firstLine: firstLine, scratch: nil) }
    }

    func fastRecord(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, scratch: LoadingScratch?) -> Record? {
        var storage: [FrontMatterParser.Node] = []
        if let scratch { swap(&storage, &scratch.nodes) }
        guard var parser = try? FrontMatterParser.parse(bytes, storage: storage) else { return nil }
        let reader = RecordReader(document: FrontMatterDocument(parser: parser, strings: scratch?.strings, linked: scratch?.linked),
                                  file: file, firstLine: firstLine, keepsExcerpts: keepsExcerpts)
        let record = reader.record(0, at: firstLine)
        scratch?.nodes = parser.takeStorage()
        return record
    }
}
