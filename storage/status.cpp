#include "storage/status.h"

namespace liner {

std::string Status::ToString() const {
  const char* prefix = "";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kNotFound: prefix = "not found"; break;
    case Code::kInvalidArgument: prefix = "invalid argument"; break;
    case Code::kCorruption: prefix = "corruption"; break;
    case Code::kIOError: prefix = "I/O error"; break;
    case Code::kBusy: prefix = "busy"; break;
    case Code::kVersionMismatch: prefix = "version mismatch"; break;
    case Code::kConstraint: prefix = "constraint violation"; break;
    case Code::kTimeout: prefix = "timeout"; break;
    case Code::kCancelled: prefix = "cancelled"; break;
    case Code::kLimitExceeded: prefix = "limit exceeded"; break;
    case Code::kInternal: prefix = "internal error"; break;
  }
  return std::string(prefix) + ": " + message_;
}

}  // namespace liner
