#pragma once
// Status and Result<T>: how errors cross module boundaries in Liner.
// A Status is either OK or carries a code and a message that names what was wrong and where.
// Value types; thread-compatible.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace liner {

class [[nodiscard]] Status {
 public:
  // Stored nowhere on disk, but kept stable for readability of logs.
  enum class Code {
    kOk = 0,
    kNotFound,
    kInvalidArgument,  // bad user input: syntax, types, unknown names
    kCorruption,       // bytes on disk that do not decode
    kIOError,          // file system or RocksDB I/O problem
    kBusy,             // the database is locked by another process
    kVersionMismatch,  // on-disk format of another version
    kConstraint,       // a uniqueness or integrity rule would be broken
    kTimeout,          // a query ran past its time limit
    kCancelled,        // the user interrupted the work (Ctrl-C)
    kLimitExceeded,    // a configured resource limit was hit
    kInternal,         // a bug in Liner
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status InvalidArgument(std::string m) {
    return Status(Code::kInvalidArgument, std::move(m));
  }
  static Status Corruption(std::string m) { return Status(Code::kCorruption, std::move(m)); }
  static Status IOError(std::string m) { return Status(Code::kIOError, std::move(m)); }
  static Status Busy(std::string m) { return Status(Code::kBusy, std::move(m)); }
  static Status VersionMismatch(std::string m) {
    return Status(Code::kVersionMismatch, std::move(m));
  }
  static Status Constraint(std::string m) { return Status(Code::kConstraint, std::move(m)); }
  static Status Timeout(std::string m) { return Status(Code::kTimeout, std::move(m)); }
  static Status Cancelled(std::string m) { return Status(Code::kCancelled, std::move(m)); }
  static Status LimitExceeded(std::string m) {
    return Status(Code::kLimitExceeded, std::move(m));
  }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "not found: ..." style text for printing.
  std::string ToString() const;

  // Adds context in front of the message: "while importing x.csv: <message>".
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

#define LINER_RETURN_IF_ERROR(expr)        \
  do {                                     \
    ::liner::Status _st = (expr);          \
    if (!_st.ok()) return _st;             \
  } while (0)

#define LINER_CONCAT_INNER(a, b) a##b
#define LINER_CONCAT(a, b) LINER_CONCAT_INNER(a, b)
#define LINER_ASSIGN_OR_RETURN(lhs, expr)                         \
  auto LINER_CONCAT(_res_, __LINE__) = (expr);                    \
  if (!LINER_CONCAT(_res_, __LINE__).ok())                        \
    return LINER_CONCAT(_res_, __LINE__).status();                \
  lhs = std::move(LINER_CONCAT(_res_, __LINE__)).value()

}  // namespace liner
