# libFuzzer targets (tests/fuzz/fuzz_<name>.cpp), included from the top-level CMakeLists.txt
# when PANEL_FUZZ is ON. docs/fuzzing.md explains how to run them; tests/fuzz/run.sh does it all:
#
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -DPANEL_FUZZ=ON -DPANEL_BUILD_TESTS=OFF \
#       -DCMAKE_BUILD_TYPE=RelWithDebInfo
#   cmake --build build-fuzz --target panel_fuzz
#
# panel_core is instrumented for coverage (fuzzer-no-link) and built with AddressSanitizer and
# UndefinedBehaviorSanitizer; UBSan findings abort, so that libFuzzer sees them as crashes.
# Nothing here runs when PANEL_FUZZ is OFF.

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "PANEL_FUZZ needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: "
                      "configure a separate build directory with CC=clang CXX=clang++")
endif()

set(PANEL_FUZZ_COMMON_FLAGS -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)

target_compile_options(panel_core PRIVATE -fsanitize=fuzzer-no-link,address,undefined ${PANEL_FUZZ_COMMON_FLAGS})
# Whatever links panel_core needs the sanitizer runtimes (the panel executable too, if built).
target_link_options(panel_core INTERFACE -fsanitize=address,undefined)

add_custom_target(panel_fuzz)
foreach(name IN LISTS PANEL_FUZZ_TARGETS)
  add_executable(fuzz_${name} "${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_${name}.cpp")
  target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined ${PANEL_FUZZ_COMMON_FLAGS}
                         ${PANEL_WARNINGS})
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_${name} PRIVATE panel_core)
  set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/fuzz")
  add_dependencies(panel_fuzz fuzz_${name})
endforeach()
