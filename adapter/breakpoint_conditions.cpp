#include "adapter/breakpoint_conditions.hpp"

#include <cctype>
#include <charconv>

#include "adapter/breakpoint_registry.hpp"
#include "engine/expr/evaluator.hpp"
#include "engine/expr/parser.hpp"

namespace int3::dap {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<hit_condition> hit_condition::parse(std::string_view text, std::string& error) {
  std::string_view rest = trim(text);
  hit_condition out;
  for (std::string_view op : {">=", "<=", "==", "!=", ">", "<", "%", "="}) {
    if (rest.substr(0, op.size()) == op) {
      out.op = op == "=" ? "==" : std::string(op);
      rest = trim(rest.substr(op.size()));
      break;
    }
  }
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), out.count);
  if (rest.empty() || ec != std::errc() || end != rest.data() + rest.size()) {
    error = "bad hit condition '" + std::string(text) +
            "': expected a number, optionally after >=, >, ==, !=, <, <= or %";
    return std::nullopt;
  }
  if (out.op == "%" && out.count == 0) {
    error = "bad hit condition '" + std::string(text) + "': % 0";
    return std::nullopt;
  }
  return out;
}

bool hit_condition::holds(std::uint64_t hits) const {
  if (op == ">=") return hits >= count;
  if (op == ">") return hits > count;
  if (op == "==") return hits == count;
  if (op == "!=") return hits != count;
  if (op == "<") return hits < count;
  if (op == "<=") return hits <= count;
  return hits % count == 0;
}

log_template log_template::parse(std::string_view message) {
  log_template out;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) out.parts.push_back({std::move(literal), nullptr, {}});
    literal.clear();
  };
  for (std::size_t i = 0; i < message.size(); ++i) {
    char c = message[i];
    if ((c == '{' || c == '}') && i + 1 < message.size() && message[i + 1] == c) {
      literal += c;
      ++i;
      continue;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    auto close = message.find('}', i + 1);
    if (close == std::string_view::npos) {
      literal += message.substr(i);
      break;
    }
    flush();
    std::string source(message.substr(i + 1, close - i - 1));
    auto parsed = engine::expr::parse(source);
    part p{source, nullptr, parsed.error};
    if (parsed) p.expression = std::move(parsed.root);
    out.parts.push_back(std::move(p));
    i = close;
  }
  flush();
  return out;
}

std::string log_template::render(const engine::expr::scope& s) const {
  std::string out;
  for (const auto& p : parts) {
    if (!p.expression && p.error.empty()) {
      out += p.text;
    } else if (!p.expression) {
      out += "<error: " + p.error + ">";
    } else if (auto r = engine::expr::evaluate(*p.expression, s)) {
      out += r.result->summary();
    } else {
      out += "<error: " + r.error + ">";
    }
  }
  return out;
}

std::shared_ptr<const breakpoint_behaviour> breakpoint_behaviour::compile(
    const std::string& condition, const std::string& hit_condition_text,
    const std::string& log_message) {
  if (trim(condition).empty() && trim(hit_condition_text).empty() && log_message.empty()) {
    return nullptr;
  }
  auto b = std::make_shared<breakpoint_behaviour>();
  b->condition = condition;
  b->hit_condition_text = hit_condition_text;
  b->log_message = log_message;
  if (!trim(condition).empty()) {
    auto parsed = engine::expr::parse(condition);
    if (parsed) {
      b->condition_ast = std::move(parsed.root);
    } else {
      b->condition_error = parsed.error;
    }
  }
  if (!trim(hit_condition_text).empty()) {
    b->hits_needed = hit_condition::parse(hit_condition_text, b->hit_condition_error);
  }
  if (!log_message.empty()) b->log = log_template::parse(log_message);
  return b;
}

hit_decision decide_hit(breakpoint_registry& registry, const std::vector<int>& ids,
                        const std::function<const engine::expr::scope&()>& frame) {
  return decide_hit([&](int id) { return registry.find_mutable(id); }, ids, frame);
}

hit_decision decide_hit(const std::function<dap_breakpoint*(int)>& find,
                        const std::vector<int>& ids,
                        const std::function<const engine::expr::scope&()>& frame) {
  hit_decision out;
  auto stop_with_error = [&](int id, const std::string& why) {
    out.stop = true;
    out.stopping_ids.push_back(id);
    if (out.error.empty()) out.error = why;
  };
  for (int id : ids) {
    auto* entry = find(id);
    if (!entry) continue;
    const auto& b = entry->behaviour;
    if (!b) {
      ++entry->hits;
      out.stop = true;
      out.stopping_ids.push_back(id);
      continue;
    }
    if (!b->condition_error.empty()) {
      stop_with_error(id,
                      "cannot parse the condition '" + b->condition + "': " + b->condition_error);
      continue;
    }
    if (b->condition_ast) {
      auto truth = engine::expr::evaluate_condition(*b->condition_ast, frame());
      if (!truth.holds) {
        stop_with_error(id, "cannot evaluate the condition '" + b->condition + "': " + truth.error);
        continue;
      }
      if (!*truth.holds) continue;
    }
    ++entry->hits;
    if (!b->hit_condition_error.empty()) {
      stop_with_error(id, b->hit_condition_error);
      continue;
    }
    if (b->hits_needed && !b->hits_needed->holds(entry->hits)) continue;
    if (b->log) {
      out.log_lines.push_back(b->log->render(frame()));
      continue;
    }
    out.stop = true;
    out.stopping_ids.push_back(id);
  }
  return out;
}

}  // namespace int3::dap
