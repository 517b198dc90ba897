// Native import: CSV reading, neo4j-admin headers, typed columns, ID spaces, JSONL, errors with
// file:line:column and all-or-nothing, --skip-bad, and the bulk (SST) path against the
// transactional one.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "cli/import/csv_header.h"
#include "cli/import/csv_reader.h"
#include "cli/import/native_import.h"
#include "storage/database.h"
#include "tests/support/temp_dir.h"

using namespace liner;
using namespace liner::import;
using liner::testing::TempDir;

namespace {

std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.Sub(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::unique_ptr<Database> OpenDb(const TempDir& dir) {
  auto db = Database::Open(dir.Sub("db"));
  REQUIRE(db.ok());
  return std::move(db).value();
}

NativeInput Input(NativeInput::Kind kind, std::vector<std::string> names,
                  std::vector<std::string> files) {
  NativeInput in;
  in.kind = kind;
  in.names = std::move(names);
  in.files = std::move(files);
  return in;
}

// Node id of the node with property id = `id` (integer or string).
NodeId ById(Database& db, const Value& id) {
  auto txn = db.BeginRead();
  TokenId key = txn->LookupToken(TokenKind::kPropertyKey, "id");
  REQUIRE(key != kNoToken);
  auto found = txn->FindByProperty(kNoToken, key, id);
  REQUIRE(found);
  REQUIRE(found->size() == 1);
  return found->front();
}

Value Prop(Database& db, NodeId node, const char* key) {
  auto txn = db.BeginRead();
  auto rec = txn->GetNode(node);
  REQUIRE(rec.ok());
  REQUIRE(rec->has_value());
  const Value* v = (*rec)->props.Get(txn->LookupToken(TokenKind::kPropertyKey, key));
  return v ? *v : Value();
}

std::vector<NodeId> Out(Database& db, NodeId node, const char* type) {
  auto txn = db.BeginRead();
  std::vector<NodeId> out;
  for (auto c = txn->Neighbors(node, Direction::kOut, txn->LookupToken(TokenKind::kRelType, type));
       c->Valid(); c->Next()) {
    out.push_back(c->entry().other);
  }
  return out;
}

// A small benchmark-shaped graph with header files and integer ID spaces.
struct BenchFiles {
  std::vector<NativeInput> inputs;
  explicit BenchFiles(const TempDir& d) {
    auto hp = Write(d, "hp.csv", "id:ID(Person),name\n");
    auto p = Write(d, "p.csv", "0,Florence Welch\n1,Kendrick Lamar\n2,\"Doe, \"\"J\"\"\"\n");
    auto hs = Write(d, "hs.csv", "id:ID(Song),title,year:int,score:float,hit:boolean,tags:string[]\n");
    auto s = Write(d, "s.csv", "0,June,2009,1.5,true,indie;rock\n1,We Cry Together,2022,,false,\n");
    auto hc = Write(d, "hc.csv", ":START_ID(Person),:END_ID(Song),role\n");
    auto c = Write(d, "c.csv", "0,0,writer\n1,1,performer\n2,1,producer\n0,1,\n");
    inputs = {Input(NativeInput::Kind::kNodes, {"Person"}, {hp, p}),
              Input(NativeInput::Kind::kNodes, {"Song"}, {hs, s}),
              Input(NativeInput::Kind::kRelationships, {"CREDITED"}, {hc, c})};
  }
};

NativeOptions Options(bool bulk, IdType ids = IdType::kInteger) {
  NativeOptions o;
  o.bulk = bulk;
  o.id_type = ids;
  return o;
}

}  // namespace

TEST_CASE("CSV reader handles quotes, doubled quotes, line breaks in fields, CRLF and a BOM",
          "[import]") {
  TempDir d;
  auto path = Write(d, "a.csv", "\xEF\xBB\xBF" "a,\"b,c\"\r\n\"x\"\"y\",\"two\nlines\"\n\nlast,\n");
  auto r = CsvReader::Open(path);
  REQUIRE(r.ok());
  auto& reader = **r;
  REQUIRE(reader.Next());
  CHECK(reader.size() == 2);
  CHECK(reader.field(0) == "a");
  CHECK(reader.field(1) == "b,c");
  CHECK(reader.line() == 1);
  REQUIRE(reader.Next());
  CHECK(reader.field(0) == "x\"y");
  CHECK(reader.field(1) == "two\nlines");
  CHECK(reader.column(1) == 8);
  CHECK(reader.line() == 2);
  REQUIRE(reader.Next());  // the empty line is skipped
  CHECK(reader.line() == 5);
  CHECK(reader.field(0) == "last");
  CHECK(reader.field(1).empty());
  CHECK_FALSE(reader.quoted(1));
  CHECK_FALSE(reader.Next());
  CHECK(reader.status().ok());
}

TEST_CASE("CSV reader reports an unclosed quote with its line and column", "[import]") {
  TempDir d;
  auto r = CsvReader::Open(Write(d, "a.csv", "a,b\nc,\"open\n"));
  REQUIRE(r.ok());
  REQUIRE((*r)->Next());
  CHECK_FALSE((*r)->Next());
  CHECK_THAT((*r)->status().message(), Catch::Contains("a.csv:2:3: quoted field is never closed"));
}

TEST_CASE("header fields parse into ID spaces, special columns and typed properties", "[import]") {
  auto h = ParseCsvHeader({"name:ID(Person)", ":LABEL", "year:int", "x:Double", "ok:boolean",
                           "tags:string[]", "plain", ":IGNORE"},
                          {1, 10, 20, 30, 40, 50, 60, 70}, "f.csv", 1);
  REQUIRE(h.ok());
  CHECK_FALSE(h->relationships);
  CHECK(h->id_col == 0);
  CHECK(h->columns[0].name == "name");
  CHECK(h->columns[0].id_space == "Person");
  CHECK(h->label_col == 1);
  CHECK(h->columns[2].type == PropType::kInt);
  CHECK(h->columns[3].type == PropType::kFloat);
  CHECK(h->columns[4].type == PropType::kBool);
  CHECK(h->columns[5].array);
  CHECK(h->columns[6].type == PropType::kString);
  CHECK(h->columns[7].kind == ColumnKind::kIgnore);

  auto rel = ParseCsvHeader({":START_ID(A)", ":END_ID(B)", ":TYPE"}, {1, 2, 3}, "r.csv", 1);
  REQUIRE(rel.ok());
  CHECK(rel->relationships);

  auto bad = ParseCsvHeader({":ID", "when:instant"}, {1, 5}, "f.csv", 1);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("f.csv:1:5") && Catch::Contains("instant"));
  CHECK_FALSE(ParseCsvHeader({":START_ID"}, {1}, "r.csv", 1).ok());
}

