// liner generate: writes the synthetic music-credits graph of the peer benchmark (six CSVs,
// params.json, stats.json) for experiments and benchmarks. See cli/gen_graph.h.
#include <ostream>

#include "cli/command.h"
#include "cli/flags.h"
#include "cli/gen_graph.h"
#include "cli/rows_out.h"

namespace liner::cli {

namespace {

Result<GenSpec> SpecFrom(const Flags& flags) {
  GenSpec spec;
  if (flags.Has("scale")) {
    LINER_ASSIGN_OR_RETURN(spec, GenScale(flags.Get("scale")));
  }
  LINER_ASSIGN_OR_RETURN(spec.persons, flags.GetInt("persons", spec.persons));
  LINER_ASSIGN_OR_RETURN(spec.songs, flags.GetInt("songs", spec.songs));
  LINER_ASSIGN_OR_RETURN(spec.seed, flags.GetInt("seed", 42));
  LINER_ASSIGN_OR_RETURN(long long nparams, flags.GetInt("nparams", 300));
  if (nparams < 0 || nparams > 1000000) {
    return Status::InvalidArgument("liner generate: --nparams is between 0 and 1000000");
  }
  spec.nparams = static_cast<int>(nparams);
  if (spec.persons == 0 || spec.songs == 0) {
    return Status::InvalidArgument(
        "liner generate: give --scale small|medium|large or --persons N --songs M");
  }
  if (!flags.Has("out")) return Status::InvalidArgument("liner generate: --out DIR is required");
  if (!flags.positionals().empty()) {
    return Status::InvalidArgument("liner generate: unexpected argument '" +
                                   flags.positionals()[0] + "'");
  }
  return spec;
}

}  // namespace

int CmdGenerate(const std::vector<std::string>& args, Io& io) {
  Flags flags("liner generate");
  flags.Value("scale").Value("persons").Value("songs").Value("seed").Value("nparams").Value("out");
  if (Status st = flags.Parse(args); !st.ok()) return ReportError(io, st, /*usage=*/true);
  auto spec = SpecFrom(flags);
  if (!spec.ok()) return ReportError(io, spec.status(), /*usage=*/true);
  auto stats = GenerateGraph(*spec, flags.Get("out"));
  if (!stats.ok()) return ReportError(io, stats.status());
  io.out << "generated " << stats->persons << " persons, " << stats->songs << " songs, "
         << stats->samples << " samples, " << stats->credits << " credits (" << stats->total_edges()
         << " edges) in " << flags.Get("out") << " (" << static_cast<int64_t>(stats->seconds * 1000)
         << " ms)\n";
  return 0;
}

}  // namespace liner::cli
