// The liner.* algorithm procedures. Placeholder: the algorithms engineer replaces this file.
#include "query/procedure.h"

namespace liner::query {

void RegisterAlgorithmProcedures(ProcedureRegistry& /*registry*/) {}

}  // namespace liner::query