TEST_CASE("neo4j-admin arguments split labels, type and comma-separated files", "[import]") {
  auto n = ParseNativeInputArg(NativeInput::Kind::kNodes, "Person:Artist=h.csv,a.csv,b.csv");
  REQUIRE(n.ok());
  CHECK(n->names == std::vector<std::string>{"Person", "Artist"});
  CHECK(n->files == std::vector<std::string>{"h.csv", "a.csv", "b.csv"});
  auto plain = ParseNativeInputArg(NativeInput::Kind::kRelationships, "dir/x=y.csv");
  REQUIRE(plain.ok());
  CHECK(plain->names.empty());
  CHECK(plain->files == std::vector<std::string>{"dir/x=y.csv"});
  CHECK_FALSE(ParseNativeInputArg(NativeInput::Kind::kRelationships, "A:B=f.csv").ok());
}

TEST_CASE("header files, integer ID spaces and typed columns import the same through both paths",
          "[import]") {
  bool bulk = GENERATE(false, true);
  TempDir d;
  BenchFiles files(d);
  auto db = OpenDb(d);
  auto summary = ImportNative(*db, files.inputs, Options(bulk));
  REQUIRE(summary.ok());
  CHECK(summary->nodes_added.at("Person") == 3);
  CHECK(summary->edges_added.at("CREDITED") == 4);

  GraphCounts c = db->Counts();
  CHECK(c.nodes == 5);
  CHECK(c.edges == 4);
  CHECK(c.by_label.at("Song") == 2);

  // Person 0 and Song 0 are different nodes: ID spaces are separate.
  auto txn = db->BeginRead();
  TokenId person = txn->LookupToken(TokenKind::kLabel, "Person");
  TokenId key = txn->LookupToken(TokenKind::kPropertyKey, "id");
  auto p0 = txn->FindByProperty(person, key, Value(int64_t{0}));
  REQUIRE(p0);
  REQUIRE(p0->size() == 1);
  CHECK(Prop(*db, p0->front(), "name") == Value("Florence Welch"));
  CHECK(txn->FindByName(person, "doe, \"j\"").size() == 1);

  TokenId song = txn->LookupToken(TokenKind::kLabel, "Song");
  auto s0 = txn->FindByProperty(song, key, Value(int64_t{0}))->front();
  CHECK(Prop(*db, s0, "year") == Value(int64_t{2009}));
  CHECK(Prop(*db, s0, "score") == Value(1.5));
  CHECK(Prop(*db, s0, "hit") == Value(true));
  CHECK(Prop(*db, s0, "tags") == Value(ValueList{Value("indie"), Value("rock")}));
  auto s1 = txn->FindByProperty(song, key, Value(int64_t{1}))->front();
  CHECK(Prop(*db, s1, "score").is_null());  // empty field: no property
  CHECK(Out(*db, p0->front(), "CREDITED") == std::vector<NodeId>{s0, s1});
  auto in = txn->Neighbors(s1, Direction::kIn, kNoToken);
  int n = 0;
  for (; in->Valid(); in->Next()) ++n;
  CHECK(n == 3);
}

