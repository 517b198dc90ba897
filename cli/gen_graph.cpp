// The synthetic music-credits graph generator; follows ../shared/peers/gen/gen_graph.py draw by
// draw, so the random stream (and therefore the output) is the same as the script's.
#include "cli/gen_graph.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cli/gen_words.h"

namespace liner::cli {

// ---- PyRandom ----

PyRandom::PyRandom(__int128 seed) {
  unsigned __int128 v =
      seed < 0 ? static_cast<unsigned __int128>(-seed) : static_cast<unsigned __int128>(seed);
  std::vector<uint32_t> key;
  while (v != 0) {
    key.push_back(static_cast<uint32_t>(v));
    v >>= 32;
  }
  if (key.empty()) key.push_back(0);
  mt_[0] = 19650218u;
  for (int i = 1; i < kN; ++i) {
    mt_[i] = 1812433253u * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<uint32_t>(i);
  }
  int i = 1;
  size_t j = 0;
  for (size_t k = std::max<size_t>(kN, key.size()); k; --k) {
    mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525u)) + key[j] +
             static_cast<uint32_t>(j);
    ++i;
    ++j;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
    if (j >= key.size()) j = 0;
  }
  for (int k = kN - 1; k; --k) {
    mt_[i] =
        (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941u)) - static_cast<uint32_t>(i);
    ++i;
    if (i >= kN) {
      mt_[0] = mt_[kN - 1];
      i = 1;
    }
  }
  mt_[0] = 0x80000000u;
  mti_ = kN;
}

