// Replays saved fuzz inputs through a libFuzzer target without libFuzzer, so that the ordinary
// build (GCC, no sanitizer runtime of clang's) runs every regression input and the seed corpus in
// ctest. Linked with one tests/fuzz/fuzz_<name>.cpp; the arguments are files or folders (every
// regular file below a folder, in name order). A crash, a sanitizer report or a hang (the test's
// TIMEOUT) fails the test; the input being run is printed first so that a failure names it.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<std::filesystem::path> inputs(const std::vector<std::string>& arguments)
{
  std::vector<std::filesystem::path> found;
  for (const auto& argument : arguments) {
    const std::filesystem::path path(argument);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
        if (entry.is_regular_file() && entry.path().filename() != ".gitkeep")
          found.push_back(entry.path());
    } else {
      found.push_back(path);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " FILE|FOLDER...\n";
    return 2;
  }
  const auto files = inputs(std::vector<std::string>(argv + 1, argv + argc));
  if (files.empty()) {
    std::cerr << "replay: no input found\n";
    return 1;
  }
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "replay: cannot read " << file.string() << "\n";
      return 1;
    }
    std::ostringstream read;  // through rdbuf: an istreambuf_iterator pair trips GCC 12's -Wnull-dereference
    read << in.rdbuf();
    const std::string bytes = read.str();
    std::cout << "replay: " << file.string() << std::endl;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << "replay: " << files.size() << " inputs, none crashed\n";
  return 0;
}
