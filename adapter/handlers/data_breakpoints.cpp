// Data breakpoints: dataBreakpointInfo names what can be watched,
// setDataBreakpoints asks the engine for hardware watches, and the stop
// reporter turns a hit into a `data breakpoint` stop with old and new value.

#include "adapter/handlers/data_breakpoints.hpp"

#include <algorithm>
#include <memory>

#include <spdlog/fmt/fmt.h>

#include "adapter/breakpoint_conditions.hpp"
#include "adapter/errors.hpp"
#include "adapter/frame_variables_lookup.hpp"
#include "adapter/memory_reference.hpp"
#include "dwarf/types.hpp"
#include "engine/debug_registers.hpp"

namespace int3::dap {
namespace {

// x86-64 has no read-only watch; the client is told so by accessTypes.
const std::vector<std::string> access_types = {"write", "readWrite"};

engine::watch_access access_of(const std::string& type) {
  return type == "write" ? engine::watch_access::write : engine::watch_access::read_write;
}

// condition and hitCondition compiled as a source breakpoint's are; a watch
// kept with the same ones keeps its hit count.
void set_rule(data_breakpoint_table::entry& e, const protocol::data_breakpoint& wanted) {
  auto behaviour = breakpoint_behaviour::compile(wanted.condition.value_or(""),
                                                 wanted.hitCondition.value_or(""), "");
  const auto& old = e.rule.behaviour;
  bool same = behaviour && old ? behaviour->same_spec(*old) : behaviour == old;
  e.rule.id = e.id;
  if (same) return;
  e.rule.behaviour = std::move(behaviour);
  e.rule.hits = 0;
}

}  // namespace

// ---- dataBreakpointInfo

protocol::capabilities data_breakpoint_info_handler::capabilities() const {
  protocol::capabilities c;
  c.supportsDataBreakpoints = true;
  c.supportsDataBreakpointBytes = true;
  return c;
}

protocol::data_breakpoint_info_response_body data_breakpoint_info_handler::run(
    const protocol::data_breakpoint_info_arguments& args) {
  protocol::data_breakpoint_info_response_body body;
  watched_data data;
  if (args.asAddress) {
    data.address = parse_memory_reference(args.name, 0, "name");
    data.size = args.bytes.value_or(1);
    data.name = memory_reference(data.address);
  } else {
    std::optional<engine::value> v;
    if (args.variablesReference) {
      v = session_.variables().child_named(*args.variablesReference, args.name);
      if (!v)
        throw dap_error(error_id::invalid_reference, "no variable '" + args.name +
                                                         "' in variablesReference " +
                                                         std::to_string(*args.variablesReference));
    } else {
      v = evaluate_in_frame(session_, args.name, args.frameId);
    }
    const dwarf::type_info* type = dwarf::strip_cv_typedefs(v->type());
    std::optional<std::size_t> size = args.bytes;
    if (!size && type && type->byte_size) size = *type->byte_size;
    if (!v->address() || !size || *size == 0) {
      std::string why =
          v->error().empty() ? "it is not in memory (a register or a computed value)" : v->error();
      body.description = args.name + " cannot be watched: " + why;
      return body;
    }
    data = watched_data::of_value(*v, *size);
  }
  body.dataId = make_data_id(data.address, data.size);
  body.description = fmt::format("{} ({} bytes at {:#x})", data.name, data.size, data.address);
  // The client may still ask; setDataBreakpoints then says why it fails.
  if (auto problem = engine::hardware_watch_problem(data.address, data.size); !problem.empty())
    body.description += ": " + problem;
  body.accessTypes = access_types;
  body.canPersist = false;
  session_.data_breakpoints().remember(*body.dataId, std::move(data));
  return body;
}

// ---- setDataBreakpoints

protocol::set_data_breakpoints_response_body set_data_breakpoints_handler::run(
    const protocol::set_data_breakpoints_arguments& args) {
  protocol::set_data_breakpoints_response_body body;
  auto& table = session_.data_breakpoints();
  bool live = session_.launched() && !session_.target().has_ended();
  table.bind(live ? &session_.target() : nullptr);
  if (!live) {
    // Clients send an empty list while configuring; anything else needs
    // addresses, which only a running program has.
    for (std::size_t i = 0; i < args.breakpoints.size(); ++i) {
      protocol::breakpoint out;
      out.id = table.next_id();
      out.message = "data breakpoints need a running program (they are not kept across sessions)";
      body.breakpoints.push_back(out);
    }
    return body;
  }
  auto& target = session_.target();
  if (session_.running() && !target.can_interrupt()) throw not_stopped();

  std::vector<data_breakpoint_table::entry> old = std::move(table.entries());
  std::vector<data_breakpoint_table::entry> kept(args.breakpoints.size());
  std::vector<std::optional<std::string>> messages(args.breakpoints.size());
  target.while_interrupted([&] {
    // Unchanged watches keep their slot (and their last value); the rest
    // go first so their slots are free for the new ones.
    for (std::size_t i = 0; i < args.breakpoints.size(); ++i) {
      const auto& wanted = args.breakpoints[i];
      auto same = std::find_if(old.begin(), old.end(), [&](const auto& e) {
        return e.engine_id != 0 && e.data_id == wanted.dataId && e.access_type == wanted.accessType;
      });
      if (same == old.end()) continue;
      kept[i] = *same;
      old.erase(same);
    }
    for (const auto& gone : old)
      if (gone.engine_id) target.remove_watchpoint(gone.engine_id);
    for (std::size_t i = 0; i < args.breakpoints.size(); ++i) {
      if (kept[i].id != 0) continue;
      const auto& wanted = args.breakpoints[i];
      auto& e = kept[i];
      e.id = table.next_id();
      e.data_id = wanted.dataId;
      e.access_type = wanted.accessType;
      auto data = table.describe(wanted.dataId);
      if (!data) {
        messages[i] = "'" + wanted.dataId + "' is not a dataId from dataBreakpointInfo";
        continue;
      }
      e.data = *data;
      if (wanted.accessType == "read") {
        messages[i] = "x86-64 cannot watch reads alone; use readWrite (reads and writes)";
        continue;
      }
      auto status = target.create_watchpoint(
          {engine::virt_addr{data->address}, data->size, access_of(wanted.accessType)});
      if (status.verified) {
        e.engine_id = status.id;
      } else {
        messages[i] = data->name + ": " + status.message;
      }
    }
  });
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const auto& wanted = args.breakpoints[i];
    protocol::breakpoint out;
    out.id = kept[i].id;
    out.verified = kept[i].engine_id != 0;
    out.message = messages[i];
    if (out.verified) set_rule(kept[i], wanted);
    body.breakpoints.push_back(out);
    if (kept[i].engine_id != 0) table.entries().push_back(kept[i]);
  }
  return body;
}

