#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include "tests/e2e/e2e.hpp"

namespace {

// Counts failed assertions so a client can tell, in its destructor, that
// the test it served has failed (CHECKs do not throw). Listeners need the
// Catch2 implementation, which only this file compiles.
struct failure_counter : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  bool assertionEnded(const Catch::AssertionStats& stats) override {
    if (!stats.assertionResult.isOk()) int3::test::note_failed_assertion();
    return true;
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(failure_counter)
