import ONNXNetCLI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Writing to a closed pipe (`onnxnet encode ... | head`) must end quietly, not crash.
signal(SIGPIPE, SIG_IGN)
exit(ONNXNetCLI.run(Array(CommandLine.arguments.dropFirst())))
