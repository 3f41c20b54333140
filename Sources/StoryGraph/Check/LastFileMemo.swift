/// The value worked out for the last file asked about. Findings come sorted
/// by file, so one entry is enough for a thread of a streamed format to work
/// out a file's value (its escaped path, its SARIF location) once per run of
/// that file's findings instead of once per finding.
struct LastFileMemo<Value> {
    private var last: (file: String, value: Value)?

    mutating func value(for file: String, _ make: (String) -> Value) -> Value {
        if let last, last.file == file { return last.value }
        let value = make(file)
        last = (file, value)
        return value
    }
}
