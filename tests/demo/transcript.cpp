#include "tests/demo/transcript.hpp"

#include <filesystem>
#include <ostream>

namespace int3::demo {

void transcript::sent(const std::string& what) {
  program_output();
  out_ << "\u2192 " << what << "\n";
}

void transcript::received(const std::string& what) {
  program_output();
  out_ << "\u2190 " << what << "\n";
}

void transcript::note(const std::string& what) {
  out_ << "    " << what << "\n";
}

void transcript::program_output() {
  const auto& all = client_.transcript();
  for (; seen_ < all.size(); ++seen_) {
    const auto& m = all[seen_];
    if (m.value("event", "") != "output" || !m.contains("body")) continue;
    const std::string category = m["body"].value("category", "console");
    std::string text = m["body"].value("output", "");
    while (!text.empty() && text.back() == '\n') text.pop_back();
    out_ << "  [" << category << "] " << text << "\n";
  }
  out_.flush();
}

namespace {

std::string where(const test::json& frame) {
  if (!frame.contains("source")) return "(no source)";
  const std::string path = frame["source"].value("path", frame["source"].value("name", "?"));
  return std::filesystem::path(path).filename().string() + ":" +
         std::to_string(frame.value("line", 0));
}

}  // namespace

std::string describe_stop(const test::json& stopped, const test::json& top) {
  return stopped["body"].value("reason", "?") + " at " + where(top) + " in function " +
         top.value("name", "?");
}

std::string describe_frame(std::size_t index, const test::json& frame) {
  const std::string at = frame.contains("source") ? " at " : " ";
  return "#" + std::to_string(index) + " " + frame.value("name", "?") + at + where(frame);
}

}  // namespace int3::demo