// ---- stop reporting

void describe_data_breakpoint_stop(session& s, const engine::stop_event& stop,
                                   protocol::stopped_event_body& body) {
  body.reason = "data breakpoint";
  auto& table = s.data_breakpoints();
  std::vector<int> ids;
  std::string text = stop.description;
  for (int engine_id : stop.breakpoint_ids) {
    const auto* e = table.by_engine_id(engine_id);
    if (!e) continue;
    ids.push_back(e->id);
    auto hit = s.target().last_watch_hit(engine_id);
    if (!hit) continue;
    std::string before = e->data.show(hit->old_bytes);
    std::string after = e->data.show(hit->new_bytes);
    text = before == after ? fmt::format("{} accessed, value {} (unchanged)", e->data.name, after)
                           : fmt::format("{} changed from {} to {}", e->data.name, before, after);
  }
  body.hitBreakpointIds = std::move(ids);
  body.description = "Paused on data breakpoint: " + text;
  body.text = text;
}

void report_watch_removals(session& s) {
  if (!s.launched()) return;
  for (const auto& removal : s.target().take_watch_removals()) {
    auto e = s.data_breakpoints().take_engine_id(removal.id);
    if (!e) continue;
    protocol::breakpoint gone;
    gone.id = e->id;
    gone.verified = false;
    gone.message = e->data.name + " went out of scope: " + removal.reason;
    s.send_event("breakpoint", protocol::breakpoint_event_body{"removed", gone});
    s.send_output("console", "int3: data breakpoint on " + e->data.name +
                                 " removed: " + removal.reason + "\n");
  }
}

}  // namespace int3::dap