TEST_CASE("a bad value stops the import with file, line, column and field, and imports nothing",
          "[import]") {
  bool bulk = GENERATE(false, true);
  TempDir d;
  auto f = Write(d, "songs.csv", ":ID,:LABEL,title,year:int\ns1,Song,A,2001\ns2,Song,B,twenty\n");
  auto db = OpenDb(d);
  auto r = ImportNative(*db, {Input(NativeInput::Kind::kAuto, {}, {f})}, Options(bulk, IdType::kString));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(),
             Catch::Contains("songs.csv:3:11") && Catch::Contains("year:int") &&
                 Catch::Contains("'twenty' is not an integer"));
  CHECK(db->Counts().nodes == 0);
  auto txn = db->BeginRead();
  CHECK_FALSE(txn->ScanNodes()->Valid());
}

TEST_CASE("an unknown :END_ID is an error naming the ID space, and nothing is imported",
          "[import]") {
  bool bulk = GENERATE(false, true);
  TempDir d;
  auto nodes = Write(d, "n.csv", "id:ID(P),:LABEL\na,Person\nb,Person\n");
  auto rels = Write(d, "r.csv", ":START_ID(P),:END_ID(P),:TYPE\na,b,KNOWS\na,zz,KNOWS\n");
  auto db = OpenDb(d);
  auto r = ImportNative(*db, {Input(NativeInput::Kind::kAuto, {}, {rels}),
                              Input(NativeInput::Kind::kAuto, {}, {nodes})},
                        Options(bulk, IdType::kString));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(),
             Catch::Contains("r.csv:3:3") && Catch::Contains("'zz'") && Catch::Contains("'P'"));
  CHECK(db->Counts().nodes == 0);
  CHECK(db->Counts().edges == 0);
}

TEST_CASE("with --skip-bad every bad row is reported and the rest imported", "[import]") {
  bool bulk = GENERATE(false, true);
  TempDir d;
  auto f = Write(d, "p.csv", ":ID,:LABEL,name,age:int\n1,Person,A,30\n2,Person,B,old\n"
                             "1,Person,dup,3\n3,Person,C\n4,Person,D,40\n");
  auto db = OpenDb(d);
  NativeOptions o = Options(bulk, IdType::kString);
  o.common.skip_bad = true;
  std::ostringstream warnings;
  o.common.warnings = &warnings;
  auto r = ImportNative(*db, {Input(NativeInput::Kind::kAuto, {}, {f})}, o);
  REQUIRE(r.ok());
  CHECK(r->records_skipped == 3);
  CHECK(db->Counts().nodes == 2);
  CHECK_THAT(warnings.str(), Catch::Contains("p.csv:3:12") && Catch::Contains("'old'"));
  CHECK_THAT(warnings.str(), Catch::Contains("p.csv:4:1: duplicate :ID '1'"));
  CHECK_THAT(warnings.str(), Catch::Contains("p.csv:5:") && Catch::Contains("3 fields"));
}

