#include "cli/flags.h"

#include <cstdlib>

namespace liner::cli {

Status Flags::Parse(const std::vector<std::string>& args) {
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (options_done || a.size() < 2 || a[0] != '-' || a == "-") {
      positionals_.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a.substr(a.rfind('-', 1) == 1 ? 2 : 1);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (switches_.count(name)) {
      if (inline_value) {
        return Status::InvalidArgument(command_ + ": option --" + name + " takes no value");
      }
      set_.insert(name);
    } else if (valued_.count(name)) {
      if (inline_value) {
        values_[name].push_back(*inline_value);
      } else if (i + 1 < args.size()) {
        values_[name].push_back(args[++i]);
      } else {
        return Status::InvalidArgument(command_ + ": option --" + name + " expects a value");
      }
    } else {
      return Status::InvalidArgument(command_ + ": unknown option '" + a +
                                     "' (see 'liner help')");
    }
  }
  return Status::OK();
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> Flags::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Result<long long> Flags::GetInt(const std::string& name, long long fallback) const {
  if (!values_.count(name)) return fallback;
  std::string v = Get(name);
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end != '\0') {
    return Status::InvalidArgument(command_ + ": option --" + name + " expects an integer, got '" +
                                   v + "'");
  }
  return n;
}

}  // namespace liner::cli
