#pragma once
// Flags: a small parser for GNU-style options shared by every subcommand.
//   --name VALUE, --name=VALUE, repeated options, boolean switches, positionals, `--` ends options.
// Unknown options and missing values are errors naming the option and the command.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "storage/status.h"

namespace liner::cli {

class Flags {
 public:
  // `command` names the subcommand in error messages ("liner query").
  explicit Flags(std::string command) : command_(std::move(command)) {}

  // Declares an option that takes a value (may be repeated).
  Flags& Value(const std::string& name) { valued_.insert(name); return *this; }
  // Declares a boolean switch.
  Flags& Switch(const std::string& name) { switches_.insert(name); return *this; }

  Status Parse(const std::vector<std::string>& args);

  bool Has(const std::string& name) const { return values_.count(name) || set_.count(name); }
  // Last value given for `name`, or `fallback`.
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  // Every value given for `name`, in order.
  std::vector<std::string> GetAll(const std::string& name) const;
  // Integer value, with an error naming the option when it is not a number.
  Result<long long> GetInt(const std::string& name, long long fallback) const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  const std::string& command() const { return command_; }

 private:
  std::string command_;
  std::set<std::string> valued_, switches_, set_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

}  // namespace liner::cli