TEST_CASE("JSON Lines in APOC export shape import nodes, labels, properties and relationships",
          "[import]") {
  bool bulk = GENERATE(false, true);
  TempDir d;
  auto f = Write(d, "g.jsonl",
                 "{\"type\":\"relationship\",\"id\":\"9\",\"label\":\"CREDITED\",\"start\":{\"id\":\"1\"},"
                 "\"end\":{\"id\":2},\"properties\":{\"role\":\"writer\"}}\n"
                 "{\"type\":\"node\",\"id\":\"1\",\"labels\":[\"Person\"],\"properties\":"
                 "{\"name\":\"Florence Welch\",\"born\":1986,\"tags\":[\"a\",\"b\"],\"x\":null}}\n"
                 "{\"type\":\"node\",\"id\":2,\"labels\":[\"Song\"],\"properties\":{\"title\":\"June\","
                 "\"score\":0.5,\"hit\":false}}\n");
  auto db = OpenDb(d);
  auto inputs = ExpandNativePaths({f});
  REQUIRE(inputs.ok());
  REQUIRE(inputs->front().jsonl);
  auto r = ImportNative(*db, *inputs, Options(bulk));
  REQUIRE(r.ok());
  CHECK(db->Counts().nodes == 2);
  CHECK(db->Counts().edges == 1);
  auto txn = db->BeginRead();
  auto fw = txn->FindByName(txn->LookupToken(TokenKind::kLabel, "Person"), "florence welch");
  REQUIRE(fw.size() == 1);
  CHECK(Prop(*db, fw[0], "born") == Value(int64_t{1986}));
  CHECK(Prop(*db, fw[0], "tags") == Value(ValueList{Value("a"), Value("b")}));
  REQUIRE(Out(*db, fw[0], "CREDITED").size() == 1);
  NodeId song = Out(*db, fw[0], "CREDITED")[0];
  CHECK(Prop(*db, song, "hit") == Value(false));
}

TEST_CASE("a JSONL syntax error names the line and byte column", "[import]") {
  TempDir d;
  auto f = Write(d, "g.jsonl", "{\"type\":\"node\",\"id\":1}\n{\"type\":\"node\",\"id\":2,}\n");
  auto db = OpenDb(d);
  auto inputs = ExpandNativePaths({f});
  REQUIRE(inputs.ok());
  auto r = ImportNative(*db, *inputs, Options(true));
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.status().message(), Catch::Contains("g.jsonl:2:"));
  CHECK(db->Counts().nodes == 0);
}

TEST_CASE("a directory imports node files before relationship files, whatever their names",
          "[import]") {
  TempDir d;
  std::filesystem::create_directory(d.Sub("set"));
  Write(d, "set/a_rels.csv", ":START_ID,:END_ID,:TYPE,since:int\np:1,p:2,KNOWS,1999\n");
  Write(d, "set/b_people.csv", "id:ID,:LABEL,name\np:1,Person;Artist,Ann\np:2,Person,Bob\n");
  Write(d, "set/README.md", "not data\n");
  auto db = OpenDb(d);
  CHECK(LooksNative(d.Sub("set")));
  auto inputs = ExpandNativePaths({d.Sub("set")});
  REQUIRE(inputs.ok());
  CHECK(inputs->size() == 2);
  auto r = ImportNative(*db, *inputs, Options(true, IdType::kString));
  REQUIRE(r.ok());
  CHECK(db->Counts().by_label.at("Artist") == 1);
  CHECK(db->Counts().by_type.at("KNOWS") == 1);
  NodeId ann = ById(*db, Value("p:1"));
  CHECK(Out(*db, ann, "KNOWS") == std::vector<NodeId>{ById(*db, Value("p:2"))});
}

TEST_CASE("a bulk import into a non-empty database adds to its counts and id sequences",
          "[import]") {
  TempDir d;
  auto f = Write(d, "p.csv", ":ID,:LABEL,name\na,Person,A\nb,Person,B\n");
  {
    auto db = OpenDb(d);
    REQUIRE(ImportNative(*db, {Input(NativeInput::Kind::kAuto, {}, {f})},
                         Options(true, IdType::kString)).ok());
    REQUIRE(ImportNative(*db, {Input(NativeInput::Kind::kAuto, {}, {f})},
                         Options(true, IdType::kString)).ok());
    CHECK(db->Counts().by_label.at("Person") == 4);
    auto txn = db->Begin();
    REQUIRE(txn.ok());
    auto id = (*txn)->CreateNode({}, {});
    REQUIRE(id.ok());
    CHECK(*id == 5);
    REQUIRE((*txn)->Commit().ok());
  }
  auto db = OpenDb(d);  // reopened: counts and sequences were persisted
  CHECK(db->Counts().nodes == 5);
  auto txn = db->BeginRead();
  CHECK(txn->FindByName(kNoToken, "a").size() == 2);
}

TEST_CASE("a unique key given twice fails the bulk import and leaves nothing", "[import]") {
  TempDir d;
  auto f = Write(d, "p.csv", ":ID,:LABEL,mbid\na,Person,x-1\nb,Person,x-1\n");
  auto db = OpenDb(d);
  auto r = ImportNative(*db, {Input(NativeInput::Kind::kAuto, {}, {f})},
                        Options(true, IdType::kString));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kConstraint);
  CHECK(db->Counts().nodes == 0);
}

