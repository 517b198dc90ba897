#include "cli/import/native_sink.h"

namespace liner::import {

namespace {

class TransactionSink final : public GraphSink {
 public:
  explicit TransactionSink(std::unique_ptr<Transaction> txn) : txn_(std::move(txn)) {}
  Result<TokenId> Token(TokenKind kind, std::string_view name) override {
    return txn_->GetOrCreateToken(kind, name);
  }
  Result<NodeId> AddNode(std::vector<TokenId> labels, PropertyMap props) override {
    return txn_->CreateNode(labels, std::move(props));
  }
  Result<EdgeId> AddEdge(NodeId src, NodeId dst, TokenId type, PropertyMap props) override {
    return txn_->CreateEdge(src, dst, type, std::move(props));
  }
  Status Commit() override { return txn_->Commit(); }

 private:
  std::unique_ptr<Transaction> txn_;
};

}  // namespace

Result<std::unique_ptr<GraphSink>> MakeTransactionSink(Database& db) {
  LINER_ASSIGN_OR_RETURN(auto txn, db.Begin());
  return std::unique_ptr<GraphSink>(new TransactionSink(std::move(txn)));
}

Result<std::unique_ptr<GraphSink>> MakeBulkSink(Database& db) {
  // Until storage's BulkLoader lands, the bulk path is the transactional one.
  return MakeTransactionSink(db);
}

}  // namespace liner::import
