import Testing
@testable import TorchBumpKit

struct CMakeScannerTests {
    static let cases: [(String, String, [String])] = [
        ("CMakeLists.txt", """
            cmake_minimum_required(VERSION 3.26)
            # Supported torch versions
            set(TORCH_SUPPORTED_VERSION_CUDA "2.8.0")
            set(TORCH_SUPPORTED_VERSION_ROCM "2.7.1")
            set(CUDA_SUPPORTED_ARCHS "7.0;7.5;8.0;8.6;8.9;9.0")
            set(HIP_SUPPORTED_ARCHS "gfx906;gfx908;gfx90a;gfx942")
            # set(TORCH_SUPPORTED_VERSION_CUDA "2.1.0")
            set(PYTHON_SUPPORTED_VERSIONS "3.9" "3.10")
            set(TORCH_VERSION_FROM_VAR "${SOMETHING}")
            """, [
                "3 version pin torch 2.8.0 cuda name=TORCH_SUPPORTED_VERSION_CUDA",
                "4 version pin torch 2.7.1 rocm name=TORCH_SUPPORTED_VERSION_ROCM",
                "5 arch-list pin cuda 7.0;7.5;8.0;8.6;8.9;9.0 cuda name=CUDA_SUPPORTED_ARCHS",
                "6 arch-list pin rocm gfx906;gfx908;gfx90a;gfx942 rocm name=HIP_SUPPORTED_ARCHS",
            ]),
        ("cmake/arch.cmake", """
            if(CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.8)
              set(CUDA_ARCHS
                  "7.5;8.0;8.9;9.0;10.0;12.0")
            elseif (${CMAKE_CUDA_COMPILER_VERSION} VERSION_GREATER "11.8" AND NOT APPLE)
              set(CUDA_ARCHS 7.0;8.0)
            endif()
            if (Torch_VERSION VERSION_LESS 2.6)
              message(FATAL_ERROR "old torch")
            endif()
            """, [
                "1 version pin cuda 12.8 cuda name=CMAKE_CUDA_COMPILER_VERSION op=VERSION_GREATER_EQUAL note=toolkit gate",
                "3 arch-list pin cuda 7.5;8.0;8.9;9.0;10.0;12.0 cuda name=CUDA_ARCHS",
                "4 version pin cuda 11.8 cuda name=${CMAKE_CUDA_COMPILER_VERSION} op=VERSION_GREATER note=toolkit gate",
                "5 arch-list pin cuda 7.0;8.0 cuda name=CUDA_ARCHS",
                "7 version pin torch 2.6 all name=Torch_VERSION op=VERSION_LESS note=version gate",
            ]),
        ("cmake/external.cmake", """
            FetchContent_Declare(
                    cutlass
                    GIT_REPOSITORY https://github.com/NVIDIA/cutlass.git
                    GIT_TAG v3.9.2  # keep in sync
                    GIT_PROGRESS TRUE
            )
            FetchContent_Declare(FlashMLA GIT_REPOSITORY https://x/y.git GIT_TAG "3f1c2a9e0b" GIT_SUBMODULES "")
            FetchContent_Declare(dyn GIT_TAG ${DYN_TAG})
            """, [
                "4 git-ref pin cutlass v3.9.2 all name=GIT_TAG",
                "7 git-ref pin flashmla 3f1c2a9e0b all name=GIT_TAG",
            ]),
        ("cmake/cpu_extension.cmake", "\u{FEFF}set(TORCH_SUPPORTED_VERSION_CPU \"2.8.0\")\r\nset( MYPROJ_CUDA 12.8 )\r\n#[[ set(TORCH_SUPPORTED_VERSION_CUDA \"1.0.0\") ]]\r\n", [
                "1 version pin torch 2.8.0 cpu name=TORCH_SUPPORTED_VERSION_CPU",
                "2 version pin cuda 12.8 cuda name=MYPROJ_CUDA",
            ]),
    ]

    @Test(arguments: cases)
    func findsSites(_ path: String, _ text: String, _ expected: [String]) {
        var config = TorchBumpConfig()
        config.constants = ["MYPROJ_CUDA"]
        let result = scanFixture(CMakeScanner(), path: path, text, config: config)
        #expect(result.sites.map(describe) == expected)
        #expect(result.diagnostics == [])
    }

    @Test func reportsUnterminatedInputAndKeepsEarlierSites() {
        let result = scanFixture(CMakeScanner(), path: "CMakeLists.txt", """
            set(TORCH_SUPPORTED_VERSION_CUDA "2.8.0")
            message(STATUS "never closed)
            """)
        #expect(result.sites.map(describe) == ["1 version pin torch 2.8.0 cuda name=TORCH_SUPPORTED_VERSION_CUDA"])
        #expect(result.diagnostics == [
            "CMakeLists.txt:2:1: warning: unterminated quoted argument; the rest of the file was not scanned"])
    }

    @Test func acceptsCMakeFilesOnly() {
        let scanner = CMakeScanner()
        #expect(scanner.accepts(path: "CMakeLists.txt"))
        #expect(scanner.accepts(path: "csrc/CMakeLists.txt"))
        #expect(scanner.accepts(path: "cmake/utils.cmake"))
        #expect(!scanner.accepts(path: "requirements.txt"))
    }
}