uint32_t PyRandom::NextU32() {
  constexpr int kM = 397;
  constexpr uint32_t kUpper = 0x80000000u, kLower = 0x7fffffffu, kMatrix = 0x9908b0dfu;
  if (mti_ >= kN) {
    int k = 0;
    for (; k < kN - kM; ++k) {
      uint32_t y = (mt_[k] & kUpper) | (mt_[k + 1] & kLower);
      mt_[k] = mt_[k + kM] ^ (y >> 1) ^ ((y & 1u) ? kMatrix : 0u);
    }
    for (; k < kN - 1; ++k) {
      uint32_t y = (mt_[k] & kUpper) | (mt_[k + 1] & kLower);
      mt_[k] = mt_[k + (kM - kN)] ^ (y >> 1) ^ ((y & 1u) ? kMatrix : 0u);
    }
    uint32_t y = (mt_[kN - 1] & kUpper) | (mt_[0] & kLower);
    mt_[kN - 1] = mt_[kM - 1] ^ (y >> 1) ^ ((y & 1u) ? kMatrix : 0u);
    mti_ = 0;
  }
  uint32_t y = mt_[mti_++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= (y >> 18);
  return y;
}

double PyRandom::Random() {
  uint32_t a = NextU32() >> 5, b = NextU32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

// ---- generation ----

namespace {

namespace fs = std::filesystem;

enum Role : uint8_t { kPerformer, kFeatured, kWriter, kProducer, kEngineer, kMixer, kMastering };
constexpr std::array<std::string_view, 7> kRoles = {"performer", "featured", "writer",   "producer",
                                                    "engineer",  "mixer",    "mastering"};
constexpr std::array<std::string_view, 7> kSampleKinds = {
    "vocal", "drum break", "melody", "bassline", "interpolation", "loop", "horn stab"};
constexpr std::array<double, 7> kSampleKindWeights = {0.25, 0.25, 0.15, 0.1, 0.1, 0.1, 0.05};

// Role groups, in the order the script lays out their person id ranges.
enum Group { kA, kW, kP, kE, kX, kMa, kGroups };

struct Credit {
  uint32_t person, song;
  Role role;
};
struct SampleRow {
  uint32_t a, b;  // song a samples song b
  uint8_t kind;
};

// Buffered file output with fast integer formatting.
class Out {
 public:
  explicit Out(const std::string& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {}
  ~Out() {
    if (f_) std::fclose(f_);
  }
  Out& operator<<(std::string_view s) {
    buf_.append(s);
    if (buf_.size() > (1 << 20)) Flush();
    return *this;
  }
  Out& operator<<(int64_t v) {
    char tmp[24];
    int n = std::snprintf(tmp, sizeof tmp, "%lld", static_cast<long long>(v));
    return *this << std::string_view(tmp, n);
  }
  Out& operator<<(char c) { return *this << std::string_view(&c, 1); }
  Status Close() {
    if (!f_) return Status::IOError("cannot write " + path_);
    Flush();
    bool ok = !ok_ ? false : std::fclose(f_) == 0;
    f_ = nullptr;
    return ok ? Status::OK() : Status::IOError("cannot write " + path_);
  }

 private:
  void Flush() {
    if (f_ && !buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      ok_ = false;
    }
    buf_.clear();
  }
  std::string path_;
  FILE* f_;
  std::string buf_;
  bool ok_ = true;
};

// Python's repr of a float rounded to 2 decimals ("0.16", "3.0").
std::string PyFloat2(double v) {
  char tmp[32];
  std::snprintf(tmp, sizeof tmp, "%.2f", std::round(v * 100) / 100);
  std::string s = tmp;
  while (s.size() > 3 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

class Generator {
 public:
  explicit Generator(const GenSpec& spec)
      : n_(spec.persons),
        m_(spec.songs),
        seed_(spec.seed),
        nparams_(spec.nparams),
        rng_(spec.seed) {}

  Status Run(const std::string& outdir, GenStats* stats);

 private:
  double R() { return rng_.Random(); }
  int64_t PickIdx(int64_t n) { return static_cast<int64_t>(R() * static_cast<double>(n)); }
  int64_t Geom(double p, int64_t cap) {
    int64_t k = 1;
    while (k < cap && R() < p) ++k;
    return k;
  }
  uint32_t Pick(int g);
  void MakeCredits();
  void MakeSamples();
  void MakeNames();
  Status WriteCsvs(const std::string& dir);
  Status WriteStatsAndParams(const std::string& dir, double t0_seconds);

  int64_t n_, m_, seed_;
  int nparams_;
  PyRandom rng_;
  int64_t next_[kGroups], end_[kGroups];
  double p_new_[kGroups], p_pref_[kGroups];
  std::vector<uint32_t> pools_[kGroups], known_[kGroups];
  std::vector<Credit> credits_;
  std::vector<SampleRow> samples_;
  std::vector<std::string> names_;
};

uint32_t Generator::Pick(int g) {
  auto& pool = pools_[g];
  uint32_t pid;
  if ((R() < p_new_[g] || pool.empty()) && next_[g] < end_[g]) {
    pid = static_cast<uint32_t>(next_[g]++);
    known_[g].push_back(pid);
  } else if (pool.empty()) {
    pid = 0;  // group exhausted and empty pool (tiny scales): borrow any artist
  } else if (R() < p_pref_[g]) {
    pid = pool[PickIdx(static_cast<int64_t>(pool.size()))];
  } else if (!known_[g].empty()) {
    const auto& kn = known_[g];
    pid = kn[PickIdx(static_cast<int64_t>(kn.size()))];
  } else {
    // A group with no people of its own at tiny scales (the script fails here with an
    // IndexError): draw among the people it borrowed instead.
    pid = pool[PickIdx(static_cast<int64_t>(pool.size()))];
  }
  pool.push_back(pid);
  return pid;
}

void Generator::MakeCredits() {
  const double N = static_cast<double>(n_), M = static_cast<double>(m_);
  int64_t sizes[kGroups];
  sizes[kA] = static_cast<int64_t>(N * 0.50);
  sizes[kW] = static_cast<int64_t>(N * 0.25);
  sizes[kP] = static_cast<int64_t>(N * 0.12);
  sizes[kE] = static_cast<int64_t>(N * 0.08);
  sizes[kX] = static_cast<int64_t>(N * 0.035);
  sizes[kMa] = n_ - sizes[kA] - sizes[kW] - sizes[kP] - sizes[kE] - sizes[kX];
  int64_t lo = 0;
  for (int g = 0; g < kGroups; ++g) {
    next_[g] = lo;
    end_[g] = lo + sizes[g];
    lo += sizes[g];
  }
  // Expected slots per group, evaluated in the script's order (doubles, left to right).
  const double exp_slots[kGroups] = {M * (1.5 + 0.15 * 1.4), M * 1.9 * 0.6, M * 1.3,
                                     M * 0.7 * 1.3,          M * 0.6,       M * 0.5};
  const double pref[kGroups] = {0.5, 0.5, 0.6, 0.6, 0.6, 0.55};
  for (int g = 0; g < kGroups; ++g) {
    p_new_[g] = std::min(
        0.95, static_cast<double>(end_[g] - next_[g]) / std::max(1.0, exp_slots[g]) * 1.02);
    p_pref_[g] = pref[g];
  }
  credits_.reserve(static_cast<size_t>(m_ * 7.2));
  std::vector<std::pair<uint32_t, Role>> seen;
  std::vector<uint32_t> perf;
  for (int64_t s = 0; s < m_; ++s) {
    seen.clear();
    perf.clear();
    auto add = [&](uint32_t pid, Role role) {
      for (const auto& e : seen) {
        if (e.first == pid && e.second == role) return;
      }
      seen.emplace_back(pid, role);
      credits_.push_back(Credit{pid, static_cast<uint32_t>(s), role});
    };
    for (int64_t k = Geom(0.33, 6); k > 0; --k) {
      uint32_t pid = Pick(kA);
      perf.push_back(pid);
      add(pid, kPerformer);
    }
    if (R() < 0.15) {
      for (int64_t k = Geom(0.3, 3); k > 0; --k) add(Pick(kA), kFeatured);
    }
    for (int64_t k = Geom(0.47, 5); k > 0; --k) {
      if (!perf.empty() && R() < 0.4) {
        add(perf[PickIdx(static_cast<int64_t>(perf.size()))], kWriter);
      } else {
        add(Pick(kW), kWriter);
      }
    }
    for (int64_t k = Geom(0.3, 3); k > 0; --k) add(Pick(kP), kProducer);
    if (R() < 0.7) {
      for (int64_t k = Geom(0.3, 3); k > 0; --k) {
        add(R() < 0.15 ? Pick(kP) : Pick(kE), kEngineer);
      }
    }
    if (R() < 0.6) add(R() < 0.8 ? Pick(kX) : Pick(kP), kMixer);
    if (R() < 0.5) add(Pick(kMa), kMastering);
  }
}

void Generator::MakeSamples() {
  double cumk[7];
  double acc = 0.0;
  for (size_t i = 0; i < 7; ++i) {
    acc += kSampleKindWeights[i];
    cumk[i] = acc;
  }
  std::vector<uint32_t> pool;
  std::vector<uint32_t> targets;
  for (int64_t a = 1; a < m_; ++a) {
    if (R() >= 0.12) continue;
    targets.clear();
    for (int64_t k = Geom(0.45, 4); k > 0; --k) {
      uint32_t b;
      if (!pool.empty() && R() < 0.7) {
        b = pool[PickIdx(static_cast<int64_t>(pool.size()))];
      } else {
        b = static_cast<uint32_t>(PickIdx(a));
      }
      if (b == static_cast<uint64_t>(a) ||
          std::find(targets.begin(), targets.end(), b) != targets.end())
        continue;
      targets.push_back(b);
      pool.push_back(b);
      double x = R();
      uint8_t kind = 6;
      for (uint8_t i = 0; i < 7; ++i) {
        if (x < cumk[i]) {
          kind = i;
          break;
        }
      }
      samples_.push_back(SampleRow{static_cast<uint32_t>(a), b, kind});
    }
  }
}

void Generator::MakeNames() {
  const auto& first = FirstNames();
  const auto& last = LastNames();
  std::unordered_set<std::string> used;
  used.reserve(static_cast<size_t>(n_) * 2);
  names_.reserve(static_cast<size_t>(n_));
  names_.push_back("Florence Welch");
  used.insert(names_.back());
  const auto nf = static_cast<int64_t>(first.size()), nl = static_cast<int64_t>(last.size());
  for (int64_t pid = 1; pid < n_; ++pid) {
    std::string_view f = first[PickIdx(nf)], l = last[PickIdx(nl)];
    std::string nm;
    nm.append(f).append(" ").append(l);
    if (used.count(nm)) {
      std::string base;
      base.append(f).append(" ").push_back(static_cast<char>('A' + PickIdx(26)));
      base.append(". ").append(l);
      nm = base;
      for (int k = 2; used.count(nm); ++k) nm = base + " " + std::to_string(k);
    }
    used.insert(nm);
    names_.push_back(std::move(nm));
  }
}

Status Generator::WriteCsvs(const std::string& dir) {
  {
    Out out(dir + "/persons.csv");
    out << "id,name\n";
    for (size_t i = 0; i < names_.size(); ++i) {
      out << static_cast<int64_t>(i) << ',' << names_[i] << '\n';
    }
    LINER_RETURN_IF_ERROR(out.Close());
  }
  {
    const auto& words = TitleWords();
    const auto nw = static_cast<int64_t>(words.size());
    Out out(dir + "/songs.csv");
    out << "id,title,year\n";
    std::string w1, w2;
    for (int64_t s = 0; s < m_; ++s) {
      w1 = words[PickIdx(nw)];
      w2 = words[PickIdx(nw)];
      w1[0] = static_cast<char>(w1[0] - 'a' + 'A');
      w2[0] = static_cast<char>(w2[0] - 'a' + 'A');
      out << s << ',' << w1 << ' ' << w2 << ',' << int64_t{1960 + (s * 64) / m_} << '\n';
    }
    LINER_RETURN_IF_ERROR(out.Close());
  }
  Out samples(dir + "/samples.csv"), has(dir + "/has_sample.csv"),
      sampled(dir + "/samples_song.csv");
  samples << "id,kind\n";
  has << "song_id,sample_id\n";
  sampled << "sample_id,song_id\n";
  for (size_t i = 0; i < samples_.size(); ++i) {
    const auto id = static_cast<int64_t>(i);
    const SampleRow& x = samples_[i];
    samples << id << ',' << kSampleKinds[x.kind] << '\n';
    has << int64_t{x.a} << ',' << id << '\n';
    sampled << id << ',' << int64_t{x.b} << '\n';
  }
  LINER_RETURN_IF_ERROR(samples.Close());
  LINER_RETURN_IF_ERROR(has.Close());
  LINER_RETURN_IF_ERROR(sampled.Close());
  Out credits(dir + "/credits.csv");
  credits << "person_id,song_id,role\n";
  for (const Credit& c : credits_) {
    credits << int64_t{c.person} << ',' << int64_t{c.song} << ',' << kRoles[c.role] << '\n';
  }
  return credits.Close();
}

Status Generator::WriteStatsAndParams(const std::string& dir, double t0_seconds) {
  std::vector<int64_t> pdeg(static_cast<size_t>(n_), 0);
  for (const Credit& c : credits_) ++pdeg[c.person];
  std::vector<int64_t> sampled_times(static_cast<size_t>(m_), 0);
  int64_t most_sampled = 0;
  for (const SampleRow& x : samples_) most_sampled = std::max(most_sampled, ++sampled_times[x.b]);
  std::vector<int64_t> sd = pdeg;
  std::sort(sd.begin(), sd.end());
  int64_t roles[7] = {};
  for (const Credit& c : credits_) ++roles[c.role];
  int64_t zero = 0, one = 0;
  for (int64_t d : pdeg) {
    zero += d == 0;
    one += d == 1;
  }
  std::vector<std::pair<int64_t, int64_t>> top;  // (degree, id), largest first
  for (int64_t i = 0; i < n_; ++i) top.emplace_back(pdeg[i], i);
  size_t ntop = std::min<size_t>(5, top.size());
  std::partial_sort(top.begin(), top.begin() + ntop, top.end(), std::greater<>());
  top.resize(ntop);

  // ---- params.json: its own random stream ----
  PyRandom pr(static_cast<__int128>(seed_) * 1000003 + 7);
  std::vector<uint32_t> credited;
  for (int64_t i = 0; i < n_; ++i) {
    if (pdeg[i] > 0) credited.push_back(static_cast<uint32_t>(i));
  }
  auto start_person = [&]() -> int64_t {
    if (pr.Random() < 0.5) {
      return credited[static_cast<size_t>(pr.Random() * static_cast<double>(credited.size()))];
    }
    return credits_[static_cast<size_t>(pr.Random() * static_cast<double>(credits_.size()))].person;
  };
  if (credited.empty()) return Status::InvalidArgument("generate: no credited person");
  std::vector<int64_t> persons, name_ids;
  std::vector<std::pair<int64_t, int64_t>> pairs;
  for (int i = 0; i < nparams_; ++i) persons.push_back(start_person());
  // Pairs need two credited people (with one, the script would loop forever).
  while (static_cast<int>(pairs.size()) < nparams_ && credited.size() > 1) {
    int64_t a = start_person(), b = start_person();
    if (a != b) pairs.emplace_back(a, b);
  }
  for (int i = 0; i < nparams_; ++i) name_ids.push_back(start_person());
  {
    Out out(dir + "/params.json");
    auto ints = [&](const std::vector<int64_t>& v) {
      out << '[';
      for (size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << v[i];
      out << ']';
    };
    out << "{\"persons\": ";
    ints(persons);
    out << ", \"pairs\": [";
    for (size_t i = 0; i < pairs.size(); ++i) {
      out << (i ? ", [" : "[") << pairs[i].first << ", " << pairs[i].second << ']';
    }
    out << "], \"names\": [";
    for (size_t i = 0; i < name_ids.size(); ++i) {
      out << (i ? ", \"" : "\"") << names_[name_ids[i]] << '"';
    }
    out << "], \"name_ids\": ";
    ints(name_ids);
    out << ", \"note\": \"persons/pairs/names: 50% uniform over credited people, 50% "
           "degree-biased\"}";
    LINER_RETURN_IF_ERROR(out.Close());
  }

  // ---- stats.json (json.dump(indent=1) layout) ----
  double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count() -
      t0_seconds;
  const auto samples = static_cast<int64_t>(samples_.size());
  const auto ncredits = static_cast<int64_t>(credits_.size());
  Out out(dir + "/stats.json");
  out << "{\n \"persons\": " << n_ << ",\n \"songs\": " << m_ << ",\n \"samples\": " << samples
      << ",\n \"seed\": " << seed_ << ",\n \"credit_edges\": " << ncredits
      << ",\n \"has_sample_edges\": " << samples << ",\n \"samples_edges\": " << samples
      << ",\n \"total_edges\": " << ncredits + 2 * samples << ",\n \"role_counts\": {\n";
  for (int i = 0; i < 7; ++i) {
    out << "  \"" << kRoles[i] << "\": " << roles[i] << (i < 6 ? ",\n" : "\n");
  }
  out << " },\n \"person_degree\": {\n  \"max\": " << sd.back()
      << ",\n  \"p99\": " << sd[static_cast<size_t>(0.99 * static_cast<double>(n_ - 1))]
      << ",\n  \"median\": " << sd[static_cast<size_t>(n_ / 2)] << ",\n  \"zero\": " << zero
      << ",\n  \"one\": " << one << ",\n  \"top5\": [";
  for (size_t i = 0; i < top.size(); ++i) {
    out << (i ? ",\n   [\n    " : "\n   [\n    ") << top[i].first << ",\n    " << top[i].second
        << "\n   ]";
  }
  out << (top.empty() ? "]" : "\n  ]") << "\n },\n \"most_sampled_song_times\": " << most_sampled
      << ",\n \"florence_welch_credits\": " << pdeg[0] << ",\n \"gen_seconds\": " << PyFloat2(secs)
      << "\n}";
  return out.Close();
}

Status Generator::Run(const std::string& outdir, GenStats* stats) {
  double t0 =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  std::error_code ec;
  fs::create_directories(outdir, ec);
  if (ec) return Status::IOError("generate: cannot create " + outdir + ": " + ec.message());
  MakeCredits();
  MakeSamples();
  MakeNames();
  LINER_RETURN_IF_ERROR(WriteCsvs(outdir));
  LINER_RETURN_IF_ERROR(WriteStatsAndParams(outdir, t0));
  stats->persons = n_;
  stats->songs = m_;
  stats->samples = static_cast<int64_t>(samples_.size());
  stats->credits = static_cast<int64_t>(credits_.size());
  stats->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count() -
      t0;
  return Status::OK();
}

}  // namespace

Result<GenSpec> GenScale(const std::string& scale) {
  GenSpec s;
  if (scale == "small") {
    s.persons = 1200, s.songs = 1400;
  } else if (scale == "medium") {
    s.persons = 110000, s.songs = 140000;
  } else if (scale == "large") {
    s.persons = 1100000, s.songs = 1400000;
  } else {
    return Status::InvalidArgument("--scale is small, medium or large, not '" + scale + "'");
  }
  return s;
}

Result<GenStats> GenerateGraph(const GenSpec& spec, const std::string& outdir) {
  if (spec.persons < 1 || spec.songs < 1) {
    return Status::InvalidArgument("generate: --persons and --songs must be at least 1");
  }
  if (spec.persons > UINT32_MAX || spec.songs > UINT32_MAX) {
    return Status::InvalidArgument("generate: at most 4294967295 persons and songs");
  }
  if (spec.nparams < 0) return Status::InvalidArgument("generate: negative --nparams");
  GenStats stats;
  Generator gen(spec);
  LINER_RETURN_IF_ERROR(gen.Run(outdir, &stats));
  return stats;
}

}  // namespace liner::cli
