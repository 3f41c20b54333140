import CFuzzerDriver
import Foundation

// libFuzzer's options and corpus folders come from the command line (SECURITY.md).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    fuzzOneInput(data!, size)
})
