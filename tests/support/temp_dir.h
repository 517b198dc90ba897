#pragma once
// TempDir: a fresh directory under $TMPDIR for one test, removed with everything in it when the
// object goes out of scope. Not thread-safe; one per test.

#include <filesystem>
#include <random>
#include <string>

namespace liner::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (;;) {
      path_ = base / ("liner-test-" + std::to_string(rd()) + std::to_string(rd()));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // A path inside the directory (not created).
  std::string Sub(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The project's ../shared folder, or "" when it is absent (a user's clone).
inline std::string SharedDir() {
  std::filesystem::path p = LINER_SHARED_DIR;
  return std::filesystem::is_directory(p) ? std::filesystem::canonical(p).string() : "";
}

}  // namespace liner::testing
