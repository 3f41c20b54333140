import GRDB
import GRDBSQLite

/// One value of an inserted row.
enum SQLiteValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Bool?) { self = value.map { .integer($0 ? 1 : 0) } ?? .null }
    init(_ value: Double?) { self = value.map(SQLiteValue.real) ?? .null }
    init(_ value: String?) { self = value.map(SQLiteValue.text) ?? .null }
}

/// An `INSERT` statement that binds each row's values through SQLite's C
/// API. GRDB's `execute(arguments:)` boxes every value in an existential and
/// checks the arguments on every call: at 100,000 records (1.3 million rows)
/// that cost more than SQLite's own work.
struct SQLiteRows {
    private let statement: Statement
    private let database: Database

    init(_ database: Database, _ sql: String) throws {
        self.database = database
        statement = try database.makeStatement(sql: sql)
    }

    func insert(_ values: SQLiteValue...) throws {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .null: code = sqlite3_bind_null(handle, index)
            case .text(var text):
                // SQLITE_TRANSIENT: SQLite copies the bytes before `withUTF8` returns.
                code = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        guard let start = chars.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, nil) }
                        return sqlite3_bind_text(handle, index, start, Int32(chars.count), Self.transient)
                    }
                }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// SQLITE_TRANSIENT, which the C header spells as a cast of -1.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func error(_ code: Int32) -> ExportError {
        ExportError("SQLite error \(code) in \(statement.sql): \(String(cString: sqlite3_errmsg(database.sqliteConnection)))")
    }
}