TEST_CASE("a node's name, title and aliases are indexed once each, even when they normalise alike",
          "[import]") {
  bool bulk = GENERATE(false, true);
  TempDir d;
  auto f = Write(d, "p.csv", ":ID,:LABEL,name,title,aliases:string[]\n"
                             "a,Person,Alan Maman,ALAN MAMAN,The Alchemist;alan maman\n");
  auto db = OpenDb(d);
  REQUIRE(ImportNative(*db, {Input(NativeInput::Kind::kAuto, {}, {f})},
                       Options(bulk, IdType::kString)).ok());
  auto txn = db->BeginRead();
  TokenId person = txn->LookupToken(TokenKind::kLabel, "Person");
  CHECK(txn->FindByName(person, "alan maman").size() == 1);
  CHECK(txn->FindByName(kNoToken, "the alchemist").size() == 1);
}

TEST_CASE("timings report each parsing phase and the bulk loader's sort, write and ingest phases",
          "[import]") {
  TempDir d;
  BenchFiles files(d);
  auto db = OpenDb(d);
  std::ostringstream err;
  NativeOptions o = Options(true);
  o.timings = true;
  o.common.progress = &err;
  REQUIRE(ImportNative(*db, files.inputs, o).ok());
  std::string report = err.str();
  CHECK_THAT(report, Catch::Contains("parse nodes: p.csv") &&
                         Catch::Contains("parse relationships: c.csv") &&
                         Catch::Contains("adjacency: sort out") &&
                         Catch::Contains("adjacency: write in, upper half") &&
                         Catch::Contains("commit: ingest") &&
                         Catch::Contains("CPU of all phases"));
  std::ostringstream quiet;
  o.timings = false;
  o.common.progress = &quiet;
  TempDir d2;
  auto db2 = OpenDb(d2);
  REQUIRE(ImportNative(*db2, files.inputs, o).ok());
  CHECK(quiet.str().find("phases") == std::string::npos);
}

TEST_CASE("an empty field leaves its property out even when the row before had a value there",
          "[import]") {
  bool bulk = GENERATE(false, true);
  TempDir d;
  auto hp = Write(d, "hp.csv", "id:ID(P),name,born:int\n");
  auto p = Write(d, "p.csv",
                 "1,A name longer than sixteen bytes,1970\n2,,\n3,B,x\n4,C,1980\n");
  auto hc = Write(d, "hc.csv", ":START_ID(P),:END_ID(P),role,weight:int\n");
  auto c = Write(d, "c.csv", "1,2,a role longer than sixteen bytes,5\n1,4,,\n");
  auto db = OpenDb(d);
  NativeOptions o = Options(bulk);
  o.common.skip_bad = true;  // row 3 ('x' is not an integer) is skipped
  auto r = ImportNative(*db,
                        {Input(NativeInput::Kind::kNodes, {"P"}, {hp, p}),
                         Input(NativeInput::Kind::kRelationships, {"R"}, {hc, c})},
                        o);
  REQUIRE(r.ok());
  CHECK(r->records_skipped == 1);
  NodeId n1 = ById(*db, Value(int64_t{1})), n2 = ById(*db, Value(int64_t{2})),
         n4 = ById(*db, Value(int64_t{4}));
  CHECK(Prop(*db, n1, "name") == Value("A name longer than sixteen bytes"));
  CHECK(Prop(*db, n2, "name").is_null());
  CHECK(Prop(*db, n2, "born").is_null());
  CHECK(Prop(*db, n4, "name") == Value("C"));
  CHECK(Prop(*db, n4, "born") == Value(int64_t{1980}));
  auto txn = db->BeginRead();
  TokenId role = txn->LookupToken(TokenKind::kPropertyKey, "role");
  TokenId weight = txn->LookupToken(TokenKind::kPropertyKey, "weight");
  std::map<NodeId, PropertyMap> by_end;
  for (auto cur = txn->Neighbors(n1, Direction::kOut, kNoToken); cur->Valid(); cur->Next()) {
    auto e = txn->GetEdge(cur->entry().edge);
    REQUIRE(e.ok());
    REQUIRE(e->has_value());
    by_end[cur->entry().other] = (*e)->props;
  }
  REQUIRE(by_end.size() == 2);
  CHECK(*by_end[n2].Get(role) == Value("a role longer than sixteen bytes"));
  CHECK(*by_end[n2].Get(weight) == Value(int64_t{5}));
  CHECK(by_end[n4].empty());
}
