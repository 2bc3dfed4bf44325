#include "cc/renderer/worker_pool.h"

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <new>
#include <system_error>

namespace candlewick {

uint32_t AvailableCpuCount() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<uint32_t>(n);
  }
  const unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

// One Run's loop. Lives on the caller's stack; linked into the pool's queue
// while helpers may join it.
struct WorkerPool::Group {
  Task task;
  void* context;
  size_t count;
  uint32_t helpers_allowed;
  std::atomic<size_t> next{0};  // the next unclaimed iteration
  uint32_t helpers = 0;         // workers inside Drain (under mu_)
  Group* newer = nullptr;
  Group* older = nullptr;

  void Drain() {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) task(context, i);
  }
};

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (uint32_t i = 0; i < started_; ++i) threads_[i].join();
}

uint32_t WorkerPool::started() const {
  std::lock_guard<std::mutex> lock(mu_);
  return started_;
}

uint32_t WorkerPool::GrowLocked(uint32_t wanted) {
  wanted = std::min(wanted, kMaxThreads - 1);
  while (started_ < wanted) {
    try {
      threads_[started_] = std::thread([this] { Work(); });
    } catch (const std::system_error&) {
      break;  // the system refused a thread: work with those we have
    } catch (const std::bad_alloc&) {
      break;
    }
    pthread_setname_np(threads_[started_].native_handle(), "candlewick");
    ++started_;
  }
  return started_;
}

WorkerPool::Group* WorkerPool::FindGroupLocked() const {
  for (Group* g = oldest_; g != nullptr; g = g->newer) {
    if (g->helpers < g->helpers_allowed && g->next.load(std::memory_order_relaxed) < g->count) {
      return g;
    }
  }
  return nullptr;
}

void WorkerPool::Run(size_t count, uint32_t threads, Task task, void* context) {
  if (count == 0) return;
  const uint32_t capped = std::min(std::max(threads, 1u), kMaxThreads);
  uint32_t helpers = static_cast<uint32_t>(std::min<size_t>(capped - 1, count - 1));
  Group group;
  group.task = task;
  group.context = context;
  group.count = count;
  if (helpers > 0) {
    std::lock_guard<std::mutex> lock(mu_);
    helpers = std::min(helpers, GrowLocked(helpers));
    if (helpers > 0) {
      group.helpers_allowed = helpers;
      group.older = newest_;
      (newest_ != nullptr ? newest_->newer : oldest_) = &group;
      newest_ = &group;
    }
  }
  if (helpers > 0) work_cv_.notify_all();
  group.Drain();
  if (helpers == 0) return;
  std::unique_lock<std::mutex> lock(mu_);
  // No helper may join once every iteration is claimed; unlink, then wait
  // for those still inside.
  (group.newer != nullptr ? group.newer->older : newest_) = group.older;
  (group.older != nullptr ? group.older->newer : oldest_) = group.newer;
  done_cv_.wait(lock, [&] { return group.helpers == 0; });
}

void WorkerPool::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    Group* group = nullptr;
    work_cv_.wait(lock, [&] { return stop_ || (group = FindGroupLocked()) != nullptr; });
    if (group == nullptr) return;  // stopping, and no Run is in progress
    ++group->helpers;
    lock.unlock();
    group->Drain();
    lock.lock();
    if (--group->helpers == 0) done_cv_.notify_all();
  }
}

}  // namespace candlewick
