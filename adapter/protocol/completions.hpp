#pragma once

// The completions request's arguments and body.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace int3::dap::protocol {

using json = nlohmann::json;

// CompletionsArguments.
struct completions_arguments {
  /// The frame whose scope names are completed in; absent: the top frame of
  /// the stopped thread.
  std::optional<int> frameId;
  /// What the user typed so far (the console's input line).
  std::string text;
  /// The cursor in `text`, in the client's column base.
  int column = 0;
  /// The line of `text` the cursor is on, in the client's line base;
  /// absent: the first.
  std::optional<int> line;
};
void from_json(const json& j, completions_arguments& a);

// CompletionItem.
struct completion_item {
  std::string label;
  std::optional<std::string> sortText;
  /// The item's type ("int", "struct point *").
  std::optional<std::string> detail;
  /// CompletionItemType: "variable", "field", "value"...
  std::optional<std::string> type;
  /// What the item replaces: `length` characters from column `start`.
  std::optional<int> start;
  std::optional<int> length;
};
void to_json(json& j, const completion_item& c);

// CompletionsResponse body.
struct completions_response_body {
  std::vector<completion_item> targets;
};
void to_json(json& j, const completions_response_body& b);

}  // namespace int3::dap::protocol
