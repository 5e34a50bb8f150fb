// W8: a stop in a frame with 50 locals and 2 arguments, many of them standard containers,
// three calls deep. The bench asks for the stack, the scopes and every
// non-expensive scope's variables there, as a UI does at each stop.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

struct point {
  double x;
  double y;
};

struct segment {
  point from;
  point to;
  std::string label;
};

struct route {
  std::string name;
  std::vector<segment> legs;
  std::map<std::string, int> tolls;
};

enum class mode { walk, ride, fly };

static volatile long sink;

// n sizes every container, so the work behind a summary grows with it.
static long inspect(int n, const std::string& tag) {
  std::vector<int> ints;
  std::vector<double> reals;
  std::vector<std::string> words;
  std::vector<std::vector<int>> grid;
  std::vector<point> points;
  std::vector<bool> flags;
  std::map<std::string, int> by_name;
  std::map<int, std::string> by_id;
  std::multimap<int, int> pairs;
  std::set<int> seen;
  std::set<std::string> names;
  std::unordered_map<int, std::string> cache;
  std::unordered_map<std::string, double> weights;
  std::unordered_set<int> visited;
  std::deque<double> window;
  std::deque<std::string> queue;
  std::list<int> order;
  std::list<std::string> log;
  std::map<std::string, std::vector<int>> nested_map;
  std::string text = "a string long enough to leave the small buffer " + tag;
  std::string short_text = "short";
  std::string empty_text;
  std::array<int, 16> fixed{};
  std::pair<int, std::string> tagged{7, "seven"};
  std::optional<int> maybe = 42;
  std::optional<std::string> nothing;
  std::unique_ptr<point> owned = std::make_unique<point>(point{1.5, 2.5});
  std::shared_ptr<route> shared = std::make_shared<route>();
  std::weak_ptr<route> observer = shared;
  route trip{"north", {}, {}};
  segment first_leg{{0, 0}, {3, 4}, "first"};
  point origin{0, 0};
  point corner{10, 20};
  mode how = mode::ride;
  int count = n;
  long total = 0;
  unsigned mask = 0xF0F0u;
  short small = -3;
  char letter = 'w';
  bool done = false;
  float ratio = 0.25f;
  double mean = 0;
  const char* c_text = "a C string";
  int* int_ptr = &count;
  point* point_ptr = &corner;
  int raw[8] = {1, 2, 3, 4, 5, 6, 7, 8};
  point raw_points[3] = {{1, 1}, {2, 2}, {3, 3}};
  long long big = 1LL << 40;
  unsigned char byte = 0xAB;
  size_t index = 0;

  for (int i = 0; i < n; ++i) {
    std::string key = "key_" + std::to_string(i);
    ints.push_back(i);
    reals.push_back(i * 0.5);
    words.push_back(key);
    grid.push_back(std::vector<int>(4, i));
    points.push_back({double(i), double(-i)});
    flags.push_back(i % 3 == 0);
    by_name[key] = i;
    by_id[i] = key;
    pairs.insert({i % 10, i});
    seen.insert(i * 2);
    names.insert(key);
    cache[i] = key;
    weights[key] = i / 3.0;
    visited.insert(i);
    window.push_back(i * 1.5);
    queue.push_back(key);
    order.push_back(i);
    log.push_back(key);
    nested_map[key] = {i, i + 1, i + 2};
    trip.legs.push_back({{double(i), 0}, {double(i + 1), 0}, key});
    trip.tolls[key] = i;
    total += i;
  }
  fixed[3] = n;
  shared->name = "shared";
  mean = double(total) / (n ? n : 1);
  index = ints.size() / 2;
  sink = total + long(mean) + int(how) + mask + small + letter + done + long(ratio) + *int_ptr +
         long(point_ptr->x) + raw[index % 8] + long(raw_points[1].y) + big + byte + long(origin.x) +
         long(first_leg.to.y) + long(owned->x) + observer.use_count() + tagged.first + *maybe +
         nothing.has_value() + long(c_text[0]) +
         long(empty_text.size() + short_text.size() + text.size());
  return sink; /* BREAK: w8_stop */
}

static long middle(int n) {
  return inspect(n, "middle") + 1;
}

static long outer(int n) {
  return middle(n) + 1;
}

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 100;
  std::printf("w8 done %ld\n", outer(n));
  return 0;
}
