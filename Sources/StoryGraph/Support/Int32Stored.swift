/// An `Int` kept in four bytes, for fields of the types there are millions
/// of: a finding's or a stub's line and column (a record file is at most
/// 256 MiB, so they fit). A value out of range is clamped.
///
/// Public only because public properties are wrapped in it; it is storage,
/// not part of what the library offers.
@propertyWrapper
public struct Int32Stored: Sendable, Equatable {
    private var stored: Int32

    public init(wrappedValue: Int) { stored = Int32(clamping: wrappedValue) }

    /// A value exactly as it was decoded, where clamping would change what the input said.
    init(exactly value: Int32) { stored = value }

    public var wrappedValue: Int {
        get { Int(stored) }
        set { stored = Int32(clamping: newValue) }
    }
}
