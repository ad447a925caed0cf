import Foundation
import Testing
@testable import TorchBumpKit

/// A CMake arch list set unconditionally must suit the new toolkit; lists inside a toolkit-version `if` chain are the
/// project's own per-toolkit answers and are left alone.
@Suite("Planner: CMake arch lists")
struct CMakeArchListPlanTests {
    static let dockerfile = "ARG CUDA_VERSION=12.8.1\nFROM nvidia/cuda:${CUDA_VERSION}-devel-ubuntu22.04\n"

    @Test func unconditionalListIsCheckedAgainstTheNewToolkit() throws {
        let fixture = try PlanFixture([
            "docker/Dockerfile": Self.dockerfile,
            "csrc/CMakeLists.txt": "set(KERNEL_CUDA_ARCHS \"7.0;8.0;9.0\")\nstring(REPLACE \".\" \"\" CMAKE_CUDA_ARCHITECTURES \"${KERNEL_CUDA_ARCHS}\")\n",
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(plan.notes.contains { $0.location?.short == "csrc/CMakeLists.txt:1" && $0.message.contains("cannot target") })
    }

    @Test(arguments: [("Makefile", "TORCH_CUDA_ARCH_LIST ?= 7.0 8.0 9.0\n"),
                      ("tools/build.sh", "#!/bin/bash\nexport TORCH_CUDA_ARCH_LIST=\"7.0 8.0 9.0\"\n"),
                      ("pkg/ops.py", "import os\nos.environ.setdefault(\"TORCH_CUDA_ARCH_LIST\", \"7.0;8.0;9.0\")\n")])
    func makefileAndScriptListsToo(path: String, text: String) throws {
        let fixture = try PlanFixture(["docker/Dockerfile": Self.dockerfile, path: text])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(plan.notes.contains { $0.location?.path == path && $0.message.contains("cannot target") })
    }

    @Test func toolkitGatedListsAreLeft() throws {
        let fixture = try PlanFixture([
            "docker/Dockerfile": Self.dockerfile,
            "CMakeLists.txt": """
                if(DEFINED CMAKE_CUDA_COMPILER_VERSION AND
                   CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 13.0)
                  set(CUDA_SUPPORTED_ARCHS "7.5;8.0;9.0;10.0")
                elseif(CMAKE_CUDA_COMPILER_VERSION VERSION_GREATER_EQUAL 12.8)
                  set(CUDA_SUPPORTED_ARCHS "7.0;7.5;8.0;9.0;10.0")
                else()
                  if(WIN32)
                    set(EXTRA_FLAGS "-Xcompiler")
                  endif()
                  set(CUDA_SUPPORTED_ARCHS "7.0;7.5;8.0;9.0")
                endif()

                """,
        ])
        let plan = try fixture.plan(UpgradeTarget(torch: "2.9.0", cuda: "13.0"))
        #expect(!plan.notes.contains { $0.location?.path == "CMakeLists.txt" && $0.message.contains("cannot target") })
    }
}
