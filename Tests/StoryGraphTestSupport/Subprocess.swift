import Foundation

/// Runs a program the way a user would, feeding stdin and collecting stdout
/// and stderr concurrently, so that no pipe can fill up and block the child.
public enum Subprocess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: Data
        public let stderr: String
        public var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// - Parameter environment: variables set for the program on top of this process' own.
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        let group = DispatchGroup()
        let collected = Collected()
        let errorHandle = errors.fileHandleForReading
        DispatchQueue.global().async(group: group) { collected.data = errorHandle.readDataToEndOfFile() }
        let inputHandle = input.fileHandleForWriting
        DispatchQueue.global().async(group: group) {
            if let stdin { inputHandle.write(stdin) }
            try? inputHandle.close()
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout,
                      stderr: String(decoding: collected.data, as: UTF8.self))
    }

    /// Graphviz's own `dot` command, for checking DOT the way Graphviz reads it.
    public static func dot(_ arguments: [String], stdin: Data) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/dot"), arguments, stdin: stdin)
    }

    /// Written by one reader thread, read after `group.wait()`.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}
